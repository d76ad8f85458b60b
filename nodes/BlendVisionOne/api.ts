import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import type { AssignedPlan, CatalogPlan, Organization, PlanChoice } from './shapes';
import { baseUrlOf } from './urls';

// The API: paths and identifiers, readers of answers, error parsing and hints. Body shapes: shapes.ts;
// what an update compares and writes: patch.ts.

// ---------------------------------------------------------------------------------------------
// Paths and identifiers
// ---------------------------------------------------------------------------------------------

const seg = (id: string) => encodeURIComponent(id);

export const paths = {
	/** The organization the credential acts for (`{ organization }`): the credential test. */
	currentOrganization: '/bv/org/v1/organizations',
	orgPlans: (orgId: string) => `/bv/org/v1/organizations/${seg(orgId)}/plans`,
	candidateParents: '/bv/org/v1/organizations:list-appends',
	subOrgs: '/bv/org/v1/sub-orgs',
	subOrg: (id: string) => `/bv/org/v1/sub-orgs/${seg(id)}`,
	subOrgPlans: (id: string) => `/bv/org/v1/sub-orgs/${seg(id)}/plans`,
	switchOwner: (id: string) => `/bv/org/v1/sub-orgs/${seg(id)}:switch-owner`,
};

/**
 * ASSUMPTION (UNCONFIRMED): sub-organization, organization and plan IDs are UUID strings (the reference
 * calls the sub-organization ID "a UUID string"; plan IDs are assumed to have the same form). Inputs
 * that do not look like this are refused before any request.
 */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same, for the editor's "By ID" validation. */
export const ID_REGEX_SOURCE = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** IDs are UUIDs: compared without regard to case. */
export const sameId = (a: string | undefined, b: string | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/** `items_per_page` defaults to 1 on BlendVision's side; the node always sends it, at most 100. */
export const PAGE_SIZE = 100;

/** The organization the credential acts for (sent as `x-bv-org-id`). */
export function actingOrgId(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.orgId ?? '').trim();
}

// ---------------------------------------------------------------------------------------------
// Reading responses
// ---------------------------------------------------------------------------------------------

/** `{ organization, owner_info }` of GET /bv/org/v1/sub-orgs/{id}. */
export function fromSubOrgResponse(body: unknown, id: string): { organization: Organization; owner_info?: IDataObject } {
	const b = (body ?? {}) as { organization?: Organization; owner_info?: IDataObject };
	const organization = b.organization && typeof b.organization === 'object' ? b.organization : { id };
	return { organization: { ...organization, id: organization.id || id }, owner_info: b.owner_info };
}

/**
 * ASSUMPTION (UNCONFIRMED): every plan GET /bv/org/v1/sub-orgs/{id}/plans lists is assigned to the
 * sub-organization (`in_used` is read as "in use", not as "assigned"), so every listed plan is kept.
 * Reading it this way can only keep a plan too many, never drop one.
 */
export function assignedPlans(body: unknown): AssignedPlan[] {
	const list = (body as { plans?: unknown })?.plans;
	if (!Array.isArray(list)) return [];
	const out: AssignedPlan[] = [];
	for (const entry of list as Array<{ plan?: IDataObject; in_used?: boolean } & IDataObject>) {
		const plan = (entry?.plan ?? entry) as { id?: string; name?: string; group_plan?: { name?: string } };
		if (!plan?.id || out.some((p) => p.id === plan.id)) continue;
		out.push({
			id: plan.id,
			name: plan.name,
			...(plan.group_plan?.name ? { group: plan.group_plan.name } : {}),
			...(typeof entry.in_used === 'boolean' ? { in_used: entry.in_used } : {}),
		});
	}
	return out;
}

/**
 * ASSUMPTION (UNCONFIRMED): `plan_ids` takes leaf plans (`PLAN_TYPE_PLAN`, or a plan without
 * `sub_plans`), not group plans, and only plans whose status is absent or `PLAN_STATUS_ABLE_TO_ASSIGNED`.
 */
export function assignablePlans(body: unknown): PlanChoice[] {
	const out: PlanChoice[] = [];
	const visit = (plans: unknown, group: string | undefined) => {
		if (!Array.isArray(plans)) return;
		for (const plan of plans as CatalogPlan[]) {
			if (!plan || typeof plan.id !== 'string') continue;
			const isGroup = plan.type === 'PLAN_TYPE_GROUP' || (Array.isArray(plan.sub_plans) && plan.sub_plans.length > 0);
			if (isGroup) {
				visit(plan.sub_plans, plan.name ?? group);
				continue;
			}
			if (plan.status && plan.status !== 'PLAN_STATUS_ABLE_TO_ASSIGNED') continue;
			if (out.some((p) => p.id === plan.id)) continue;
			out.push({
				id: plan.id,
				name: plan.name ?? plan.id,
				...(group ? { group } : {}),
				...(plan.description ? { description: plan.description } : {}),
			});
		}
	};
	visit((body as { plans?: unknown })?.plans, undefined);
	return out;
}

/** "Group / Plan" label of a plan choice. */
export function planLabel(plan: Pick<PlanChoice, 'name' | 'group'>): string {
	return plan.group ? `${plan.group} / ${plan.name}` : plan.name;
}

export interface Pagination {
	total_items?: number | string;
	items_per_page?: number | string;
	current_page?: number | string;
}

/** A page of GET /bv/org/v1/sub-orgs. */
export interface SubOrgPage {
	organizations?: Organization[];
	pagination?: Pagination;
}

/**
 * ASSUMPTION (UNCONFIRMED): pages count from 1 and there is another page while
 * `current_page * items_per_page < total_items` (int64 values may come as strings). Without a
 * pagination block, a full page is taken to have a successor.
 */
export function hasMorePages(pagination: Pagination | undefined, page: number, perPage: number, received: number): boolean {
	const total = Number(pagination?.total_items);
	const current = Number(pagination?.current_page ?? page) || page;
	const per = Number(pagination?.items_per_page ?? perPage) || perPage;
	if (pagination?.total_items !== undefined && Number.isFinite(total)) return current * per < total;
	return received >= perPage;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const GRPC_CODES: Record<number, string> = {
	1: 'CANCELLED',
	2: 'UNKNOWN',
	3: 'INVALID_ARGUMENT',
	4: 'DEADLINE_EXCEEDED',
	5: 'NOT_FOUND',
	6: 'ALREADY_EXISTS',
	7: 'PERMISSION_DENIED',
	8: 'RESOURCE_EXHAUSTED',
	9: 'FAILED_PRECONDITION',
	10: 'ABORTED',
	11: 'OUT_OF_RANGE',
	12: 'UNIMPLEMENTED',
	13: 'INTERNAL',
	14: 'UNAVAILABLE',
	15: 'DATA_LOSS',
	16: 'UNAUTHENTICATED',
};

const REASON = /ERROR_REASON_[A-Z0-9_]+/;

/**
 * Reads a `google.rpc.Status` body: `{ code, message, details: [Any] }`.
 * ASSUMPTION (UNCONFIRMED): the ERROR_REASON_* value is looked for first in `details[].reason`
 * (a google.rpc.ErrorInfo), then anywhere in `details`, then in `message`.
 */
export function parseBlendVisionError(response: HttpResponse): ProviderErrorInfo {
	const body = response.body;
	if (!body || typeof body !== 'object') {
		const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
		const reason = REASON.exec(text)?.[0];
		return { message: text || `HTTP ${response.status}`, ...(reason ? { reason } : {}) };
	}
	const b = body as { code?: unknown; message?: unknown; error?: unknown; details?: unknown };
	const message = typeof b.message === 'string' && b.message ? b.message : typeof b.error === 'string' ? b.error : '';
	const details: string[] = [];
	let reason: string | undefined;
	for (const detail of Array.isArray(b.details) ? (b.details as IDataObject[]) : []) {
		if (!detail || typeof detail !== 'object') continue;
		if (!reason && typeof detail.reason === 'string' && detail.reason) reason = detail.reason;
		const violations = (detail.fieldViolations ?? detail.field_violations) as Array<{ field?: string; description?: string }> | undefined;
		if (Array.isArray(violations)) {
			for (const v of violations) details.push(v.field ? `${v.field}: ${v.description ?? ''}`.trim() : String(v.description ?? ''));
		}
		if (typeof detail.detail === 'string' && detail.detail) details.push(detail.detail);
	}
	reason ??= REASON.exec(JSON.stringify(b.details ?? ''))?.[0] ?? REASON.exec(message)?.[0];
	const code = typeof b.code === 'number' ? b.code : undefined;
	if (code !== undefined && GRPC_CODES[code]) details.push(`gRPC code ${code} (${GRPC_CODES[code]})`);
	return {
		message: message || (reason ?? `HTTP ${response.status}`),
		...(reason ? { reason } : {}),
		...(details.length ? { details } : {}),
	};
}

const CREDENTIAL = 'BlendVision One API';

/** GET /bv/org/v1/sub-orgs/{id} and GET /bv/org/v1/sub-orgs/{id}/plans. */
const SUB_ORG_READ = /^\/bv\/org\/v1\/sub-orgs\/[^/:]+(\/plans)?$/;

/** What to do about the documented ERROR_REASON_* values. */
const REASON_HINTS: Record<string, string> = {
	ERROR_REASON_HAS_APPENDED_SUB_ORGS:
		'The organization chosen in "Parent Organization" already has sub-organizations of its own, and BlendVision One does not allow moving a sub-organization under such an organization. Choose a parent that has no sub-organizations (or the main organization), or leave "Parent Organization" empty to keep the current parent.',
	ERROR_REASON_USER_NOT_IN_ORG:
		'The new owner must already be a member of the sub-organization. Invite that person to the sub-organization in the BlendVision One console (or choose the email of an existing member) and run the node again.',
	ERROR_REASON_EXISTS:
		'BlendVision One says this already exists. For "Owner Email" this usually means the person already owns the sub-organization: check the email or remove the field.',
	ERROR_REASON_CONFLICT:
		'The sub-organization was changed by someone else while the node was updating it, and the node\'s retries ran out. Run the node again: it reads the current state first.',
};

export const blendVisionOneApi: ProviderApi = {
	displayName: 'BlendVision One',
	credentialType: 'blendVisionOneApi',
	credentialDisplayName: CREDENTIAL,
	secretFields: ['apiToken'],
	baseUrl: (credentials: ICredentialDataDecryptedObject) => baseUrlOf(credentials.baseUrl),
	// The organization the token acts for: what it can assign depends on it.
	account: (credentials) => actingOrgId(credentials),
	headers: { Accept: 'application/json' },
	parseError: parseBlendVisionError,
	hint: (info, status, request) => {
		if (info.reason && REASON_HINTS[info.reason]) return REASON_HINTS[info.reason];
		// A read of one sub-organization (its record or its plans): only the sub-organization can be unknown.
		if (status === 404 && request?.method === 'GET' && SUB_ORG_READ.test(request.path)) {
			return `No sub-organization with this ID exists under the organization of the "${CREDENTIAL}" credential. Check the sub-organization ID (a UUID such as 9d1e0c2a-…) and the credential's "Organization ID" (the main organization that owns the sub-organization), or choose the sub-organization "From list".`;
		}
		switch (status) {
			case 401:
				return `BlendVision One refused the API token. Check "API Token" in the "${CREDENTIAL}" credential and use its Test button; a token created with an expiration date stops working after it (create a new one in the console under Developers > API Tokens).`;
			case 403:
				return `The token works but may not do this. Check that "Organization ID" in the "${CREDENTIAL}" credential is the main (parent) organization that owns the sub-organizations, and that the token's account has an Owner or Admin role there.`;
			case 404:
				// Either cause gives a 404: which one BlendVision One means is not documented, so both are named.
				return `Nothing with this ID exists under the organization of the "${CREDENTIAL}" credential, or a plan is not one the sub-organization can get. Check the sub-organization ID (a UUID such as 9d1e0c2a-…), the "Parent Organization" if one is set, and the credential's "Organization ID", or choose the sub-organization "From list". If the item gives plans: a sub-organization can only get plans its parent organization has, so choose plans of its parent (or give the plan to the parent first).`;
			default:
				return undefined;
		}
	},
	/** No rate limit is documented, so none is assumed; the node option can set one. */
	rateLimit: { limit: 0, windowMs: 1000, per: 'second', documented: 'BlendVision One documents no rate limit, so none is assumed.' },
};
