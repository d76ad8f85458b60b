import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { PAGE_SIZE, type Plan, instellixApi, pageQuery, paths, readPlanPage } from '../api';
import { planIdOf, planIdentOf } from '../plan';

/** Pages read per call when filtering, so one keystroke never walks a huge catalogue. */
const MAX_PAGES_PER_SEARCH = 10;

function toItem(plan: Plan): INodeListSearchItems | undefined {
	const id = planIdOf(plan);
	if (id === undefined) return undefined;
	const name = typeof plan.name === 'string' && plan.name !== '' ? plan.name : '(no name)';
	const ident = planIdentOf(plan);
	return { name: `${name} (${ident ? `${ident}, ` : ''}ID ${id})`, value: id };
}

function matches(plan: Plan, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	const haystack = [plan.name, planIdentOf(plan), planIdOf(plan)].filter((v) => typeof v === 'string') as string[];
	return haystack.some((v) => v.toLowerCase().includes(needle));
}

/**
 * Plans for the "From List" picker, page by page. ASSUMPTION (UNCONFIRMED): the plan list has no
 * search parameter, so a filter is applied to the names, idents and IDs of the pages read.
 */
export async function searchPlans(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const transport = new Transport(this, instellixApi);
	let page = paginationToken ? Number(paginationToken) : 0;
	const results: INodeListSearchItems[] = [];
	for (let read = 0; read < (filter ? MAX_PAGES_PER_SEARCH : 1); read++) {
		const body = await transport.request({ method: 'GET', path: paths.plans, qs: pageQuery(page, PAGE_SIZE) });
		const { plans, hasMore } = readPlanPage(body, page, PAGE_SIZE);
		for (const plan of plans) {
			const item = filter && !matches(plan, filter) ? undefined : toItem(plan);
			if (item) results.push(item);
		}
		page++;
		if (!hasMore) return { results };
		if (filter && results.length >= PAGE_SIZE) break;
	}
	return { results, paginationToken: String(page) };
}
