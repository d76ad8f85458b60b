import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { ItemParams } from '../../../core/params';
import type { ReadOperation } from '../../../core/runner';
import { planView } from '../../api';
import { type OfferingInput, RESOURCE, listPlans, offeringField, readOfferingId } from './common';

const OP = ['getAll'];

export const description: INodeProperties[] = [offeringField(OP), ...returnAllOrLimit({ resource: [RESOURCE], operation: OP })];

interface Input extends OfferingInput {
	/** Undefined: all plans. */
	limit?: number;
}

export const operation: ReadOperation<Input> = {
	kind: 'read',
	prepare: (ctx, i) => {
		const params = new ItemParams(ctx, i);
		const offeringId = readOfferingId(params);
		const returnAll = params.boolean('returnAll', 'Return All');
		const limit = returnAll ? undefined : params.number('limit', 'Limit', { min: 1, integer: true, required: true });
		return { offeringId, limit };
	},
	run: async (op, input, i) => (await listPlans(op.transport, input.offeringId, input.limit, i)).map(planView),
};
