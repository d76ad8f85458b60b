import { defineRead } from '../../../../core/node';
import { paginate } from '../../../../core/paginate';
import { PAGE_SIZE, type Plan, pageQuery, paths, readPlanPage } from '../../../api';
import { fields } from './description';
import { input } from './input';

/** Get Many: the tenant's plans, page by page, up to the limit. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, { limit }, itemIndex) => {
		const size = limit !== undefined ? Math.min(limit, PAGE_SIZE) : PAGE_SIZE;
		return await paginate<Plan>(async (page) => {
			const body = await op.transport.request({ method: 'GET', path: paths.plans, qs: pageQuery(page, size) }, itemIndex);
			const { plans, hasMore } = readPlanPage(body, page, size);
			return { items: plans, hasMore };
		}, limit);
	},
});
