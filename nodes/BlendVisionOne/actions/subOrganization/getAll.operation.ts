import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { defineRead } from '../../../core/node';
import { paginate } from '../../../core/paginate';
import {
	hasMorePages,
	ORGANIZATION_STATUSES,
	ORGANIZATION_TYPES,
	type Organization,
	PAGE_SIZE,
	type Pagination,
	paths,
} from '../../api';

/** "ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR" -> "General Distributor". */
const label = (value: string, prefix: string) =>
	value
		.slice(prefix.length)
		.split('_')
		.map((w) => w[0] + w.slice(1).toLowerCase())
		.join(' ');

const fields: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Return only the sub-organizations that match all of these',
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme',
				description: 'Return sub-organizations whose name contains this text',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORGANIZATION_STATUSES.map((value) => ({ name: label(value, 'ORGANIZATION_STATUS_'), value })),
				default: [],
				description: 'Return sub-organizations in any of these statuses',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: ORGANIZATION_TYPES.map((value) => ({ name: label(value, 'ORGANIZATION_TYPE_'), value })),
				default: [],
				description: 'Return sub-organizations of any of these types',
			},
		],
	},
];

interface Input {
	limit?: number;
	name?: string;
	types: string[];
	statuses: string[];
}

interface ListPage {
	organizations?: Organization[];
	pagination?: Pagination;
}

export const operation = defineRead<Input>({
	fields,
	input: (params) => {
		const filters = params.collection('filters', 'Filters');
		return {
			limit: params.limit(),
			name: params.checkString(filters.name, 'Filters > Name Contains'),
			types: params.checkOptions(filters.types, 'Filters > Types', ORGANIZATION_TYPES),
			statuses: params.checkOptions(filters.statuses, 'Filters > Statuses', ORGANIZATION_STATUSES),
		};
	},
	run: async (op, input, i) => {
		// Never rely on BlendVision's default page size (1): ask for full pages, or just enough for the limit.
		const perPage = input.limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, input.limit);
		const organizations = await paginate(async (n) => {
			const page = n + 1;
			const qs: Record<string, string | number | string[]> = { current_page: page, items_per_page: perPage };
			if (input.name) qs.name = input.name;
			if (input.types.length) qs.types = input.types;
			if (input.statuses.length) qs.statuses = input.statuses;
			const body = await op.transport.request<ListPage>({ method: 'GET', path: paths.subOrgs, qs }, i);
			const items = Array.isArray(body?.organizations) ? body.organizations : [];
			return { items, hasMore: hasMorePages(body?.pagination, page, perPage, items.length) };
		}, input.limit);
		return organizations as unknown as IDataObject[];
	},
});
