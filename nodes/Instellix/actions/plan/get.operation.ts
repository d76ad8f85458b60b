import { defineRead } from '../../../core/node';
import { fetchPlan, planField, readPlanId } from './common';

export const operation = defineRead({
	fields: [planField],
	input: (params) => ({ planId: readPlanId(params) }),
	run: async (op, input, i) => await fetchPlan(op, input.planId, i),
});
