import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { type JsonApiResource, LIMITS, elasticPathApi, paths } from '../api';
import { UUID, fetchPage } from '../lists';

const PAGE = LIMITS.pageLimitMax;

function matches(resource: JsonApiResource, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	const a = resource.attributes ?? {};
	return [resource.id, a.name, a.external_ref].some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

/**
 * One page per call without a filter (the token is the next record offset). With a filter, Elastic
 * Path cannot search by name, so every page is read and filtered here.
 */
async function search(
	transport: Transport,
	path: string,
	toItem: (resource: JsonApiResource) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (filter && filter.trim() !== '') {
		const found: INodeListSearchItems[] = [];
		for (let page = 0; ; page++) {
			const { items, hasMore } = await fetchPage(transport, path, page, PAGE);
			found.push(...items.filter((r) => matches(r, filter)).map(toItem));
			if (!hasMore || items.length === 0 || (page + 1) * PAGE > LIMITS.pageOffsetMax) break;
		}
		return { results: found };
	}
	const offset = paginationToken ? Number(paginationToken) : 0;
	const { items, hasMore } = await fetchPage(transport, path, Math.floor(offset / PAGE), PAGE);
	const next = offset + PAGE;
	return { results: items.map(toItem), paginationToken: hasMore && next <= LIMITS.pageOffsetMax ? String(next) : undefined };
}

/** Offerings for the "From List" picker, searchable by name, ID or external reference. */
export async function searchOfferings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const transport = new Transport(this, elasticPathApi);
	return await search(
		transport,
		paths.offerings,
		(offering) => ({ name: String(offering.attributes?.name ?? offering.id), value: offering.id }),
		filter,
		paginationToken,
	);
}

function planLabel(plan: JsonApiResource): string {
	const a = plan.attributes ?? {};
	const name = String(a.name ?? plan.id);
	if (typeof a.billing_interval_type === 'string') {
		const every = Number(a.billing_frequency ?? 1);
		return `${name} (every ${every} ${a.billing_interval_type}${every === 1 ? '' : 's'})`;
	}
	return typeof a.sku === 'string' && a.sku ? `${name} (${a.sku})` : name;
}

/** The chosen offering's plans for the "From List" picker. */
export async function searchPlans(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const options = { extractValue: true };
	const chosen = this.getCurrentNodeParameter('offering', options) ?? this.getNodeParameter('offering', '', options);
	const offeringId = typeof chosen === 'string' ? chosen.trim() : '';
	if (!UUID.test(offeringId)) {
		throw new NodeOperationError(this.getNode(), 'Choose the offering first', {
			description: 'The plan list shows the plans of the chosen offering: choose an offering (or enter its ID) above.',
		});
	}
	const transport = new Transport(this, elasticPathApi);
	return await search(
		transport,
		paths.offeringPlans(offeringId.toLowerCase()),
		(plan) => ({ name: planLabel(plan), value: plan.id }),
		filter,
		paginationToken,
	);
}
