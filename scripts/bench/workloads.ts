// What the benchmark runs for each provider: the input items (one CRM-like change per item), our node's
// parameters, the same change done with n8n's HTTP Request node the way a user would build it without
// this package, which requests count as token requests, and how to check the change landed for every
// item in the emulator's state.
import type { IDataObject, INode } from 'n8n-workflow';

import { BV_PLANS } from '../../test/blendvision-one/emulator';
import { COMMVAULT_ROOT } from '../../test/commvault/emulator';
import { INSTELLIX_REALM } from '../../test/instellix/emulator';
import type { ProviderKey, StartedEmulator } from './control';
import { BENCH, benchIds } from './ids';

export interface GenericCredential {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/** How the HTTP Request node paces a batch: items per batch and the pause between batches. */
export interface Batching {
	batchSize: number;
	batchInterval: number;
}

export interface Workload {
	provider: ProviderKey;
	label: string;
	/** What one item asks for, and the requests each side sends for it. */
	change: string;
	ourRequests: string;
	httpRequests: string;
	nodeType: string;
	credentialType: string;
	/** Our node's parameters; items come in as `$json`. */
	parameters: (options: IDataObject) => IDataObject;
	/** The HTTP Request node chain (after the "Items" node), with the generic credential it uses. */
	http: (emulator: StartedEmulator, batching: Batching, credential: GenericCredential | undefined) => INode[];
	/** The generic credential the HTTP Request nodes use (none for Commvault: a Login node gives the session). */
	httpCredential: (emulator: StartedEmulator) => GenericCredential | undefined;
	/** Requests that fetch a token or session (counted as token requests). */
	tokenPath?: RegExp;
	/** Requests per item each side sends (token and once-per-process requests aside), to size the runs. */
	requestsPerItem: { ours: number; oursConfirmOff: number; http: number };
	/** The store's documented rate limit in requests per second, when it bounds a run. */
	storeRatePerSecond?: number;
	/** Items whose change is not in the emulator state (and what else is wrong), from /__emulator/state. */
	verify: (state: unknown, items: IDataObject[]) => string[];
}

let position = 600;
function httpNode(
	name: string,
	credential: GenericCredential | undefined,
	batching: Batching,
	request: {
		method: string;
		url: string;
		json?: string;
		raw?: { contentType: string; body: string };
		headers?: Array<{ name: string; value: string }>;
	},
	extra: Partial<INode> = {},
): INode {
	position += 220;
	const parameters: IDataObject = {
		method: request.method,
		url: request.url,
		...(credential ? { authentication: 'genericCredentialType', genericAuthType: credential.type } : {}),
		sendHeaders: Boolean(request.headers),
		...(request.headers ? { headerParameters: { parameters: request.headers } } : {}),
		...(request.json ? { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: request.json } : {}),
		...(request.raw ? { sendBody: true, contentType: 'raw', rawContentType: request.raw.contentType, body: request.raw.body } : {}),
		options: { batching: { batch: { batchSize: batching.batchSize, batchInterval: batching.batchInterval } } },
	};
	return {
		id: `bench-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [position, 200],
		parameters,
		...(credential ? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } } : {}),
		...extra,
	} as INode;
}

const item = (field: string) => `$('Items').item.json.${field}`;

// ---------------------------------------------------------------------------------------------------
// Partoo: Add or Update one plan (read the plan list, write the merged full list).

const partooCredential = (e: StartedEmulator): GenericCredential => ({
	id: 'benchPartooHdr01',
	name: 'Partoo header auth (bench)',
	type: 'httpHeaderAuth',
	data: { name: 'x-apikey', value: String(e.credential.data.apiKey) },
});

const partooHttp = (e: StartedEmulator, b: Batching, c: GenericCredential | undefined): INode[] => [
	httpNode('Read Plans', c, b, { method: 'GET', url: `=${e.url}/v2/org/{{ $json.orgId }}/plans` }),
	httpNode('Write Plans', c, b, {
		method: 'POST',
		url: `=${e.url}/v2/org/{{ ${item('orgId')} }}/plans`,
		json:
			`={{ JSON.stringify({ plans: [` +
			`...$json.plans.filter(p => !${item('plans')}.includes(p.name)).map(p => p.expiration_date ? { name: p.name, expiration_date: p.expiration_date } : { name: p.name }), ` +
			`...${item('plans')}.map(name => ({ name, expiration_date: ${item('contractEnd')} }))] }) }}`,
	}),
];

type PartooState = { orgs: Record<string, { plans: Array<{ name: string; expiration_date: string | null }> }> };

function verifyPartoo(state: unknown, items: IDataObject[]): string[] {
	const { orgs } = state as PartooState;
	const problems: string[] = [];
	items.forEach((it, i) => {
		const plans = orgs[String(it.orgId)]?.plans ?? [];
		for (const name of it.plans as string[]) {
			if (!plans.some((p) => p.name === name && p.expiration_date === it.contractEnd)) problems.push(`item ${i}: org ${String(it.orgId)} lacks ${name}`);
		}
		if (!plans.some((p) => p.name === 'presence_management')) problems.push(`item ${i}: org ${String(it.orgId)} lost presence_management`);
	});
	return problems;
}

const partoo: Workload = {
	provider: 'partoo',
	requestsPerItem: { ours: 3, oursConfirmOff: 2, http: 2 },
	label: 'Partoo',
	change: 'Add or Update: add the plan `webhooks` with an expiration date to the organization',
	ourRequests: 'GET plans, POST the merged full list, GET plans again to confirm (Confirm Write: the list is written whole)',
	httpRequests: 'GET plans, POST the merged full list (expression in the body)',
	nodeType: 'n8n-nodes-plan-provisioning.partoo',
	credentialType: 'partooApi',
	parameters: (options) => ({
		resource: 'organizationPlan',
		operation: 'addOrUpdate',
		organization: { __rl: true, mode: 'id', value: '={{ $json.orgId }}' },
		plans: '={{ $json.plans }}',
		expirationDate: '={{ $json.contractEnd }}',
		// No pacing: the emulator stands for a raised limit (emulators.ts), as per-organization pacing never
		// waited in these runs (each item changes its own organization) before issue 22.
		options: { rateLimit: 0, ...options },
	}),
	http: partooHttp,
	httpCredential: partooCredential,
	verify: verifyPartoo,
};

// ---------------------------------------------------------------------------------------------------
// BlendVision One: Update, add a plan (read the sub-organization and its plans, PATCH the full record).

const bvCredential = (e: StartedEmulator): GenericCredential => ({
	id: 'benchBvCustom001',
	name: 'BlendVision custom auth (bench)',
	type: 'httpCustomAuth',
	data: {
		json: JSON.stringify({ headers: { Authorization: `Bearer ${String(e.credential.data.apiToken)}`, 'x-bv-org-id': String(e.credential.data.orgId) } }),
	},
});

/** The properties of BlendVision's UpdateSubOrgBody (BlendVision/mcp-server, data/api-index.json) the record holds. */
const BV_PATCH_FIELDS = [
	'parent_id',
	'description',
	'billing_cycle',
	'contract_valid_start_time',
	'contract_months',
	'contract_days',
	'template_id',
	'enterprise_id',
];

const bvHttp = (e: StartedEmulator, b: Batching, c: GenericCredential | undefined): INode[] => [
	httpNode('Read Sub-Org', c, b, { method: 'GET', url: `=${e.url}/bv/org/v1/sub-orgs/{{ $json.subOrgId }}` }),
	httpNode('Read Sub-Org Plans', c, b, { method: 'GET', url: `=${e.url}/bv/org/v1/sub-orgs/{{ ${item('subOrgId')} }}/plans` }),
	httpNode('Write Sub-Org', c, b, {
		method: 'PATCH',
		url: `=${e.url}/bv/org/v1/sub-orgs/{{ ${item('subOrgId')} }}`,
		// The PATCH resets what it does not carry: send every updatable field as read, plus the merged plans.
		json:
			`={{ (() => { const o = $('Read Sub-Org').item.json.organization; ` +
			`const body = Object.fromEntries(${JSON.stringify(BV_PATCH_FIELDS)}.filter(k => o[k] !== undefined).map(k => [k, o[k]])); ` +
			`if (o.business_setting) body.business_setting = Object.fromEntries(Object.entries(o.business_setting).filter(([k]) => k !== 'business_plan_type')); ` +
			`const ids = ($json.plans || []).map(p => p.plan.id); ` +
			`body.plan_ids = [...ids, ...${item('planIds')}.filter(id => !ids.includes(id))]; ` +
			`return JSON.stringify(body); })() }}`,
	}),
];

type BvState = { subOrgs: Record<string, { plan_ids: string[] }> };

function verifyBv(state: unknown, items: IDataObject[]): string[] {
	const { subOrgs } = state as BvState;
	const problems: string[] = [];
	items.forEach((it, i) => {
		const ids = subOrgs[String(it.subOrgId)]?.plan_ids ?? [];
		for (const id of [BV_PLANS.starter, ...(it.planIds as string[])]) if (!ids.includes(id)) problems.push(`item ${i}: ${String(it.subOrgId)} lacks ${id}`);
	});
	return problems;
}

const blendVisionOne: Workload = {
	provider: 'blendVisionOne',
	requestsPerItem: { ours: 4, oursConfirmOff: 3, http: 3 },
	label: 'BlendVision One',
	change: 'Update, Plan Change = Add: add the Enterprise plan to the sub-organization',
	ourRequests: 'GET sub-org, GET its plans, PATCH the full record, GET its plans again to confirm (Confirm Write: the record is written whole); the plan catalog once per process',
	httpRequests: 'GET sub-org, GET its plans, PATCH the full record (expression in the body)',
	nodeType: 'n8n-nodes-plan-provisioning.blendVisionOne',
	credentialType: 'blendVisionOneApi',
	parameters: (options) => ({
		resource: 'subOrganization',
		operation: 'update',
		subOrganization: { __rl: true, mode: 'id', value: '={{ $json.subOrgId }}' },
		planMode: 'add',
		planIds: '={{ $json.planIds }}',
		options,
	}),
	http: bvHttp,
	httpCredential: bvCredential,
	verify: verifyBv,
};

// ---------------------------------------------------------------------------------------------------
// Elastic Path: Update, set the EUR price (read the plan, PUT the merged price map).

const EP_PLAN_TYPE = 'subscription_offering_plan';

const epCredential = (e: StartedEmulator): GenericCredential => ({
	id: 'benchEpOAuth2001',
	name: 'Elastic Path OAuth2 (bench)',
	type: 'oAuth2Api',
	data: {
		grantType: 'clientCredentials',
		accessTokenUrl: `${e.url}/oauth/access_token`,
		clientId: String(e.credential.data.clientId),
		clientSecret: String(e.credential.data.clientSecret),
		scope: '',
		authQueryParameters: '',
		authentication: 'body',
	},
});

const epHttp = (e: StartedEmulator, b: Batching, c: GenericCredential | undefined): INode[] => [
	httpNode('Read Plan', c, b, { method: 'GET', url: `=${e.url}/v2/subscriptions/offerings/{{ $json.offeringId }}/plans/{{ $json.planId }}` }),
	httpNode('Write Plan', c, b, {
		method: 'PUT',
		url: `=${e.url}/v2/subscriptions/offerings/{{ ${item('offeringId')} }}/plans/{{ ${item('planId')} }}`,
		json:
			`={{ JSON.stringify({ data: { id: ${item('planId')}, type: '${EP_PLAN_TYPE}', attributes: { fixed_price: { ...($json.data.attributes.fixed_price || {}), ` +
			`...Object.fromEntries(${item('prices')}.map(p => [p.currency, { amount: p.amount, includes_tax: p.includesTax }])) } } } }) }}`,
	}),
];

type EpState = { offerings: Record<string, { plans: Array<{ id: string; attributes: { fixed_price?: Record<string, { amount: number }> } }> }> };

function verifyEp(state: unknown, items: IDataObject[]): string[] {
	const { offerings } = state as EpState;
	const problems: string[] = [];
	const plans = new Map((offerings[benchIds.epOffering]?.plans ?? []).map((p) => [p.id, p]));
	items.forEach((it, i) => {
		const prices = plans.get(String(it.planId))?.attributes.fixed_price ?? {};
		for (const p of it.prices as Array<{ currency: string; amount: number }>) {
			if (prices[p.currency]?.amount !== p.amount) problems.push(`item ${i}: ${String(it.planId)} ${p.currency} is ${JSON.stringify(prices[p.currency])}`);
		}
		if (!prices.USD) problems.push(`item ${i}: ${String(it.planId)} lost its USD price`);
	});
	return problems;
}

const elasticPath: Workload = {
	provider: 'elasticPath',
	requestsPerItem: { ours: 3, oursConfirmOff: 2, http: 2 },
	label: 'Elastic Path',
	change: 'Update: set the plan\'s EUR price (the USD price must stay)',
	ourRequests: 'GET plan, PUT the changed attributes (merged price map), GET plan again to confirm (Confirm Write: the price map is written whole); the store currencies once per process, one token',
	httpRequests: 'GET plan, PUT the merged price map (expression in the body); OAuth2 client-credentials token',
	nodeType: 'n8n-nodes-plan-provisioning.elasticPath',
	credentialType: 'elasticPathApi',
	parameters: (options) => ({
		resource: 'offeringPlan',
		operation: 'update',
		offering: { __rl: true, mode: 'id', value: '={{ $json.offeringId }}' },
		plan: { __rl: true, mode: 'id', value: '={{ $json.planId }}' },
		updateFields: {},
		pricesInput: 'json',
		pricesJson: '={{ $json.prices }}',
		options,
	}),
	http: epHttp,
	httpCredential: epCredential,
	tokenPath: /^\/oauth\/access_token$/,
	storeRatePerSecond: 100,
	verify: verifyEp,
};

// ---------------------------------------------------------------------------------------------------
// Commvault: Update Plans, Associate (ADD) one plan. ADD is a delta: a user needs no read for it.

const commvaultHttp = (e: StartedEmulator, b: Batching): INode[] => {
	const root = `${e.url}${COMMVAULT_ROOT}`;
	return [
		httpNode(
			'Write Plans',
			undefined,
			b,
			{
				method: 'PUT',
				url: `${root}/Organization`,
				headers: [
					{ name: 'Accept', value: 'application/json' },
					{ name: 'Authtoken', value: "={{ $('Login').first().json.token }}" },
				],
				raw: {
					contentType: 'application/xml',
					body:
						`=<Api_UpdateOrganizationPropertiesRequest><organizationInfo planDetailsOperationType="ADD">` +
						`{{ ${item('plans')}.map(p => '<planDetails><plan planName="' + p + '"/></planDetails>').join('') }}` +
						`<organization><shortName id="{{ ${item('orgId')} }}"/></organization></organizationInfo></Api_UpdateOrganizationPropertiesRequest>`,
				},
			},
		),
	];
};

/** The Login node of the Commvault HTTP workflow (runs once, before the items are made). */
export function commvaultLoginNode(e: StartedEmulator): INode {
	const { username, password, domain } = e.credential.data as { username: string; password: string; domain: string };
	return {
		id: 'bench-login',
		name: 'Login',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: {
			method: 'POST',
			url: `${e.url}${COMMVAULT_ROOT}/Login`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: JSON.stringify({ username, password: Buffer.from(password, 'utf8').toString('base64'), domain }),
			options: {},
		},
	} as INode;
}

type CommvaultState = { orgs: Record<string, { plans: string[]; defaultPlans: string[] }> };

function verifyCommvault(state: unknown, items: IDataObject[]): string[] {
	const { orgs } = state as CommvaultState;
	const problems: string[] = [];
	items.forEach((it, i) => {
		const org = orgs[String(it.orgId)];
		for (const name of ['Server Gold', ...(it.plans as string[])]) if (!org?.plans.includes(name)) problems.push(`item ${i}: org ${String(it.orgId)} lacks ${name}`);
		if (org && org.plans.length !== new Set(org.plans).size) problems.push(`item ${i}: org ${String(it.orgId)} has a plan twice`);
	});
	return problems;
}

const commvault: Workload = {
	provider: 'commvault',
	requestsPerItem: { ours: 2, oursConfirmOff: 2, http: 1 },
	label: 'Commvault',
	change: 'Update Plans, Associate (Add): associate the plan `Cloud Archive` with the organization',
	ourRequests: 'GET organization, PUT ADD (XML): errorCode 0 says it landed, and an ADD is a delta (not confirmed); Login and GET Plan once per process',
	httpRequests: 'PUT ADD (XML) only: ADD is a delta, so a user needs no read; one Login node first',
	nodeType: 'n8n-nodes-plan-provisioning.commvault',
	credentialType: 'commvaultApi',
	parameters: (options) => ({
		resource: 'organization',
		operation: 'updatePlans',
		organization: { __rl: true, mode: 'id', value: '={{ $json.orgId }}' },
		mode: 'add',
		plans: '={{ $json.plans }}',
		options,
	}),
	http: commvaultHttp,
	httpCredential: () => undefined,
	tokenPath: /\/Login$/,
	verify: verifyCommvault,
};

// ---------------------------------------------------------------------------------------------------
// Instellix: Update, set a property (read the whole plan, PUT the whole plan).

const instellixCredential = (e: StartedEmulator): GenericCredential => ({
	id: 'benchIxOAuth2001',
	name: 'Instellix OAuth2 (bench)',
	type: 'oAuth2Api',
	data: {
		grantType: 'clientCredentials',
		accessTokenUrl: `${e.url}/${INSTELLIX_REALM}/oauth2/token`,
		clientId: String(e.credential.data.clientId),
		clientSecret: String(e.credential.data.clientSecret),
		scope: '',
		authQueryParameters: '',
		authentication: 'header',
	},
});

const instellixHttp = (e: StartedEmulator, b: Batching, c: GenericCredential | undefined): INode[] => [
	httpNode('Read Plan', c, b, { method: 'GET', url: `=${e.url}/v2/plans/{{ $json.planId }}` }),
	httpNode('Write Plan', c, b, {
		method: 'PUT',
		url: `=${e.url}/v2/plans/{{ ${item('planId')} }}`,
		json:
			`={{ JSON.stringify({ ...Object.fromEntries(Object.entries($json).filter(([k]) => k !== 'id' && k !== 'hasActiveContract')), ` +
			`properties: [...($json.properties || []).filter(p => p.ident !== ${item('propertyIdent')}), { ident: ${item('propertyIdent')}, value: ${item('propertyValue')} }] }) }}`,
	}),
];

type InstellixState = { plans: Record<string, { properties?: Array<{ ident: string; value: unknown }> }> };

function verifyInstellix(state: unknown, items: IDataObject[]): string[] {
	const { plans } = state as InstellixState;
	const problems: string[] = [];
	items.forEach((it, i) => {
		const props = plans[String(it.planId)]?.properties ?? [];
		if (!props.some((p) => p.ident === it.propertyIdent && p.value === it.propertyValue)) problems.push(`item ${i}: plan ${String(it.planId)} lacks ${String(it.propertyIdent)}`);
		if (!props.some((p) => p.ident === 'data_volume')) problems.push(`item ${i}: plan ${String(it.planId)} lost data_volume`);
	});
	return problems;
}

const instellix: Workload = {
	provider: 'instellix',
	requestsPerItem: { ours: 3, oursConfirmOff: 2, http: 2 },
	label: 'Instellix',
	change: 'Update, Properties: set the property `crm_deal` (the plan is replaced whole, so everything else must be sent back)',
	ourRequests: 'GET plan, PUT the whole plan, GET plan again to confirm (Confirm Write: the plan is written whole); one token',
	httpRequests: 'GET plan, PUT the whole plan (expression in the body); OAuth2 client-credentials token',
	nodeType: 'n8n-nodes-plan-provisioning.instellix',
	credentialType: 'instellixApi',
	parameters: (options) => ({
		resource: 'plan',
		operation: 'update',
		plan: { __rl: true, mode: 'id', value: '={{ $json.planId }}' },
		properties: { set: [{ ident: '={{ $json.propertyIdent }}', value: '={{ $json.propertyValue }}' }] },
		options,
	}),
	http: instellixHttp,
	httpCredential: instellixCredential,
	tokenPath: new RegExp(`^/${INSTELLIX_REALM}/oauth2/token$`),
	verify: verifyInstellix,
};

export const WORKLOADS: Record<ProviderKey, Workload> = { partoo, blendVisionOne, elasticPath, commvault, instellix };

// ---------------------------------------------------------------------------------------------------
// Items

/** One item per resource, resources `first` to `first + count - 1` of the benchmark's. */
export function itemsFor(provider: ProviderKey, count = BENCH.resources, first = 0): IDataObject[] {
	return Array.from({ length: count }, (_, k): IDataObject => {
		const n = first + k;
		switch (provider) {
			case 'partoo':
				return { orgId: benchIds.partooOrg(n), plans: ['webhooks'], contractEnd: '2027-12-31' };
			case 'blendVisionOne':
				return { subOrgId: benchIds.bvSubOrg(n), planIds: [BV_PLANS.enterprise] };
			case 'elasticPath':
				return { offeringId: benchIds.epOffering, planId: benchIds.epPlan(n), prices: [{ currency: 'EUR', amount: 900 + n, includesTax: false }] };
			case 'commvault':
				return { orgId: benchIds.commvaultOrg(n), plans: ['Cloud Archive'] };
			case 'instellix':
				return { planId: benchIds.instellixPlan(n), propertyIdent: 'crm_deal', propertyValue: `deal-${n}` };
		}
	});
}
