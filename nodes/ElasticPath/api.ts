import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import { API_PREFIX, apiHost } from './urls';

/** Documented limits of the plan attributes. */
export const LIMITS = {
	nameMin: 3,
	nameMax: 1024,
	descriptionMax: 1024,
	externalRefMax: 2048,
	skuMax: 1024,
	mainImageMax: 1024,
	/** `page[limit]` may not exceed 100. */
	pageLimitMax: 100,
	/** `page[offset]` may not exceed 10,000 (a record offset, zero-based). */
	pageOffsetMax: 10_000,
	/** `amount` is an int64 of minor units; JSON numbers are exact up to this. */
	amountMax: Number.MAX_SAFE_INTEGER,
};

/**
 * Elastic Path publishes no GET for one offering plan: the path has PUT and DELETE only (GitHub
 * elasticpath/elasticpath-dev `openapispecs/subscriptions/public_openapi.yaml`, and the newer
 * elasticpath/composable-frontend `packages/sdks/specs/subscriptions.yaml`); the list
 * (`ListOfferingPlans`) is the documented read. Some stores answer that GET all the same, so the node asks
 * it and, on an answer that says "no such read here", reads the list instead (ASSUMPTION, UNCONFIRMED:
 * which status an unpublished route gets is not documented): 404 and 405 (no route, no such method), 400
 * (a router refusing an unknown path), 403 (gateways that answer unknown routes as forbidden; a real
 * permission problem shows again on the list), 410 (gone) and 501 (not implemented). Not on 401 (the
 * credential: the token was already renewed once), 408, 429 or other 5xx (retried by the transport, then
 * the answer stands: the GET may exist and be failing), nor on 409, 415 or 422 (answers about the request).
 */
export const SINGLE_GET_FALLBACK_STATUSES = [400, 403, 404, 405, 410, 501];

/**
 * The store's currencies come from Elastic Path's Currencies API, `GET /v2/currencies` (`data[].code`,
 * `enabled`, at most 10 per store).
 * ASSUMPTION (UNCONFIRMED): the price maps of a plan accept exactly the store's enabled currencies
 * (the notes say the codes "must be configured in the store"). When the call fails the node skips the
 * store check and relies on the ISO 4217 check and on Elastic Path's own validation.
 */
const CURRENCIES_PATH = '/currencies';
export function storeCurrencyCodes(body: unknown): string[] | undefined {
	const data = (body as { data?: unknown })?.data;
	if (!Array.isArray(data)) return undefined;
	const codes = data
		.filter((c: { enabled?: unknown }) => c && c.enabled !== false)
		.map((c: { code?: unknown }) => (typeof c.code === 'string' ? c.code.toUpperCase() : ''))
		.filter((code) => code !== '');
	return codes.length ? codes : undefined;
}

export const paths = {
	offerings: '/subscriptions/offerings',
	offeringPlans: (offeringId: string) => `/subscriptions/offerings/${offeringId}/plans`,
	offeringPlan: (offeringId: string, planId: string) => `/subscriptions/offerings/${offeringId}/plans/${planId}`,
	currencies: CURRENCIES_PATH,
};

/** Query of one page of a list. */
export function pageQuery(offset: number, limit: number): Record<string, number> {
	return { 'page[limit]': limit, 'page[offset]': offset };
}

/** The URL of a JSON:API link: a string, or an object with `href` (the Subscriptions `Link` schema). */
function linkHref(link: unknown): string | undefined {
	const href = typeof link === 'string' ? link : (link as { href?: unknown } | null)?.href;
	return typeof href === 'string' && href.trim() !== '' ? href : undefined;
}

/** The record offset a page link asks for (`page[offset]=N`, plain or percent-encoded). */
function linkOffset(href: string): number | undefined {
	let text = href;
	try {
		text = decodeURIComponent(href);
	} catch {
		// Not percent-encoded: read as it is.
	}
	const match = /[?&]page\[offset\]=(\d+)/.exec(text);
	return match ? Number(match[1]) : undefined;
}

/**
 * Whether a list has more records after the page at `offset`. The Subscriptions lists answer `data` and
 * `links` (a map of nullable links, `public_openapi.yaml` `Links`; their examples show `links: {}`); other
 * Elastic Path lists add `meta.results.total` (e.g. `openapispecs/pim/pim.yaml`). The list ends at the first
 * of: an empty or short page; `meta.results.total` reached; links that are filled in without a `next`
 * (null, absent or empty); a `next` that asks for this page again or an earlier one. Only a full page with
 * nothing said otherwise (`links: {}`, no meta) asks for the next page, which then is short or empty.
 */
export function pageHasMore(body: unknown, count: number, limit: number, offset = 0): boolean {
	if (count === 0 || count < limit) return false;
	const { links, meta } = (body ?? {}) as { links?: Record<string, unknown> | null; meta?: { results?: { total?: unknown } } };
	const total = meta?.results?.total;
	if (typeof total === 'number' && offset + count >= total) return false;
	if (!links || typeof links !== 'object' || Object.keys(links).length === 0) return true;
	const next = linkHref(links.next);
	if (!next) return false;
	const nextOffset = linkOffset(next);
	if (nextOffset !== undefined) return nextOffset > offset;
	return next !== linkHref(links.current) && next !== linkHref(links.self);
}

/** A JSON:API resource as Elastic Path returns it. */
export interface JsonApiResource {
	id: string;
	type: string;
	attributes: IDataObject;
	relationships?: IDataObject;
	meta?: IDataObject;
}

export function listData(body: unknown): JsonApiResource[] {
	const data = (body as { data?: unknown })?.data;
	return Array.isArray(data) ? (data as JsonApiResource[]) : [];
}

interface JsonApiError {
	status?: string | number;
	title?: string;
	detail?: string;
	source?: unknown;
	request_id?: string;
	meta?: { missing_ids?: unknown };
}

function errorLine(error: JsonApiError): string {
	const parts = [error.title, error.detail].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
	let line = parts.join(': ');
	const source = typeof error.source === 'string' ? error.source : (error.source as { pointer?: unknown })?.pointer;
	if (typeof source === 'string' && source && !line.includes(source)) line = `${line} (${source})`;
	return line;
}

/**
 * Elastic Path answers errors as JSON:API error objects: `{"errors":[{"status","title","detail",...}]}`.
 * `status` may be a string or a number and is not always the HTTP status (a 403 carries "404" in the
 * docs), so the HTTP status of the response is what counts; the text is kept as written.
 */
export function parseElasticPathError(response: HttpResponse): ProviderErrorInfo {
	const body = response.body as { errors?: unknown; error?: unknown; message?: unknown } | string | undefined;
	const errors = body && typeof body === 'object' && Array.isArray(body.errors) ? (body.errors as JsonApiError[]) : [];
	const lines = errors.filter((e) => e && typeof e === 'object').map(errorLine).filter((l) => l !== '');
	const details: string[] = [];
	for (const error of errors) {
		const missing = error?.meta?.missing_ids;
		if (Array.isArray(missing) && missing.length) details.push(`Missing IDs: ${missing.join(', ')}`);
		if (typeof error?.request_id === 'string') details.push(`Request ID: ${error.request_id}`);
	}
	if (lines.length === 0) {
		let text = '';
		if (typeof body === 'string') text = body.trim().slice(0, 300);
		else if (body && typeof body === 'object') {
			const single = body.error ?? body.message;
			if (typeof single === 'string') text = single;
		}
		return { message: text || `HTTP ${response.status}`, details: details.length ? details : undefined };
	}
	details.unshift(...lines.slice(1));
	return { message: lines[0], details: details.length ? details : undefined };
}

const CREDENTIAL_TYPE = 'elasticPathApi';

export const elasticPathApi: ProviderApi = {
	displayName: 'Elastic Path',
	credentialType: CREDENTIAL_TYPE,
	credentialDisplayName: 'Elastic Path API',
	secretFields: ['clientSecret', 'accessToken'],
	baseUrl: (credentials: ICredentialDataDecryptedObject) => {
		const host = apiHost(credentials);
		return host ? `${host}${API_PREFIX}` : '';
	},
	// The application key names the store (the region's host is shared by many stores).
	account: (credentials) => String(credentials.clientId ?? '').trim(),
	headers: { Accept: 'application/json' },
	parseError: parseElasticPathError,
	hint: (info, status) => {
		switch (status) {
			case 401:
				return 'Elastic Path did not accept the access token, even after the node signed in again. Check the client ID, client secret and region in the "Elastic Path API" credential (a store answers only on its own region\'s host) and use its Test button.';
			case 403:
				return /tenancy/i.test(info.message)
					? 'The plan belongs to another owner (an organization-level offering, or another store) than the credential\'s application key. Use a key of the owner of the offering, or change the plan in Commerce Manager.'
					: 'The application key is valid but may not do this. Use a client-credentials key of this store (Commerce Manager > System > Application Keys) with access to Subscriptions.';
			case 404:
				return 'No offering or plan with this ID exists in this store. Check the offering and plan IDs (UUIDs), or choose them "From list"; a plan ID only works within its own offering. A credential set to another region than the store\'s also gives 404.';
			case 409:
				return 'Elastic Path reported a write conflict every time: the plan kept being changed by someone else while the node re-read it and applied the change again. Run the node again later; nothing was lost.';
			case 429:
				return 'Elastic Path\'s rate limit (100 requests per second for a production store, 25 for a development store) was reached and the retries ran out. Lower "Concurrency", raise "Max Retries", or spread the items over time.';
			default:
				return undefined;
		}
	},
	/** 100 requests per second per store (25 for development stores), documented. */
	rateLimit: {
		limit: 100,
		windowMs: 1000,
		per: 'second',
		documented: 'Elastic Path documents 100 requests per second for a production store and 25 for a development store: set 25 for a development store.',
	},
};
