import { NodeOperationError } from 'n8n-workflow';

import { type Page, paginate } from '../core/paginate';
import type { Transport } from '../core/transport';
import { type JsonApiResource, LIMITS, listData, pageHasMore, pageQuery, paths } from './api';
import { type PlanResource, toPlanResource } from './plan';

// Elastic Path's lists (offerings, an offering's plans), read page by page, and the IDs they hold. Used by
// the operations and by the "From List" pickers (methods/).

/** Elastic Path IDs are UUIDs. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UUID_SOURCE = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** One page of a list (offerings, an offering's plans). `page` counts from 0. */
export async function fetchPage(
	transport: Transport,
	path: string,
	page: number,
	pageSize: number,
	itemIndex?: number,
): Promise<Page<JsonApiResource>> {
	const offset = page * pageSize;
	if (offset > LIMITS.pageOffsetMax) {
		throw new NodeOperationError(
			transport.node,
			`The list at ${path} is longer than Elastic Path lets a client page through (records past offset ${LIMITS.pageOffsetMax})`,
			{ itemIndex, description: 'Use "Limit" to read fewer records. Elastic Path does not serve records past offset 10,000.' },
		);
	}
	const body = await transport.request({ method: 'GET', path, qs: pageQuery(offset, pageSize) }, itemIndex);
	const items = listData(body);
	return { items, hasMore: pageHasMore(body, items.length, pageSize, offset) };
}

/** The offering's plans, all of them or the first `limit`. */
export async function listPlans(
	transport: Transport,
	offeringId: string,
	limit: number | undefined,
	itemIndex?: number,
): Promise<PlanResource[]> {
	const pageSize = Math.min(LIMITS.pageLimitMax, limit ?? LIMITS.pageLimitMax);
	const plans = await paginate((page) => fetchPage(transport, paths.offeringPlans(offeringId), page, pageSize, itemIndex), limit);
	return plans.map((plan) => toPlanResource(offeringId, plan));
}

