import { type EmulatorCredential, type EmulatorRequest, type EmulatorResponse, Emulator } from '../support/emulator';
import { LOOKALIKES } from '../support/lookalikes';

/** Fixed IDs of the seed data (UUIDs, as BlendVision One uses). */
export const BV_IDS = {
	/** The main organization the credential acts for (x-bv-org-id). */
	org: '0b6f2c1e-0000-4000-8000-000000000001',
	/** An organization the main token cannot act for. */
	otherOrg: '0b6f2c1e-0000-4000-8000-0000000000ff',
	/** Reseller with many sub-organizations (acme, beta and 130 customers). */
	north: '1a000000-0000-4000-8000-000000000001',
	/** Reseller without sub-organizations: a valid target for a move. */
	south: '1a000000-0000-4000-8000-000000000002',
	/** Reseller with one sub-organization (gamma): moving under it is refused. */
	west: '1a000000-0000-4000-8000-000000000003',
	/** BUSINESS on the BVOne plan, under north. */
	acme: '9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47',
	/** BUSINESS on the CXM plan with a next contract, under north. */
	beta: '9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d48',
	/** BUSINESS under west. */
	gamma: '9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d49',
	/** A sub-organization of the other organization. */
	foreign: '9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5dff',
	/** A well-formed ID that exists nowhere. */
	missing: '9d1e0c2a-4b7f-4e21-9c3d-000000000000',
	/** Customer 128: description, category and a plan whose names look like credentials (LOOKALIKES). */
	lookalike: 'c0000000-0000-4000-8000-000000000128',
};

export const BV_PLANS = {
	groupBvone: 'b0000000-0000-4000-8000-0000000000a0',
	starter: 'b0000000-0000-4000-8000-0000000000a1',
	pro: 'b0000000-0000-4000-8000-0000000000a2',
	enterprise: 'b0000000-0000-4000-8000-0000000000a3',
	groupCxm: 'b0000000-0000-4000-8000-0000000000c0',
	cxmBasic: 'b0000000-0000-4000-8000-0000000000c1',
	cxmPlus: 'b0000000-0000-4000-8000-0000000000c2',
	/** The group "Bearer Bundle" and its plan "Basic Monthly" (LOOKALIKES). */
	groupBearer: 'b0000000-0000-4000-8000-0000000000d0',
	basicMonthly: 'b0000000-0000-4000-8000-0000000000d1',
	/** Known to the main organization but not assignable. */
	retired: 'b0000000-0000-4000-8000-0000000000c9',
	/** Not in the main organization's plans at all. */
	unknown: 'b0000000-0000-4000-8000-0000000000ee',
};

/** API tokens the emulator knows. */
export const BV_TOKENS = {
	/** Owner of the main organization. */
	owner: 'bvt_OWNER_6f1d2c3b4a5e6f708192a3b4c5d6e7f8',
	/** Staff of the main organization: may read, may not change. */
	staff: 'bvt_STAFF_0a1b2c3d4e5f60718293a4b5c6d7e8f9',
	/** A token past its expiration date. */
	expired: 'bvt_EXPIRED_99887766554433221100aabbccdd',
};

type Role = 'ROLE_TYPE_OWNER' | 'ROLE_TYPE_ADMIN' | 'ROLE_TYPE_STAFF';

export interface BvBusinessSetting {
	business_plan_type: string;
	category: string;
	tax_id: string;
	enable_create_site: boolean;
	site_limit: number;
	enable_custom_domain: boolean;
	marketplace_url: string;
	marketplace_id: string;
	single_device_login: boolean;
}

export interface BvNextContract {
	start_time: string;
	months: number;
	days: number;
	end_time: string;
	parent_id: string;
	plan_id: string;
}

/** A sub-organization as the emulator stores it. */
export interface BvSubOrg {
	id: string;
	/** The main organization it belongs to. */
	root: string;
	name: string;
	parent_id: string;
	type: string;
	status: string;
	description: string;
	owner_email: string;
	billing_cycle: number;
	contract_valid_start_time: string;
	contract_months: number;
	contract_days: number;
	next_contract: BvNextContract | null;
	business_setting: BvBusinessSetting | null;
	template_id: string;
	enterprise_id: string;
	time_zone: string;
	created_at: string;
	updated_at: string;
	plan_ids: string[];
	/** Emails of the members (the owner must be one). */
	members: string[];
}

interface CatalogPlan {
	id: string;
	name: string;
	type: 'PLAN_TYPE_GROUP' | 'PLAN_TYPE_PLAN';
	status: string;
	description: string;
	sub_plans?: CatalogPlan[];
}

const BUSINESS = 'ORGANIZATION_TYPE_BUSINESS';
const BUSINESS_KEYS = [
	'category',
	'tax_id',
	'enable_create_site',
	'site_limit',
	'enable_custom_domain',
	'marketplace_url',
	'marketplace_id',
	'single_device_login',
];
/**
 * The properties of UpdateSubOrgBody (BlendVision/mcp-server, data/api-index.json); `enterprise_id` is its
 * one required property. A key outside the schema is refused (the pessimistic reading: grpc-gateway can be
 * set to refuse unknown fields).
 */
const PATCH_KEYS = new Set([
	'parent_id',
	'description',
	'plan_ids',
	'billing_cycle',
	'contract_valid_start_time',
	'contract_months',
	'contract_days',
	'clear_next_contract_setting',
	'business_setting',
	'template_id',
	'enterprise_id',
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CREATED = '2025-01-15T08:00:00Z';

/** A google.rpc.Status error body, as grpc-gateway sends it. */
function status(http: number, code: number, message: string, reason?: string, reasonIn: 'details' | 'message' = 'details'): EmulatorResponse {
	if (reason && reasonIn === 'message') return { status: http, body: { code, message: `${reason}: ${message}`, details: [] } };
	const details = reason
		? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'org.blendvision.com', metadata: {} }]
		: [];
	return { status: http, body: { code, message, details } };
}
const invalid = (message: string) => status(400, 3, `invalid argument: ${message}`);

/** proto3 JSON as grpc-gateway emits it by default: zero values (0, "", false, null, []) are left out. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		if (v === 0 || v === '' || v === false || v === null || v === undefined) continue;
		if (Array.isArray(v) && v.length === 0) continue;
		out[k] = v && typeof v === 'object' && !Array.isArray(v) ? compact(v as Record<string, unknown>) : v;
	}
	return out;
}

function endOf(start: string, months: number, days: number): string {
	if (!start || (!months && !days)) return '';
	const d = new Date(start);
	if (months) d.setUTCMonth(d.getUTCMonth() + months);
	else d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * BlendVision One Platform API emulator for the sub-organization endpoints: Bearer token plus
 * x-bv-org-id on every call, google.rpc.Status error bodies (ERROR_REASON_* in an ErrorInfo detail,
 * or in the message when `reasonIn` is 'message'), current_page/items_per_page pagination with
 * BlendVision's default page size of 1, and proto3 JSON that leaves zero values out.
 *
 * PATCH /bv/org/v1/sub-orgs/{id} resets every updatable field it does not carry to its zero value: the
 * pessimistic reading of an undocumented behaviour, so the tests show that the node never depends on it.
 */
export class BlendVisionOneEmulator extends Emulator {
	readonly name = 'blendvision-one';

	/** Where error reasons are put: a google.rpc.ErrorInfo detail, or the message text. */
	reasonIn: 'details' | 'message' = 'details';

	subOrgs = new Map<string, BvSubOrg>();

	organizations = new Map<string, { id: string; name: string; type: string }>();

	tokens = new Map<string, { orgs: Record<string, Role>; expired?: boolean }>();

	catalog = new Map<string, CatalogPlan[]>();

	constructor() {
		super();
		this.reset();
		this.route('GET', '/bv/org/v1/organizations', (req) => this.auth(req, false, (orgId) => ({ status: 200, body: { organization: this.orgInfo(orgId) } })));
		this.route('GET', '/bv/org/v1/organizations:list-appends', (req) => this.auth(req, false, (orgId) => this.listAppends(orgId, req)));
		this.route('GET', '/bv/org/v1/organizations/:id/plans', (req) =>
			this.auth(req, false, (orgId) => {
				if (req.params.id === orgId) return { status: 200, body: { plans: this.catalog.get(orgId) ?? [] } };
				const org = this.subOrgs.get(req.params.id);
				if (!org || org.root !== orgId) return status(403, 7, 'permission denied: cannot list plans of another organization');
				return { status: 200, body: { plans: this.plansOf(org) } };
			}),
		);
		this.route('GET', '/bv/org/v1/sub-orgs', (req) => this.auth(req, false, (orgId) => this.list(orgId, req)));
		this.route('GET', '/bv/org/v1/sub-orgs/:id', (req) => this.withSubOrg(req, false, (org) => ({ status: 200, body: this.detail(org) })));
		this.route('GET', '/bv/org/v1/sub-orgs/:id/plans', (req) => this.withSubOrg(req, false, (org) => ({ status: 200, body: this.subOrgPlans(org) })));
		this.route('PATCH', '/bv/org/v1/sub-orgs/:id', (req) => this.withSubOrg(req, true, (org) => this.update(org, req)));
		this.route('POST', '/bv/org/v1/sub-orgs/:action', (req) => {
			const [id, action] = req.params.action.split(':');
			if (action !== 'switch-owner') return this.notFound('POST', req.path);
			return this.withSubOrg({ ...req, params: { id } }, true, (org) => this.switchOwner(org, req));
		});
	}

	reset(): void {
		this.reasonIn = 'details';
		this.organizations = new Map([
			[BV_IDS.org, { id: BV_IDS.org, name: 'Stream Distribution', type: 'ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR' }],
			[BV_IDS.otherOrg, { id: BV_IDS.otherOrg, name: 'Other Distribution', type: 'ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR' }],
		]);
		this.tokens = new Map([
			[BV_TOKENS.owner, { orgs: { [BV_IDS.org]: 'ROLE_TYPE_OWNER' } }],
			[BV_TOKENS.staff, { orgs: { [BV_IDS.org]: 'ROLE_TYPE_STAFF' } }],
			[BV_TOKENS.expired, { orgs: { [BV_IDS.org]: 'ROLE_TYPE_OWNER' }, expired: true }],
		]);
		const plan = (id: string, name: string, status = 'PLAN_STATUS_ABLE_TO_ASSIGNED'): CatalogPlan => ({
			id,
			name,
			type: 'PLAN_TYPE_PLAN',
			status,
			description: `${name} plan`,
		});
		this.catalog = new Map([
			[
				BV_IDS.org,
				[
					{
						id: BV_PLANS.groupBvone,
						name: 'BV One',
						type: 'PLAN_TYPE_GROUP',
						status: 'PLAN_STATUS_ABLE_TO_ASSIGNED',
						description: 'Video platform plans',
						sub_plans: [plan(BV_PLANS.starter, 'Starter'), plan(BV_PLANS.pro, 'Pro'), plan(BV_PLANS.enterprise, 'Enterprise')],
					},
					{
						id: BV_PLANS.groupCxm,
						name: 'CXM',
						type: 'PLAN_TYPE_GROUP',
						status: 'PLAN_STATUS_ABLE_TO_ASSIGNED',
						description: 'Commerce plans',
						sub_plans: [plan(BV_PLANS.cxmBasic, 'CXM Basic'), plan(BV_PLANS.cxmPlus, 'CXM Plus'), plan(BV_PLANS.retired, 'CXM Legacy', 'PLAN_STATUS_UNSPECIFIED')],
					},
					{
						id: BV_PLANS.groupBearer,
						name: LOOKALIKES.bearer,
						type: 'PLAN_TYPE_GROUP',
						status: 'PLAN_STATUS_ABLE_TO_ASSIGNED',
						description: LOOKALIKES.token,
						sub_plans: [plan(BV_PLANS.basicMonthly, LOOKALIKES.basic)],
					},
				],
			],
		]);

		this.subOrgs.clear();
		// A reseller can give its sub-organizations the plans it has itself.
		const reseller = (id: string, name: string, plan_ids: string[]): void =>
			this.add({ id, name, type: 'ORGANIZATION_TYPE_RESELLER', billing_cycle: 5, description: `${name} region`, owner_email: `owner@${name.split(' ')[0].toLowerCase()}.example`, plan_ids });
		reseller(BV_IDS.north, 'North Reseller', [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise, BV_PLANS.cxmBasic, BV_PLANS.cxmPlus, BV_PLANS.basicMonthly]);
		reseller(BV_IDS.south, 'South Reseller', [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise, BV_PLANS.cxmBasic]);
		reseller(BV_IDS.west, 'West Reseller', [BV_PLANS.starter, BV_PLANS.pro]);
		this.add({
			id: BV_IDS.acme,
			name: 'Acme EU',
			parent_id: BV_IDS.north,
			description: 'EU reseller customer',
			owner_email: 'owner@acme.example',
			members: ['owner@acme.example', 'ops@acme.example'],
			billing_cycle: 1,
			contract_valid_start_time: '2025-09-01T00:00:00Z',
			contract_months: 12,
			business_setting: this.business({ business_plan_type: 'BUSINESS_PLAN_TYPE_BVONE', category: 'media', tax_id: '12345678', enable_create_site: true, site_limit: 3 }),
			enterprise_id: 'acme-eu',
			plan_ids: [BV_PLANS.starter, BV_PLANS.pro],
		});
		this.add({
			id: BV_IDS.beta,
			name: 'Beta Shop',
			parent_id: BV_IDS.north,
			owner_email: 'owner@beta.example',
			contract_valid_start_time: '2025-03-01T00:00:00Z',
			contract_days: 90,
			next_contract: {
				start_time: '2025-05-30T00:00:00Z',
				months: 6,
				days: 0,
				end_time: '2025-11-30T00:00:00Z',
				parent_id: BV_IDS.north,
				plan_id: BV_PLANS.cxmPlus,
			},
			business_setting: this.business({ business_plan_type: 'BUSINESS_PLAN_TYPE_CXM', marketplace_url: 'https://shop.beta.example', single_device_login: true }),
			template_id: 'tpl-beta-01',
			plan_ids: [BV_PLANS.cxmBasic],
		});
		this.add({ id: BV_IDS.gamma, name: 'Gamma Media', parent_id: BV_IDS.west, owner_email: 'owner@gamma.example', plan_ids: [BV_PLANS.starter] });
		for (let i = 0; i < 130; i++) {
			const n = String(i).padStart(3, '0');
			const id = `c0000000-0000-4000-8000-000000000${n}`;
			this.add({
				id,
				name: `Customer ${n}`,
				parent_id: BV_IDS.north,
				owner_email: `owner${n}@customers.example`,
				status: i % 10 === 9 ? 'ORGANIZATION_STATUS_DEACTIVATED' : 'ORGANIZATION_STATUS_ACTIVATED',
				plan_ids: [BV_PLANS.starter],
				...(id === BV_IDS.lookalike
					? {
							description: LOOKALIKES.password,
							business_setting: this.business({ business_plan_type: 'BUSINESS_PLAN_TYPE_BVONE', category: LOOKALIKES.token, site_limit: 1 }),
							plan_ids: [BV_PLANS.starter, BV_PLANS.basicMonthly],
						}
					: {}),
			});
		}
		this.add({ id: BV_IDS.foreign, root: BV_IDS.otherOrg, parent_id: BV_IDS.otherOrg, name: 'Foreign Co', owner_email: 'owner@foreign.example' });
	}

	private business(values: Partial<BvBusinessSetting>): BvBusinessSetting {
		return {
			business_plan_type: '',
			category: '',
			tax_id: '',
			enable_create_site: false,
			site_limit: 0,
			enable_custom_domain: false,
			marketplace_url: '',
			marketplace_id: '',
			single_device_login: false,
			...values,
		};
	}

	add(org: Partial<BvSubOrg> & { id: string; name: string }): void {
		const type = org.type ?? BUSINESS;
		const owner = org.owner_email ?? `owner@${org.id.slice(0, 8)}.example`;
		this.subOrgs.set(org.id, {
			root: BV_IDS.org,
			parent_id: BV_IDS.org,
			type,
			status: 'ORGANIZATION_STATUS_ACTIVATED',
			description: '',
			billing_cycle: 0,
			contract_valid_start_time: '',
			contract_months: 0,
			contract_days: 0,
			next_contract: null,
			business_setting: type === BUSINESS ? this.business({ business_plan_type: 'BUSINESS_PLAN_TYPE_BVONE', site_limit: 1 }) : null,
			template_id: '',
			enterprise_id: org.id,
			time_zone: 'Asia/Taipei',
			created_at: CREATED,
			updated_at: CREATED,
			plan_ids: [],
			members: [owner],
			...org,
			owner_email: owner,
		});
	}

	credential(): EmulatorCredential {
		return {
			type: 'blendVisionOneApi',
			name: 'BlendVision One (emulator)',
			data: { apiToken: BV_TOKENS.owner, orgId: BV_IDS.org, baseUrl: this.baseUrl },
		};
	}

	snapshot(): unknown {
		return { subOrgs: Object.fromEntries(this.subOrgs) };
	}

	/**
	 * More plans the main organization can assign (add-ons, say), in its first plan group; every reseller
	 * gets them too, so their sub-organizations can be given them.
	 */
	addAssignablePlans(plans: Array<{ id: string; name: string }>): void {
		const group = (this.catalog.get(BV_IDS.org) ?? [])[0];
		for (const { id, name } of plans) {
			group.sub_plans!.push({ id, name, type: 'PLAN_TYPE_PLAN', status: 'PLAN_STATUS_ABLE_TO_ASSIGNED', description: `${name} plan` });
			for (const org of this.subOrgs.values()) if (org.type === 'ORGANIZATION_TYPE_RESELLER') org.plan_ids.push(id);
		}
	}

	/** A stored sub-organization, for assertions. */
	subOrg(id: string): BvSubOrg {
		const org = this.subOrgs.get(id);
		if (!org) throw new Error(`No sub-organization ${id}`);
		return structuredClone(org);
	}

	protected notFound(method: string, path: string): EmulatorResponse {
		return status(404, 5, `Not Found: no route for ${method} ${path}`);
	}

	// -----------------------------------------------------------------------------------------
	// Auth and lookups
	// -----------------------------------------------------------------------------------------

	private auth(req: EmulatorRequest, write: boolean, next: (orgId: string) => EmulatorResponse): EmulatorResponse {
		const header = String(req.headers.authorization ?? '');
		const token = /^Bearer (.+)$/.exec(header)?.[1];
		const known = token ? this.tokens.get(token) : undefined;
		if (!known) return status(401, 16, 'unauthenticated: missing or unidentified authorization');
		if (known.expired) return status(401, 16, 'unauthenticated: the api token has expired');
		const orgId = req.headers['x-bv-org-id'];
		if (typeof orgId !== 'string' || orgId === '') return invalid('x-bv-org-id header is required to invoke this API with an api token');
		const role = known.orgs[orgId];
		if (!role) return status(403, 7, `permission denied: no access to organization ${orgId}`);
		if (write && role === 'ROLE_TYPE_STAFF') return status(403, 7, 'permission denied: your role cannot update sub-organizations');
		return next(orgId);
	}

	private withSubOrg(req: EmulatorRequest, write: boolean, next: (org: BvSubOrg) => EmulatorResponse): EmulatorResponse {
		return this.auth(req, write, (orgId) => {
			const org = this.subOrgs.get(req.params.id);
			if (!org || org.root !== orgId) return status(404, 5, 'sub organization not found');
			return next(org);
		});
	}

	private orgInfo(orgId: string) {
		const org = this.organizations.get(orgId)!;
		return compact({ ...org, status: 'ORGANIZATION_STATUS_ACTIVATED', has_sub_orgs: true, created_at: CREATED });
	}

	private children(id: string): BvSubOrg[] {
		return [...this.subOrgs.values()].filter((o) => o.parent_id === id);
	}

	private isDescendant(id: string, of: string): boolean {
		for (let cur = this.subOrgs.get(id); cur; cur = this.subOrgs.get(cur.parent_id)) {
			if (cur.parent_id === of) return true;
		}
		return false;
	}

	private nameOf(id: string): string {
		return this.subOrgs.get(id)?.name ?? this.organizations.get(id)?.name ?? '';
	}

	/** The Organization message, as output. */
	private public(org: BvSubOrg): Record<string, unknown> {
		const { root: _root, members: _members, plan_ids: _plans, template_id, ...fields } = org;
		return compact({
			...fields,
			parent_name: this.nameOf(org.parent_id),
			contract_valid_end_time: endOf(org.contract_valid_start_time, org.contract_months, org.contract_days),
			has_sub_orgs: this.children(org.id).length > 0,
			license_key: `lic-${org.id.slice(0, 8)}`,
			template_id,
			template: template_id ? { id: template_id, name: `Template ${template_id}` } : null,
		});
	}

	private detail(org: BvSubOrg) {
		return {
			organization: this.public(org),
			owner_info: { id: `user-${org.owner_email}`, email: org.owner_email, invite_status: 'INVITE_STATUS_ACCEPTED' },
		};
	}

	private leafPlans(orgId: string): Array<CatalogPlan & { group: CatalogPlan }> {
		return (this.catalog.get(orgId) ?? []).flatMap((group) => (group.sub_plans ?? []).map((p) => ({ ...p, group })));
	}

	/** The plans a sub-organization has, as a plan list (its groups holding the plans it has). */
	private plansOf(org: BvSubOrg): CatalogPlan[] {
		return (this.catalog.get(org.root) ?? [])
			.map((group) => ({ ...group, sub_plans: (group.sub_plans ?? []).filter((p) => org.plan_ids.includes(p.id)) }))
			.filter((group) => group.sub_plans.length > 0);
	}

	/**
	 * The plans an organization can give its sub-organizations: the main organization its assignable
	 * plans, a sub-organization the plans it has itself. A sub-organization can only get its parent's.
	 */
	private givable(parentId: string, root: string): string[] {
		const parent = this.subOrgs.get(parentId);
		if (parent) return parent.plan_ids;
		return this.leafPlans(root).filter((p) => p.status === 'PLAN_STATUS_ABLE_TO_ASSIGNED').map((p) => p.id);
	}

	private subOrgPlans(org: BvSubOrg) {
		const leaves = this.leafPlans(org.root);
		return {
			plans: org.plan_ids.map((id) => {
				const p = leaves.find((l) => l.id === id);
				return {
					plan: compact({
						id,
						name: p?.name ?? '',
						type: 'PLAN_TYPE_PLAN',
						status: p?.status ?? '',
						description: p?.description ?? '',
						currency_code: 'USD',
						group_plan: p ? { id: p.group.id, name: p.group.name, type: 'PLAN_TYPE_GROUP' } : null,
					}),
					in_used: id === org.plan_ids[0],
				};
			}),
		};
	}

	private list(orgId: string, req: EmulatorRequest): EmulatorResponse {
		const perPage = req.query.has('items_per_page') ? Number(req.query.get('items_per_page')) : 1;
		const page = req.query.has('current_page') ? Number(req.query.get('current_page')) : 1;
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return invalid('items_per_page must be between 1 and 100');
		if (!Number.isInteger(page) || page < 1) return invalid('current_page must be greater than 0');
		const name = (req.query.get('name') ?? '').toLowerCase();
		const types = req.query.getAll('types');
		const statuses = req.query.getAll('statuses');
		const all = [...this.subOrgs.values()].filter(
			(o) =>
				o.root === orgId &&
				(!name || o.name.toLowerCase().includes(name)) &&
				(!types.length || types.includes(o.type)) &&
				(!statuses.length || statuses.includes(o.status)),
		);
		return {
			status: 200,
			body: {
				organizations: all.slice((page - 1) * perPage, page * perPage).map((o) => this.public(o)),
				pagination: { total_items: all.length, items_per_page: perPage, current_page: page },
			},
		};
	}

	private listAppends(orgId: string, req: EmulatorRequest): EmulatorResponse {
		const target = req.query.get('target_org_type');
		const rank: Record<string, number> = {
			ORGANIZATION_TYPE_ROOT: 0,
			ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR: 1,
			ORGANIZATION_TYPE_RESELLER: 2,
			[BUSINESS]: 3,
		};
		const main = this.organizations.get(orgId)!;
		const candidates = [main, ...[...this.subOrgs.values()].filter((o) => o.root === orgId && o.type !== BUSINESS)].filter(
			(o) => !target || rank[o.type] < rank[target],
		);
		return { status: 200, body: { organizations: candidates.map((o) => ({ id: o.id, name: o.name, type: o.type })) } };
	}

	// -----------------------------------------------------------------------------------------
	// Writes
	// -----------------------------------------------------------------------------------------

	private update(org: BvSubOrg, req: EmulatorRequest): EmulatorResponse {
		if (!String(req.headers['content-type'] ?? '').includes('application/json')) return invalid('request body must be JSON');
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('request body must be a JSON object');
		for (const key of Object.keys(body)) if (!PATCH_KEYS.has(key)) return invalid(`unknown field "${key}" in UpdateSubOrgBody`);
		if (typeof body.enterprise_id !== 'string' || body.enterprise_id === '') return invalid('enterprise_id: value is required');
		// The operation's description lists parent_id among the required fields.
		if (typeof body.parent_id !== 'string' || body.parent_id === '') return invalid('parent_id is required');

		const parentId = body.parent_id as string;
		if (parentId !== org.parent_id) {
			const parent = this.subOrgs.get(parentId);
			const main = parentId === org.root;
			if (!main && (!parent || parent.root !== org.root)) return status(404, 5, `parent organization ${parentId} not found`);
			if (parentId === org.id || this.isDescendant(parentId, org.id)) return invalid('parent_id cannot be the sub organization or one of its sub organizations');
			if (parent && this.children(parentId).length > 0) {
				return status(400, 3, `cannot append to organization ${parentId}: it already has appended sub organizations`, 'ERROR_REASON_HAS_APPENDED_SUB_ORGS', this.reasonIn);
			}
		}

		const planIds = body.plan_ids ?? [];
		if (!Array.isArray(planIds) || planIds.some((p) => typeof p !== 'string')) return invalid('plan_ids must be a list of strings');
		// Plans it already has may stay while the parent stays; any other must be one the parent can give.
		const kept = parentId === org.parent_id ? org.plan_ids : [];
		const notGivable = (planIds as string[]).filter((p) => !kept.includes(p) && !this.givable(parentId, org.root).includes(p));
		if (notGivable.length) {
			// The main organization knows a plan it cannot assign (retired); any other plan is not found.
			const retired = parentId === org.root && this.leafPlans(org.root).some((p) => p.id === notGivable[0]);
			return retired ? invalid(`plan ${notGivable[0]} is not assignable`) : status(404, 5, `plan ${notGivable[0]} not found`);
		}
		if (new Set(planIds).size !== planIds.length) return invalid('plan_ids contains duplicates');

		for (const key of ['billing_cycle', 'contract_months', 'contract_days']) {
			const v = body[key];
			if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 2147483647)) return invalid(`${key} must be a non-negative int32`);
		}
		const start = body.contract_valid_start_time;
		if (start !== undefined && (typeof start !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(start) || Number.isNaN(Date.parse(start)))) {
			return invalid('contract_valid_start_time is not a valid RFC 3339 timestamp');
		}
		const setting = body.business_setting as Record<string, unknown> | undefined;
		const contractSent = Boolean(start) || Boolean(body.contract_months) || Boolean(body.contract_days);
		if (org.type !== BUSINESS) {
			if (contractSent) return invalid('contract fields are valid only when the type is ORGANIZATION_TYPE_BUSINESS');
			if (setting && Object.keys(setting).length) return invalid('business_setting is valid only when the type is ORGANIZATION_TYPE_BUSINESS');
		}
		if (setting !== undefined) {
			if (typeof setting !== 'object' || setting === null) return invalid('business_setting must be an object');
			for (const key of Object.keys(setting)) {
				if (key === 'business_plan_type') return invalid('business_setting.business_plan_type is output only');
				if (!BUSINESS_KEYS.includes(key)) return invalid(`unknown field "${key}" in BusinessSetting`);
			}
			const s = setting;
			if (s.category !== undefined && (typeof s.category !== 'string' || s.category.length > 40)) return invalid('business_setting.category must be at most 40 characters');
			if (s.tax_id !== undefined && (typeof s.tax_id !== 'string' || s.tax_id.length > 8)) return invalid('business_setting.tax_id must be at most 8 characters');
			if (s.site_limit !== undefined && s.site_limit !== 0 && (!Number.isInteger(s.site_limit) || (s.site_limit as number) < 1 || (s.site_limit as number) > 50)) {
				return invalid('business_setting.site_limit must be between 1 and 50');
			}
			const url = s.marketplace_url;
			if (url !== undefined && url !== '' && (typeof url !== 'string' || url.length > 2000 || !/^https?:\/\/\S+\.\S+$/.test(url))) {
				return invalid('business_setting.marketplace_url must be a valid URL of at most 2000 characters');
			}
			for (const key of ['enable_create_site', 'enable_custom_domain', 'single_device_login']) {
				if (s[key] !== undefined && typeof s[key] !== 'boolean') return invalid(`business_setting.${key} must be a boolean`);
			}
		}

		// Apply. A field the body leaves out becomes its zero value (see the class comment).
		org.parent_id = parentId;
		org.description = typeof body.description === 'string' ? body.description : '';
		org.plan_ids = [...(planIds as string[])];
		org.billing_cycle = (body.billing_cycle as number | undefined) ?? 0;
		org.template_id = typeof body.template_id === 'string' ? body.template_id : '';
		org.enterprise_id = body.enterprise_id;
		if (org.type === BUSINESS) {
			org.contract_valid_start_time = typeof start === 'string' ? new Date(start).toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
			// Documented: contract_months wins when both are sent.
			const months = (body.contract_months as number | undefined) ?? 0;
			const days = (body.contract_days as number | undefined) ?? 0;
			org.contract_months = months;
			org.contract_days = months ? 0 : days;
			const kept = org.business_setting?.business_plan_type ?? '';
			org.business_setting = this.business({ business_plan_type: kept, ...(setting as Partial<BvBusinessSetting> | undefined) });
		}
		if (body.clear_next_contract_setting === true) org.next_contract = null;
		org.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
		return { status: 200, body: {} };
	}

	private switchOwner(org: BvSubOrg, req: EmulatorRequest): EmulatorResponse {
		const email = (req.json as { new_owner_email?: unknown } | undefined)?.new_owner_email;
		if (typeof email !== 'string' || !EMAIL.test(email)) return invalid('new_owner_email is not a valid email');
		if (email.toLowerCase() === org.owner_email.toLowerCase()) {
			return status(400, 6, `${email} is already the owner of the sub organization`, 'ERROR_REASON_EXISTS', this.reasonIn);
		}
		if (!org.members.some((m) => m.toLowerCase() === email.toLowerCase())) {
			return status(400, 9, `${email} is not a member of the sub organization`, 'ERROR_REASON_USER_NOT_IN_ORG', this.reasonIn);
		}
		org.owner_email = email;
		org.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
		return { status: 200, body: {} };
	}
}
