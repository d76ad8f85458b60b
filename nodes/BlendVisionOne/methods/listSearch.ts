import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { actingOrgId, blendVisionOneApi, hasMorePages, PAGE_SIZE, paths, type SubOrgPage } from '../api';
import { type Organization, typeName } from '../shapes';

/** An organization as the pickers list it: "Acme EU (Business)". */
const choice = (org: Organization) => ({ name: `${org.name ?? org.id}${org.type ? ` (${typeName(org.type)})` : ''}`, value: org.id });

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
	const body = await transport.request<SubOrgPage>({ method: 'GET', path: paths.subOrgs, qs });
	const organizations = Array.isArray(body?.organizations) ? body.organizations : [];
	const results = organizations.map(choice);
	const more = hasMorePages(body?.pagination, page, PAGE_SIZE, organizations.length);
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

/**
 * The sub-organizations that have sub-organizations of their own, among those of the given types (all
 * types when none is given), read from the sub-organization list (`has_sub_orgs`).
 */
async function withSubOrgs(transport: Transport, types: string[]): Promise<Set<string>> {
	const taken = new Set<string>();
	for (let page = 1; ; page++) {
		const qs = { current_page: page, items_per_page: PAGE_SIZE, ...(types.length ? { types } : {}) };
		const body = await transport.request<SubOrgPage>({ method: 'GET', path: paths.subOrgs, qs });
		const organizations = Array.isArray(body?.organizations) ? body.organizations : [];
		for (const org of organizations) if (org.has_sub_orgs === true) taken.add(org.id);
		if (!hasMorePages(body?.pagination, page, PAGE_SIZE, organizations.length)) return taken;
	}
}

/**
 * Organizations a sub-organization can be moved under (GET /bv/org/v1/organizations:list-appends),
 * filtered by name here: the endpoint has no name filter and no pages. BlendVision One refuses a parent
 * that is a sub-organization with sub-organizations of its own (ERROR_REASON_HAS_APPENDED_SUB_ORGS), so
 * those are left out.
 */
export async function searchParentOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(blendVisionOneApi.credentialType);
	const transport = new Transport(this, blendVisionOneApi);
	const body = await transport.request<{ organizations?: Organization[] }>({ method: 'GET', path: paths.candidateParents });
	const candidates = (Array.isArray(body?.organizations) ? body.organizations : []).filter((org) => org.id !== actingOrgId(credentials));
	const types = candidates.every((org) => org.type) ? [...new Set(candidates.map((org) => org.type as string))] : [];
	const taken = candidates.length ? await withSubOrgs(transport, types) : new Set<string>();
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = (Array.isArray(body?.organizations) ? body.organizations : [])
		.filter((org) => !taken.has(org.id))
		.filter((org) => !needle || (org.name ?? '').toLowerCase().includes(needle) || org.id.toLowerCase() === needle)
		.map(choice);
	return { results };
}
