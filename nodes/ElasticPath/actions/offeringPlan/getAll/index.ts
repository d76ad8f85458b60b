import { defineRead } from '../../../../core/node';
import { listPlans } from '../../../lists';
import { planView } from '../../../plan';
import { fields } from './description';
import { input } from './input';

/** Get Many: the offering's plans, all of them or up to "Limit". */
export const operation = defineRead({
	fields,
	input,
	run: async (op, input, i) => (await listPlans(op.transport, input.offeringId, input.limit, i)).map(planView),
});
