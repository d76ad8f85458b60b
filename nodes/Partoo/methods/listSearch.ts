import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { partooApi, paths } from '../api';

interface SearchPage {
	page?: number;
	max_page?: number;
	orgs?: Array<{ org_id: number; name: string }>;
}

const PER_PAGE = 100;

/** Organizations for the "From List" picker: searchable by name or ID, paginated by Partoo. */
export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const transport = new Transport(this, partooApi);
	const qs: Record<string, string | number> = { page, per_page: PER_PAGE };
	if (filter) qs.query = filter;
	const body = await transport.request<SearchPage>({ method: 'GET', path: paths.searchOrgs, qs });
	const results = (body.orgs ?? []).map((org) => ({ name: `${org.name} (${org.org_id})`, value: String(org.org_id) }));
	// Page numbering is UNCONFIRMED (0 or 1); we start at 1 and stop once page >= max_page.
	const current = body.page ?? page;
	const more = body.max_page !== undefined && current < body.max_page;
	return { results, paginationToken: more ? String(current + 1) : undefined };
}
