import { returnAllOrLimit } from '../../../core/descriptions';
import { defineRead } from '../../../core/node';
import { planView } from '../../api';
import { listPlans } from '../../lists';
import { offeringField, readOfferingId } from './common';

export const operation = defineRead({
	fields: [offeringField, ...returnAllOrLimit()],
	// limit undefined: all plans.
	input: (params) => ({ offeringId: readOfferingId(params), limit: params.limit() }),
	run: async (op, input, i) => (await listPlans(op.transport, input.offeringId, input.limit, i)).map(planView),
});
