import { randomBytes, randomUUID } from 'node:crypto';

import { type EmulatorCredential, type EmulatorRequest, type EmulatorResponse, Emulator } from '../support/emulator';
import { LOOKALIKES } from '../support/lookalikes';

/*
 * Instellix (formerly Nitrobox) emulator: OAuth 2.0 client-credentials tokens per realm with short
 * lifetimes, plans with phases, linked options and properties, the whole-object PUT of the documented fields
 * (deprecated inline options are creation requests: re-sent ones are refused) with Instellix's documented
 * validation (name, at least one phase, unique phase idents, initial phase, next phases,
 * CUSTOMER / PARTNER and COMMISSION, `pendingContractTerms` and `billingConfig` objects), the
 * active-contract rule, and the documented GlobalErrorResponse body.
 *
 * Where Instellix's documentation is silent the emulator follows the node's guesses (see
 * nodes/Instellix/api.ts and docs/providers/instellix.md): GET /v2/plans?page&size answering
 * { content, pageInfo }, GET /v2/plans/{id}, GET /v2/billing/plan-options/{ident} with `type`,
 * properties { ident, value }, durations { value, unit }, `endOfMonth`, linked options { optionIdent },
 * transitions { type, nextPhaseIdent } (the key names of durations, the end-of-month flag and next phases can be
 * switched to test that the node writes the plan's own words), the read-only `hasActiveContract` flag, and OAuth error bodies
 * ({ error, error_description }) on the token endpoint.
 */

export type Json = Record<string, unknown>;

export const INSTELLIX_REALM = 'acme';

/** API clients the emulator knows (realm "acme"). The reader may not change plans (403). */
export const INSTELLIX_CLIENTS = {
	admin: { clientId: 'isx-ops-bot', clientSecret: 'isxS3cr3t_9f2c71d4e8a5b0c36e1f' },
	reader: { clientId: 'isx-reader', clientSecret: 'isxR3ad3r_4b8e2a9c1d7f60e5a3b2' },
};

const IDENT = /^[a-zA-Z0-9_.~-]{1,100}$/;
const UNITS = ['DAY', 'MONTH', 'YEAR'];
/** Fields Instellix owns; a PUT body cannot change them. */
const SERVER_FIELDS = ['id', 'hasActiveContract'];

/*
 * What "Update plan" (docs.instellix.io reference/createplan_v2_1) documents. A PUT replaces these fields
 * (one left out is gone). A deprecated field is replaced when sent and otherwise kept (UNCONFIRMED). A phase's
 * deprecated `options` are option creation requests: one naming an option that exists is refused, a new one
 * is created. Fields the PUT does not document are ignored (Spring's default), so the plan's own stay.
 */
const PUT_PLAN_FIELDS = ['name', 'phases', 'businessSegmentIdent', 'individualPlan', 'initialPhase', 'pendingContractTerms', 'properties', 'type', 'businessSegmentId'];
const PUT_PHASE_FIELDS = ['ident', 'name', 'linkedOptions', 'termDuration', 'noticePeriod', 'transitions', 'billingConfig', 'autoRenewal'];
const DEPRECATED = ['businessSegmentId', 'autoRenewal', 'options'];

/** `stored` with the documented fields of `sent` put in: the ones sent replace, deprecated ones left out stay. */
function putInto(stored: Json, sent: Json, documented: string[]): Json {
	const out: Json = {};
	for (const [key, value] of Object.entries(stored)) {
		if (documented.includes(key) && key in sent) out[key] = sent[key];
		else if (!documented.includes(key) || DEPRECATED.includes(key)) out[key] = value;
	}
	for (const [key, value] of Object.entries(sent)) if (documented.includes(key) && !(key in out)) out[key] = value;
	return out;
}

interface Token {
	clientId: string;
	scopes: string[];
	expiresAt: number;
}

interface FieldError {
	fieldName: string;
	error: string;
	rejectedValue?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'BAD_REQUEST',
	401: 'UNAUTHORIZED',
	403: 'FORBIDDEN',
	404: 'NOT_FOUND',
	415: 'UNSUPPORTED_MEDIA_TYPE',
	500: 'INTERNAL_SERVER_ERROR',
};

/** The documented GlobalErrorResponse. */
export function globalError(status: number, message: string, path: string, errors: FieldError[] = []): EmulatorResponse {
	return {
		status,
		body: {
			status: STATUS_TEXT[status] ?? 'ERROR',
			timestamp: new Date().toISOString().replace('Z', ''),
			message,
			path,
			uuid: randomUUID(),
			errors,
		},
	};
}

/** JSON with sorted keys, to compare plans whatever their key order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Json)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => a.localeCompare(b));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

function without(plan: Json, keys: string[]): Json {
	const out: Json = {};
	for (const [k, v] of Object.entries(plan)) if (!keys.includes(k)) out[k] = v;
	return out;
}

/** `billingConfig` and `pendingContractTerms` are objects (documented; their inner fields are not). */
const objectOrNull = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v));

function phase(ident: string, name: string, extra: Json = {}): Json {
	return {
		ident,
		name,
		termDuration: { value: 12, unit: 'MONTH' },
		noticePeriod: { value: 1, unit: 'MONTH' },
		endOfMonth: true,
		transitions: [{ type: 'AUTO_RENEWAL' }],
		linkedOptions: [{ optionIdent: 'pro-base' }],
		billingConfig: null,
		autoRenewal: null,
		options: null,
		...extra,
	};
}

export class InstellixEmulator extends Emulator {
	readonly name = 'instellix';

	plans = new Map<number, Json>();

	options = new Map<string, Json>();

	segments = new Set<string>();

	tokens = new Map<string, Token>();

	/** Lifetime of new tokens, in seconds (Instellix's documented example: 269). */
	tokenTtlSeconds = 269;

	/** How the plan read reveals an active contract: the `hasActiveContract` field, or not at all. */
	activeContractSignal: 'field' | 'hidden' = 'field';

	/** What a PUT that changes more than name and properties on a plan with an active contract gets. */
	activeContractEnforcement: 'reject' | 'ignore' = 'reject';

	/**
	 * The JSON name of a duration's amount (`termDuration`, `noticePeriod`): the node's guess `value`, or
	 * `amount`. A duration is read through this name only; other keys are kept as sent.
	 */
	durationAmountKey: 'value' | 'amount' = 'value';

	/** The key of a NEXT_PHASE transition that names the next phase: the node's guess `nextPhaseIdent`, or `phaseIdent`. */
	nextPhaseKey: 'nextPhaseIdent' | 'phaseIdent' = 'nextPhaseIdent';

	/**
	 * How an unknown business segment is refused (not documented): a field error in the GlobalErrorResponse, or a
	 * message alone with status 400 or 404 (as a lookup of the segment would say it).
	 */
	unknownSegment: 'fieldError' | 'message400' | 'message404' = 'fieldError';

	/** The JSON name of a phase's end-of-month flag (not documented): the node's guess `endOfMonth`, or another. */
	endOfMonthKey = 'endOfMonth';

	/** Whether GET /v2/billing/plan-options/{ident} exists (the node's guess of the path); when not, it answers as an unknown route. */
	optionEndpoint = true;

	/** The body of an unknown route's 404: Instellix's GlobalErrorResponse ("No endpoint …") or Spring's default error page. */
	routeNotFoundBody: 'global' | 'spring' = 'global';

	/** Tokens issued so far (sign-ins). */
	tokensIssued = 0;

	/** API clients of the realm besides INSTELLIX_CLIENTS, with their scopes (e.g. canary secrets for secret scans); none after a reset. */
	extraClients: Array<{ clientId: string; clientSecret: string; scopes: string[] }> = [];

	private expireAfter: number | undefined;

	constructor() {
		super();
		this.reset();
		this.route('POST', '/:realm/oauth2/token', (req) => this.token(req));
		this.route('GET', '/v2/plans', (req) => this.auth(req, 'plans:read', () => this.listPlans(req)));
		this.route('GET', '/v2/plans/:id', (req) => this.auth(req, 'plans:read', () => this.withPlan(req, (plan) => ({ status: 200, body: this.view(plan) }))));
		this.route('PUT', '/v2/plans/:id', (req) => this.auth(req, 'plans:write', () => this.withPlan(req, (plan) => this.updatePlan(plan, req))));
		this.route('GET', '/v2/billing/plan-options/:ident', (req) => this.auth(req, 'plans:read', () => this.getOption(req)));
	}

	reset(): void {
		this.tokens.clear();
		this.tokenTtlSeconds = 269;
		this.activeContractSignal = 'field';
		this.activeContractEnforcement = 'reject';
		this.durationAmountKey = 'value';
		this.nextPhaseKey = 'nextPhaseIdent';
		this.endOfMonthKey = 'endOfMonth';
		this.unknownSegment = 'fieldError';
		this.optionEndpoint = true;
		this.routeNotFoundBody = 'global';
		this.tokensIssued = 0;
		this.extraClients = [];
		this.expireAfter = undefined;
		this.segments = new Set(['default', 'emea', 'partners']);
		this.options = new Map(
			[
				{ optionIdent: 'pro-base', productIdent: 'pro', name: 'Pro base fee', type: 'RECURRING' },
				{ optionIdent: 'pro-seats', productIdent: 'seat', name: 'Seats', type: 'QUANTITY' },
				{ optionIdent: 'setup-fee', productIdent: 'setup', name: 'Setup fee', type: 'ONETIME' },
				{ optionIdent: 'api-usage', productIdent: 'api', name: 'API calls', type: 'USAGE' },
				{ optionIdent: 'partner-commission', productIdent: 'commission', name: 'Partner commission', type: 'COMMISSION' },
				{ optionIdent: 'reseller-bonus', productIdent: 'bonus', name: 'Reseller bonus', type: 'COMMISSION' },
				{ optionIdent: 'bearer-bundle', productIdent: 'bundle', name: LOOKALIKES.bearer, type: 'RECURRING' },
			].map((o) => [o.optionIdent, { ...o, category: 'SERVICE', description: null }]),
		);
		this.plans.clear();
		this.addPlan({
			id: 4711,
			name: 'Pro Monthly (2025)',
			businessSegmentIdent: 'default',
			businessSegmentId: 3,
			individualPlan: false,
			initialPhase: 'trial',
			pendingContractTerms: { billingStartOffset: { value: 0, unit: 'DAY' } },
			phases: [
				phase('trial', 'Free trial', {
					termDuration: { value: 14, unit: 'DAY' },
					noticePeriod: null,
					endOfMonth: false,
					transitions: [{ type: 'NEXT_PHASE', nextPhaseIdent: 'main' }],
					linkedOptions: [{ optionIdent: 'pro-base', priceOverride: { amount: 0, currency: 'EUR' } }],
				}),
				phase('main', 'Main phase', {
					linkedOptions: [{ optionIdent: 'pro-base' }, { optionIdent: 'pro-seats', quantity: { min: 1, max: 50 } }],
					billingConfig: { billingStrategy: 'IN_ADVANCE', billingInterval: { value: 1, unit: 'MONTH' } },
					autoRenewal: true,
					options: [{ type: 'ONETIME', name: 'Legacy setup', productIdent: 'legacy-setup', price: { amount: 49, currency: 'EUR' } }],
					colorHint: '#5B2EE0',
				}),
			],
			properties: [
				{ ident: 'data_volume', value: '25 GB' },
				{ ident: 'support', value: 'email', printOnInvoice: true },
			],
			type: 'CUSTOMER',
			accountingReference: 'ACC-PRO-M',
		});
		this.addPlan({
			id: 4712,
			name: 'Partner Reseller',
			businessSegmentIdent: 'partners',
			individualPlan: false,
			initialPhase: 'main',
			phases: [phase('main', 'Partner main', { linkedOptions: [{ optionIdent: 'pro-base' }, { optionIdent: 'partner-commission' }] })],
			properties: [],
			type: 'PARTNER',
		});
		this.addPlan({
			id: 4713,
			name: 'Enterprise (signed)',
			businessSegmentIdent: 'emea',
			individualPlan: true,
			initialPhase: 'main',
			phases: [phase('main', 'Enterprise main', { linkedOptions: [{ optionIdent: 'pro-base' }, { optionIdent: 'pro-seats' }] })],
			properties: [{ ident: 'sla', value: '99.9%' }],
			type: 'CUSTOMER',
			hasActiveContract: true,
		});
		this.addPlan({
			id: 4714,
			name: 'Legacy Partner',
			businessSegmentIdent: 'partners',
			individualPlan: null,
			initialPhase: 'main',
			phases: [
				phase('main', 'Legacy main', {
					linkedOptions: [{ optionIdent: 'pro-base' }],
					options: [{ type: 'COMMISSION', optionIdent: 'legacy-commission', name: 'Legacy commission', rate: 0.1 }],
				}),
			],
			properties: null,
			type: 'PARTNER',
		});
		this.addPlan({
			id: 4715,
			name: 'Untyped starter',
			businessSegmentIdent: null,
			businessSegmentId: 1,
			individualPlan: null,
			initialPhase: null,
			phases: [{ ident: 'only', name: null, termDuration: null, noticePeriod: null, transitions: null, linkedOptions: null }],
			properties: null,
			type: null,
		});
		// Last in the plan list (after the bulk plans), so the list's first pages stay as they were.
		this.addPlan({
			id: 7000,
			name: LOOKALIKES.basic,
			businessSegmentIdent: 'default',
			individualPlan: false,
			initialPhase: 'main',
			phases: [phase('main', LOOKALIKES.bearer, { linkedOptions: [{ optionIdent: 'bearer-bundle' }] })],
			properties: [
				{ ident: 'api_access', value: LOOKALIKES.token },
				{ ident: 'pricing', value: LOOKALIKES.password },
			],
			type: 'CUSTOMER',
		});
		for (let i = 0; i < 130; i++) {
			this.addPlan({
				id: 6000 + i,
				ident: `bulk-${String(i).padStart(3, '0')}`,
				name: `Bulk plan ${String(i).padStart(3, '0')}`,
				businessSegmentIdent: 'default',
				individualPlan: false,
				initialPhase: 'main',
				phases: [phase('main', 'Main')],
				properties: [{ ident: 'tier', value: 'standard' }],
				type: 'CUSTOMER',
			});
		}
	}

	/** Adds a plan; `id` first and the server-owned `hasActiveContract` last, as Instellix would send them. */
	addPlan(plan: Json & { id: number }): void {
		const { id, hasActiveContract, ...rest } = plan;
		this.plans.set(id, { id, ...rest, hasActiveContract: hasActiveContract ?? false });
	}

	/** A plan as stored (all fields), for assertions. */
	plan(id: number): Json {
		return structuredClone(this.plans.get(id) as Json);
	}

	credential(): EmulatorCredential {
		return {
			type: 'instellixApi',
			name: 'Instellix (emulator)',
			data: {
				environment: 'custom',
				baseUrl: this.baseUrl,
				realm: INSTELLIX_REALM,
				clientId: INSTELLIX_CLIENTS.admin.clientId,
				clientSecret: INSTELLIX_CLIENTS.admin.clientSecret,
			},
		};
	}

	snapshot(): unknown {
		return {
			plans: Object.fromEntries([...this.plans].map(([id, plan]) => [id, plan])),
			options: Object.fromEntries(this.options),
			tokens: this.tokens.size,
			tokensIssued: this.tokensIssued,
		};
	}

	/** Every token issued so far stops working now. */
	expireAllTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/** After `requests` more authenticated API requests, every token issued so far expires. */
	expireTokensAfter(requests: number): void {
		this.expireAfter = requests;
	}

	protected controlExtra(method: string, path: string, body: Record<string, unknown>): EmulatorResponse | undefined {
		if (method === 'POST' && path === '/__emulator/expire-tokens') {
			this.expireAllTokens();
			return { status: 200, body: { expired: this.tokens.size } };
		}
		if (method === 'POST' && path === '/__emulator/token-ttl') {
			this.tokenTtlSeconds = Number(body.seconds ?? 269);
			return { status: 200, body: { tokenTtlSeconds: this.tokenTtlSeconds } };
		}
		return undefined;
	}

	protected notFound(method: string, path: string): EmulatorResponse {
		if (this.routeNotFoundBody === 'spring') {
			return { status: 404, body: { timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path } };
		}
		return globalError(404, `No endpoint ${method} ${path}`, path);
	}

	// -------------------------------------------------------------------------------------------
	// OAuth 2.0 client credentials

	private token(req: EmulatorRequest): EmulatorResponse {
		const oauth = (status: number, error: string, description: string): EmulatorResponse => ({
			status,
			body: { error, error_description: description },
		});
		if (req.params.realm !== INSTELLIX_REALM) return oauth(404, 'invalid_realm', `Realm "${req.params.realm}" does not exist`);
		if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
			return oauth(400, 'invalid_request', 'Content type must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(req.rawBody);
		const grant = form.get('grant_type') ?? req.query.get('grant_type');
		if (grant !== 'client_credentials') return oauth(400, 'unsupported_grant_type', `Unsupported grant type: ${grant ?? '(none)'}`);
		const header = String(req.headers.authorization ?? '');
		const match = /^Basic\s+(\S+)$/i.exec(header);
		const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
		const [clientId, ...rest] = decoded.split(':');
		const secret = rest.join(':');
		const client = Object.values(INSTELLIX_CLIENTS).find((c) => c.clientId === clientId && c.clientSecret === secret);
		const extra = this.extraClients.find((c) => c.clientId === clientId && c.clientSecret === secret);
		if (!client && !extra) return oauth(401, 'invalid_client', 'Invalid client or Invalid client credentials');
		const accessToken = `isx_at_${randomBytes(18).toString('hex')}`;
		const scopes = extra ? extra.scopes : client === INSTELLIX_CLIENTS.admin ? ['plans:read', 'plans:write'] : ['plans:read'];
		this.tokens.set(accessToken, { clientId, scopes, expiresAt: Date.now() + this.tokenTtlSeconds * 1000 });
		this.tokensIssued++;
		return {
			status: 200,
			body: { access_token: accessToken, token_type: 'bearer', expires_in: this.tokenTtlSeconds, scope: scopes.join(' ') },
		};
	}

	private auth(req: EmulatorRequest, scope: string, next: () => EmulatorResponse): EmulatorResponse {
		const header = String(req.headers.authorization ?? '');
		const match = /^Bearer\s+(\S+)$/i.exec(header);
		if (!match) return globalError(401, 'Full authentication is required to access this resource', req.path);
		const token = this.tokens.get(match[1]);
		if (!token) return globalError(401, 'Invalid access token', req.path);
		if (this.expireAfter !== undefined) {
			if (this.expireAfter <= 0) {
				this.expireAllTokens();
				this.expireAfter = undefined;
			} else {
				this.expireAfter--;
			}
		}
		if (token.expiresAt <= Date.now()) return globalError(401, 'Access token expired', req.path);
		if (!token.scopes.includes(scope)) return globalError(403, 'Access Denied', req.path);
		return next();
	}

	// -------------------------------------------------------------------------------------------
	// Plans

	private view(plan: Json): Json {
		const copy = structuredClone(plan);
		if (this.activeContractSignal === 'hidden') delete copy.hasActiveContract;
		return copy;
	}

	private withPlan(req: EmulatorRequest, next: (plan: Json) => EmulatorResponse): EmulatorResponse {
		if (!/^\d+$/.test(req.params.id)) {
			return globalError(400, 'Invalid path parameter', req.path, [
				{ fieldName: 'planId', error: 'must be a number', rejectedValue: req.params.id },
			]);
		}
		const plan = this.plans.get(Number(req.params.id));
		if (!plan) return globalError(404, `Plan with id ${req.params.id} not found`, req.path);
		return next(plan);
	}

	private listPlans(req: EmulatorRequest): EmulatorResponse {
		const page = req.query.get('page') ? Number(req.query.get('page')) : 0;
		const size = req.query.get('size') ? Number(req.query.get('size')) : 20;
		const errors: FieldError[] = [];
		if (!Number.isInteger(page) || page < 0) errors.push({ fieldName: 'page', error: 'must be greater than or equal to 0', rejectedValue: req.query.get('page') });
		if (!Number.isInteger(size) || size < 1 || size > 100) errors.push({ fieldName: 'size', error: 'must be between 1 and 100', rejectedValue: req.query.get('size') });
		if (errors.length) return globalError(400, 'Invalid paging parameters', req.path, errors);
		const all = [...this.plans.values()].sort((a, b) => (a.id as number) - (b.id as number));
		const content = all.slice(page * size, (page + 1) * size).map((p) => this.view(p));
		return {
			status: 200,
			body: { content, pageInfo: { number: page, size, totalElements: all.length, totalPages: Math.ceil(all.length / size) } },
		};
	}

	private getOption(req: EmulatorRequest): EmulatorResponse {
		if (!this.optionEndpoint) return this.notFound(req.method, req.path);
		const option = this.options.get(req.params.ident);
		if (!option) return globalError(404, `Option with ident ${req.params.ident} not found`, req.path);
		return { status: 200, body: option };
	}

	private validate(body: Json): FieldError[] {
		const errors: FieldError[] = [];
		const add = (fieldName: string, error: string, rejectedValue?: unknown) => errors.push({ fieldName, error, rejectedValue });
		if (typeof body.name !== 'string' || body.name.trim() === '') add('name', 'must not be blank', body.name);
		else if (body.name.length > 255) add('name', 'size must be between 1 and 255', body.name);
		if (!Array.isArray(body.phases) || body.phases.length === 0) add('phases', 'must not be empty', body.phases ?? null);
		const phases = (Array.isArray(body.phases) ? body.phases : []) as Json[];
		const idents = phases.map((p) => p?.ident);
		let commission = 0;
		phases.forEach((p, i) => {
			if (!p || typeof p !== 'object') {
				add(`phases[${i}]`, 'must be an object', p);
				return;
			}
			if (p.ident !== undefined && p.ident !== null && (typeof p.ident !== 'string' || !IDENT.test(p.ident))) {
				add(`phases[${i}].ident`, "must match \"[a-zA-Z0-9_.~-]{1,100}\"", p.ident);
			} else if (typeof p.ident === 'string' && idents.indexOf(p.ident) !== i) {
				add(`phases[${i}].ident`, 'must be unique within the plan', p.ident);
			}
			if (!objectOrNull(p.billingConfig)) add(`phases[${i}].billingConfig`, 'must be an object', p.billingConfig);
			if (p.name !== undefined && p.name !== null && (typeof p.name !== 'string' || p.name.length > 255)) add(`phases[${i}].name`, 'size must be between 0 and 255', p.name);
			for (const key of ['termDuration', 'noticePeriod']) {
				const d = p[key] as Json | null | undefined;
				if (d === null || d === undefined) continue;
				const amount = d[this.durationAmountKey];
				if (typeof d !== 'object' || !Number.isInteger(amount) || (amount as number) < 0 || !UNITS.includes(d.unit as string)) {
					add(`phases[${i}].${key}`, 'must be a time duration with a whole value and a unit DAY, MONTH or YEAR', d);
				}
			}
			const endOfMonth = p[this.endOfMonthKey];
			if (endOfMonth !== undefined && typeof endOfMonth !== 'boolean') add(`phases[${i}].${this.endOfMonthKey}`, 'must be a boolean', endOfMonth);
			const linked = p.linkedOptions;
			if (linked !== null && linked !== undefined && !Array.isArray(linked)) add(`phases[${i}].linkedOptions`, 'must be an array', linked);
			((Array.isArray(linked) ? linked : []) as Json[]).forEach((o, j) => {
				const option = this.options.get(o?.optionIdent as string);
				if (!option) add(`phases[${i}].linkedOptions[${j}].optionIdent`, 'option not found', o?.optionIdent);
				else if (option.type === 'COMMISSION') commission++;
			});
			for (const inline of (Array.isArray(p.options) ? p.options : []) as Json[]) if (inline?.type === 'COMMISSION') commission++;
			const transitions = p.transitions;
			if (transitions !== null && transitions !== undefined && !Array.isArray(transitions)) add(`phases[${i}].transitions`, 'must be an array', transitions);
			((Array.isArray(transitions) ? transitions : []) as Json[]).forEach((t, j) => {
				if (!t || typeof t !== 'object' || typeof t.type !== 'string') {
					add(`phases[${i}].transitions[${j}].type`, 'must not be null', t);
					return;
				}
				const next = t[this.nextPhaseKey];
				if (t.type === 'NEXT_PHASE' && !idents.includes(next)) add(`phases[${i}].transitions[${j}].${this.nextPhaseKey}`, 'must reference a phase of the plan', next);
			});
		});
		if (body.initialPhase !== null && body.initialPhase !== undefined && !idents.includes(body.initialPhase)) {
			add('initialPhase', 'must reference a phase of the plan', body.initialPhase);
		}
		if (!objectOrNull(body.pendingContractTerms)) add('pendingContractTerms', 'must be an object', body.pendingContractTerms);
		if (body.type !== null && body.type !== undefined && body.type !== 'CUSTOMER' && body.type !== 'PARTNER') add('type', 'must be one of CUSTOMER, PARTNER', body.type);
		if (body.type === 'PARTNER' && commission === 0) add('type', 'A PARTNER plan has to contain at least one COMMISSION option', body.type);
		if (body.type === 'CUSTOMER' && commission > 0) add('type', "A CUSTOMER plan can't contain COMMISSION options", body.type);
		const segmentIdent = body.businessSegmentIdent;
		if ((segmentIdent === null || segmentIdent === undefined) && (body.businessSegmentId === null || body.businessSegmentId === undefined)) {
			add('businessSegmentIdent', 'must be set when businessSegmentId is not set', null);
		} else if (segmentIdent !== null && segmentIdent !== undefined && !this.segments.has(segmentIdent as string)) {
			add('businessSegmentIdent', 'business segment not found', segmentIdent);
		}
		if (body.individualPlan !== null && body.individualPlan !== undefined && typeof body.individualPlan !== 'boolean') add('individualPlan', 'must be a boolean', body.individualPlan);
		const properties = body.properties;
		if (properties !== null && properties !== undefined && !Array.isArray(properties)) add('properties', 'must be an array', properties);
		((Array.isArray(properties) ? properties : []) as Json[]).forEach((prop, i) => {
			if (typeof prop?.ident !== 'string' || !IDENT.test(prop.ident)) add(`properties[${i}].ident`, "must match \"[a-zA-Z0-9_.~-]{1,100}\"", prop?.ident);
			if (typeof prop?.value !== 'string') add(`properties[${i}].value`, 'must not be null', prop?.value);
		});
		return errors;
	}

	/**
	 * The deprecated `phases[].options` of a PUT: option creation requests, per phase. One naming an option that
	 * exists (its optionIdent or productIdent), such as an inline option of the plan sent back as read, is refused.
	 */
	private optionRequests(plan: Json, body: Json): Json[][] | EmulatorResponse {
		const known = [...this.options.values(), ...((plan.phases ?? []) as Json[]).flatMap((p) => (Array.isArray(p?.options) ? (p.options as Json[]) : []))];
		const errors: FieldError[] = [];
		const created = ((Array.isArray(body.phases) ? body.phases : []) as Json[]).map((p, i) =>
			((Array.isArray(p?.options) ? p.options : []) as Json[]).filter((o, j) => {
				const same = known.find((k) => (o?.optionIdent && k.optionIdent === o.optionIdent) || (o?.productIdent && k.productIdent === o.productIdent));
				if (same) errors.push({ fieldName: `phases[${i}].options[${j}]`, error: `option ${String(same.optionIdent ?? same.productIdent)} already exists`, rejectedValue: o.optionIdent ?? o.productIdent });
				return !same;
			}),
		);
		return errors.length ? globalError(400, 'Validation failed', `/v2/plans/${String(plan.id)}`, errors) : created;
	}

	private updatePlan(plan: Json, req: EmulatorRequest): EmulatorResponse {
		if (!String(req.headers['content-type'] ?? '').includes('application/json')) {
			return globalError(415, `Content-Type '${String(req.headers['content-type'] ?? '')}' is not supported`, req.path);
		}
		const body = req.json as Json | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return globalError(400, 'Required request body is missing', req.path);
		const created = this.optionRequests(plan, body);
		if (!Array.isArray(created)) return created;
		let next = putInto(without(plan, SERVER_FIELDS), body, PUT_PLAN_FIELDS);
		if (Array.isArray(body.phases)) {
			next.phases = (body.phases as Json[]).map((sent, i) => {
				if (!sent || typeof sent !== 'object') return sent;
				const stored = ((plan.phases ?? []) as Json[]).find((p) => p.ident !== undefined && p.ident === sent.ident) ?? {};
				const phase = putInto(stored, sent, [...PUT_PHASE_FIELDS, this.endOfMonthKey]);
				if (created[i].length) phase.options = [...((stored.options as Json[] | null) ?? []), ...created[i]];
				return phase;
			});
		}
		const segment = next.businessSegmentIdent;
		if (this.unknownSegment !== 'fieldError' && typeof segment === 'string' && !this.segments.has(segment)) {
			const answer = globalError(this.unknownSegment === 'message404' ? 404 : 400, `Business segment with ident ${segment} not found`, req.path);
			return { ...answer, body: { ...(answer.body as Json), errors: null } };
		}
		const errors = this.validate(next);
		if (errors.length) return globalError(400, 'Validation failed', req.path, errors);

		if (plan.hasActiveContract === true) {
			const locked = (p: Json) => canonical(without(p, [...SERVER_FIELDS, 'name', 'properties']));
			if (locked(next) !== locked(plan)) {
				if (this.activeContractEnforcement === 'reject') {
					return globalError(
						400,
						`Plan ${String(plan.id)} holds an active contract: only the name and the properties can be updated`,
						req.path,
						[{ fieldName: 'phases', error: 'cannot be changed while the plan holds an active contract' }],
					);
				}
				// Silently keep everything but the name and the properties.
				next = { ...without(plan, SERVER_FIELDS), name: next.name, properties: next.properties };
			}
		}
		const saved: Json = { id: plan.id, ...next, hasActiveContract: plan.hasActiveContract };
		this.plans.set(plan.id as number, saved);
		for (const option of created.flat()) if (typeof option.optionIdent === 'string') this.options.set(option.optionIdent, option);
		return { status: 200, body: this.view(saved) };
	}
}
