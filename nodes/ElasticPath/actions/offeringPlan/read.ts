import { NodeApiError } from 'n8n-workflow';

import { atItem, httpStatusOf, itemError } from '../../../core/errors';
import type { OperationContext } from '../../../core/operation';
import { type JsonApiResource, LIMITS, SINGLE_GET_FALLBACK_STATUSES, pageQuery, paths, storeCurrencyCodes } from '../../api';
import { fetchPage } from '../../lists';
import { type PlanResource, toPlanResource } from '../../plan';
import type { PlanInput } from './inputs';

// The reads of the plan operations: one plan of an offering, and the store's currencies.

/** Looks for one plan in the offering's list, page by page, and stops when it is found. */
async function findInList(op: OperationContext, offeringId: string, planId: string, itemIndex: number): Promise<JsonApiResource | undefined> {
	for (let page = 0; ; page++) {
		const { items, hasMore } = await fetchPage(op.transport, paths.offeringPlans(offeringId), page, LIMITS.pageLimitMax, itemIndex);
		const found = items.find((plan) => String(plan.id).toLowerCase() === planId);
		if (found) return found;
		if (!hasMore || items.length === 0) return undefined;
	}
}

/** What the single-plan GET answered: the plan, or (SINGLE_GET_FALLBACK_STATUSES) that this store may have no such GET. */
async function getOne(op: OperationContext, input: PlanInput, itemIndex: number): Promise<{ data?: JsonApiResource; missing?: unknown }> {
	const answer = await op.transport
		.request<{ data?: JsonApiResource }>({ method: 'GET', path: paths.offeringPlan(input.offeringId, input.planId) }, itemIndex)
		.then((body) => ({ body }), (failure: unknown) => ({ failure }));
	if ('body' in answer) return answer.body?.data?.id ? { data: answer.body.data } : {};
	// Any other failure is the answer.
	if (!SINGLE_GET_FALLBACK_STATUSES.includes(httpStatusOf(answer.failure) ?? 0)) throw answer.failure;
	return { missing: answer.failure };
}

function noSuchPlan(op: OperationContext, input: PlanInput, itemIndex: number, notFound?: unknown): unknown {
	if (notFound && httpStatusOf(notFound) === 404) return notFound;
	return itemError(
		(item) =>
			new NodeApiError(
				op.transport.node,
				{ message: `No plan ${input.planId} in offering ${input.offeringId}` },
				{
					message: `Elastic Path has no plan ${input.planId} in offering ${input.offeringId}${atItem(item)}`,
					description:
						'The offering exists but none of its plans has this ID. Check the plan ID, or choose the plan "From list" after choosing the offering; a plan ID only works within its own offering.',
					httpCode: '404',
					itemIndex: item,
				},
			),
		itemIndex,
	);
}

const AN_HOUR = 60 * 60_000;

/**
 * Reads one plan of an offering. Some stores answer `GET .../plans/{plan}`, which Elastic Path does not
 * publish; where it is not served (SINGLE_GET_FALLBACK_STATUSES) the plan is found in the offering's list,
 * the documented read. Which of the two a store is, the first
 * read of the process finds out (the reads that start meanwhile wait for its answer), and every execution of
 * this process then reads the right way for an hour: the store is asked once per process, not per execution.
 */
export async function readPlan(op: OperationContext, input: PlanInput, itemIndex: number, storeCurrencies?: string[]): Promise<PlanResource> {
	const resource = (data: JsonApiResource) => toPlanResource(input.offeringId, data, storeCurrencies);
	let probed: JsonApiResource | undefined;
	let probing = false;
	const probe = async () => {
		probing = true;
		const one = await getOne(op, input, itemIndex);
		if (one.data) {
			probed = one.data;
			return true;
		}
		probed = await findInList(op, input.offeringId, input.planId, itemIndex);
		if (probed) return false;
		// Not in the list either: the plan is missing, and the store's API version is still unknown.
		throw noSuchPlan(op, input, itemIndex, one.missing);
	};
	const ask = async () =>
		await op.shared('singlePlanGet', probe, { ttlMs: AN_HOUR }).then((singleGet) => ({ singleGet }), (failure: unknown) => ({ failure }));
	let answer = await ask();
	// Another read's probe failed (its plan is missing): find out with this plan.
	if ('failure' in answer && !probing) answer = await ask();
	if ('failure' in answer) throw answer.failure;
	if (probed) return resource(probed);
	if (answer.singleGet) {
		// This store serves the GET: what it answers stands (a 403 is about this plan, not a missing route).
		const one = await getOne(op, input, itemIndex);
		if (one.data) return resource(one.data);
		if (one.missing && httpStatusOf(one.missing) !== 404) throw one.missing;
		throw noSuchPlan(op, input, itemIndex, one.missing);
	}
	const found = await findInList(op, input.offeringId, input.planId, itemIndex);
	if (found) return resource(found);
	throw noSuchPlan(op, input, itemIndex);
}

/**
 * The store's currency codes, read once per process and store (for 10 minutes), and again at once when
 * `wanted` names a currency the list does not hold (one added since); undefined when they cannot be read.
 */
export async function storeCurrencies(op: OperationContext, wanted: string[] = []): Promise<string[] | undefined> {
	const load = async () => {
		try {
			const body = await op.transport.request({ method: 'GET', path: paths.currencies, qs: pageQuery(0, LIMITS.pageLimitMax) });
			return storeCurrencyCodes(body);
		} catch {
			return undefined;
		}
	};
	const codes = await op.shared('currencies', load);
	return !codes || wanted.every((code) => codes.includes(code)) ? codes : await op.shared('currencies', load, { fresh: true });
}
