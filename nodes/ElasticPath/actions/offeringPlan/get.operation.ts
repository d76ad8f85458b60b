import type { INodeProperties } from 'n8n-workflow';

import { ItemParams } from '../../../core/params';
import type { ReadOperation } from '../../../core/runner';
import { planView } from '../../api';
import { type PlanInput, offeringField, planField, readPlan, readPlanIds } from './common';

const OP = ['get'];

export const description: INodeProperties[] = [offeringField(OP), planField(OP)];

export const operation: ReadOperation<PlanInput> = {
	kind: 'read',
	prepare: (ctx, i) => readPlanIds(new ItemParams(ctx, i)),
	run: async (op, input, i) => planView(await readPlan(op, input, i)),
};
