import { type EmulatorCredential, type EmulatorRequest, type EmulatorResponse, Emulator } from '../support/emulator';

export const PARTOO_PLAN_NAMES = [
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
];

export interface PartooPlan {
	name: string;
	subscription_date: string;
	expiration_date: string | null;
}

export interface PartooOrg {
	org_id: number;
	name: string;
	alias: string;
	provider: string;
	type: string;
	max_businesses: number | null;
	plans: PartooPlan[];
}

export interface PartooUser {
	id: string;
	org_id: number;
	role: string;
	provider: string;
	email: string;
}

/** Keys the emulator knows. The PROVIDER key reaches every org of the "acme" provider. */
export const PARTOO_KEYS = {
	provider: 'ptk_PROVIDER_7f3a9c1e5b2d4f60a8e1',
	orgAdmin: 'ptk_ORGADMIN_1b2c3d4e5f6a7b8c9d0e',
	otherProvider: 'ptk_OTHERPROV_9e8d7c6b5a4f3e2d1c0b',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

const err = (status: number, inner: unknown): EmulatorResponse => ({ status, body: { errors: inner } });
const UNAUTHENTICATED = err(401, { authentication: 'User not authenticated' });
const FORBIDDEN = err(403, { authorization: 'Operation not allowed' });
const NOT_FOUND = err(404, { json: 'Resource not found' });

/**
 * Partoo API v2 emulator: /user/me, /org/search, /org/{id}, GET/POST /org/{id}/plans
 * (replace-all), PROVIDER-only plan access, and the rate-limit guide's 300 requests per minute per
 * organization, counted for the organization of the calling API key (429 with `Retry-After: 60`).
 */
export class PartooEmulator extends Emulator {
	readonly name = 'partoo';

	orgs = new Map<number, PartooOrg>();

	users = new Map<string, PartooUser>();

	/** Requests allowed per API key (its organization) per window; 429 with Retry-After beyond. */
	rateLimit = { limit: 300, windowMs: 60_000 };

	/** The Retry-After of that 429, in seconds: Partoo documents `Retry-After: 60`. */
	retryAfterSeconds = 60;

	/**
	 * Where `/org/search` pages start when `page` is not sent: 0 (the 2021 specification's default) or 1
	 * (today's example answer says `page: 1`; the sibling "Search users" says its pages start at 1).
	 */
	firstPage: 0 | 1 = 1;

	/** Requests per API key, with the time each was answered. */
	private hits = new Map<string, number[]>();

	constructor() {
		super();
		this.reset();
		this.route('GET', '/v2/user/me', (req) => this.auth(req, (user) => ({ status: 200, body: { ...user, status: 'active', first_name: 'Ops', last_name: 'Bot' } })));
		this.route('GET', '/v2/org/search', (req) => this.auth(req, (user) => this.search(user, req)));
		this.route('GET', '/v2/org/:id', (req) => this.withOrg(req, false, (org) => ({ status: 200, body: this.orgInfo(org) })));
		this.route('GET', '/v2/org/:id/plans', (req) => this.withOrg(req, true, (org) => ({ status: 200, body: { plans: org.plans } })));
		this.route('POST', '/v2/org/:id/plans', (req) => this.withOrg(req, true, (org) => this.updatePlans(org, req)));
	}

	reset(): void {
		this.orgs.clear();
		this.hits.clear();
		this.rateLimit = { limit: 300, windowMs: 60_000 };
		this.retryAfterSeconds = 60;
		this.firstPage = 1;
		const plan = (name: string, expiration: string | null = null): PartooPlan => ({
			name,
			subscription_date: '2025-01-01',
			expiration_date: expiration,
		});
		this.addOrg({ org_id: 42, name: 'Fast Retailer', plans: [plan('presence_management', '2026-01-01'), plan('review_management')] });
		this.addOrg({ org_id: 43, name: 'Slow & Steady <Bakery>', plans: [plan('posts'), plan('messages', '2027-03-31'), plan('webhooks')] });
		this.addOrg({ org_id: 44, name: 'Empty Org', plans: [] });
		for (let i = 0; i < 150; i++) {
			const id = 1000 + i;
			this.addOrg({ org_id: id, name: `Customer ${String(i).padStart(3, '0')}`, plans: [plan('presence_management'), plan('review_booster', '2027-12-31')] });
		}
		this.addOrg({ org_id: 9000, name: 'Foreign Org', provider: 'other', plans: [plan('posts')] });
		this.users = new Map([
			[PARTOO_KEYS.provider, { id: '5f0c1a2b3c4d5e6f7a8b9c0d', org_id: 1, role: 'PROVIDER', provider: 'acme', email: 'ops@acme.example' }],
			[PARTOO_KEYS.orgAdmin, { id: '5f0c1a2b3c4d5e6f7a8b9c0e', org_id: 42, role: 'ORG_ADMIN', provider: 'acme', email: 'admin@fast.example' }],
			[PARTOO_KEYS.otherProvider, { id: '5f0c1a2b3c4d5e6f7a8b9c0f', org_id: 9000, role: 'PROVIDER', provider: 'other', email: 'ops@other.example' }],
		]);
	}

	addOrg(org: Partial<PartooOrg> & { org_id: number; name: string }): void {
		this.orgs.set(org.org_id, {
			alias: org.name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
			provider: 'acme',
			type: 'small_medium_business',
			max_businesses: 100,
			plans: [],
			...org,
		});
	}

	credential(): EmulatorCredential {
		return {
			type: 'partooApi',
			name: 'Partoo (emulator)',
			data: { apiKey: PARTOO_KEYS.provider, environment: 'custom', baseUrl: `${this.baseUrl}/v2` },
		};
	}

	snapshot(): unknown {
		return { orgs: Object.fromEntries([...this.orgs].map(([id, org]) => [id, org])) };
	}

	/** Plans of an organization, for assertions. */
	plans(orgId: number): PartooPlan[] {
		return structuredClone(this.orgs.get(orgId)?.plans ?? []);
	}

	private orgInfo(org: PartooOrg) {
		const { plans: _plans, ...info } = org;
		return { ...info, features: ['business_edition', 'diffusion'], org_features: ['review_invite'], last_org_api_call: '05-11-2021' };
	}

	/** Every request with a known key counts against that key's organization, whatever it asks for. */
	private auth(req: EmulatorRequest, next: (user: PartooUser) => EmulatorResponse): EmulatorResponse {
		const key = req.headers['x-apikey'];
		const user = typeof key === 'string' ? this.users.get(key) : undefined;
		if (!user) return UNAUTHENTICATED;
		return this.limited(key as string) ?? next(user);
	}

	private limited(key: string): EmulatorResponse | undefined {
		const now = Date.now();
		const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.rateLimit.windowMs);
		if (recent.length >= this.rateLimit.limit) {
			this.hits.set(key, recent);
			return { status: 429, headers: { 'Retry-After': String(this.retryAfterSeconds) }, body: { errors: { json: 'Too many requests' } } };
		}
		recent.push(now);
		this.hits.set(key, recent);
		return undefined;
	}

	private withOrg(req: EmulatorRequest, plansEndpoint: boolean, next: (org: PartooOrg) => EmulatorResponse): EmulatorResponse {
		return this.auth(req, (user) => {
			if (!/^\d+$/.test(req.params.id)) return err(400, { json: { org_id: ['Not a valid integer.'] } });
			// Non-PROVIDER users always act on their own organization.
			const orgId = user.role === 'PROVIDER' ? Number(req.params.id) : user.org_id;
			if (plansEndpoint && user.role !== 'PROVIDER') return FORBIDDEN;
			const org = this.orgs.get(orgId);
			if (!org || org.provider !== user.provider) return NOT_FOUND;
			return next(org);
		});
	}

	private search(user: PartooUser, req: EmulatorRequest): EmulatorResponse {
		const perPage = req.query.get('per_page') ? Number(req.query.get('per_page')) : 30;
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return err(400, { json: { per_page: ['Must be between 1 and 100.'] } });
		const page = req.query.get('page') ? Number(req.query.get('page')) : this.firstPage;
		if (!Number.isInteger(page) || page < this.firstPage) return err(400, { json: { page: [`Must be greater than or equal to ${this.firstPage}.`] } });
		const query = (req.query.get('query') ?? '').toLowerCase();
		const visible = [...this.orgs.values()].filter(
			(org) =>
				org.provider === user.provider &&
				(user.role === 'PROVIDER' || org.org_id === user.org_id) &&
				(!query || org.name.toLowerCase().includes(query) || String(org.org_id) === query),
		);
		// `max_page` is the last page number ("Last page number"), counted from where pages start.
		const maxPage = Math.max(1, Math.ceil(visible.length / perPage)) - 1 + this.firstPage;
		const from = (page - this.firstPage) * perPage;
		const orgs = visible.slice(from, from + perPage).map((org) => this.orgInfo(org));
		return { status: 200, body: { page, max_page: maxPage, count: visible.length, orgs } };
	}

	private updatePlans(org: PartooOrg, req: EmulatorRequest): EmulatorResponse {
		if (!String(req.headers['content-type'] ?? '').includes('application/json')) {
			return err(415, { json: 'Unsupported media type. Please use application/json' });
		}
		const body = req.json as { plans?: unknown } | undefined;
		if (!body || typeof body !== 'object') return err(400, { json: { _schema: ['Invalid input type.'] } });
		if (!Array.isArray(body.plans)) return err(400, { json: { plans: ['Missing data for required field.'] } });
		const problems: Record<string, Record<string, string[]>> = {};
		const seen = new Set<string>();
		body.plans.forEach((p: Record<string, unknown>, i: number) => {
			const fieldErrors: Record<string, string[]> = {};
			if (!p || typeof p !== 'object') fieldErrors._schema = ['Invalid input type.'];
			else {
				for (const key of Object.keys(p)) if (!['name', 'expiration_date'].includes(key)) fieldErrors[key] = ['Unknown field.'];
				if (!PARTOO_PLAN_NAMES.includes(p.name as string)) fieldErrors.name = [`Must be one of: ${PARTOO_PLAN_NAMES.join(', ')}.`];
				else if (seen.has(p.name as string)) fieldErrors.name = ['Duplicate plan.'];
				seen.add(p.name as string);
				const exp = p.expiration_date;
				if (exp !== undefined && exp !== null && (typeof exp !== 'string' || !DATE.test(exp) || Number.isNaN(Date.parse(exp)))) {
					fieldErrors.expiration_date = ['Not a valid date.'];
				}
			}
			if (Object.keys(fieldErrors).length) problems[String(i)] = fieldErrors;
		});
		if (Object.keys(problems).length) return err(400, { json: { plans: problems } });
		org.plans = (body.plans as Array<{ name: string; expiration_date?: string | null }>).map((p) => ({
			name: p.name,
			subscription_date: org.plans.find((old) => old.name === p.name)?.subscription_date ?? today(),
			expiration_date: p.expiration_date ?? null,
		}));
		return { status: 200, body: { org_id: org.org_id, status: 'success' } };
	}
}
