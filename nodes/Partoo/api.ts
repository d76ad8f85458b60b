import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { environmentBaseUrl } from '../core/credentials';
import { fingerprint } from '../core/fingerprint';
import type { HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import { PARTOO_URLS } from './urls';

/** The 11 plan names Partoo documents for POST /org/{org_id}/plans. */
export const PLAN_NAMES = [
	'presence_management',
	'review_management',
	'posts',
	'messages',
	'review_booster',
	'bulk_modification',
	'feedback_management',
	'competitive_benchmark',
	'messages_channel_sms',
	'booking_links',
	'webhooks',
] as const;

export type PlanName = (typeof PLAN_NAMES)[number];

/** A plan as GET /org/{org_id}/plans returns it. */
export interface OrgPlan {
	name: string;
	subscription_date?: string | null;
	expiration_date: string | null;
}

/** The resource every plan operation works on: one organization's plan list. */
export interface OrgPlans {
	orgId: number;
	plans: OrgPlan[];
}

export const paths = {
	me: '/user/me',
	searchOrgs: '/org/search',
	orgPlans: (orgId: number) => `/org/${orgId}/plans`,
};

/**
 * One plan as the update body wants it. `subscription_date` is read-only and is dropped.
 * ASSUMPTION (UNCONFIRMED): "never expires" is sent by leaving `expiration_date` out, the documented
 * form ("If not set, the plan is active indefinitely"), rather than as an explicit null.
 */
export function toPlanUpdate(plan: OrgPlan): { name: string; expiration_date?: string } {
	return plan.expiration_date ? { name: plan.name, expiration_date: plan.expiration_date } : { name: plan.name };
}

/** Reads `{ plans: [...] }` from GET /org/{id}/plans into our resource. */
export function fromPlansResponse(orgId: number, body: unknown): OrgPlans {
	const plans = (body as { plans?: unknown })?.plans;
	return {
		orgId,
		plans: Array.isArray(plans)
			? plans.map((p: OrgPlan) => ({
					name: p.name,
					subscription_date: p.subscription_date ?? null,
					expiration_date: p.expiration_date ?? null,
				}))
			: [],
	};
}

function flatten(value: unknown, path: string[], out: Array<{ path: string[]; text: string }>): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		out.push({ path, text: String(value) });
	} else if (Array.isArray(value)) {
		if (value.every((v) => typeof v !== 'object')) out.push({ path, text: value.join(' ') });
		else value.forEach((v, i) => flatten(v, [...path, String(i)], out));
	} else if (typeof value === 'object') {
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, [...path, k], out);
	}
}

/**
 * Partoo wraps errors as `{"errors": {...}}` (API reference) or `{"error": {...}}` (errors guide);
 * the inner values are strings or nested objects keyed by field.
 */
function parsePartooError(response: HttpResponse): ProviderErrorInfo {
	const body = response.body as { errors?: unknown; error?: unknown } | string | undefined;
	const inner = body && typeof body === 'object' ? (body.errors ?? body.error) : undefined;
	const entries: Array<{ path: string[]; text: string }> = [];
	flatten(inner, [], entries);
	if (entries.length === 0) {
		const text = typeof body === 'string' ? body.slice(0, 300) : '';
		return { message: text || `HTTP ${response.status}` };
	}
	const lines = entries.map(({ path, text }) => {
		const field = path[0] === 'json' ? path.slice(1) : path;
		const label = field.length === 1 && ['authentication', 'authorization'].includes(field[0]) ? [] : field;
		return label.length ? `${label.join('.')}: ${text}` : text;
	});
	return { message: lines[0], details: lines.length > 1 ? lines.slice(1) : undefined };
}

export const partooApi: ProviderApi = {
	displayName: 'Partoo',
	credentialType: 'partooApi',
	credentialDisplayName: 'Partoo API',
	secretFields: ['apiKey'],
	secretHeaders: ['x-APIKey'],
	baseUrl: (credentials: ICredentialDataDecryptedObject) => environmentBaseUrl(credentials, PARTOO_URLS),
	headers: { Accept: 'application/json' },
	parseError: parsePartooError,
	hint: (_info, status) => {
		switch (status) {
			case 401:
				return 'Partoo refused the API key. Check the key in the "Partoo API" credential and that it belongs to the chosen environment (sandbox and production keys differ); expired, revoked or IP-restricted keys are refused too.';
			case 403:
				return 'The key works but its user is not allowed to do this. Plan endpoints need the key of a user with the PROVIDER role, and the organization must belong to that provider.';
			case 404:
				return 'No Partoo organization with this ID is visible to this key. Check the organization ID (a whole number such as 42) or choose the organization from the list.';
			case 429:
				return 'Partoo allows 300 requests per minute per API key (the organization of the key) and the retries ran out. Other workflows, n8n instances or tools using the same key share that limit: lower "Rate Limit" to the share this workflow may use, raise "Max Retries", or spread the items over time.';
			default:
				return undefined;
		}
	},
	/**
	 * Partoo's rate-limit guide: "each organization is allowed 300 requests per minute", 429 with
	 * `Retry-After: 60`, more on request to the Customer Success Manager. The organization counted is the
	 * caller's, the organization of the API key (ASSUMPTION, UNCONFIRMED: the guide does not say whether a
	 * PROVIDER's calls for its client organizations count against those instead). So one window per key,
	 * shared by every execution of the process that uses it; the key itself is never kept, only a fingerprint.
	 */
	account: (credentials) => fingerprint(String(credentials.apiKey ?? '')),
	rateLimit: {
		limit: 300,
		windowMs: 60_000,
		per: 'minute per API key',
		documented:
			'Partoo allows each organization 300 requests per minute: the organization of the API key, so every request made with the key counts, whichever organization it changes. If Partoo raised your limit, enter the raised number.',
		retryAfter: "Partoo's 429 asks for 60 s",
	},
};
