import type { Write } from '../../../../core/operation';
import type { UpdateInput } from '../inputs';
import { type OrgState, planWrites } from '../resource';

/**
 * Both plan lists, as ADD and DELETE: plans associated again first, then the default plans, then plans
 * dissociated, so that a default plan is always an associated plan (planChange.ts).
 */
export const writeBothLists: Write<UpdateInput, OrgState> = {
	requests: (before, after, inputs) => {
		const names = (state: OrgState) => state.org.plans.map((p) => p.planName);
		const both = { ...before, org: { ...before.org, plans: [...before.org.plans, ...after.org.plans.filter((p) => !names(before).includes(p.planName))] } };
		const withDefaults = { ...both, org: { ...both.org, defaultPlans: after.org.defaultPlans } };
		return [...planWrites(before, both, inputs, 'plans'), ...planWrites(both, withDefaults, inputs, 'defaultPlans'), ...planWrites(withDefaults, after, inputs, 'plans')];
	},
	// errorCode 0 says each ADD and DELETE was applied: the lists are now as planned.
	result: (_answers, after) => after,
};
