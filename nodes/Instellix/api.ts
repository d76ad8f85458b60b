import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import { refusedFields, refusedValueHint } from './errorFields';
import { instellixBaseUrl } from './urls';

/*
 * Everything this node knows about Instellix's plan API: paths, shapes and error bodies. Each shape
 * Instellix's documentation does not confirm is one named constant or small function below, marked
 * "ASSUMPTION (UNCONFIRMED)", and listed in docs/providers/instellix.md.
 */

/** Idents of phases, options, properties and segments: `[a-zA-Z0-9_.~-]{1,100}` (documented). */
export const IDENT = /^[a-zA-Z0-9_.~-]{1,100}$/;

/** Plan IDs are int64 (documented): up to 19 digits. */
export const PLAN_ID = /^\d{1,19}$/;

export const PLAN_TYPES = ['CUSTOMER', 'PARTNER'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** A plan as Instellix returns it: documented fields plus whatever else it sends (kept as they are). */
export type Plan = IDataObject;

/**
 * What looking up an option found: its type, or a 404 that meant "Instellix has no such option" or
 * "there is no option endpoint at this path" (`optionNotFoundKind`), with Instellix's answer.
 */
export type OptionLookup = { type: string } | { notFound: 'option' | 'endpoint'; answer: string };

/** The resource every plan update works on: the plan, plus the option lookups its rules need. */
export interface PlanResource {
	planId: string;
	plan: Plan;
	/**
	 * The options the plan links or the items add, by option ident. Only filled when an item changes the
	 * plan type or its linked options.
	 */
	options: Record<string, OptionLookup>;
}

export const paths = {
	/** Documented: PUT /v2/plans/{planId}. */
	plan: (planId: string) => `/v2/plans/${planId}`,
	/** ASSUMPTION (UNCONFIRMED): the plan list is GET /v2/plans, mirroring the PUT path. */
	plans: '/v2/plans',
	/**
	 * ASSUMPTION (UNCONFIRMED): one option is GET /v2/billing/plan-options/{optionIdent} (the create path
	 * is documented as POST /v2/billing/plan-options; public client code reads options this way).
	 */
	option: (optionIdent: string) => `/v2/billing/plan-options/${encodeURIComponent(optionIdent)}`,
};

// ---------------------------------------------------------------------------------------------
// Paging of GET /v2/plans

/** Largest page the node asks for. */
export const PAGE_SIZE = 100;

/**
 * ASSUMPTION (UNCONFIRMED): list endpoints take `page` (counting from 0) and `size`, Spring style, and
 * answer `{ content: [...], pageInfo: { number, size, totalElements, totalPages } }` (the published
 * OpenAPI files define a `PageInfo` object with a page `number`). A bare array, or items under `data`
 * or `items`, are read too.
 */
export function pageQuery(page: number, size: number): Record<string, number> {
	return { page, size };
}

export function readPlanPage(body: unknown, page: number, size: number): { plans: Plan[]; hasMore: boolean } {
	if (Array.isArray(body)) return { plans: body as Plan[], hasMore: body.length >= size };
	const b = (body ?? {}) as {
		content?: unknown;
		data?: unknown;
		items?: unknown;
		pageInfo?: { number?: number; totalPages?: number; last?: boolean };
		page?: { number?: number; totalPages?: number; last?: boolean };
		last?: boolean;
		totalPages?: number;
	};
	const list = [b.content, b.data, b.items].find((v) => Array.isArray(v)) as Plan[] | undefined;
	const plans = list ?? [];
	const info = b.pageInfo ?? b.page ?? { last: b.last, totalPages: b.totalPages };
	let hasMore: boolean;
	if (typeof info.last === 'boolean') hasMore = !info.last;
	else if (typeof info.totalPages === 'number') hasMore = (info.number ?? page) + 1 < info.totalPages;
	else hasMore = plans.length >= size;
	return { plans, hasMore: hasMore && plans.length > 0 };
}

// ---------------------------------------------------------------------------------------------
// Errors

interface GlobalErrorResponse {
	status?: string;
	timestamp?: string;
	message?: string | null;
	path?: string | null;
	uuid?: string | null;
	errors?: Array<{ fieldName?: string; error?: string; rejectedValue?: unknown }> | null;
	error?: string;
	error_description?: string;
}

function shown(value: unknown): string {
	if (value === undefined) return '';
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Every 4xx and 5xx is a GlobalErrorResponse (documented): the message is kept as written, the field
 * errors become details, and the uuid is shown so it can be quoted to Instellix support.
 */
export function parseInstellixError(response: HttpResponse): ProviderErrorInfo {
	const body = response.body as GlobalErrorResponse | string | undefined;
	if (!body || typeof body !== 'object') {
		const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
		return { message: text || `HTTP ${response.status}` };
	}
	const details: string[] = [];
	for (const e of Array.isArray(body.errors) ? body.errors : []) {
		if (!e || typeof e !== 'object') continue;
		const rejected = e.rejectedValue !== undefined && e.rejectedValue !== null ? ` (rejected value ${shown(e.rejectedValue)})` : '';
		details.push(`${e.fieldName ? `${e.fieldName}: ` : ''}${e.error ?? 'invalid'}${rejected}`);
	}
	if (body.uuid) details.push(`Instellix error ID ${body.uuid} (quote it to Instellix support)`);
	const message =
		(typeof body.message === 'string' && body.message.trim()) ||
		body.error_description ||
		body.error ||
		(details.length ? details[0] : '') ||
		`HTTP ${response.status}`;
	return { message, reason: typeof body.status === 'string' ? body.status : undefined, details: details.length ? details : undefined };
}

/** Instellix's words for the active-contract rule, in the message or the field errors. */
const ACTIVE_CONTRACT_TEXT = /active contract/i;

export const instellixApi: ProviderApi = {
	displayName: 'Instellix',
	credentialType: 'instellixApi',
	credentialDisplayName: 'Instellix API',
	secretFields: ['clientSecret', 'accessToken'],
	derivedSecrets: (credentials: ICredentialDataDecryptedObject) => [
		Buffer.from(`${String(credentials.clientId ?? '')}:${String(credentials.clientSecret ?? '')}`).toString('base64'),
	],
	baseUrl: (credentials: ICredentialDataDecryptedObject) => instellixBaseUrl(credentials),
	// Plan IDs are unique within a realm; the host may serve several realms.
	tenant: (credentials) => String(credentials.realm ?? '').trim(),
	account: (credentials) => String(credentials.clientId ?? '').trim(),
	headers: { Accept: 'application/json' },
	parseError: parseInstellixError,
	hint: (info, status) => {
		if (ACTIVE_CONTRACT_TEXT.test([info.message, ...(info.details ?? [])].join(' '))) {
			return 'The plan holds an active contract, so Instellix only accepts changes to its name and properties. Change only "Name" and "Properties" on this plan, or make the other changes on a new plan.';
		}
		switch (status) {
			case 401:
				return 'Instellix refused the access token even after signing in again. Check the client ID, client secret, realm and environment in the "Instellix API" credential and use its Test button.';
			case 403:
				return 'The API client signed in but may not do this. Ask Instellix which scopes or roles the client needs for plans (and plan options), or create the client with a user that has them.';
			case 404: {
				// A 404 about something the plan names (a business segment, say) is about that field, not the plan.
				const fields = refusedFields(info);
				if (fields.length && !fields.includes('"Plan"')) return refusedValueHint(info);
				return 'Instellix has no plan with this ID for this tenant. Use the numeric plan ID (not the plan ident), or choose the plan from the list.';
			}
			case 400:
			case 422:
				return refusedValueHint(info);
			default:
				return undefined;
		}
	},
	/** No rate limit is documented, so none is assumed; the node option can set one. */
	rateLimit: { limit: 0, windowMs: 1000, per: 'second', documented: 'Instellix documents no rate limit, so none is assumed.' },
};
