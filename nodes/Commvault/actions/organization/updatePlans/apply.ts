import type { UpdateInput } from '../inputs';
import { applyChange } from '../planChange';
import type { OrgState } from '../resource';

/** Associates, dissociates or replaces the plans of the organization (planDetails). */
export function apply(current: OrgState, input: UpdateInput): OrgState {
	return applyChange(current, input, 'plans');
}
