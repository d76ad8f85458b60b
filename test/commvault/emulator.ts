import { randomBytes } from 'node:crypto';

import { XMLBuilder, XMLParser } from 'fast-xml-parser';

import { type EmulatorCredential, type EmulatorRequest, type EmulatorResponse, Emulator } from '../support/emulator';
import { LOOKALIKE_VALUES, LOOKALIKES } from '../support/lookalikes';

/** Where the emulated web service lives (a Command Center root). */
export const COMMVAULT_ROOT = '/commandcenter/api';

export interface CommvaultUser {
	username: string;
	password: string;
	domain: string;
	/** Whether the user may change organizations (CommCell / MSP administrator). */
	admin: boolean;
	/** Tenant users see only their own organization. */
	orgId?: number;
}

export const COMMVAULT_USERS = {
	admin: { username: 'n8n-svc', password: 'Pa$$w0rd&<Sécure>"\'', domain: '', admin: true },
	/** A Commvault Cloud (SaaS) MSP administrator: signs in with an email address. */
	cloud: { username: 'n8n-svc@msp.example.com', password: 'Cl0ud!Pass-2026&<x>', domain: '', admin: true },
	tenant: { username: 'acme-admin', password: 'Tenant!Pass-2024', domain: 'acme', admin: false, orgId: 12 },
} satisfies Record<string, CommvaultUser>;

export interface CommvaultPlan {
	planId: number;
	planName: string;
	subtype: number;
}

export interface CommvaultOrg {
	id: number;
	connectName: string;
	domainName: string;
	description: string;
	enabled: boolean;
	plans: string[];
	defaultPlans: string[];
}

/** An update that reached the PUT handler with a valid token. */
export interface CommvaultUpdate {
	orgId: number;
	list: 'plans' | 'defaultPlans';
	operation: string;
	planNames: string[];
	errorCode: number;
}

/** A name with every character XML escapes. */
export const SPECIAL_PLAN = `R&D "Lab" <Plan> 'β'`;
const SERVER_SUBTYPE = 33554437;
const LAPTOP_SUBTYPE = 33554439;

const xmlParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseAttributeValue: false,
	parseTagValue: false,
	htmlEntities: true,
	ignoreDeclaration: true,
});
const xmlBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, suppressBooleanAttributes: false });

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** JSON answer to Commvault-style XML: scalars become attributes, objects elements, arrays repeated elements. */
function toXmlNode(value: Obj): Obj {
	const out: Obj = {};
	for (const [key, v] of Object.entries(value)) {
		if (v === undefined || v === null) continue;
		if (Array.isArray(v)) out[key] = v.map((e) => (isObject(e) ? toXmlNode(e) : { '#text': String(e) }));
		else if (isObject(v)) out[key] = toXmlNode(v);
		else out[`@_${key}`] = String(v);
	}
	return out;
}

const ok = (): Obj => ({ error: { errorCode: 0, errorMessage: '' } });

/** A Base64 password as Login documents it; anything that is not real Base64 matches no password. */
function decodePassword(value: unknown): string {
	const sent = String(value ?? '');
	const password = Buffer.from(sent, 'base64').toString('utf8');
	// Only a real Base64 string decodes back to itself.
	return Buffer.from(password, 'utf8').toString('base64') === sent ? password : '\u0000not-base64';
}
const refused = (errorCode: number, errorMessage: string): Obj => ({ error: { errorCode, errorMessage } });

/**
 * Commvault REST API emulator (older XML API): POST Login (Base64 password, QSDK tokens with idle
 * expiry; or, with `deployment: 'saas'`, Commvault Cloud's Login-SaaS and bearer tokens), GET Organization, GET Organization/{id}, GET Plan, PUT Organization with the
 * Api_UpdateOrganizationPropertiesRequest XML (ADD, DELETE, OVERWRITE on plans and default plans),
 * JSON or XML answers by Accept, and HTTP 200 with a non-zero errorCode for refused changes.
 */
export class CommvaultEmulator extends Emulator {
	readonly name = 'commvault';

	orgs = new Map<number, CommvaultOrg>();

	plans = new Map<string, CommvaultPlan>();

	users: CommvaultUser[] = [];

	/**
	 * Which sign-in the emulated web service has (api.commvault.com, AuthenticationOperations login):
	 * customer-managed answers `token` ("QSDK …") and wants it in the Authtoken header; Commvault Cloud (SaaS)
	 * takes { username (email), password } and answers { data: { authToken } }, wanted as
	 * `Authorization: Bearer <authToken>` (the header is UNCONFIRMED, as in nodes/Commvault/login.ts).
	 */
	deployment: 'customerManaged' | 'saas' = 'customerManaged';

	/** Sessions by the header value that carries them ("QSDK …", or "Bearer …" for SaaS). */
	tokens = new Map<string, { user: CommvaultUser; lastUsed: number }>();

	/** Tokens die after this many idle milliseconds (Commvault: 30 minutes). */
	tokenIdleMs = 30 * 60_000;

	/** Answer XML whatever Accept says (some releases default to XML). */
	forceXml = false;

	/** Expire every token when the next matching request arrives (a session ending mid-run). */
	expireTokensOn: { method: string; path?: RegExp } | undefined;

	/** A leaky server: answer the next matching request with a 500 that echoes the caller's token (secret scans). */
	leakTokenOn: { method: string; path?: RegExp } | undefined;

	/**
	 * A server that applies only the first plan of a request naming several (and still answers errorCode 0):
	 * Commvault's PUT Organization page shows one plan per request, so a longer list is not documented.
	 */
	firstPlanOnly = false;

	/** Every PUT that reached the update logic, in order. */
	updates: CommvaultUpdate[] = [];

	/** Every token issued, for secret scans. */
	issuedTokens: string[] = [];

	constructor() {
		super();
		this.reset();
		const r = COMMVAULT_ROOT;
		this.route('POST', `${r}/Login`, (req) => this.login(req));
		this.route('POST', `${r}/Logout`, (req) => {
			const token = String(req.headers.authtoken ?? '');
			const known = this.tokens.delete(token);
			return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: known ? 'User logged out' : 'Authtoken is invalid' };
		});
		this.route('GET', `${r}/Organization`, (req) => this.auth(req, (user) => this.listOrgs(req, user)));
		this.route('GET', `${r}/Organization/:id`, (req) => this.auth(req, (user) => this.orgDetails(req, user)));
		this.route('GET', `${r}/Plan`, (req) => this.auth(req, () => this.listPlans(req)));
		this.route('PUT', `${r}/Organization`, (req) => this.auth(req, (user) => this.update(req, user)));
	}

	reset(): void {
		this.tokenIdleMs = 30 * 60_000;
		this.forceXml = false;
		this.firstPlanOnly = false;
		this.deployment = 'customerManaged';
		this.expireTokensOn = undefined;
		this.leakTokenOn = undefined;
		this.tokens.clear();
		this.updates = [];
		this.issuedTokens = [];
		this.users = Object.values(COMMVAULT_USERS).map((u) => ({ ...u }));
		this.plans = new Map(
			[
				{ planId: 1, planName: 'Server Gold', subtype: SERVER_SUBTYPE },
				{ planId: 2, planName: 'Server Silver', subtype: SERVER_SUBTYPE },
				{ planId: 3, planName: 'Laptop Standard', subtype: LAPTOP_SUBTYPE },
				{ planId: 4, planName: SPECIAL_PLAN, subtype: SERVER_SUBTYPE },
				{ planId: 5, planName: 'Cloud Archive', subtype: SERVER_SUBTYPE },
				{ planId: 6, planName: 'Edge, Mobile & Remote', subtype: LAPTOP_SUBTYPE },
				...LOOKALIKE_VALUES.map((planName, i) => ({ planId: 7 + i, planName, subtype: SERVER_SUBTYPE })),
			].map((p) => [p.planName, p]),
		);
		this.orgs = new Map(
			[
				{ id: 12, connectName: 'Acme Corp', domainName: 'acme', plans: ['Server Gold', 'Laptop Standard'], defaultPlans: ['Server Gold'] },
				{ id: 13, connectName: `Globex & Sons <EU> "Prod"`, domainName: 'globex', plans: ['Server Silver', SPECIAL_PLAN], defaultPlans: [SPECIAL_PLAN] },
				{ id: 14, connectName: 'Initech', domainName: 'initech', plans: [], defaultPlans: [] },
				{ id: 15, connectName: 'Umbrella', domainName: 'umbrella', plans: ['Server Gold'], defaultPlans: [], enabled: false },
				{ id: 16, connectName: 'Basic Monthly Ltd', domainName: 'basic', plans: [LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token], defaultPlans: [LOOKALIKES.basic] },
			].map((o) => [o.id, { description: `${o.connectName} tenant`, enabled: true, ...o }]),
		);
	}

	credential(): EmulatorCredential {
		const { username, password, domain } = COMMVAULT_USERS.admin;
		return {
			type: 'commvaultApi',
			name: 'Commvault (emulator)',
			data: { url: `${this.baseUrl}${COMMVAULT_ROOT}`, username, password, domain, token: '' },
		};
	}

	/** The credential of a Commvault Cloud (SaaS) user (the emulator must be in `deployment: 'saas'`). */
	saasCredential(): EmulatorCredential {
		const { username, password } = COMMVAULT_USERS.cloud;
		return {
			type: 'commvaultApi',
			name: 'Commvault Cloud (emulator)',
			data: { deployment: 'saas', url: `${this.baseUrl}${COMMVAULT_ROOT}`, username, password, domain: '', token: '' },
		};
	}

	snapshot(): unknown {
		return { orgs: Object.fromEntries(this.orgs), plans: [...this.plans.values()], sessions: this.tokens.size };
	}

	/** Plans and default plans of an organization, for assertions. */
	org(id: number): { plans: string[]; defaultPlans: string[] } {
		const org = this.orgs.get(id);
		return { plans: [...(org?.plans ?? [])], defaultPlans: [...(org?.defaultPlans ?? [])] };
	}

	/** Ends every session now (as if 30 idle minutes had passed). */
	expireAllTokens(): void {
		this.tokens.clear();
	}

	protected controlExtra(method: string, path: string): EmulatorResponse | undefined {
		if (method === 'POST' && path === '/__emulator/expire-tokens') {
			const count = this.tokens.size;
			this.expireAllTokens();
			return { status: 200, body: { expired: count } };
		}
		return undefined;
	}

	protected notFound(method: string, path: string): EmulatorResponse {
		return { status: 404, headers: { 'Content-Type': 'text/html' }, body: `<html><head><title>404 - Not Found</title></head><body>${method} ${path}</body></html>` };
	}

	// -----------------------------------------------------------------------------------------

	private wantsXml(req: EmulatorRequest): boolean {
		if (this.forceXml) return true;
		const accept = String(req.headers.accept ?? '').toLowerCase();
		if (accept.includes('json')) return false;
		// Asked for XML, or asked for nothing in particular: Commvault's default is XML.
		return true;
	}

	private answer(req: EmulatorRequest, status: number, body: Obj, xmlRoot: string): EmulatorResponse {
		if (this.wantsXml(req)) {
			const xml = xmlBuilder.build({ [xmlRoot]: toXmlNode(body) }) as string;
			return { status, headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${xml}` };
		}
		return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };
	}

	private login(req: EmulatorRequest): EmulatorResponse {
		if (this.deployment === 'saas') return this.saasLogin(req);
		const body = (req.json ?? {}) as { username?: string; password?: string; domain?: string };
		const failed = (message: string) =>
			this.answer(req, 200, { errList: [{ errorCode: 5, errLogMessage: message }] }, 'DM2ContentIndexing_CheckCredentialResp');
		if (!req.json) return failed('Invalid input. Expected a JSON body with username and password.');
		const password = decodePassword(body.password);
		const user = this.users.find(
			(u) => u.username.toLowerCase() === String(body.username ?? '').toLowerCase() && u.domain.toLowerCase() === String(body.domain ?? '').toLowerCase(),
		);
		if (!user || user.password !== password) return failed('Invalid Username or Password');
		const token = `QSDK ${randomBytes(48).toString('hex')}`;
		this.tokens.set(token, { user, lastUsed: Date.now() });
		this.issuedTokens.push(token);
		return this.answer(
			req,
			200,
			{
				aliasName: '1',
				userGUID: 'A1B2C3D4-0000-4000-8000-000000000001',
				loginAttempts: 0,
				remainingLockTime: 0,
				smtpAddress: `${user.username}@example.com`,
				userName: user.domain ? `${user.domain}\\${user.username}` : user.username,
				providerType: 1,
				ccn: 0,
				token,
				capability: 9663676416,
				forcePasswordChange: false,
				isAccountLocked: false,
			},
			'DM2ContentIndexing_CheckCredentialResp',
		);
	}

	/**
	 * Login-SaaS: { username (the email), password (Base64) } answered with { data: { authToken } }.
	 * UNCONFIRMED: how a refused SaaS login answers (here 401 with errorCode/errorMessage).
	 */
	private saasLogin(req: EmulatorRequest): EmulatorResponse {
		const body = (req.json ?? {}) as Record<string, unknown>;
		const refusedLogin = (message: string) => ({ status: 401, headers: { 'Content-Type': 'application/json' }, body: { errorCode: 5, errorMessage: message } });
		const extra = Object.keys(body).filter((k) => !['username', 'password'].includes(k));
		if (extra.length) return refusedLogin(`Invalid input: ${extra.join(', ')} is not a field of the SaaS login.`);
		const password = decodePassword(body.password);
		const user = this.users.find((u) => u.username.includes('@') && u.username.toLowerCase() === String(body.username ?? '').toLowerCase());
		if (!user || user.password !== password) return refusedLogin('Invalid Username or Password');
		const authToken = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(36).toString('base64url')}.${randomBytes(24).toString('base64url')}`;
		this.tokens.set(`Bearer ${authToken}`, { user, lastUsed: Date.now() });
		this.issuedTokens.push(`Bearer ${authToken}`);
		return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { data: { authToken } } };
	}

	private auth(req: EmulatorRequest, next: (user: CommvaultUser) => EmulatorResponse): EmulatorResponse {
		if (this.expireTokensOn && req.method === this.expireTokensOn.method && (!this.expireTokensOn.path || this.expireTokensOn.path.test(req.path))) {
			this.expireTokensOn = undefined;
			this.expireAllTokens();
		}
		// Commvault Cloud wants its bearer token, a CommServe its Authtoken header; the other one does not sign in.
		const token = String((this.deployment === 'saas' ? req.headers.authorization : req.headers.authtoken) ?? '');
		const session = this.tokens.get(token);
		const now = Date.now();
		if (session && now - session.lastUsed > this.tokenIdleMs) this.tokens.delete(token);
		if (!session || !this.tokens.has(token)) {
			return { status: 401, headers: { 'Content-Type': 'text/plain' }, body: 'Access denied. The Authtoken is invalid or has expired.' };
		}
		session.lastUsed = now;
		if (this.leakTokenOn && req.method === this.leakTokenOn.method && (!this.leakTokenOn.path || this.leakTokenOn.path.test(req.path))) {
			this.leakTokenOn = undefined;
			const bare = token.replace(/^(QSDK|Bearer) /, '');
			return this.answer(req, 500, { errorCode: 1, errorMessage: `Session ${token} failed (id ${bare}, user ${session.user.username})` }, 'App_GenericResp');
		}
		return next(session.user);
	}

	private visible(user: CommvaultUser): CommvaultOrg[] {
		return [...this.orgs.values()].filter((o) => user.admin || o.id === user.orgId);
	}

	private planEntry(name: string): Obj {
		const plan = this.plans.get(name);
		return { planName: name, planId: plan?.planId ?? 0 };
	}

	private listOrgs(req: EmulatorRequest, user: CommvaultUser): EmulatorResponse {
		const providers = this.visible(user).map((o) => ({
			connectName: o.connectName,
			description: o.description,
			enabled: o.enabled,
			serviceType: 5,
			shortName: { id: o.id, domainName: o.domainName },
			primaryContacts: [{ fullName: 'Ops Contact', userName: `${o.domainName}\\ops` }],
		}));
		return this.answer(req, 200, { providers }, 'App_GetOrganizationsResponse');
	}

	private orgDetails(req: EmulatorRequest, user: CommvaultUser): EmulatorResponse {
		const id = Number(req.params.id);
		const org = this.orgs.get(id);
		if (!Number.isInteger(id) || !org || !this.visible(user).includes(org)) {
			return this.answer(req, 404, { errorCode: 2, errorMessage: `Organization with id [${req.params.id}] does not exist.` }, 'App_GenericResp');
		}
		const info = {
			organization: {
				connectName: org.connectName,
				description: org.description,
				emailDomainNames: [`${org.domainName}.example.com`],
				shortName: { domainName: org.domainName, id: org.id },
			},
			organizationProperties: {
				enableAuthCodeGen: false,
				userCount: 7,
				serverCount: 3,
				primaryContacts: [{ fullName: 'Ops Contact', user: { userName: `${org.domainName}\\ops`, userId: 40 + org.id } }],
				defaultPlans: org.defaultPlans.map((name) => ({ subtype: this.plans.get(name)?.subtype ?? SERVER_SUBTYPE, plan: this.planEntry(name) })),
				operatorRole: { roleName: 'Tenant Operator' },
			},
			planDetails: org.plans.map((name) => ({ plan: this.planEntry(name) })),
		};
		return this.answer(req, 200, { organizationInfo: info }, 'App_GetOrganizationPropertiesResponse');
	}

	private listPlans(req: EmulatorRequest): EmulatorResponse {
		const plans = [...this.plans.values()].map((p) => ({
			plan: { planId: p.planId, planName: p.planName },
			planOwner: { userId: 1, userName: 'admin' },
			subtype: p.subtype,
		}));
		return this.answer(req, 200, { plans }, 'Api_GetPlansResponse');
	}

	private update(req: EmulatorRequest, user: CommvaultUser): EmulatorResponse {
		const generic = (status: number, body: Obj) => this.answer(req, status, body, 'App_GenericResp');
		if (!String(req.headers['content-type'] ?? '').includes('xml')) {
			return generic(415, { errorCode: 415, errorMessage: 'Unsupported Content-Type. Send the Api_UpdateOrganizationPropertiesRequest as application/xml.' });
		}
		let parsed: Obj;
		try {
			parsed = xmlParser.parse(req.rawBody, true) as Obj;
		} catch (error) {
			return generic(400, { errorCode: 400, errorMessage: `Invalid XML: ${String(error).slice(0, 120)}` });
		}
		const request = parsed.Api_UpdateOrganizationPropertiesRequest;
		if (!isObject(request) || !isObject(request.organizationInfo)) {
			return generic(200, refused(1, 'Invalid request: expected Api_UpdateOrganizationPropertiesRequest/organizationInfo.'));
		}
		if (!user.admin) {
			return generic(403, { errorCode: 5, errorMessage: `User [${user.domain}\\${user.username}] does not have permission to change the plans of this company.` });
		}
		const info = request.organizationInfo;
		const shortName = isObject(info.organization) && isObject(info.organization.shortName) ? info.organization.shortName : {};
		const org = this.orgs.get(Number(shortName.id));
		if (!org) return generic(200, refused(2, `Organization with id [${String(shortName.id ?? '')}] does not exist.`));
		if (shortName.domainName !== undefined && shortName.domainName !== org.domainName) {
			return generic(200, refused(2, `Organization [${String(shortName.domainName)}] does not match the organization with id [${org.id}].`));
		}
		const names = (entries: unknown) =>
			asArray(entries).flatMap((e) => (isObject(e) ? asArray(e.plan) : [])).map((p) => (isObject(p) ? String(p.planName ?? '') : ''));
		const props = isObject(info.organizationProperties) ? info.organizationProperties : undefined;
		const changes: Array<Omit<CommvaultUpdate, 'errorCode'>> = [];
		if ('planDetails' in info || 'planDetailsOperationType' in info) {
			changes.push({ orgId: org.id, list: 'plans', operation: String(info.planDetailsOperationType ?? ''), planNames: names(info.planDetails) });
		}
		if (props && ('defaultPlans' in props || 'defaultPlansOperationType' in props)) {
			changes.push({ orgId: org.id, list: 'defaultPlans', operation: String(props.defaultPlansOperationType ?? ''), planNames: names(props.defaultPlans) });
		}
		if (changes.length === 0) return generic(200, refused(1, 'Nothing to update: the request has no planDetails and no defaultPlans.'));
		for (const change of changes) {
			const problem = this.applyChange(org, change);
			this.updates.push({ ...change, errorCode: problem ? problem.errorCode : 0 });
			if (problem) return generic(200, refused(problem.errorCode, problem.errorMessage));
		}
		return generic(200, ok());
	}

	private applyChange(org: CommvaultOrg, change: Omit<CommvaultUpdate, 'errorCode'>): { errorCode: number; errorMessage: string } | undefined {
		const { operation, list } = change;
		const planNames = this.firstPlanOnly ? change.planNames.slice(0, 1) : change.planNames;
		const field = list === 'plans' ? 'planDetailsOperationType' : 'defaultPlansOperationType';
		if (!['ADD', 'DELETE', 'OVERWRITE'].includes(operation)) {
			return { errorCode: 1, errorMessage: `Invalid ${field} [${operation}]. Valid values are ADD, OVERWRITE and DELETE.` };
		}
		if (!org.enabled) return { errorCode: 9, errorMessage: `Company [${org.connectName}] is deactivated. Activate it before changing its plans.` };
		if (planNames.some((n) => n === '')) return { errorCode: 1, errorMessage: 'Invalid input: planName is empty.' };
		const unknown = planNames.find((n) => !this.plans.has(n));
		if (unknown !== undefined) return { errorCode: 3, errorMessage: `Plan [${unknown}] does not exist.` };
		if (operation !== 'DELETE' && planNames.length === 0) return { errorCode: 1, errorMessage: 'Invalid input: no plan was given.' };
		const current = org[list];
		let next: string[];
		if (operation === 'ADD') {
			const already = planNames.find((n) => current.includes(n));
			if (already !== undefined) return { errorCode: 4, errorMessage: `Plan [${already}] is already associated with the company.` };
			next = [...current, ...planNames];
		} else if (operation === 'DELETE') {
			const missing = planNames.find((n) => !current.includes(n));
			if (missing !== undefined) return { errorCode: 4, errorMessage: `Plan [${missing}] is not associated with the company.` };
			next = current.filter((n) => !planNames.includes(n));
		} else {
			next = [...new Set(planNames)];
		}
		if (list === 'defaultPlans') {
			const notAssociated = next.find((n) => !org.plans.includes(n));
			if (notAssociated !== undefined) return { errorCode: 6, errorMessage: `Plan [${notAssociated}] is not associated with the company and cannot be a default plan.` };
		} else {
			const orphan = org.defaultPlans.find((n) => !next.includes(n));
			if (orphan !== undefined) return { errorCode: 7, errorMessage: `Plan [${orphan}] is a default plan of the company and cannot be dissociated.` };
		}
		org[list] = next;
		return undefined;
	}
}
