import { returnAllOrLimit } from '../../../core/descriptions';
import { defineRead } from '../../../core/node';
import { paginate } from '../../../core/paginate';
import { PAGE_SIZE, type Plan, pageQuery, paths, readPlanPage } from '../../api';

export const operation = defineRead({
	fields: returnAllOrLimit(),
	input: (params) => ({ limit: params.limit() }),
	run: async (op, input, i) => {
		const size = input.limit !== undefined ? Math.min(input.limit, PAGE_SIZE) : PAGE_SIZE;
		return await paginate<Plan>(async (page) => {
			const body = await op.transport.request({ method: 'GET', path: paths.plans, qs: pageQuery(page, size) }, i);
			const { plans, hasMore } = readPlanPage(body, page, size);
			return { items: plans, hasMore };
		}, input.limit);
	},
});
