import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Redactor } from './redact';
import type { ApiRequest, HttpResponse, ProviderApi, ProviderErrorInfo } from './types';

const GENERIC_HINTS: Record<string, (api: ProviderApi) => string> = {
	'400': () => 'The provider refused a value in the request; its message above names it. Fix that value in the node or in the input item.',
	'401': (api) =>
		`The credentials were refused. Open the "${api.credentialDisplayName}" credential, check the secret and the environment, and use its Test button.`,
	'403': () =>
		'The credentials are valid but not allowed to do this. Check the role and permissions of the user or key behind them, and that the resource belongs to the account the credential acts for.',
	'404': () => 'Nothing exists at this ID for these credentials. Check the ID, or choose the resource "From list".',
	'409': () => 'The resource was changed by someone else at the same moment. Run the node again.',
	'415': () => 'The provider did not accept the request format. This is a bug in the node; please report it.',
	'422': () => 'The provider could not process the values sent; its message above says which. Fix them and run again.',
	'429': () =>
		'The provider rate limit was reached and the retries ran out. Lower "Concurrency", raise "Max Retries", or spread the items over time.',
	'5xx': (api) =>
		`${api.displayName} had an internal problem. Try again later; if it keeps happening, contact ${api.displayName} support with the time of the error.`,
};

function hintFor(api: ProviderApi, info: ProviderErrorInfo, status: number, req: Pick<ApiRequest, 'method' | 'path'>): string {
	const specific = api.hint?.(info, status, req);
	if (specific) return specific;
	const generic = GENERIC_HINTS[String(status)] ?? (status >= 500 ? GENERIC_HINTS['5xx'] : GENERIC_HINTS['400']);
	return generic(api);
}

export type ItemError = NodeApiError | NodeOperationError;

/** How each error that names an item was made, to make it again for another item (forItem). */
const makers = new WeakMap<ItemError, (itemIndex?: number) => ItemError>();

/**
 * An error about an item, made by `make` so that it can be made again for another item: when one request
 * served several items (a shared read or write), each item's error names that item.
 */
export function itemError<E extends ItemError>(make: (itemIndex?: number) => E, itemIndex?: number): E {
	const error = make(itemIndex);
	makers.set(error, make);
	return error;
}

/** ` (item 3)`, or nothing for an error outside the item loop (a list search). */
export const atItem = (itemIndex?: number) => (itemIndex === undefined ? '' : ` (item ${itemIndex})`);

function describeRequest(req: Pick<ApiRequest, 'method' | 'path'>): string {
	return `${req.method} ${req.path}`;
}

/**
 * Turns a provider's error response into a NodeApiError that keeps the provider's text, says how to
 * fix it, carries the HTTP status and the item, and holds no secret.
 */
export function providerError(
	node: INode,
	api: ProviderApi,
	redactor: Redactor,
	response: HttpResponse,
	info: ProviderErrorInfo,
	req: Pick<ApiRequest, 'method' | 'path'>,
	itemIndex?: number,
	/** A sentence added to the message, with its own advice (e.g. a Retry-After too long to wait for). */
	note?: { addendum: string; hint: string },
): NodeApiError {
	const providerText = info.message || `HTTP ${response.status}`;
	const addendum = note ? `. ${note.addendum}` : '';
	const lines = [note?.hint ?? hintFor(api, info, response.status, req)];
	if (info.reason) lines.push(`Reason: ${info.reason}.`);
	if (info.details?.length) lines.push(`Details: ${info.details.join('; ')}`);
	lines.push(`Request: ${describeRequest(req)}`);
	const description = redactor.redactMessage(lines.join('\n'));
	const errorResponse = redactor.redactErrorBody({
		httpCode: String(response.status),
		message: providerText,
		reason: info.reason ?? null,
		// A body that is not JSON is the provider's error text.
		body: typeof response.body === 'object' ? response.body : redactor.redactMessage(String(response.body ?? '')),
	}) as JsonObject;
	return itemError(
		(item) =>
			new NodeApiError(node, errorResponse, {
				message: redactor.redactMessage(`${api.displayName} returned ${response.status}${atItem(item)}: ${providerText}${addendum}`),
				description,
				httpCode: String(response.status),
				itemIndex: item,
			}),
		itemIndex,
	);
}

/** A request that never got an HTTP answer: timeout, refused or reset connection, DNS. */
export function networkError(
	node: INode,
	api: ProviderApi,
	redactor: Redactor,
	code: string,
	detail: string,
	req: Pick<ApiRequest, 'method' | 'path'>,
	itemIndex?: number,
): NodeApiError {
	const timedOut = /ETIMEDOUT|ECONNABORTED|TIMEOUT/i.test(code);
	let words: (where: string) => string;
	let hint: string;
	if (timedOut) {
		words = (where) => `${api.displayName} did not answer in time${where}`;
		hint = 'The request timed out. Raise "Timeout" in the node options, or try again when the provider is less busy.';
	} else if (code) {
		words = (where) => `Could not reach ${api.displayName}${where}: ${code}`;
		hint = `Check the base URL in the "${api.credentialDisplayName}" credential and that this n8n can reach it.`;
	} else {
		// Not a network failure: typically the credential's own sign-in step failed.
		words = (where) => `${api.displayName} request failed${where}: ${detail}`;
		hint = `Check the "${api.credentialDisplayName}" credential (use its Test button).`;
	}
	const description = redactor.redactMessage(`${hint}\nRequest: ${describeRequest(req)}`);
	// `networkCode`, not `code`: NodeApiError would swap our message for a generic one keyed on `code`.
	const errorResponse = { message: redactor.redactMessage(detail), networkCode: code } as JsonObject;
	return itemError(
		(item) => new NodeApiError(node, errorResponse, { message: redactor.redactMessage(words(atItem(item))), description, itemIndex: item }),
		itemIndex,
	);
}

/**
 * An input problem found before anything is sent. Names the field and the item and says how to fix it.
 */
export function inputError(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return itemError((item) => new NodeOperationError(node, `Invalid "${field}" in item ${item}: ${problem}`, { itemIndex: item, description: fix }), itemIndex);
}

/**
 * The error for another item (one request served several items): made again for that item when it names
 * its item (itemError), else the same error with that item in its context.
 */
function forItem<E extends ItemError>(error: E, itemIndex: number): E {
	if (error.context.itemIndex === itemIndex) return error;
	const make = makers.get(error);
	if (make) return itemError(make, itemIndex) as E;
	const copy = Object.create(Object.getPrototypeOf(error) as object) as E;
	Object.assign(copy, error);
	copy.context = { ...error.context, itemIndex };
	return copy;
}

/**
 * Thrown by an operation's pure `apply` when a change is not allowed on the resource as it is now
 * (e.g. it would remove plans the user did not name). The runner turns it into a NodeOperationError
 * for the right node and item.
 */
export class ChangeRefused extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly fix: string,
	) {
		super(`"${field}": ${problem}`);
		this.name = 'ChangeRefused';
	}
}

/**
 * A write that met a 429 found, after the wait, the resource changed since the read it was built from
 * (transport.ts): sent again it would be an older copy. The update is made anew from a fresh read;
 * `failure` is the provider's answer, the item's error should that run out of tries.
 */
export class StaleCopy extends Error {
	constructor(readonly failure: NodeApiError) {
		super(failure.message);
		this.name = 'StaleCopy';
	}
}

function refusedError(node: INode, itemIndex: number, refusal: ChangeRefused): NodeOperationError {
	return itemError(
		(item) => new NodeOperationError(node, `Change refused for "${refusal.field}" in item ${item}: ${refusal.problem}`, { itemIndex: item, description: refusal.fix }),
		itemIndex,
	);
}

/** The HTTP status of a provider's error answer (NodeApiError), if it is one. */
export function httpStatusOf(error: unknown): number | undefined {
	return error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : undefined;
}

/** Any error thrown while working on an item, as the error of that item. */
export function toItemError(error: unknown, ctx: IExecuteFunctions, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof ChangeRefused) return refusedError(ctx.getNode(), itemIndex, error);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return forItem(error, itemIndex);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}
