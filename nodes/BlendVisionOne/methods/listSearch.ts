import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { blendVisionOneApi, hasMorePages, type Organization, PAGE_SIZE, type Pagination, paths } from '../api';

const shortType = (type: string | undefined) =>
	type ? type.replace('ORGANIZATION_TYPE_', '').toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) : '';

/** Sub-organizations for the "From List" picker: searched by name by BlendVision, 100 per page. */
export async function searchSubOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) || 1 : 1;
	const transport = new Transport(this, blendVisionOneApi);
	const qs: Record<string, string | number> = { current_page: page, items_per_page: PAGE_SIZE };
	if (filter?.trim()) qs.name = filter.trim();
	const body = await transport.request<{ organizations?: Organization[]; pagination?: Pagination }>({
		method: 'GET',
		path: paths.subOrgs,
		qs,
	});
	const organizations = Array.isArray(body?.organizations) ? body.organizations : [];
	const results = organizations.map((org) => ({
		name: `${org.name ?? org.id}${org.type ? ` (${shortType(org.type)})` : ''}`,
		value: org.id,
	}));
	const more = hasMorePages(body?.pagination, page, PAGE_SIZE, organizations.length);
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

/**
 * Organizations a sub-organization can be moved under (GET /bv/org/v1/organizations:list-appends),
 * filtered by name here: the endpoint has no name filter and no pages.
 */
export async function searchParentOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const transport = new Transport(this, blendVisionOneApi);
	const body = await transport.request<{ organizations?: Organization[] }>({ method: 'GET', path: paths.candidateParents });
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = (Array.isArray(body?.organizations) ? body.organizations : [])
		.filter((org) => !needle || (org.name ?? '').toLowerCase().includes(needle) || org.id.toLowerCase() === needle)
		.map((org) => ({ name: `${org.name ?? org.id}${org.type ? ` (${shortType(org.type)})` : ''}`, value: org.id }));
	return { results };
}
