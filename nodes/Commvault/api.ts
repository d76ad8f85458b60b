import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ApiRequest, HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import { CREDENTIAL_DISPLAY_NAME, loginMessage, normaliseRoot } from './login';

/** Paths appended to the credential's web service root. */
export const paths = {
	organizations: '/Organization',
	organization: (id: number) => `/Organization/${id}`,
	plans: '/Plan',
	update: '/Organization',
};

/** A plan as an organization carries it (associated plan or default plan). */
export interface PlanRef {
	planName: string;
	planId: number | null;
	/** Default plans only: Commvault's plan subtype (e.g. 33554437 for a server plan). */
	subtype?: number;
}

/** An organization (a "company" in the Command Center) with its plans and default plans. */
export interface Organization {
	id: number;
	name: string;
	domainName: string;
	plans: PlanRef[];
	defaultPlans: PlanRef[];
}

/** An organization as GET /Organization lists it. */
export interface OrganizationSummary {
	id: number;
	name: string;
	domainName: string;
	description: string;
	enabled: boolean | null;
}

/** The two plan lists of an organization this node changes. */
export type PlanList = 'plans' | 'defaultPlans';

/**
 * Commvault's operation types for plan lists.
 * ASSUMPTION (UNCONFIRMED): ADD adds the plans sent, DELETE removes the plans sent and OVERWRITE makes
 * the plans sent the whole list, as Commvault documents for the sibling plan-users API; the page of
 * PUT Organization lists the values without defining them. The node's write plan and the emulator
 * rely on these meanings.
 */
export type OperationType = 'ADD' | 'DELETE' | 'OVERWRITE';

// ---------------------------------------------------------------------------------------------
// Reading answers: JSON or XML, whatever the Accept header got us.

const xmlParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseAttributeValue: false,
	parseTagValue: false,
	htmlEntities: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Commvault's XML turns arrays into repeated elements, so one element is an object, none is absent. */
export function asArray(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * A response body as a plain object: JSON as it is, XML with its root element unwrapped and its
 * attributes as fields (`<error errorCode="0"/>` reads like `{"error": {"errorCode": "0"}}`).
 * ASSUMPTION (UNCONFIRMED): Commvault's XML answers mirror its JSON answers this way (scalars as
 * attributes, objects as elements, arrays as repeated elements under a root element).
 */
export function readBody(body: unknown): Obj {
	if (isObject(body)) return body;
	if (typeof body !== 'string') return {};
	const text = body.trim();
	if (text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			return isObject(parsed) ? parsed : {};
		} catch {
			return {};
		}
	}
	if (!text.startsWith('<')) return {};
	let parsed: unknown;
	try {
		parsed = xmlParser.parse(text);
	} catch {
		return {};
	}
	if (!isObject(parsed)) return {};
	const roots = Object.keys(parsed).filter((k) => !k.startsWith('?') && k !== '#text');
	const root = roots.length === 1 ? parsed[roots[0]] : parsed;
	return isObject(root) ? root : {};
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

function id(value: unknown): number | null {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : null;
}

function planRef(entry: unknown, withSubtype: boolean): PlanRef | undefined {
	if (!isObject(entry)) return undefined;
	const plan = isObject(entry.plan) ? entry.plan : entry;
	const planName = text(plan.planName);
	if (!planName) return undefined;
	const ref: PlanRef = { planName, planId: id(plan.planId) };
	if (withSubtype) {
		const subtype = id(entry.subtype);
		if (subtype !== null) ref.subtype = subtype;
	}
	return ref;
}

/** GET /Organization/{id}: `organizationInfo` with `organization`, `planDetails[]`, `organizationProperties.defaultPlans[]`. */
export function organizationFromDetails(orgId: number, body: unknown): Organization {
	const root = readBody(body);
	const info = isObject(root.organizationInfo) ? root.organizationInfo : root;
	const organization = isObject(info.organization) ? info.organization : {};
	const shortName = isObject(organization.shortName) ? organization.shortName : {};
	const properties = isObject(info.organizationProperties) ? info.organizationProperties : {};
	return {
		id: id(shortName.id) ?? orgId,
		name: text(organization.connectName),
		domainName: text(shortName.domainName),
		plans: asArray(info.planDetails)
			.map((p) => planRef(p, false))
			.filter((p): p is PlanRef => p !== undefined),
		defaultPlans: asArray(properties.defaultPlans)
			.map((p) => planRef(p, true))
			.filter((p): p is PlanRef => p !== undefined),
	};
}

function enabledOf(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === '1' || value === 1) return true;
	if (value === 'false' || value === '0' || value === 0) return false;
	return null;
}

/**
 * GET /Organization: `providers[]` with `connectName` and `shortName { id, domainName }`.
 * ASSUMPTION (UNCONFIRMED): one answer holds every organization; no paging or filter is documented.
 */
export function organizationsFromList(body: unknown): OrganizationSummary[] {
	const root = readBody(body);
	return asArray(root.providers)
		.filter(isObject)
		.map((p) => {
			const shortName = isObject(p.shortName) ? p.shortName : {};
			return {
				id: id(shortName.id) ?? 0,
				name: text(p.connectName),
				domainName: text(shortName.domainName),
				description: text(p.description),
				enabled: enabledOf(p.enabled),
			};
		})
		.filter((o) => o.id > 0);
}

/**
 * ASSUMPTION (UNCONFIRMED): GET /Plan lists the plans under a top-level `plans` array (Commvault's docs
 * name the per-plan fields `plan.planId` and `plan.planName` but not the array's key). If `plans` is
 * absent, the first top-level array whose entries carry a `plan` is used.
 */
export function plansFromList(body: unknown): PlanRef[] {
	const root = readBody(body);
	let entries = asArray(root.plans);
	if (entries.length === 0) {
		const other = Object.values(root).find((v) => asArray(v).some((e) => isObject(e) && isObject(e.plan)));
		entries = asArray(other);
	}
	const byName = new Map<string, PlanRef>();
	for (const entry of entries) {
		const ref = planRef(entry, false);
		if (ref && !byName.has(ref.planName)) byName.set(ref.planName, ref);
	}
	return [...byName.values()];
}

// ---------------------------------------------------------------------------------------------
// The update request: Api_UpdateOrganizationPropertiesRequest (XML).

const xmlBuilder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	suppressEmptyNode: true,
	suppressBooleanAttributes: false,
	format: true,
	indentBy: '  ',
	// Escapes & < > " ' in attribute values.
	processEntities: true,
});

const ROOT_ELEMENT = 'Api_UpdateOrganizationPropertiesRequest';

/**
 * The documented PUT /Organization body for one operation on one plan list. For associated plans the
 * operation attribute (`planDetailsOperationType`) sits on `organizationInfo`; for default plans
 * (`defaultPlansOperationType`) it sits on `organizationProperties`.
 *
 * ASSUMPTION (UNCONFIRMED): several plans are sent as repeated `planDetails` (or `defaultPlans`)
 * elements with one `plan` each, the way Commvault's XML writes arrays; the docs only show one plan.
 * ASSUMPTION (UNCONFIRMED): this minimal body (identity plus one plan list, as in the documented
 * samples) is enough; the organization is named in the body only, without `?organizationId=`.
 */
export function buildUpdateXml(
	org: Pick<Organization, 'id' | 'domainName'>,
	list: PlanList,
	operation: OperationType,
	planNames: string[],
): string {
	const organization = { shortName: { '@_domainName': org.domainName, '@_id': String(org.id) } };
	const plans = planNames.map((planName) => ({ plan: { '@_planName': planName } }));
	const organizationInfo =
		list === 'plans'
			? { '@_planDetailsOperationType': operation, planDetails: plans, organization }
			: {
					organization,
					organizationProperties: { '@_defaultPlansOperationType': operation, defaultPlans: plans },
				};
	return (xmlBuilder.build({ [ROOT_ELEMENT]: { organizationInfo } }) as string).trim();
}

/** What an update body asks for; read back from the XML (used to judge whether a write landed). */
export function readUpdateXml(xml: unknown): { orgId: number | null; list: PlanList; operation: string; planNames: string[] } | undefined {
	if (typeof xml !== 'string') return undefined;
	const info = readBody(xml).organizationInfo;
	if (!isObject(info)) return undefined;
	const organization = isObject(info.organization) ? info.organization : {};
	const shortName = isObject(organization.shortName) ? organization.shortName : {};
	const names = (entries: unknown) =>
		asArray(entries)
			.flatMap((e) => (isObject(e) ? asArray(e.plan) : []))
			.map((p) => (isObject(p) ? text(p.planName) : ''))
			.filter((n) => n !== '');
	const properties = isObject(info.organizationProperties) ? info.organizationProperties : undefined;
	if (properties && 'defaultPlansOperationType' in properties) {
		return { orgId: id(shortName.id), list: 'defaultPlans', operation: text(properties.defaultPlansOperationType), planNames: names(properties.defaultPlans) };
	}
	return { orgId: id(shortName.id), list: 'plans', operation: text(info.planDetailsOperationType), planNames: names(info.planDetails) };
}

/** One PUT /Organization request. ADD and DELETE change the list relative to what it is, so they are not idempotent. */
export function updateRequest(
	org: Pick<Organization, 'id' | 'domainName'>,
	list: PlanList,
	operation: OperationType,
	planNames: string[],
): ApiRequest {
	return {
		method: 'PUT',
		path: paths.update,
		body: buildUpdateXml(org, list, operation, planNames),
		headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
		format: 'text',
		idempotent: operation === 'OVERWRITE',
	};
}

// ---------------------------------------------------------------------------------------------
// Rules and errors.

/**
 * The rule that ties default plans to associated plans, in one place.
 * ASSUMPTION (UNCONFIRMED): a default plan must be one of the organization's associated plans.
 * Commvault's SDK refuses to set a default plan that is not associated; whether the server enforces
 * it is not documented. The node keeps the rule both ways: it does not set such a default plan, and
 * it does not dissociate a plan that is still a default plan (that would leave a dangling default).
 */
export function defaultPlanProblem(org: Organization, list: PlanList, after: PlanRef[]): { plans: string[]; problem: string; fix: string } | undefined {
	const associated = new Set(org.plans.map((p) => p.planName));
	if (list === 'defaultPlans') {
		const notAssociated = after.map((p) => p.planName).filter((n) => !associated.has(n));
		if (notAssociated.length === 0) return undefined;
		return {
			plans: notAssociated,
			problem: `${quoteList(notAssociated)} ${notAssociated.length === 1 ? 'is' : 'are'} not associated with organization ${org.id}, so ${notAssociated.length === 1 ? 'it' : 'they'} cannot be a default plan`,
			fix: 'Associate the plan with the organization first (operation "Update Plans", mode "Associate"), then make it a default plan.',
		};
	}
	const kept = new Set(after.map((p) => p.planName));
	const stillDefault = org.defaultPlans.map((p) => p.planName).filter((n) => !kept.has(n));
	if (stillDefault.length === 0) return undefined;
	return {
		plans: stillDefault,
		problem: `${quoteList(stillDefault)} ${stillDefault.length === 1 ? 'is a default plan' : 'are default plans'} of organization ${org.id} and cannot be dissociated`,
		fix: 'Remove it from the default plans first (operation "Update Default Plans", mode "Dissociate"), then dissociate it.',
	};
}

export function quoteList(names: string[]): string {
	return names.map((n) => `"${n}"`).join(', ');
}

/** The errorCode/errorMessage pair, from the top level or under `error`; a non-zero code wins. */
function errorPair(object: Obj): { code: number | null; message: string } | undefined {
	const pairs = [object, isObject(object.error) ? object.error : undefined]
		.filter((holder): holder is Obj => holder !== undefined && 'errorCode' in holder)
		.map((holder) => ({ code: id(holder.errorCode), message: text(holder.errorMessage).trim() }));
	return pairs.find((p) => p.code !== 0) ?? pairs[0];
}

/**
 * Success is HTTP < 400 and `errorCode` 0 (at the top level or under `error`). A 2xx with a non-zero
 * errorCode is Commvault refusing the request.
 */
export function commvaultLogicalError(response: HttpResponse): ProviderErrorInfo | undefined {
	const pair = errorPair(readBody(response.body));
	if (!pair || pair.code === 0) return undefined;
	return {
		message: pair.message || `Commvault refused the request (errorCode ${pair.code ?? 'unknown'})`,
		reason: pair.code === null ? undefined : `errorCode ${pair.code}`,
	};
}

/** Reads an error answer: `errorMessage`/`errorCode` (top level or under `error`), `errList`, or text. */
export function parseCommvaultError(response: HttpResponse): ProviderErrorInfo {
	const object = readBody(response.body);
	const pair = errorPair(object);
	const reason = pair?.code !== undefined && pair.code !== null && pair.code !== 0 ? `errorCode ${pair.code}` : undefined;
	if (pair?.message) return { message: pair.message, reason };
	const other = loginMessage(object);
	if (other) return { message: other, reason };
	if (typeof response.body === 'string') {
		const raw = response.body.trim();
		if (raw !== '' && !raw.startsWith('<')) return { message: raw.slice(0, 300), reason };
		const title = /<title>([^<]*)<\/title>/i.exec(raw)?.[1]?.trim();
		if (title) return { message: title, reason };
	}
	return { message: `HTTP ${response.status}`, reason };
}

export const commvaultApi: ProviderApi = {
	displayName: 'Commvault',
	credentialType: 'commvaultApi',
	credentialDisplayName: CREDENTIAL_DISPLAY_NAME,
	secretFields: ['password', 'token'],
	secretHeaders: ['Authtoken'],
	// A session token's shape, for one the run does not hold (issued to an earlier run); error texts only.
	tokenPatterns: [{ pattern: /\bQSDK\s+[A-Za-z0-9._~+/=-]{6,}/g, replacement: 'QSDK [redacted]' }],
	// The token travels as "QSDK <hex>"; the bare hex part is a secret too. The Base64 password is
	// covered by the redactor (it adds Base64 forms of every secret).
	derivedSecrets: (credentials: ICredentialDataDecryptedObject) => {
		const token = String(credentials.token ?? '');
		return token.startsWith('QSDK ') ? [token.slice(5).trim()] : [];
	},
	baseUrl: (credentials: ICredentialDataDecryptedObject) => normaliseRoot(credentials.url).replace(/\/+$/, ''),
	// The plans GET Plan lists depend on the user's rights.
	account: (credentials) => `${String(credentials.domain ?? '').trim()}\\${String(credentials.username ?? '').trim()}`,
	headers: { Accept: 'application/json' },
	parseError: parseCommvaultError,
	logicalError: commvaultLogicalError,
	hint: (info, status) => {
		if (status === 401) {
			return `Commvault refused the session even after signing in again. Check the username, password and domain in the "${CREDENTIAL_DISPLAY_NAME}" credential and use its Test button; the user may also be locked or disabled.`;
		}
		if (status === 403) {
			return 'The Commvault user is signed in but not allowed to do this. Changing an organization\'s plans needs a CommCell or MSP administrator (a tenant administrator may not change its own company\'s plans).';
		}
		if (status === 404) {
			return 'No Commvault organization with this ID is visible to this user. Check the ID (the shortName.id of GET Organization) or choose the organization from the list.';
		}
		if (status === 405 || status === 415) {
			return 'The web service did not accept this request. Check that the root URL in the credential ends with /commandcenter/api, /webconsole/api or /SearchSvc/CVWebService.svc.';
		}
		if (status < 400 && info.reason) {
			return 'Commvault answered with HTTP 200 but refused the request (its errorCode and message are above). Fix the cause it names, then run the node again.';
		}
		return undefined;
	},
	/** No rate limit is documented, so none is assumed; the node option can set one. */
	rateLimit: { limit: 0, windowMs: 1000, per: 'second', documented: 'Commvault documents no rate limit, so none is assumed.' },
};
