import type { IDataObject } from 'n8n-workflow';

import { defineRead } from '../../../../core/node';
import { paginate } from '../../../../core/paginate';
import { hasMorePages, PAGE_SIZE, paths, type SubOrgPage } from '../../../api';
import { fields } from './description';
import { input } from './input';

/** Get Many: the main organization's sub-organizations, filtered by name, type and status. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, input, i) => {
		// Never rely on BlendVision's default page size (1): ask for full pages, or just enough for the limit.
		const perPage = input.limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, input.limit);
		const organizations = await paginate(async (n) => {
			const page = n + 1;
			const qs: Record<string, string | number | string[]> = { current_page: page, items_per_page: perPage };
			if (input.name) qs.name = input.name;
			if (input.types.length) qs.types = input.types;
			if (input.statuses.length) qs.statuses = input.statuses;
			const body = await op.transport.request<SubOrgPage>({ method: 'GET', path: paths.subOrgs, qs }, i);
			const items = Array.isArray(body?.organizations) ? body.organizations : [];
			return { items, hasMore: hasMorePages(body?.pagination, page, perPage, items.length) };
		}, input.limit);
		return organizations as unknown as IDataObject[];
	},
});
