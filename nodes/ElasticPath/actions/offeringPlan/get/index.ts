import { defineRead } from '../../../../core/node';
import { planView } from '../../../plan';
import { readPlan } from '../read';
import { fields } from './description';
import { input } from './input';

/** Get: one plan of an offering, with its model and Elastic Path's read-only meta. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, input, i) => planView(await readPlan(op, input, i)),
});
