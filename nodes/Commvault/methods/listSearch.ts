import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { commvaultApi, paths } from '../api';
import { organizationsFromList } from '../shapes';

/** Organizations for the "From List" picker: label connectName, value shortName.id; filtered here (no paging). */
export async function searchOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const transport = new Transport(this, commvaultApi);
	const body = await transport.request({ method: 'GET', path: paths.organizations, format: 'text' });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = organizationsFromList(body)
		.filter(
			(org) =>
				!needle ||
				org.name.toLowerCase().includes(needle) ||
				org.domainName.toLowerCase().includes(needle) ||
				String(org.id) === needle,
		)
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((org) => ({ name: org.name || org.domainName || String(org.id), value: String(org.id) }));
	return { results };
}
