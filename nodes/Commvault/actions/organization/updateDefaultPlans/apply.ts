import type { UpdateInput } from '../inputs';
import { applyChange } from '../planChange';
import type { OrgState } from '../resource';

/** Adds, removes or replaces the default plans of the organization (organizationProperties.defaultPlans). */
export function apply(current: OrgState, input: UpdateInput): OrgState {
	return applyChange(current, input, 'defaultPlans');
}
