import { defineRead } from '../../../core/node';
import { planView } from '../../api';
import { offeringField, planField, readPlan, readPlanIds } from './common';

export const operation = defineRead({
	fields: [offeringField, planField],
	input: readPlanIds,
	run: async (op, input, i) => planView(await readPlan(op, input, i)),
});
