import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BV_TOKENS, BlendVisionOneEmulator, type BvSubOrg } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { listSearch, loadOptions, testCredential } from '../support/harness/methods';
import { expectNoSecrets, jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';


const emulator = useEmulator(new BlendVisionOneEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const NODE = 'BlendVision One';

function credential(apiToken: string = BV_TOKENS.owner, orgId: string = BV_IDS.org): StoredCredential[] {
	const { type, data } = emulator.credential();
	// A trailing slash on the base URL is tolerated.
	return [{ id: 'blendvision', name: 'BlendVision One account', type, data: { ...data, apiToken, orgId, baseUrl: `${data.baseUrl}/` } }];
}
const patches = () => emulator.requests('PATCH');
const switches = () => emulator.requests('POST', /:switch-owner$/);
const writes = () => [...patches(), ...switches()];
const plans = (id: string) => emulator.subOrg(id).plan_ids;
const bodyOf = (n = 0) => JSON.parse(patches()[n].body) as Record<string, unknown>;
const update = (params: IDataObject = {}, settings: IDataObject = {}) =>
	withNode(wf('update'), NODE, params, settings);
const replace = (removeUnlisted = false) => update({ planMode: 'replace', removeUnlisted });
/** Every stored field but the ones named, to check that nothing else changed. */
const without = (org: BvSubOrg, ...keys: Array<keyof BvSubOrg>) => {
	const copy: Partial<BvSubOrg> = { ...org };
	for (const key of [...keys, 'updated_at' as const]) delete copy[key];
	return copy;
};

describe('BlendVision One: Get', () => {
	test('returns the sub-organization with its owner and plans', async () => {
		const result = await run(wf('get'), credential(), [{ id: BV_IDS.acme }]);
		expect(result.error).toBeUndefined();
		const [out] = jsonOf(result.output(NODE));
		expect(out).toMatchObject({
			id: BV_IDS.acme,
			name: 'Acme EU',
			type: 'ORGANIZATION_TYPE_BUSINESS',
			parent_id: BV_IDS.north,
			parent_name: 'North Reseller',
			contract_months: 12,
			contract_valid_start_time: '2025-09-01T00:00:00Z',
			business_setting: { business_plan_type: 'BUSINESS_PLAN_TYPE_BVONE', site_limit: 3, category: 'media' },
			owner_info: { email: 'owner@acme.example' },
			plan_ids: [BV_PLANS.starter, BV_PLANS.pro],
			plans: [
				{ id: BV_PLANS.starter, name: 'Starter', group: 'BV One', in_used: true },
				{ id: BV_PLANS.pro, name: 'Pro', group: 'BV One', in_used: false },
			],
		});
		expect(result.output(NODE)[0].pairedItem).toEqual({ item: 0 });
		expect(emulator.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /bv/org/v1/sub-orgs/${BV_IDS.acme}`,
			`GET /bv/org/v1/sub-orgs/${BV_IDS.acme}/plans`,
		]);
	});

	test('sends the token and the organization header on every call', async () => {
		await run(wf('get'), credential(), [{ id: BV_IDS.acme }]);
		expect(emulator.log.length).toBeGreaterThan(0);
		for (const r of emulator.log) {
			expect(r.headers.authorization).toBe(`Bearer ${BV_TOKENS.owner}`);
			expect(r.headers['x-bv-org-id']).toBe(BV_IDS.org);
		}
	});
});

describe('BlendVision One: Get Many', () => {
	const getAll = (params: IDataObject) => withNode(wf('getAll'), NODE, params);
	const pageQueries = () => emulator.requests('GET', '/bv/org/v1/sub-orgs').map((r) => r.query);

	test('Return All follows the pages, with items_per_page set explicitly', async () => {
		const result = await run(wf('getAll'), credential(), [{}]);
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output(NODE));
		expect(out).toHaveLength(136);
		expect(new Set(out.map((o) => o.id)).size).toBe(136);
		expect(out[0]).toMatchObject({ id: BV_IDS.north, name: 'North Reseller' });
		expect(out.some((o) => o.id === BV_IDS.foreign)).toBe(false);
		expect(pageQueries()).toEqual([
			{ current_page: '1', items_per_page: '100' },
			{ current_page: '2', items_per_page: '100' },
		]);
		expect(result.output(NODE).every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit stops across pages at the limit', async () => {
		const result = await run(getAll({ returnAll: false, limit: 120 }), credential(), [{}]);
		expect(jsonOf(result.output(NODE))).toHaveLength(120);
		expect(pageQueries()).toEqual([
			{ current_page: '1', items_per_page: '100' },
			{ current_page: '2', items_per_page: '100' },
		]);
	});

	test('a small Limit asks for one page of that size', async () => {
		const result = await run(getAll({ returnAll: false, limit: 5 }), credential(), [{}]);
		expect(jsonOf(result.output(NODE)).map((o) => o.name)).toEqual(['North Reseller', 'South Reseller', 'West Reseller', 'Acme EU', 'Beta Shop']);
		expect(pageQueries()).toEqual([{ current_page: '1', items_per_page: '5' }]);
	});

	test('filters by name, types and statuses (repeated query keys)', async () => {
		const byName = await run(wf('getAll'), credential(), [{ name: 'customer 12' }]);
		expect(jsonOf(byName.output(NODE)).map((o) => o.name)).toEqual(['Customer 120', 'Customer 121', 'Customer 122', 'Customer 123', 'Customer 124', 'Customer 125', 'Customer 126', 'Customer 127', 'Customer 128', 'Customer 129']);
		emulator.log.length = 0;
		const filtered = await run(
			getAll({ filters: { types: ['ORGANIZATION_TYPE_RESELLER'], statuses: ['ORGANIZATION_STATUS_ACTIVATED', 'ORGANIZATION_STATUS_DEACTIVATED'] } }),
			credential(),
			[{}],
		);
		expect(jsonOf(filtered.output(NODE)).map((o) => o.name)).toEqual(['North Reseller', 'South Reseller', 'West Reseller']);
		expect(pageQueries()[0]).toMatchObject({
			types: 'ORGANIZATION_TYPE_RESELLER',
			statuses: ['ORGANIZATION_STATUS_ACTIVATED', 'ORGANIZATION_STATUS_DEACTIVATED'],
		});
		const deactivated = await run(getAll({ filters: { statuses: ['ORGANIZATION_STATUS_DEACTIVATED'] } }), credential(), [{}]);
		expect(jsonOf(deactivated.output(NODE))).toHaveLength(13);
	});

	test('an unknown type in an expression is an input error', async () => {
		const result = await run(getAll({ filters: { types: '={{ ["RESELLER"] }}' } }), credential(), [{}]);
		expect(result.error?.message).toContain('Invalid "Filters > Types" in item 0');
		expect(emulator.log).toHaveLength(0);
	});
});

describe('BlendVision One: Update plans', () => {
	test('Add keeps every plan and every other field (state checked in the emulator)', async () => {
		const before = emulator.subOrg(BV_IDS.acme);
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		expect(result.error).toBeUndefined();
		const after = emulator.subOrg(BV_IDS.acme);
		expect(after.plan_ids).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise]);
		// The emulator resets what a PATCH leaves out: nothing else changed, so the node sent it all back.
		expect(without(after, 'plan_ids')).toEqual(without(before, 'plan_ids'));
		const [out] = jsonOf(result.output(NODE));
		expect(out.outcome).toBe('updated');
		// Each plan by its ID, with its name beside it.
		expect(out.changes).toEqual([{ field: `plans.${BV_PLANS.enterprise}`, from: null, to: 'Enterprise' }]);
		expect(out.plan_ids).toEqual(after.plan_ids);
		expect(out.plans).toContainEqual({ id: BV_PLANS.enterprise, name: 'Enterprise', group: 'BV One', in_used: false });
		// Exactly the properties of UpdateSubOrgBody, enterprise_id (required) from the record; output-only
		// fields and the create message's name, type and owner are not sent.
		expect(bodyOf()).toEqual({
			enterprise_id: 'acme-eu',
			parent_id: BV_IDS.north,
			description: 'EU reseller customer',
			plan_ids: [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise],
			billing_cycle: 1,
			contract_valid_start_time: '2025-09-01T00:00:00Z',
			contract_months: 12,
			business_setting: { category: 'media', tax_id: '12345678', enable_create_site: true, site_limit: 3 },
		});
		// Read (record, plans), the plans its parent can give (once per process), the write, and the read that
		// confirms it: only the plans, since only plans changed. No re-read for the output.
		expect(emulator.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /bv/org/v1/sub-orgs/${BV_IDS.acme}`,
			`GET /bv/org/v1/sub-orgs/${BV_IDS.acme}/plans`,
			`GET /bv/org/v1/organizations/${BV_IDS.north}/plans`,
			`PATCH /bv/org/v1/sub-orgs/${BV_IDS.acme}`,
			`GET /bv/org/v1/sub-orgs/${BV_IDS.acme}/plans`,
		]);
	});

	test('Add on a CXM sub-organization keeps its template, next contract and marketplace URL', async () => {
		const before = emulator.subOrg(BV_IDS.beta);
		await run(wf('update'), credential(), [{ id: BV_IDS.beta, planIds: [BV_PLANS.cxmPlus] }]);
		const after = emulator.subOrg(BV_IDS.beta);
		expect(after.plan_ids).toEqual([BV_PLANS.cxmBasic, BV_PLANS.cxmPlus]);
		expect(without(after, 'plan_ids')).toEqual(without(before, 'plan_ids'));
		expect(bodyOf()).toMatchObject({ template_id: 'tpl-beta-01', contract_days: 90 });
		expect(bodyOf()).not.toHaveProperty('contract_months');
		expect(bodyOf()).not.toHaveProperty('clear_next_contract_setting');
	});

	test('Remove removes only the named plans', async () => {
		const result = await run(update({ planMode: 'remove' }), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.starter] }]);
		expect(result.error).toBeUndefined();
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.pro]);
		expect(emulator.subOrg(BV_IDS.acme).contract_months).toBe(12);
		expect(jsonOf(result.output(NODE))[0].changes).toEqual([{ field: `plans.${BV_PLANS.starter}`, from: 'Starter', to: null }]);
	});

	test('adding a plan it has, or removing one it does not have, sends no write', async () => {
		const added = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.pro] }]);
		const removed = await run(update({ planMode: 'remove' }), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.cxmPlus] }]);
		expect(writes()).toHaveLength(0);
		expect(jsonOf(added.output(NODE))[0]).toMatchObject({ outcome: 'unchanged', changes: [] });
		expect(jsonOf(removed.output(NODE))[0]).toMatchObject({ outcome: 'unchanged', changes: [] });
	});

	test('Replace refuses to drop plans unless "Remove Plans Not Listed" is on, and names them', async () => {
		const result = await run(replace(), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.pro, BV_PLANS.enterprise] }]);
		expect(result.error?.message).toBe(
			`Change refused for "Plan Names or IDs" in item 0: Replace would remove plans "Acme EU" has but that are not listed: Starter (${BV_PLANS.starter})`,
		);
		expect(result.error?.description).toContain('Remove Plans Not Listed');
		expect(writes()).toHaveLength(0);
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro]);
	});

	test('Replace with "Remove Plans Not Listed" makes the list the only plans', async () => {
		const result = await run(replace(true), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		expect(result.error).toBeUndefined();
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.enterprise]);
		expect(emulator.subOrg(BV_IDS.acme).business_setting?.site_limit).toBe(3);
	});

	test('Replace that removes nothing needs no switch', async () => {
		const result = await run(replace(), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.cxmBasic] }]);
		expect(result.error).toBeUndefined();
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.cxmBasic]);
	});

	test('an empty plan list leaves the plans alone in every mode', async () => {
		const result = await run(replace(true), credential(), [{ id: BV_IDS.acme, planIds: [], description: 'Only the text' }]);
		expect(result.error).toBeUndefined();
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro]);
		expect(emulator.subOrg(BV_IDS.acme).description).toBe('Only the text');
	});

	test('plan IDs as a comma-separated list, any case', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: `${BV_PLANS.enterprise.toUpperCase()}, ${BV_PLANS.cxmBasic}` }]);
		expect(result.error).toBeUndefined();
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise, BV_PLANS.cxmBasic]);
	});

	test('an unknown plan ID is refused with the valid plans, before any write', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise, BV_PLANS.unknown] }]);
		// Acme EU is under North Reseller, whose plans it can get.
		expect(result.error?.message).toBe(`Change refused for "Plan Names or IDs" in item 0: "${BV_PLANS.unknown}" is not a plan "North Reseller" has: a sub-organization can only get plans its parent organization has`);
		expect(result.error?.description).toContain(`BV One / Starter (${BV_PLANS.starter})`);
		expect(result.error?.description).toContain(`CXM / CXM Plus (${BV_PLANS.cxmPlus})`);
		expect(writes()).toHaveLength(0);
		expect(emulator.log.every((r) => r.method === 'GET')).toBe(true);
	});

	test('a plan that is not assignable any more is refused too', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.retired] }]);
		expect(result.error?.message).toContain(`"${BV_PLANS.retired}" is not a plan "North Reseller" has`);
		expect(result.error?.description).not.toContain(BV_PLANS.retired);
		expect(writes()).toHaveLength(0);
	});

	test('the plan list is read once per execution (and process), for all items', async () => {
		const result = await run(wf('update'), credential(), [
			{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] },
			{ id: BV_IDS.gamma, planIds: [BV_PLANS.pro] },
			{ id: BV_IDS.beta, planIds: [BV_PLANS.cxmPlus] },
		]);
		expect(result.error).toBeUndefined();
		// The plans each parent can give: North's for Acme EU and Beta Shop, West's for Gamma Media.
		expect(emulator.requests('GET', `/bv/org/v1/organizations/${BV_IDS.north}/plans`)).toHaveLength(1);
		expect(emulator.requests('GET', `/bv/org/v1/organizations/${BV_IDS.west}/plans`)).toHaveLength(1);
		expect(plans(BV_IDS.gamma)).toEqual([BV_PLANS.starter, BV_PLANS.pro]);
	});

	test('a plan its parent does not have is refused before any write, naming the parent and its plans', async () => {
		const before = emulator.subOrg(BV_IDS.gamma);
		// Enterprise is a plan of the main organization, but West Reseller, Gamma Media's parent, does not have it.
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.gamma, planIds: [BV_PLANS.enterprise] }]);
		expect(result.error?.message).toBe(`Change refused for "Plan Names or IDs" in item 0: "${BV_PLANS.enterprise}" is not a plan "West Reseller" has: a sub-organization can only get plans its parent organization has`);
		expect(result.error?.description).toContain(`BV One / Pro (${BV_PLANS.pro})`);
		expect(result.error?.description).not.toContain(`(${BV_PLANS.enterprise})`);
		expect(writes()).toHaveLength(0);
		expect(emulator.subOrg(BV_IDS.gamma)).toEqual(before);
	});

	test('moving and adding in one item: the plans of the new parent count', async () => {
		const refused = await run(wf('update'), credential(), [{ id: BV_IDS.gamma, parentId: BV_IDS.south, planIds: [BV_PLANS.cxmPlus] }]);
		expect(refused.error?.message).toContain(`"${BV_PLANS.cxmPlus}" is not a plan the organization ${BV_IDS.south} has`);
		expect(writes()).toHaveLength(0);
		// CXM Basic: South Reseller has it, West Reseller (the old parent) does not.
		const moved = await run(wf('update'), credential(), [{ id: BV_IDS.gamma, parentId: BV_IDS.south, planIds: [BV_PLANS.cxmBasic] }]);
		expect(moved.error?.message).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.gamma)).toMatchObject({ parent_id: BV_IDS.south, plan_ids: [BV_PLANS.starter, BV_PLANS.cxmBasic] });
	});

	test('when the parent\'s plans cannot be read, the main organization\'s are checked and a 404 names both causes', async () => {
		emulator.injectFault({ method: 'GET', path: `/bv/org/v1/organizations/${BV_IDS.west}/plans`, status: 403, body: { code: 7, message: 'permission denied', details: [] } });
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.gamma, planIds: [BV_PLANS.enterprise] }]);
		expect(emulator.requests('GET', `/bv/org/v1/organizations/${BV_IDS.org}/plans`)).toHaveLength(1);
		expect(result.error?.message).toBe(`BlendVision One returned 404 (item 0): plan ${BV_PLANS.enterprise} not found`);
		expect(result.error?.description).toContain('a sub-organization can only get plans its parent organization has');
		expect(result.error?.description).toContain('Check the sub-organization ID');
		expect(emulator.subOrg(BV_IDS.gamma).plan_ids).toEqual([BV_PLANS.starter]);
	});

	test('two items for the same sub-organization both land, with one read and one write', async () => {
		const result = await run(wf('update'), credential(), [
			{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] },
			{ id: BV_IDS.gamma, description: 'Gamma' },
			{ id: BV_IDS.acme, description: 'Acme, merged' },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.requests('PATCH', `/bv/org/v1/sub-orgs/${BV_IDS.acme}`)).toHaveLength(1);
		// The read before the write, and the read that confirms it.
		expect(emulator.requests('GET', `/bv/org/v1/sub-orgs/${BV_IDS.acme}`)).toHaveLength(2);
		expect(emulator.subOrg(BV_IDS.acme)).toMatchObject({ description: 'Acme, merged', plan_ids: [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise] });
		const out = jsonOf(result.output(NODE));
		expect(out.map((o) => o.id)).toEqual([BV_IDS.acme, BV_IDS.gamma, BV_IDS.acme]);
		expect(out[0].changes).toEqual([{ field: `plans.${BV_PLANS.enterprise}`, from: null, to: 'Enterprise' }]);
		expect(out[2].changes).toEqual([{ field: 'description', from: 'EU reseller customer', to: 'Acme, merged' }]);
	});
});

describe('BlendVision One: Update contract and fields', () => {
	test('Contract Months sets months and clears days; start date goes out as RFC 3339', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.beta, contractMonths: 24, contractStart: '2026-01-01' }]);
		expect(result.error).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.beta)).toMatchObject({ contract_months: 24, contract_days: 0, contract_valid_start_time: '2026-01-01T00:00:00Z' });
		expect(bodyOf()).toMatchObject({ contract_months: 24, contract_valid_start_time: '2026-01-01T00:00:00Z' });
		expect(bodyOf()).not.toHaveProperty('contract_days');
		expect(emulator.subOrg(BV_IDS.beta).plan_ids).toEqual([BV_PLANS.cxmBasic]);
		const [out] = jsonOf(result.output(NODE));
		expect(out.changes).toEqual([
			{ field: 'contract_valid_start_time', from: '2025-03-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
			{ field: 'contract_months', from: null, to: 24 },
			{ field: 'contract_days', from: 90, to: null },
		]);
		expect(out.contract_valid_end_time).toBe('2028-01-01T00:00:00Z');
	});

	test('Contract Days sets days and clears months (only contract_days is sent)', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, contractDays: 45 }]);
		expect(result.error).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.acme)).toMatchObject({ contract_months: 0, contract_days: 45, contract_valid_start_time: '2025-09-01T00:00:00Z' });
		expect(bodyOf()).toMatchObject({ contract_days: 45 });
		expect(bodyOf()).not.toHaveProperty('contract_months');
	});

	test('Contract Months and Contract Days together are an input error, and nothing is sent', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, contractMonths: 12, contractDays: 30 }]);
		expect(result.error?.message).toBe(
			'Invalid "Contract Months" in item 0: it is set (12) together with "Contract Days" (30); BlendVision One would silently use the months and ignore the days',
		);
		expect(result.error?.description).toContain('Set only one contract length');
		expect(emulator.log).toHaveLength(0);
	});

	test('Contract Start accepts n8n dates and date-times with offsets', async () => {
		const luxon = update({ updateFields: { contractStart: "={{ DateTime.fromISO('2026-03-01T09:30:00', { zone: 'Asia/Taipei' }) }}" } });
		await run(luxon, credential(), [{ id: BV_IDS.acme }]);
		expect(emulator.subOrg(BV_IDS.acme).contract_valid_start_time).toBe('2026-03-01T01:30:00Z');
		await run(wf('update'), credential(), [{ id: BV_IDS.beta, contractStart: '2026-07-01T00:00:00-05:00' }]);
		expect(emulator.subOrg(BV_IDS.beta).contract_valid_start_time).toBe('2026-07-01T05:00:00Z');
	});

	test('Contract Start reads an ISO 8601 basic date as that day (midnight UTC), not as epoch seconds', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, contractStart: '20270615' }]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.acme).contract_valid_start_time).toBe('2027-06-15T00:00:00Z');
		const seconds = await run(wf('update'), credential(), [{ id: BV_IDS.beta, contractStart: 1781481600 }]);
		expect(seconds.error?.message).toMatch(/^Invalid "Contract Start" in item 0: 1781481600 is outside the years 2000 to 2100 as epoch milliseconds/);
		expect(emulator.subOrg(BV_IDS.beta).contract_valid_start_time).toBe('2025-03-01T00:00:00Z');
	});

	test('Clear Next Contract Setting discards the next contract and keeps the current one', async () => {
		const before = emulator.subOrg(BV_IDS.beta);
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.beta, clearNextContract: true }]);
		expect(result.error).toBeUndefined();
		const after = emulator.subOrg(BV_IDS.beta);
		expect(after.next_contract).toBeNull();
		expect(without(after, 'next_contract')).toEqual(without(before, 'next_contract'));
		expect(bodyOf().clear_next_contract_setting).toBe(true);
		const { days: _zero, ...shown } = before.next_contract!; // proto3 JSON leaves the zero value out
		expect(jsonOf(result.output(NODE))[0].changes).toEqual([{ field: 'next_contract', from: shown, to: null }]);
	});

	test('Clear Next Contract Setting with no next contract changes nothing', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, clearNextContract: true }]);
		expect(writes()).toHaveLength(0);
		expect(jsonOf(result.output(NODE))[0].outcome).toBe('unchanged');
	});

	test('description and billing cycle on a reseller: no contract or business fields are sent', async () => {
		const before = emulator.subOrg(BV_IDS.north);
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.north, description: 'Nordics', billingCycle: 10 }]);
		expect(result.error).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.north)).toEqual({ ...before, description: 'Nordics', billing_cycle: 10, updated_at: expect.any(String) });
		expect(bodyOf()).toEqual({
			enterprise_id: BV_IDS.north,
			parent_id: BV_IDS.org,
			description: 'Nordics',
			// A reseller holds the plans it can give its sub-organizations.
			plan_ids: before.plan_ids,
			billing_cycle: 10,
		});
	});

	test('contract and business fields on a non-BUSINESS sub-organization are refused, naming them', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.north, contractMonths: 12, siteLimit: 4, description: 'x' }]);
		expect(result.error?.message).toBe(
			'Change refused for "Contract Months, Business Settings > Site Limit" in item 0: these fields apply to Business sub-organizations only, and "North Reseller" is Reseller (ORGANIZATION_TYPE_RESELLER)',
		);
		expect(result.error?.description).toContain('choose a Business sub-organization');
		expect(writes()).toHaveLength(0);
		expect(emulator.subOrg(BV_IDS.north).description).toBe('North Reseller region');
	});
});

describe('BlendVision One: Update business settings', () => {
	test('a setting changes alone; the other settings are kept', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, siteLimit: 10, singleDeviceLogin: true }]);
		expect(result.error).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.acme).business_setting).toEqual({
			business_plan_type: 'BUSINESS_PLAN_TYPE_BVONE',
			category: 'media',
			tax_id: '12345678',
			enable_create_site: true,
			site_limit: 10,
			enable_custom_domain: false,
			marketplace_url: '',
			marketplace_id: '',
			single_device_login: true,
		});
		expect(bodyOf().business_setting).toEqual({ category: 'media', tax_id: '12345678', enable_create_site: true, site_limit: 10, single_device_login: true });
		expect(jsonOf(result.output(NODE))[0].changes).toEqual([
			{ field: 'business_setting.site_limit', from: 3, to: 10 },
			{ field: 'business_setting.single_device_login', from: false, to: true },
		]);
	});

	test('a boolean can be switched off', async () => {
		await run(wf('update'), credential(), [{ id: BV_IDS.acme, enableCreateSite: false, category: 'sports', taxId: '87654321' }]);
		expect(emulator.subOrg(BV_IDS.acme).business_setting).toMatchObject({ enable_create_site: false, category: 'sports', tax_id: '87654321', site_limit: 3 });
	});

	test('CXM settings on a CXM plan', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.beta, marketplaceUrl: 'https://market.beta.example/store', marketplaceId: 'm-77' }]);
		expect(result.error).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.beta).business_setting).toMatchObject({
			business_plan_type: 'BUSINESS_PLAN_TYPE_CXM',
			marketplace_url: 'https://market.beta.example/store',
			marketplace_id: 'm-77',
			single_device_login: true,
		});
	});

	test('BVOne-only settings on a CXM plan are refused', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.beta, siteLimit: 2 }]);
		expect(result.error?.message).toBe(
			'Change refused for "Business Settings > Site Limit" in item 0: this setting is for BVONE business plans only, and "Beta Shop" is on BUSINESS_PLAN_TYPE_CXM',
		);
		expect(writes()).toHaveLength(0);
	});
});

describe('BlendVision One: Update parent and owner', () => {
	test('moves the sub-organization under a parent without sub-organizations', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: BV_IDS.south }]);
		expect(result.error).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.acme).parent_id).toBe(BV_IDS.south);
		expect(emulator.subOrg(BV_IDS.acme).plan_ids).toEqual([BV_PLANS.starter, BV_PLANS.pro]);
		const [out] = jsonOf(result.output(NODE));
		expect(out).toMatchObject({ parent_id: BV_IDS.south, parent_name: 'South Reseller' });
		expect(out.changes).toEqual([{ field: 'parent_id', from: BV_IDS.north, to: BV_IDS.south }]);
	});

	test('a parent given by ID that has sub-organizations of its own is refused before sending, naming the field', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: BV_IDS.west, description: 'Moved west' }]);
		expect(result.error?.message).toBe(
			`Change refused for "Parent Organization" in item 0: "West Reseller" (${BV_IDS.west}) already has sub-organizations of its own, and BlendVision One does not allow moving a sub-organization under such an organization (ERROR_REASON_HAS_APPENDED_SUB_ORGS)`,
		);
		expect(result.error?.description).toContain('leave "Parent Organization" empty to keep the current parent');
		expect(writes()).toHaveLength(0);
		expect(emulator.subOrg(BV_IDS.acme)).toMatchObject({ parent_id: BV_IDS.north, description: 'EU reseller customer' });
		// The parent was read for its has_sub_orgs.
		expect(emulator.requests('GET', new RegExp(`/sub-orgs/${BV_IDS.west}$`))).toHaveLength(1);
	});

	test.each(['details', 'message'] as const)(
		'a parent that gets sub-organizations between the read and the write: BlendVision One\'s refusal is explained (reason in %s)',
		async (reasonIn) => {
			const reason = 'ERROR_REASON_HAS_APPENDED_SUB_ORGS';
			const message = `cannot append to organization ${BV_IDS.south}: it already has appended sub organizations`;
			const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'org.blendvision.com', metadata: {} }];
			const body = reasonIn === 'details' ? { code: 3, message, details } : { code: 3, message: `${reason}: ${message}`, details: [] };
			emulator.injectFault({ method: 'PATCH', status: 400, body });
			const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: BV_IDS.south }]);
			expect(result.error?.message).toMatch(/^BlendVision One returned 400 \(item 0\): .*already has appended sub organizations$/);
			expect(result.error?.description).toContain('already has sub-organizations of its own');
			expect(result.error?.description).toContain('Choose a parent that has no sub-organizations');
			expect(result.error?.description).toContain(`Reason: ${reason}.`);
			expect(emulator.subOrg(BV_IDS.acme).parent_id).toBe(BV_IDS.north);
		},
	);

	test('the parent cannot be the sub-organization itself or a malformed ID', async () => {
		const self = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: BV_IDS.acme.toUpperCase() }]);
		expect(self.error?.message).toBe('Invalid "Parent Organization" in item 0: it is the sub-organization itself');
		const bad = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: 'North Reseller' }]);
		expect(bad.error?.message).toBe('Invalid "Parent Organization" in item 0: "North Reseller" is not in the expected form');
		expect(emulator.log).toHaveLength(0);
	});

	test('an unknown parent keeps the provider message (404)', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: BV_IDS.missing }]);
		expect(result.error?.message).toBe(`BlendVision One returned 404 (item 0): parent organization ${BV_IDS.missing} not found`);
	});

	test('a new owner is set with the owner switch; nothing else is written', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'ops@acme.example' }]);
		expect(result.error).toBeUndefined();
		expect(patches()).toHaveLength(0);
		expect(switches().map((r) => JSON.parse(r.body))).toEqual([{ new_owner_email: 'ops@acme.example' }]);
		expect(emulator.subOrg(BV_IDS.acme).owner_email).toBe('ops@acme.example');
		const [out] = jsonOf(result.output(NODE));
		expect(out.changes).toEqual([{ field: 'owner_email', from: 'owner@acme.example', to: 'ops@acme.example' }]);
		expect(out.owner_info).toMatchObject({ email: 'ops@acme.example' });
	});

	test('with other changes, the PATCH (which has no owner field) goes first and the switch follows', async () => {
		await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'OPS@acme.example', description: 'New owner' }]);
		expect(emulator.log.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['PATCH', 'POST']);
		expect(bodyOf()).not.toHaveProperty('owner_email');
		expect(emulator.subOrg(BV_IDS.acme)).toMatchObject({ owner_email: 'OPS@acme.example', description: 'New owner' });
	});

	test('the same owner in another case changes nothing', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'Owner@Acme.example' }]);
		expect(writes()).toHaveLength(0);
		expect(jsonOf(result.output(NODE))[0].outcome).toBe('unchanged');
	});

	test('an owner who is not a member: the message says to invite them first', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'stranger@elsewhere.example' }]);
		expect(result.error?.message).toBe('BlendVision One returned 400 (item 0): stranger@elsewhere.example is not a member of the sub organization');
		expect(result.error?.description).toContain('must already be a member');
		expect(result.error?.description).toContain('Reason: ERROR_REASON_USER_NOT_IN_ORG.');
		expect(emulator.subOrg(BV_IDS.acme).owner_email).toBe('owner@acme.example');
	});

	test('ERROR_REASON_EXISTS and ERROR_REASON_CONFLICT get their own advice', async () => {
		emulator.injectFault({
			method: 'POST',
			status: 400,
			body: { code: 6, message: 'already exists', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ERROR_REASON_EXISTS' }] },
		});
		const exists = await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'ops@acme.example' }]);
		expect(exists.error?.message).toBe('BlendVision One returned 400 (item 0): already exists');
		expect(exists.error?.description).toContain('already owns the sub-organization');
		emulator.injectFault({ method: 'PATCH', status: 409, times: 3, body: { code: 10, message: 'ERROR_REASON_CONFLICT: version mismatch', details: [] } });
		const conflict = await run(wf('update'), credential(), [{ id: BV_IDS.acme, description: 'x' }]);
		expect(conflict.error?.message).toBe('BlendVision One returned 409 (item 0): ERROR_REASON_CONFLICT: version mismatch');
		expect(conflict.error?.description).toContain('changed by someone else');
	});

	test('a 409 conflict is answered by reading again and writing again', async () => {
		emulator.injectFault({ method: 'PATCH', status: 409, body: { code: 10, message: 'conflict', details: [{ reason: 'ERROR_REASON_CONFLICT' }] } });
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		expect(result.error).toBeUndefined();
		expect(patches().map((r) => r.status)).toEqual([409, 200]);
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise]);
	});
});

describe('BlendVision One: input errors are caught before anything is sent', () => {
	test.each([
		['Invalid "Sub-Organization" in item 0: "acme" is not in the expected form', { id: 'acme' }],
		['Invalid "Sub-Organization" in item 0: it is empty', { id: '' }],
		['Invalid "Plan Names or IDs" in item 0: "Pro" is not a plan ID (plan IDs are UUIDs)', { id: BV_IDS.acme, planIds: ['Pro'] }],
		['Invalid "Plan Names or IDs" in item 0: "b0000000-0000" is not a plan ID', { id: BV_IDS.acme, planIds: [BV_PLANS.pro, 'b0000000-0000'] }],
		['Invalid "Owner Email" in item 0: "not-an-email" is not in the expected form', { id: BV_IDS.acme, ownerEmail: 'not-an-email' }],
		['Invalid "Owner Email" in item 0', { id: BV_IDS.acme, ownerEmail: 'owner@acme' }],
		['Invalid "Business Settings > Site Limit" in item 0: 51 is above the maximum of 50', { id: BV_IDS.acme, siteLimit: 51 }],
		['Invalid "Business Settings > Site Limit" in item 0: 0 is below the minimum of 1', { id: BV_IDS.acme, siteLimit: 0 }],
		['Invalid "Business Settings > Site Limit" in item 0: 2.5 is not a whole number', { id: BV_IDS.acme, siteLimit: 2.5 }],
		['Invalid "Business Settings > Category" in item 0: it is 41 characters long, more than the 40 allowed', { id: BV_IDS.acme, category: 'c'.repeat(41) }],
		['Invalid "Business Settings > Tax ID" in item 0: it is 9 characters long, more than the 8 allowed', { id: BV_IDS.acme, taxId: '123456789' }],
		['Invalid "Business Settings > Marketplace URL (Deprecated)" in item 0', { id: BV_IDS.beta, marketplaceUrl: 'shop.beta.example' }],
		['more than the 2000 allowed', { id: BV_IDS.beta, marketplaceUrl: `https://x.example/${'a'.repeat(2000)}` }],
		['Invalid "Business Settings > Enable Create Site" in item 0: expected true or false', { id: BV_IDS.acme, enableCreateSite: 'yes' }],
		['Invalid "Contract Months" in item 0: -1 is below the minimum of 1', { id: BV_IDS.acme, contractMonths: -1 }],
		['Invalid "Contract Days" in item 0: expected a number', { id: BV_IDS.acme, contractDays: 'ninety' }],
		['Invalid "Billing Cycle" in item 0: 1.5 is not a whole number', { id: BV_IDS.acme, billingCycle: 1.5 }],
		['Invalid "Contract Start" in item 0: "next monday" is not a date that can be read', { id: BV_IDS.acme, contractStart: 'next monday' }],
		['Invalid "Contract Start" in item 0', { id: BV_IDS.acme, contractStart: '2026-02-30' }],
	])('%s', async (message, item) => {
		const result = await run(wf('update'), credential(), [item]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toBeTruthy();
		expect(emulator.log).toHaveLength(0);
	});

	test('an invalid Plan Change from an expression is refused', async () => {
		const result = await run(update({ planMode: '={{ "merge" }}' }), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.pro] }]);
		expect(result.error?.message).toContain('Invalid "Plan Change" in item 0: "merge" is not one of the allowed values');
		expect(emulator.log).toHaveLength(0);
	});

	test('one bad item stops the run before any request when not continuing on fail', async () => {
		const result = await run(wf('update'), credential(), [
			{ id: BV_IDS.acme, description: 'fine' },
			{ id: BV_IDS.beta, ownerEmail: 'nope' },
		]);
		expect(result.error?.message).toContain('in item 1');
		expect(emulator.log).toHaveLength(0);
	});
});

describe('BlendVision One: continue on fail', () => {
	test('gives one error item per failed input and processes the rest', async () => {
		const result = await run(update({}, { onError: 'continueRegularOutput' }), credential(), [
			{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] },
			{ id: BV_IDS.beta, siteLimit: 99 },
			{ id: BV_IDS.missing, description: 'x' },
			{ id: BV_IDS.north, contractDays: 30 },
			{ id: BV_IDS.gamma, planIds: [BV_PLANS.unknown] },
			{ id: BV_IDS.gamma, description: 'Gamma kept going' },
		]);
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output(NODE));
		expect(out).toHaveLength(6);
		expect(out[0].outcome).toBe('updated');
		expect(out[1].error).toContain('Invalid "Business Settings > Site Limit" in item 1');
		expect(out[2].error).toBe('BlendVision One returned 404 (item 2): sub organization not found');
		expect(out[2].details).toMatchObject({ httpCode: '404', itemIndex: 2 });
		expect(out[3].error).toContain('Change refused for "Contract Days" in item 3');
		expect(out[4].error).toContain('Change refused for "Plan Names or IDs" in item 4');
		expect(out[5]).toMatchObject({ outcome: 'updated', description: 'Gamma kept going' });
		expect(plans(BV_IDS.acme)).toContain(BV_PLANS.enterprise);
		expect(emulator.subOrg(BV_IDS.gamma)).toMatchObject({ description: 'Gamma kept going', plan_ids: [BV_PLANS.starter] });
		expect(emulator.subOrg(BV_IDS.north).contract_days).toBe(0);
		expect(result.output(NODE).map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
	});

	test('routes failed items to the error output with "Continue (using error output)"', async () => {
		const result = await run(update({}, { onError: 'continueErrorOutput' }), credential(), [
			{ id: BV_IDS.acme, description: 'ok' },
			{ id: BV_IDS.missing, description: 'x' },
		]);
		const runData = result.run.data.resultData.runData[NODE][0].data!.main;
		expect(runData[0]).toHaveLength(1);
		expect(runData[1]).toHaveLength(1);
		expect(runData[1]![0].json.error).toContain('404');
	});
});

describe('BlendVision One: Dry Run', () => {
	test('returns the changes and the exact requests, and sends no write', async () => {
		const before = emulator.subOrg(BV_IDS.acme);
		const result = await run(update({ planMode: 'replace', removeUnlisted: true, options: { dryRun: true } }), credential(), [
			{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise], contractDays: 30, ownerEmail: 'ops@acme.example' },
		]);
		expect(result.error).toBeUndefined();
		expect(writes()).toHaveLength(0);
		expect(emulator.subOrg(BV_IDS.acme)).toEqual(before);
		const [out] = jsonOf(result.output(NODE));
		expect(out.outcome).toBe('dryRun');
		expect(out.request).toEqual([
			{
				method: 'PATCH',
				url: `${emulator.baseUrl}/bv/org/v1/sub-orgs/${BV_IDS.acme}`,
				body: {
					enterprise_id: 'acme-eu',
					parent_id: BV_IDS.north,
					description: 'EU reseller customer',
					plan_ids: [BV_PLANS.enterprise],
					billing_cycle: 1,
					contract_valid_start_time: '2025-09-01T00:00:00Z',
					contract_days: 30,
					business_setting: { category: 'media', tax_id: '12345678', enable_create_site: true, site_limit: 3 },
				},
			},
			{ method: 'POST', url: `${emulator.baseUrl}/bv/org/v1/sub-orgs/${BV_IDS.acme}:switch-owner`, body: { new_owner_email: 'ops@acme.example' } },
		]);
		expect(out.changes).toEqual([
			{ field: 'owner_email', from: 'owner@acme.example', to: 'ops@acme.example' },
			{ field: `plans.${BV_PLANS.starter}`, from: 'Starter', to: null },
			{ field: `plans.${BV_PLANS.pro}`, from: 'Pro', to: null },
			{ field: `plans.${BV_PLANS.enterprise}`, from: null, to: 'Enterprise' },
			{ field: 'contract_months', from: 12, to: null },
			{ field: 'contract_days', from: null, to: 30 },
		]);
		expect(out.plans).toEqual([{ id: BV_PLANS.enterprise, name: 'Enterprise', group: 'BV One' }]);
		expectNoSecrets(result, [BV_TOKENS.owner]);
	});
});

describe('BlendVision One: provider errors and retries', () => {
	test('401 for a wrong token keeps the message and says how to fix it', async () => {
		const result = await run(wf('get'), credential('bvt_WRONG_000000000000000000000000'), [{ id: BV_IDS.acme }]);
		expect(result.error?.message).toBe('BlendVision One returned 401 (item 0): unauthenticated: missing or unidentified authorization');
		expect(result.error?.description).toContain('"BlendVision One API" credential');
		expect(result.error?.description).toContain('gRPC code 16 (UNAUTHENTICATED)');
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
	});

	test('401 for an expired token', async () => {
		const result = await run(wf('get'), credential(BV_TOKENS.expired), [{ id: BV_IDS.acme }]);
		expect(result.error?.message).toBe('BlendVision One returned 401 (item 0): unauthenticated: the api token has expired');
		expect(result.error?.description).toContain('expiration date');
	});

	test('403 when the token may read but not change', async () => {
		const result = await run(wf('update'), credential(BV_TOKENS.staff), [{ id: BV_IDS.acme, description: 'x' }]);
		expect(result.error?.message).toBe('BlendVision One returned 403 (item 0): permission denied: your role cannot update sub-organizations');
		expect(result.error?.description).toContain('Owner or Admin role');
		expect(emulator.subOrg(BV_IDS.acme).description).toBe('EU reseller customer');
	});

	test('403 when the credential names an organization the token cannot act for', async () => {
		const result = await run(wf('get'), credential(BV_TOKENS.owner, BV_IDS.otherOrg), [{ id: BV_IDS.acme }]);
		expect(result.error?.message).toBe(`BlendVision One returned 403 (item 0): permission denied: no access to organization ${BV_IDS.otherOrg}`);
		expect(result.error?.description).toContain('"Organization ID"');
	});

	test('404 for a sub-organization that is not under the main organization', async () => {
		const result = await run(wf('get'), credential(), [{ id: BV_IDS.foreign }]);
		expect(result.error?.message).toBe('BlendVision One returned 404 (item 0): sub organization not found');
		expect(result.error?.description).toContain('No sub-organization with this ID exists under the organization of the "BlendVision One API" credential');
		expect(result.error?.description).toContain('choose the sub-organization "From list"');
		// About the sub-organization only: nothing about plans or parents.
		expect(result.error?.description).not.toMatch(/plan|Parent/);
	});

	test('404 for an unknown sub-organization in an update talks about the sub-organization, not plans', async () => {
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.missing, planIds: [BV_PLANS.pro] }]);
		expect(result.error?.message).toBe('BlendVision One returned 404 (item 0): sub organization not found');
		expect(result.error?.description).toMatch(/^No sub-organization with this ID exists under the organization of the "BlendVision One API" credential/);
		expect(result.error?.description).not.toMatch(/plan/);
		expect(writes()).toHaveLength(0);
	});

	test('500 keeps the provider message once the retries run out', async () => {
		emulator.injectFault({ method: 'GET', status: 500, times: 10, body: { code: 13, message: 'internal error', details: [] } });
		const result = await run(withNode(wf('get'), NODE, { options: { maxRetries: 1 } }), credential(), [{ id: BV_IDS.acme }]);
		expect(result.error?.message).toBe('BlendVision One returned 500 (item 0): internal error');
		expect(result.error?.description).toContain('contact BlendVision One support');
		expect(emulator.requests('GET')).toHaveLength(2);
	});

	test('a 400 with field violations keeps the details', async () => {
		emulator.injectFault({
			method: 'PATCH',
			status: 400,
			body: {
				code: 3,
				message: 'invalid argument',
				details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'billing_cycle', description: 'must be 1 to 28' }] }],
			},
		});
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, billingCycle: 31 }]);
		expect(result.error?.message).toBe('BlendVision One returned 400 (item 0): invalid argument');
		expect(result.error?.description).toContain('Details: billing_cycle: must be 1 to 28; gRPC code 3 (INVALID_ARGUMENT)');
	});

	test('429 on the PATCH is retried after Retry-After, then succeeds', async () => {
		emulator.injectFault({ method: 'PATCH', status: 429, headers: { 'Retry-After': '1' }, body: { code: 8, message: 'too many requests', details: [] } });
		const started = Date.now();
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(patches().map((r) => r.status)).toEqual([429, 200]);
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise]);
	});

	test('503 on a read and a dropped PATCH connection are retried (the PATCH carries full values)', async () => {
		emulator.injectFault({ method: 'GET', status: 503, body: 'Service Unavailable' });
		emulator.injectFault({ method: 'PATCH', dropConnection: true, applyFirst: true });
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		expect(result.error).toBeUndefined();
		expect(patches()).toHaveLength(2);
		expect(plans(BV_IDS.acme)).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise]);
	});

	test('a dropped owner switch is checked by reading again, not sent twice', async () => {
		emulator.injectFault({ method: 'POST', dropConnection: true, applyFirst: true });
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'ops@acme.example' }]);
		expect(result.error).toBeUndefined();
		expect(switches()).toHaveLength(1);
		expect(emulator.subOrg(BV_IDS.acme).owner_email).toBe('ops@acme.example');
		expect(jsonOf(result.output(NODE))[0].outcome).toBe('updated');
	});
});

describe('BlendVision One: secrets', () => {
	test('the API token appears in no output, error or log, whatever happens', async () => {
		const token = BV_TOKENS.owner;
		const ok = await run(wf('update'), credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		expectNoSecrets(ok, [token]);
		emulator.injectFault({ status: 500, times: 20, body: { code: 13, message: `echo authorization: Bearer ${token} for ${token}`, details: [] } });
		const failed = await run(withNode(wf('get'), NODE, { options: { maxRetries: 0 } }), credential(), [{ id: BV_IDS.acme }]);
		expect(failed.error?.message).toBe('BlendVision One returned 500 (item 0): echo authorization: Bearer [redacted] for [redacted]');
		expect(failed.logs.join('\n')).toContain('BlendVision One returned 500');
		expectNoSecrets(failed, [token]);
		const badToken = 'bvt_SECRET_BAD_TOKEN_1234567890abcdef';
		const bad = await run(wf('get'), credential(badToken), [{ id: BV_IDS.acme }]);
		expect(bad.error).toBeDefined();
		expectNoSecrets(bad, [badToken]);
		const cont = await run(update({}, { onError: 'continueRegularOutput' }), credential(badToken), [{ id: BV_IDS.acme, description: 'x' }]);
		expectNoSecrets(cont, [badToken]);
	});
});

describe('BlendVision One: pickers and credential test', () => {
	test('"From list" searches sub-organizations by name and pages with items_per_page set', async () => {
		const [cred] = credential();
		const first = await listSearch('blendVisionOne', 'searchSubOrganizations', cred);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'North Reseller (Reseller)', value: BV_IDS.north });
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('blendVisionOne', 'searchSubOrganizations', cred, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(36);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await listSearch('blendVisionOne', 'searchSubOrganizations', cred, 'acme');
		expect(filtered.results).toEqual([{ name: 'Acme EU (Business)', value: BV_IDS.acme }]);
		expect(emulator.requests('GET', '/bv/org/v1/sub-orgs').map((r) => r.query)).toEqual([
			{ current_page: '1', items_per_page: '100' },
			{ current_page: '2', items_per_page: '100' },
			{ current_page: '1', items_per_page: '100', name: 'acme' },
		]);
	});

	test('"From list" for the parent lists the organizations a sub-organization can move under', async () => {
		const [cred] = credential();
		const all = await listSearch('blendVisionOne', 'searchParentOrganizations', cred);
		// North and West Reseller already have sub-organizations: BlendVision One refuses moves under them.
		expect(all.results.map((r) => r.name)).toEqual(['Stream Distribution (General distributor)', 'South Reseller (Reseller)']);
		const south = await listSearch('blendVisionOne', 'searchParentOrganizations', cred, 'south');
		expect(south.results).toEqual([{ name: 'South Reseller (Reseller)', value: BV_IDS.south }]);
	});

	test('the parent list leaves out an organization once it has a sub-organization', async () => {
		const [cred] = credential();
		const moved = await run(wf('update'), credential(), [{ id: BV_IDS.gamma, parentId: BV_IDS.south }]);
		expect(moved.error?.message).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.gamma).parent_id).toBe(BV_IDS.south);
		const all = await listSearch('blendVisionOne', 'searchParentOrganizations', cred);
		expect(all.results.map((r) => r.name)).toEqual(['Stream Distribution (General distributor)', 'West Reseller (Reseller)']);
		const refused = await run(wf('update'), credential(), [{ id: BV_IDS.acme, parentId: BV_IDS.south }]);
		expect(refused.error?.message).toContain('already has sub-organizations of its own');
		expect(patches()).toHaveLength(1);
	});

	test('the plan picker lists the assignable leaf plans with their group', async () => {
		const [cred] = credential();
		const options = await loadOptions('blendVisionOne', 'getPlans', cred);
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Bearer Bundle / Basic Monthly', BV_PLANS.basicMonthly],
			['BV One / Enterprise', BV_PLANS.enterprise],
			['BV One / Pro', BV_PLANS.pro],
			['BV One / Starter', BV_PLANS.starter],
			['CXM / CXM Basic', BV_PLANS.cxmBasic],
			['CXM / CXM Plus', BV_PLANS.cxmPlus],
		]);
		expect(emulator.requests('GET', `/bv/org/v1/organizations/${BV_IDS.org}/plans`)).toHaveLength(1);
	});

	test('the credential test reads the current organization and fails on a wrong token', async () => {
		const [cred] = credential();
		expect(await testCredential('blendVisionOne', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential('blendVisionOne', { ...cred, data: { ...cred.data, apiToken: 'bvt_wrong_token_123456' } });
		expect(bad.status).toBe('Error');
		const calls = emulator.requests('GET', '/bv/org/v1/organizations');
		expect(calls.map((r) => r.status)).toEqual([200, 401]);
		expect(calls[0].headers['x-bv-org-id']).toBe(BV_IDS.org);
		expect(calls[0].headers.authorization).toBe(`Bearer ${BV_TOKENS.owner}`);
	});

	test('the credential test URL falls back to the documented host when the base URL is empty', async () => {
		const { registry } = await import('../support/harness/registry');
		const { Workflow } = await import('n8n-workflow');
		const type = registry().credentialTypes.get('blendVisionOneApi')!;
		expect(type.test?.request.url).toBe('/bv/org/v1/organizations');
		const node = { id: 'n', name: 'n', type: 'mock', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const nodeTypes = { getByName: () => ({ description: { properties: [] } }), getByNameAndVersion: () => ({ description: { properties: [] } }), getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as never });
		const baseUrl = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(node, String(type.test?.request.baseURL), 'internal', { $credentials: { baseUrl: value } }, undefined, '');
		expect(baseUrl('')).toBe('https://api.one.blendvision.com');
		expect(baseUrl(undefined)).toBe('https://api.one.blendvision.com');
		expect(baseUrl(' http://127.0.0.1:4101/ ')).toBe('http://127.0.0.1:4101');
	});
});

describe('BlendVision One: enterprise_id, the one required property of the update (UpdateSubOrgBody)', () => {
	test('every PATCH carries the enterprise ID the record has', async () => {
		const result = await run(wf('update'), credential(), [
			{ id: BV_IDS.beta, description: 'Beta, renewed' },
			{ id: BV_IDS.gamma, planIds: [BV_PLANS.pro] },
		]);
		expect(result.error).toBeUndefined();
		expect(patches().map((r) => (JSON.parse(r.body) as { enterprise_id?: string }).enterprise_id)).toEqual([BV_IDS.beta, BV_IDS.gamma]);
		expect(emulator.subOrg(BV_IDS.gamma)).toMatchObject({ enterprise_id: BV_IDS.gamma, plan_ids: [BV_PLANS.starter, BV_PLANS.pro] });
	});

	test('the emulator refuses a PATCH without it, as BlendVision One documents (google.rpc.Status, code 3)', async () => {
		const response = await fetch(`${emulator.baseUrl}/bv/org/v1/sub-orgs/${BV_IDS.gamma}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${BV_TOKENS.owner}`, 'x-bv-org-id': BV_IDS.org, 'Content-Type': 'application/json' },
			body: JSON.stringify({ parent_id: BV_IDS.west, description: 'no enterprise id', plan_ids: [BV_PLANS.starter] }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ code: 3, message: 'invalid argument: enterprise_id: value is required', details: [] });
		expect(emulator.subOrg(BV_IDS.gamma).description).toBe('');
	});

	test('a sub-organization read without one is refused before sending, naming the field and the item', async () => {
		emulator.subOrgs.get(BV_IDS.gamma)!.enterprise_id = '';
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.gamma, planIds: [BV_PLANS.pro], description: 'Gamma grows' }]);
		expect(result.error?.message).toBe(
			'Change refused for "enterprise_id" in item 0: "Gamma Media" has no enterprise ID in what BlendVision One returned, and BlendVision One requires enterprise_id in every update of a sub-organization (UpdateSubOrgBody); the node does not make one up',
		);
		expect(result.error?.description).toContain('give it an enterprise ID');
		expect(patches()).toHaveLength(0);
		expect(emulator.subOrg(BV_IDS.gamma)).toMatchObject({ plan_ids: [BV_PLANS.starter], description: '' });
	});

	test('without one, a new owner alone is still set (the owner switch needs no enterprise ID)', async () => {
		emulator.subOrgs.get(BV_IDS.acme)!.enterprise_id = '';
		const result = await run(wf('update'), credential(), [{ id: BV_IDS.acme, ownerEmail: 'ops@acme.example' }]);
		expect(result.error).toBeUndefined();
		expect(patches()).toHaveLength(0);
		expect(emulator.subOrg(BV_IDS.acme).owner_email).toBe('ops@acme.example');
	});
});
