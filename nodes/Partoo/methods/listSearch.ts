import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { partooApi, paths } from '../api';

interface SearchPage {
	page?: number;
	max_page?: number;
	orgs?: Array<{ org_id: number; name: string }>;
}

const PER_PAGE = 100;

/**
 * Whether there is a page after `page`. Where pages start is not settled (the 2021 specification gives
 * `page` a default of 0, today's example answers `page: 1`), so the first request sends no `page` and the
 * answers' own `page` numbers are followed. `max_page` is the "Last page number"; a short or empty page
 * ends the list too, whichever way `max_page` counts.
 */
function hasNext(body: SearchPage, page: number, count: number): boolean {
	if (count < PER_PAGE) return false;
	return typeof body.max_page !== 'number' || page < body.max_page;
}

/** Organizations for the "From List" picker: searchable by name or ID, paginated by Partoo. */
export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const asked = paginationToken ? Number(paginationToken) : undefined;
	const transport = new Transport(this, partooApi);
	const qs: Record<string, string | number> = { per_page: PER_PAGE };
	if (asked !== undefined) qs.page = asked;
	if (filter) qs.query = filter;
	const body = await transport.request<SearchPage>({ method: 'GET', path: paths.searchOrgs, qs });
	const orgs = body.orgs ?? [];
	const results = orgs.map((org) => ({ name: `${org.name} (${org.org_id})`, value: String(org.org_id) }));
	const page = typeof body.page === 'number' ? body.page : asked;
	// Without a page number in the first answer there is no telling which page comes next: it is the only one.
	const more = page !== undefined && hasNext(body, page, orgs.length);
	return { results, paginationToken: more ? String((page as number) + 1) : undefined };
}
