import { defineRead } from '../../../../core/node';
import { fetchPlan } from '../resource';
import { fields } from './description';
import { input } from './input';

/** Get: the plan with its phases, options and properties, as Instellix returns it. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, { planId }, itemIndex) => await fetchPlan(op, planId, itemIndex),
});
