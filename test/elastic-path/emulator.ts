import { randomBytes } from 'node:crypto';

import { type EmulatorCredential, type EmulatorRequest, type EmulatorResponse, Emulator } from '../support/emulator';
import { LOOKALIKES } from '../support/lookalikes';

/** Application keys the emulator knows. */
export const EP_CLIENTS = {
	store: { clientId: 'epcc_client_3b9f1c7d2e4a', clientSecret: 'epcc_secret_S3cr3t-9d8c7b6a5f4e3d2c1b0a' },
	otherRegion: { clientId: 'epcc_client_us_77aa', clientSecret: 'epcc_secret_US-region-0f1e2d3c4b5a' },
};

const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Seeded IDs (lower-case UUIDs). */
export const EP_IDS = {
	streaming: id('0ffe0001', 1),
	seats: id('0ffe0002', 2),
	empty: id('0ffe0003', 3),
	monthly: id('91a70001', 1),
	annual: id('91a70002', 2),
	partner: id('91a70003', 3),
	seat: (n: number) => id('5ea70000', n),
	/** The offering "Bearer Bundle" and its plan "Basic Monthly" (LOOKALIKES). */
	bundle: id('0ffe0004', 4),
	basicMonthly: id('91a70004', 4),
	regional: (n: number) => id('0ffe1000', n),
};

export const SEAT_PLANS = 250;
const REGIONAL_OFFERINGS = 120;

export type PlanModel = 'billing' | 'product';

export interface EpResource {
	id: string;
	type: string;
	attributes: Record<string, unknown>;
	relationships?: Record<string, unknown>;
	meta: Record<string, unknown>;
}

interface Offering {
	resource: EpResource;
	plans: EpResource[];
}

interface Settings {
	/** Which plan model the store runs (the seed documentation's is `billing`). */
	planModel: PlanModel;
	/** Whether GET .../offerings/{o}/plans/{p} exists (newer API only). */
	singlePlanGet: boolean;
	/** What a store without that GET (none is published) answers to it. */
	singleGetMissingStatus: number;
	/** Whether GET /v2/currencies answers. */
	currenciesReadable: boolean;
	/** Whether list answers fill in `links` (the Subscriptions examples show `links: {}`). */
	populateLinks: boolean;
	/** With `populateLinks`, how the last page's `next` reads: null, left out, or the last page again. */
	lastPageNext: 'null' | 'absent' | 'repeat';
	/**
	 * Whether list answers carry `meta` (page and results totals). The Subscriptions specification's lists
	 * answer `data` and `links` only; other Elastic Path lists add `meta.results.total`.
	 */
	listMeta: boolean;
	/** The store's "page length" setting, used when page[limit] is not sent. */
	defaultPageLength: number;
	/** Token lifetime in seconds. */
	tokenTtlSeconds: number;
	/** Expire every token when this many authenticated API requests have been served (once). */
	expireTokensAfterRequests?: number;
	/** Requests allowed per window for the store; 429 beyond (no Retry-After: none is documented). */
	rateLimit: { limit: number; windowMs: number };
}

/** Elastic Path's documented limits: 100 requests per second for a production store, 25 for a development store. */
export const EP_STORE_LIMITS = {
	production: { limit: 100, windowMs: 1000 },
	development: { limit: 25, windowMs: 1000 },
} as const;

const defaults = (): Settings => ({
	planModel: 'billing',
	singlePlanGet: false,
	singleGetMissingStatus: 405,
	currenciesReadable: true,
	populateLinks: false,
	lastPageNext: 'null',
	listMeta: false,
	defaultPageLength: 25,
	tokenTtlSeconds: 3600,
	rateLimit: { ...EP_STORE_LIMITS.production },
});

const PLAN_TYPE = 'subscription_offering_plan';
const STAMP = '2025-01-10T11:41:19.244842Z';

const errors = (status: number, title: string, detail?: string, bodyStatus: string | number = String(status)): EmulatorResponse => ({
	status,
	body: { errors: [{ status: bodyStatus, title, ...(detail ? { detail } : {}) }] },
});
/** Titles of the other answers a store may give to the unpublished single-plan GET. */
const MISSING_ROUTE_TITLES: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 410: 'Gone', 501: 'Not Implemented', 401: 'Unauthorized', 503: 'Service Unavailable' };
const validation = (detail: string) => errors(400, 'Validation Error', detail);
const UNAUTHORIZED = errors(401, 'Unauthorized', 'Unable to validate access token', 401);
const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

/**
 * Elastic Path Commerce Cloud emulator for the Subscriptions offering plans: client-credentials tokens
 * (form-encoded, expiring, counted), offerings and their plans in either plan model, pagination with
 * page[limit]/page[offset], JSON:API error bodies, the store's currencies, 409 write conflicts and a
 * per-store rate limit.
 */
export class ElasticPathEmulator extends Emulator {
	readonly name = 'elastic-path';

	settings: Settings = defaults();

	offerings = new Map<string, Offering>();

	currencies: Array<{ code: string; enabled: boolean; default: boolean }> = [];

	/** Issued tokens and when they expire (epoch ms). */
	tokens = new Map<string, { clientId: string; expiresAt: number }>();

	/** Every token request, answered or refused. */
	tokenRequests = 0;

	/** Application keys the store accepts besides EP_CLIENTS (e.g. canary secrets for secret scans); none after a reset. */
	extraClients: Array<{ clientId: string; clientSecret: string }> = [];

	private apiRequests = 0;

	private hits: number[] = [];

	private conflicts: Array<{ planId: string; remaining: number; change?: (plan: EpResource) => void }> = [];

	constructor() {
		super();
		this.reset();
		this.route('POST', '/oauth/access_token', (req) => this.token(req));
		this.route('GET', '/v2/currencies', (req) => this.api(req, () => this.listCurrencies()));
		this.route('GET', '/v2/subscriptions/offerings', (req) => this.api(req, () => this.page(req, [...this.offerings.values()].map((o) => o.resource))));
		this.route('GET', '/v2/subscriptions/offerings/:offering', (req) => this.api(req, () => this.getOffering(req)));
		this.route('GET', '/v2/subscriptions/offerings/:offering/plans', (req) =>
			this.api(req, () => this.withOffering(req, (offering) => this.page(req, offering.plans))),
		);
		this.route('GET', '/v2/subscriptions/offerings/:offering/plans/:plan', (req) => this.api(req, () => this.getPlan(req)));
		this.route('PUT', '/v2/subscriptions/offerings/:offering/plans/:plan', (req) => this.api(req, () => this.updatePlan(req)));
	}

	/** Switches between the two Subscriptions APIs and reseeds: 2024 (seed doc) or 2026 (product-like plans). */
	useSpec(spec: '2024' | '2026'): void {
		this.settings.planModel = spec === '2024' ? 'billing' : 'product';
		this.settings.singlePlanGet = spec === '2026';
		this.seed();
	}

	reset(): void {
		this.settings = defaults();
		this.tokens.clear();
		this.tokenRequests = 0;
		this.extraClients = [];
		this.apiRequests = 0;
		this.hits = [];
		this.conflicts = [];
		this.seed();
	}

	credential(client: keyof typeof EP_CLIENTS = 'store'): EmulatorCredential {
		return {
			type: 'elasticPathApi',
			name: 'Elastic Path (emulator)',
			data: { ...EP_CLIENTS[client], region: 'custom', baseUrl: this.baseUrl },
		};
	}

	snapshot(): unknown {
		return {
			settings: this.settings,
			tokenRequests: this.tokenRequests,
			offerings: Object.fromEntries([...this.offerings].map(([key, o]) => [key, { ...o.resource, plans: o.plans }])),
		};
	}

	/** A plan as stored, for assertions. */
	plan(offeringId: string, planId: string): EpResource | undefined {
		const found = this.offerings.get(offeringId)?.plans.find((p) => p.id === planId);
		return found ? structuredClone(found) : undefined;
	}

	/** Makes every issued token invalid now (the API then answers 401). */
	expireAllTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/**
	 * The next `times` writes to the plan answer 409; before each, `change` (another user's change) is
	 * applied to the stored plan.
	 */
	conflictOnWrite(planId: string, times = 1, change?: (plan: EpResource) => void): void {
		this.conflicts.push({ planId, remaining: times, change });
	}

	protected notFound(method: string, path: string): EmulatorResponse {
		return errors(404, 'Not Found', `No route for ${method} ${path}`);
	}

	protected controlExtra(method: string, path: string, body: Record<string, unknown>): EmulatorResponse | undefined {
		// A production store (the default) or a development store, with its documented limit.
		if (method === 'POST' && path === '/__emulator/store' && (body.store === 'production' || body.store === 'development')) {
			this.settings.rateLimit = { ...EP_STORE_LIMITS[body.store] };
			return { status: 200, body: { store: body.store, rateLimit: this.settings.rateLimit } };
		}
		if (method === 'POST' && path === '/__emulator/expire-tokens') {
			this.expireAllTokens();
			return { status: 200, body: { expired: this.tokens.size } };
		}
		if (method === 'POST' && path === '/__emulator/spec' && (body.spec === '2024' || body.spec === '2026')) {
			this.useSpec(body.spec);
			return { status: 200, body: { spec: body.spec } };
		}
		return undefined;
	}

	private seed(): void {
		const product = this.settings.planModel === 'product';
		this.offerings.clear();
		this.currencies = [
			{ code: 'USD', enabled: true, default: true },
			{ code: 'EUR', enabled: true, default: false },
			{ code: 'GBP', enabled: true, default: false },
			{ code: 'JPY', enabled: false, default: false },
		];
		const offering = (offeringId: string, name: string, plans: EpResource[], owner = 'store'): void => {
			this.offerings.set(offeringId, {
				resource: {
					id: offeringId,
					type: 'subscription_offering',
					attributes: { name, description: `${name} offering`, external_ref: null, created_at: STAMP, updated_at: STAMP },
					relationships: {},
					meta: { owner, timestamps: { created_at: STAMP, updated_at: STAMP } },
				},
				plans,
			});
		};
		const billing = (planId: string, attributes: Record<string, unknown>, owner = 'store'): EpResource => ({
			id: planId,
			type: PLAN_TYPE,
			attributes: { ...attributes, created_at: STAMP, updated_at: STAMP },
			relationships: {},
			meta: { owner, active_plan: null, timestamps: { created_at: STAMP, updated_at: STAMP } },
		});
		const plan = (planId: string, b: Record<string, unknown>, p: Record<string, unknown>, owner = 'store') =>
			billing(planId, product ? p : b, owner);

		offering(EP_IDS.streaming, 'Streaming Plus', [
			plan(
				EP_IDS.monthly,
				{
					external_ref: 'abc123',
					name: 'Monthly',
					description: 'A monthly subscription.',
					billing_interval_type: 'month',
					billing_frequency: 1,
					trial_period: 7,
					plan_length: 12,
					end_behavior: 'close',
					can_pause: false,
					can_resume: false,
					can_cancel: false,
					base_price_percentage: 90,
					fixed_price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true } },
				},
				{
					external_ref: 'abc123',
					name: 'Monthly',
					description: 'A monthly subscription.',
					sku: 'STREAM-M',
					main_image: 'https://cdn.example.com/monthly.png',
					price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true } },
					price_units: { unit: 'month', amount: 1 },
					feature_configurations: { '7c0d2e1f-0000-4000-8000-000000000001': { type: 'access' } },
				},
			),
			plan(
				EP_IDS.annual,
				{
					external_ref: null,
					name: 'Annual',
					description: null,
					billing_interval_type: 'year',
					billing_frequency: 1,
					trial_period: null,
					plan_length: 1,
					end_behavior: 'roll',
					can_pause: false,
					can_resume: false,
					can_cancel: true,
					base_price_percentage: null,
					fixed_price: { USD: { amount: 1000, includes_tax: false }, EUR: { amount: 900, includes_tax: true } },
				},
				{
					external_ref: null,
					name: 'Annual',
					description: null,
					sku: null,
					main_image: null,
					price: { USD: { amount: 1000, includes_tax: false } },
					price_units: null,
					feature_configurations: {},
				},
			),
			plan(
				EP_IDS.partner,
				{ name: 'Partner Bundle', billing_interval_type: 'month', billing_frequency: 1, plan_length: 12, end_behavior: 'roll', can_pause: false, can_resume: false, can_cancel: true, fixed_price: null },
				{ name: 'Partner Bundle', sku: 'PARTNER', price: null, price_units: null, feature_configurations: {} },
				'organization',
			),
		]);
		const seats: EpResource[] = [];
		for (let n = 1; n <= SEAT_PLANS; n++) {
			const name = `Seat tier ${String(n).padStart(3, '0')}`;
			seats.push(
				plan(
					EP_IDS.seat(n),
					{ name, billing_interval_type: 'month', billing_frequency: 1, plan_length: 12, end_behavior: 'roll', can_pause: true, can_resume: true, can_cancel: true, trial_period: 0, fixed_price: { USD: { amount: 1000 + n, includes_tax: false } } },
					{ name, sku: `SEAT-${n}`, price: { USD: { amount: 1000 + n, includes_tax: false } }, price_units: { unit: 'month', amount: 1 }, feature_configurations: {} },
				),
			);
		}
		offering(EP_IDS.seats, 'Business Seats', seats);
		offering(EP_IDS.empty, 'Empty Offering', []);
		offering(EP_IDS.bundle, LOOKALIKES.bearer, [
			plan(
				EP_IDS.basicMonthly,
				{ name: LOOKALIKES.basic, description: LOOKALIKES.token, external_ref: LOOKALIKES.password, billing_interval_type: 'month', billing_frequency: 1, plan_length: 12, end_behavior: 'roll', can_pause: true, can_resume: true, can_cancel: true, trial_period: 0, fixed_price: { EUR: { amount: 990, includes_tax: true } } },
				{ name: LOOKALIKES.basic, description: LOOKALIKES.token, external_ref: LOOKALIKES.password, sku: 'BASIC-M', price: { EUR: { amount: 990, includes_tax: true } }, price_units: { unit: 'month', amount: 1 }, feature_configurations: {} },
			),
		]);
		for (let n = 1; n <= REGIONAL_OFFERINGS; n++) offering(EP_IDS.regional(n), `Regional ${String(n).padStart(3, '0')}`, []);
	}

	private token(req: EmulatorRequest): EmulatorResponse {
		this.tokenRequests++;
		if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
			return errors(400, 'Bad Request', 'The request must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(req.rawBody);
		if (form.get('grant_type') !== 'client_credentials') return errors(400, 'Bad Request', 'grant_type must be client_credentials or implicit');
		const client = [...Object.values(EP_CLIENTS), ...this.extraClients].find((c) => c.clientId === form.get('client_id'));
		if (!client || client.clientSecret !== form.get('client_secret') || client === EP_CLIENTS.otherRegion) {
			return errors(401, 'Unauthorized', 'Invalid client credentials');
		}
		const token = randomBytes(20).toString('hex');
		const expiresAt = Date.now() + this.settings.tokenTtlSeconds * 1000;
		this.tokens.set(token, { clientId: client.clientId, expiresAt });
		return {
			status: 200,
			body: {
				access_token: token,
				token_type: 'Bearer',
				identifier: 'client_credentials',
				expires_in: this.settings.tokenTtlSeconds,
				expires: Math.floor(expiresAt / 1000),
			},
		};
	}

	private api(req: EmulatorRequest, next: () => EmulatorResponse): EmulatorResponse {
		const header = String(req.headers.authorization ?? '');
		const match = /^Bearer (\S+)$/.exec(header);
		this.apiRequests++;
		if (this.settings.expireTokensAfterRequests !== undefined && this.apiRequests >= this.settings.expireTokensAfterRequests) {
			this.settings.expireTokensAfterRequests = undefined;
			this.expireAllTokens();
		}
		const token = match ? this.tokens.get(match[1]) : undefined;
		if (!token || token.expiresAt <= Date.now()) return UNAUTHORIZED;
		const now = Date.now();
		this.hits = this.hits.filter((t) => now - t < this.settings.rateLimit.windowMs);
		if (this.hits.length >= this.settings.rateLimit.limit) return errors(429, 'Too Many Requests', 'Rate limit exceeded');
		this.hits.push(now);
		return next();
	}

	private page(req: EmulatorRequest, records: EpResource[]): EmulatorResponse {
		const limitText = req.query.get('page[limit]');
		const offsetText = req.query.get('page[offset]');
		const limit = limitText === null ? this.settings.defaultPageLength : Number(limitText);
		const offset = offsetText === null ? 0 : Number(offsetText);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) return validation('page[limit] must be an integer between 1 and 100');
		if (!Number.isInteger(offset) || offset < 0 || offset > 10000) return validation('page[offset] must be an integer between 0 and 10000');
		const data = records.slice(offset, offset + limit);
		const base = req.path;
		const at = (o: number) => `${base}?page[offset]=${o}&page[limit]=${limit}`;
		const lastOffset = Math.max(0, Math.floor((records.length - 1) / limit) * limit);
		const links: Record<string, string | null> = this.settings.populateLinks
			? {
					current: at(offset),
					first: at(0),
					last: at(lastOffset),
					prev: offset > 0 ? at(Math.max(0, offset - limit)) : null,
					next: offset + limit < records.length ? at(offset + limit) : null,
				}
			: {};
		if (this.settings.populateLinks && links.next === null) {
			if (this.settings.lastPageNext === 'absent') delete links.next;
			if (this.settings.lastPageNext === 'repeat') links.next = at(Math.min(offset, lastOffset));
		}
		const meta = {
			page: { limit, offset, current: Math.floor(offset / limit) + 1, total: Math.ceil(records.length / limit) },
			results: { total: records.length },
		};
		return { status: 200, body: { data, links, ...(this.settings.listMeta ? { meta } : {}) } };
	}

	private listCurrencies(): EmulatorResponse {
		if (!this.settings.currenciesReadable) return errors(403, 'Permission denied', 'Permission denied: currencies');
		return {
			status: 200,
			body: {
				data: this.currencies.map((c, n) => ({
					id: id('c0000000', n + 1),
					type: 'currency',
					code: c.code,
					exchange_rate: 1,
					format: `${c.code} {price}`,
					decimal_point: '.',
					thousand_separator: ',',
					decimal_places: c.code === 'JPY' ? 0 : 2,
					default: c.default,
					enabled: c.enabled,
				})),
			},
		};
	}

	private withOffering(req: EmulatorRequest, next: (offering: Offering) => EmulatorResponse): EmulatorResponse {
		const offering = this.offerings.get(req.params.offering);
		if (!offering) return errors(404, 'Not Found', 'No offering found');
		return next(offering);
	}

	private getOffering(req: EmulatorRequest): EmulatorResponse {
		return this.withOffering(req, (offering) => {
			const include = (req.query.get('include') ?? '').split(',');
			return {
				status: 200,
				body: { data: offering.resource, ...(include.includes('plans') ? { included: { plans: offering.plans } } : {}) },
			};
		});
	}

	private getPlan(req: EmulatorRequest): EmulatorResponse {
		if (!this.settings.singlePlanGet) {
			const status = this.settings.singleGetMissingStatus;
			return status === 405
				? errors(405, 'Method Not Allowed', 'Method Not Allowed')
				: status === 404
					? errors(404, 'Not Found', `No route for GET ${req.path}`)
					: errors(status, MISSING_ROUTE_TITLES[status] ?? 'Error', `GET ${req.path} is not served`);
		}
		return this.withOffering(req, (offering) => {
			const plan = offering.plans.find((p) => p.id === req.params.plan);
			return plan ? { status: 200, body: { data: plan } } : errors(404, 'Not Found', 'No plan found');
		});
	}

	private updatePlan(req: EmulatorRequest): EmulatorResponse {
		if (!String(req.headers['content-type'] ?? '').includes('application/json')) {
			return errors(415, 'Unsupported Media Type', 'Content-Type must be application/json');
		}
		return this.withOffering(req, (offering) => {
			const plan = offering.plans.find((p) => p.id === req.params.plan);
			if (!plan) return errors(404, 'Not Found', 'No plan found');
			const body = req.json as { data?: { id?: unknown; type?: unknown; attributes?: unknown } } | undefined;
			if (!body || typeof body !== 'object' || !body.data || typeof body.data !== 'object') return validation('data: "data" is required');
			if (body.data.type !== PLAN_TYPE) return validation(`data.type: "type" must be [${PLAN_TYPE}]`);
			if (body.data.id !== plan.id) return validation('data.id: "id" must match the plan in the path');
			const attributes = body.data.attributes;
			if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return validation('data.attributes: "attributes" must be of type object');
			const problem = this.checkAttributes(attributes as Record<string, unknown>);
			if (problem) return validation(problem);
			if (plan.meta.owner !== 'store') return errors(403, 'Permission denied', 'Permission denied: plan tenancy mismatch', '404');
			const conflict = this.conflicts.find((c) => c.planId === plan.id && c.remaining > 0);
			if (conflict) {
				conflict.remaining--;
				conflict.change?.(plan);
				return errors(409, 'Write Conflict');
			}
			const now = new Date().toISOString();
			Object.assign(plan.attributes, attributes, { updated_at: now });
			(plan.meta.timestamps as Record<string, string>).updated_at = now;
			return { status: 200, body: { data: plan } };
		});
	}

	/** The documented schema of the update attributes, per plan model. Returns the first problem. */
	private checkAttributes(attributes: Record<string, unknown>): string | undefined {
		const product = this.settings.planModel === 'product';
		const prices = (key: string, value: unknown): string | undefined => {
			if (value === null) return undefined;
			if (!value || typeof value !== 'object' || Array.isArray(value)) return `data.attributes.${key}: "${key}" must be of type object`;
			for (const [code, price] of Object.entries(value as Record<string, unknown>)) {
				if (!this.currencies.some((c) => c.code === code && c.enabled)) return `data.attributes.${key}.${code}: currency "${code}" is not enabled in this store`;
				const p = price as { amount?: unknown; includes_tax?: unknown };
				if (!p || typeof p !== 'object' || !isInt(p.amount)) return `data.attributes.${key}.${code}.amount: "amount" must be an integer`;
				if ((p.amount as number) < 0) return `data.attributes.${key}.${code}.amount: "amount" must be greater than or equal to 0`;
				if (p.includes_tax !== undefined && typeof p.includes_tax !== 'boolean') return `data.attributes.${key}.${code}.includes_tax: "includes_tax" must be a boolean`;
			}
			return undefined;
		};
		const text = (key: string, value: unknown, nullable: boolean, min: number, max: number) => {
			if (value === null) return nullable ? undefined : `data.attributes.${key}: "${key}" must be a string`;
			if (typeof value !== 'string') return `data.attributes.${key}: "${key}" must be a string`;
			if (value.length < min) return `data.attributes.${key}: "${key}" length must be at least ${min} characters long`;
			if (value.length > max) return `data.attributes.${key}: "${key}" length must be less than or equal to ${max} characters long`;
			return undefined;
		};
		const int = (key: string, value: unknown, nullable: boolean, min: number) => {
			if (value === null && nullable) return undefined;
			if (!isInt(value)) return `data.attributes.${key}: "${key}" must be an integer`;
			return (value as number) < min ? `data.attributes.${key}: "${key}" must be greater than or equal to ${min}` : undefined;
		};
		const oneOf = (key: string, value: unknown, allowed: string[]) =>
			allowed.includes(value as string) ? undefined : `data.attributes.${key}: "${key}" must be one of [${allowed.join(', ')}]`;
		const bool = (key: string, value: unknown) => (typeof value === 'boolean' ? undefined : `data.attributes.${key}: "${key}" must be a boolean`);
		const common: Record<string, (key: string, value: unknown) => string | undefined> = {
			name: (k, v) => text(k, v, false, 3, 1024),
			description: (k, v) => text(k, v, true, 0, 1024),
			external_ref: (k, v) => text(k, v, true, 0, 2048),
		};
		const billing: Record<string, (key: string, value: unknown) => string | undefined> = {
			billing_interval_type: (k, v) => oneOf(k, v, ['day', 'week', 'month', 'year']),
			billing_frequency: (k, v) => int(k, v, false, 1),
			trial_period: (k, v) => int(k, v, true, 0),
			plan_length: (k, v) => int(k, v, false, 1),
			end_behavior: (k, v) => oneOf(k, v, ['close', 'roll']),
			can_pause: bool,
			can_resume: bool,
			can_cancel: bool,
			base_price_percentage: (k, v) =>
				v === null || (typeof v === 'number' && v >= 0 && v <= 100) ? undefined : `data.attributes.${k}: "${k}" must be a number from 0 to 100`,
			fixed_price: prices,
		};
		const productLike: Record<string, (key: string, value: unknown) => string | undefined> = {
			sku: (k, v) => text(k, v, true, 0, 1024),
			main_image: (k, v) => text(k, v, true, 0, 1024),
			price: prices,
			price_units: (k, v) => {
				if (v === null) return undefined;
				const u = v as { unit?: unknown; amount?: unknown };
				if (!u || typeof u !== 'object') return `data.attributes.${k}: "${k}" must be of type object`;
				return oneOf(`${k}.unit`, u.unit, ['day', 'month']) ?? int(`${k}.amount`, u.amount, false, 1);
			},
			feature_configurations: (k, v) => (v && typeof v === 'object' ? undefined : `data.attributes.${k}: "${k}" must be of type object`),
		};
		const schema = { ...common, ...(product ? productLike : billing) };
		for (const [key, value] of Object.entries(attributes)) {
			const check = schema[key];
			if (!check) return `data.attributes.${key}: "${key}" is not allowed`;
			const problem = check(key, value);
			if (problem) return problem;
		}
		return undefined;
	}
}
