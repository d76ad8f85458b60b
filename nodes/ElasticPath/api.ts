import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { deepEqual } from '../core/changes';
import type { ApiRequest, HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import { API_PREFIX, apiHost } from './urls';

/** JSON:API type of an offering plan, in both plan models. */
export const PLAN_TYPE = 'subscription_offering_plan';

export const BILLING_INTERVAL_TYPES = ['day', 'week', 'month', 'year'] as const;
export const END_BEHAVIORS = ['roll', 'close'] as const;
export const PRICE_UNITS = ['day', 'month'] as const;

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
 * Which plan model a store runs:
 * - `billing`: the plan carries its billing rules (`billing_interval_type`, `end_behavior`, `fixed_price`, ...),
 *   the model of the seed documentation (Subscriptions OpenAPI of 2024);
 * - `product`: the newer product-like plan (`sku`, `main_image`, `price`, `price_units`,
 *   `feature_configurations`), whose billing rules live on the offering's pricing options.
 */
export type PlanModel = 'billing' | 'product';

/** Attributes that exist only in one model. `name`, `description` and `external_ref` exist in both. */
export const BILLING_ONLY = [
	'billing_interval_type',
	'billing_frequency',
	'trial_period',
	'plan_length',
	'end_behavior',
	'can_pause',
	'can_resume',
	'can_cancel',
	'base_price_percentage',
	'fixed_price',
] as const;
export const PRODUCT_ONLY = ['sku', 'main_image', 'price', 'price_units', 'feature_configurations'] as const;

/** Attributes Elastic Path sets itself; never sent, never reported as changes. */
const READ_ONLY = new Set(['created_at', 'updated_at']);

/**
 * ASSUMPTION (UNCONFIRMED): the model is told from the attributes of a plan as read. A plan with any
 * attribute only the newer model has (`feature_configurations` is required in its responses, `sku`,
 * `price_units`, `main_image`, `price`) is a product-like plan; any other plan is taken to be of the
 * seed's model, where the plan carries its billing rules.
 */
export function detectPlanModel(attributes: IDataObject): PlanModel {
	return PRODUCT_ONLY.some((key) => key in attributes) ? 'product' : 'billing';
}

/** The attribute holding the plan's price per currency, in each model. */
export function priceAttribute(model: PlanModel): 'fixed_price' | 'price' {
	return model === 'billing' ? 'fixed_price' : 'price';
}

/**
 * ASSUMPTION (UNCONFIRMED): sending `null` clears a nullable attribute. It is documented for the
 * sibling update endpoints (offering, feature, dunning rule), not for this one.
 */
export const CLEARED_VALUE = null;

/** One currency's price: `amount` in the currency's smallest unit (cents), and whether it includes tax. */
export interface Price {
	amount: number;
	includes_tax: boolean;
}

/**
 * The plan's price map after a change: the listed currencies set, the others kept (or dropped when
 * `replace` is on).
 * ASSUMPTION (UNCONFIRMED): a currency map (`fixed_price`, `price`) sent in an update replaces the
 * plan's whole map, like any other attribute of a partial update. The node therefore always sends the
 * complete merged map, which is right whether Elastic Path replaces or merges it.
 */
export function mergePrices(current: unknown, listed: Record<string, Price>, replace: boolean): Record<string, Price> {
	const kept = !replace && current && typeof current === 'object' ? (current as Record<string, Price>) : {};
	return { ...kept, ...listed };
}

/**
 * A plan of the older model that has both a fixed price and a base price percentage: the schema allows it,
 * but which one Elastic Path applies is not documented. The warning for the item's output, if so.
 */
export function pricingConflict(attributes: IDataObject): string | undefined {
	const fixed = attributes.fixed_price && typeof attributes.fixed_price === 'object' ? Object.keys(attributes.fixed_price) : [];
	const percentage = attributes.base_price_percentage;
	if (fixed.length === 0 || percentage === null || percentage === undefined) return undefined;
	return `Plan "${String(attributes.name)}" now has both a fixed price (fixed_price: ${fixed.join(', ')}) and a base price percentage (${String(percentage)}). Elastic Path does not document which one wins: check what a new subscription costs on a test store, or clear the one you do not want ("Clear Fields").`;
}

/**
 * ASSUMPTION (UNCONFIRMED): in the older Subscriptions API there is no GET for one offering plan. The
 * answer to that GET there is taken to be 404 or 405; on either the node falls back to listing the
 * offering's plans (a 404 for a plan that really is missing is then confirmed by the list).
 */
export const SINGLE_GET_FALLBACK_STATUSES = [404, 405];

/**
 * The store's currencies come from Elastic Path's Currencies API, `GET /v2/currencies` (`data[].code`,
 * `enabled`, at most 10 per store).
 * ASSUMPTION (UNCONFIRMED): the price maps of a plan accept exactly the store's enabled currencies
 * (the notes say the codes "must be configured in the store"). When the call fails the node skips the
 * store check and relies on the ISO 4217 check and on Elastic Path's own validation.
 */
export const CURRENCIES_PATH = '/currencies';
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

/**
 * Whether a list has more records after a page: the page was full and `links.next` does not say
 * otherwise.
 * ASSUMPTION (UNCONFIRMED): Subscriptions lists may answer `links: {}` (as their examples do), so a
 * short page is what ends the list; `links.next: null` ends it too when the links are filled in.
 */
export function pageHasMore(body: unknown, count: number, limit: number): boolean {
	const links = (body as { links?: { next?: unknown } })?.links;
	if (links && 'next' in links && links.next === null) return false;
	return count >= limit;
}

/** A JSON:API resource as Elastic Path returns it. */
export interface JsonApiResource {
	id: string;
	type: string;
	attributes: IDataObject;
	relationships?: IDataObject;
	meta?: IDataObject;
}

/** The resource the plan operations work on: one plan of one offering, and what the rules need. */
export interface PlanResource {
	offeringId: string;
	plan: JsonApiResource;
	model: PlanModel;
	/** Currency codes configured in the store, when readable (rules only; never output). */
	storeCurrencies?: string[];
}

export function listData(body: unknown): JsonApiResource[] {
	const data = (body as { data?: unknown })?.data;
	return Array.isArray(data) ? (data as JsonApiResource[]) : [];
}

export function toPlanResource(offeringId: string, data: JsonApiResource, storeCurrencies?: string[]): PlanResource {
	const plan: JsonApiResource = {
		id: data.id,
		type: data.type ?? PLAN_TYPE,
		attributes: { ...(data.attributes ?? {}) },
		...(data.relationships ? { relationships: data.relationships } : {}),
		...(data.meta ? { meta: data.meta } : {}),
	};
	return { offeringId, plan, model: detectPlanModel(plan.attributes), storeCurrencies };
}

/** The plan as output: its attributes at the top level, next to its IDs, model and read-only meta. */
export function planView(resource: PlanResource): IDataObject {
	const { plan } = resource;
	return {
		id: plan.id,
		offeringId: resource.offeringId,
		type: plan.type,
		planModel: resource.model,
		...plan.attributes,
		...(plan.relationships ? { relationships: plan.relationships } : {}),
		...(plan.meta ? { meta: plan.meta } : {}),
	};
}

/** The writable attributes, for the comparison and the field-level `changes`. */
export function writableAttributes(resource: PlanResource): IDataObject {
	const out: IDataObject = {};
	const { attributes } = resource.plan;
	for (const key of Object.keys(attributes)) {
		if (!READ_ONLY.has(key)) out[key] = attributes[key];
	}
	return out;
}

/** The attributes that differ between two versions of a plan: only these are sent (partial update). */
export function changedAttributes(before: PlanResource, after: PlanResource): IDataObject {
	const a = writableAttributes(before);
	const b = writableAttributes(after);
	const out: IDataObject = {};
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (!deepEqual(a[key], b[key])) out[key] = (b[key] ?? CLEARED_VALUE) as IDataObject[string];
	}
	return out;
}

/** The JSON:API body of `PUT .../plans/{plan}`: `data.id` is the plan's ID, `data.type` the plan type. */
export function planUpdateBody(planId: string, attributes: IDataObject): IDataObject {
	return { data: { id: planId, type: PLAN_TYPE, attributes } };
}

export function planUpdateRequest(before: PlanResource, after: PlanResource): ApiRequest {
	return {
		method: 'PUT',
		path: paths.offeringPlan(after.offeringId, after.plan.id),
		body: planUpdateBody(after.plan.id, changedAttributes(before, after)),
	};
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

export const CREDENTIAL_TYPE = 'elasticPathApi';

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
