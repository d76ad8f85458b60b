import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { paginate } from '../../../core/paginate';
import type { ReadOperation } from '../../../core/runner';
import { PAGE_SIZE, type Plan, pageQuery, paths, readPlanPage } from '../../api';
import { RESOURCE, newParams } from './common';

export const description: INodeProperties[] = [...returnAllOrLimit({ resource: [RESOURCE], operation: ['getAll'] })];

interface Input {
	limit?: number;
}

export const operation: ReadOperation<Input> = {
	kind: 'read',
	prepare: (ctx, i) => {
		const params = newParams(ctx, i);
		const returnAll = params.boolean('returnAll', 'Return All');
		if (returnAll) return {};
		return { limit: params.number('limit', 'Limit', { min: 1, integer: true, required: true }) };
	},
	run: async (op, input, i) => {
		const size = input.limit !== undefined ? Math.min(input.limit, PAGE_SIZE) : PAGE_SIZE;
		return await paginate<Plan>(async (page) => {
			const body = await op.transport.request({ method: 'GET', path: paths.plans, qs: pageQuery(page, size) }, i);
			const { plans, hasMore } = readPlanPage(body, page, size);
			return { items: plans, hasMore };
		}, input.limit);
	},
};
