import type { OrgPlans, PlanName } from '../../../api';
import type { Input } from './input';

/** Drops the named plans; naming a plan the organization does not have changes nothing. */
export function apply(current: OrgPlans, input: Input): OrgPlans {
	current.plans = current.plans.filter((p) => !input.plans.includes(p.name as PlanName));
	return current;
}
