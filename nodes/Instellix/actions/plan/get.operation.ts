import type { INodeProperties } from 'n8n-workflow';

import type { ReadOperation } from '../../../core/runner';
import { type PlanInput, fetchPlan, newParams, planField, readPlanId } from './common';

export const description: INodeProperties[] = [planField(['get'])];

export const operation: ReadOperation<PlanInput> = {
	kind: 'read',
	prepare: (ctx, i) => ({ planId: readPlanId(newParams(ctx, i)) }),
	run: async (op, input, i) => await fetchPlan(op, input.planId, i),
};
