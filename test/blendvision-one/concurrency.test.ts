// BlendVision One: many executions at once on one sub-organization (the PATCH carries the whole record).
import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BV_TOKENS, BlendVisionOneEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { run, useEmulator, workflowFrom } from '../support/helpers';
import { atOnce, falseUpdates, outputsOf, serialHistory } from '../drivers/history';

const emulator = useEmulator(new BlendVisionOneEmulator());
const update = workflowFrom(__dirname, 'update');
const NODE = 'BlendVision One';
const credential = (): StoredCredential[] => {
	const { type, data } = emulator.credential();
	return [{ id: 'blendvision', name: 'BlendVision One account', type, data: { ...data, apiToken: BV_TOKENS.owner, orgId: BV_IDS.org } }];
};

/** Twelve more plans the main organization can assign (add-ons, as resellers sell them). */
const ADD_ONS = Array.from({ length: 12 }, (_, i) => `b0000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`);
function addAddOns(): void {
	emulator.addAssignablePlans(ADD_ONS.map((id, i) => ({ id, name: `Add-on ${i + 1}` })));
}

/** Eight field changes on Acme EU, each different from its current value, and twelve plan additions. */
const CHANGES: IDataObject[] = [
	{ description: 'EU reseller customer, premium support' },
	{ billingCycle: 2 },
	{ contractMonths: 24 },
	{ category: 'broadcast' },
	{ taxId: '87654321' },
	{ siteLimit: 5 },
	{ singleDeviceLogin: true },
	{ enableCustomDomain: true },
	...ADD_ONS.map((id) => ({ planIds: [id] })),
];

/** The sub-organization as the node's `changes` name its fields. */
function held(field: string): unknown {
	const org = emulator.subOrg(BV_IDS.acme);
	const view: IDataObject = {
		description: org.description,
		billing_cycle: org.billing_cycle,
		contract_months: org.contract_months,
	};
	// Plans as `changes` name them: "plans.<id>", the plan's name while the sub-organization has it.
	for (const [i, id] of ADD_ONS.entries()) view[`plans.${id}`] = org.plan_ids.includes(id) ? `Add-on ${i + 1}` : null;
	for (const [key, value] of Object.entries(org.business_setting ?? {})) view[`business_setting.${key}`] = value;
	return view[field];
}

describe('BlendVision One: executions at once on one sub-organization', () => {
	test('20 executions, each a different change: every change is there, and every report is true', async () => {
		addAddOns();
		emulator.latencyMs = 20;
		const results = await atOnce(20, (i) => run(update, credential(), [{ id: BV_IDS.acme, ...CHANGES[i] }]));
		const outputs = outputsOf(results, NODE);
		const org = emulator.subOrg(BV_IDS.acme);

		expect(org.plan_ids.sort()).toEqual([BV_PLANS.starter, BV_PLANS.pro, ...ADD_ONS].sort());
		expect(org).toMatchObject({ description: 'EU reseller customer, premium support', billing_cycle: 2, contract_months: 24 });
		expect(org.business_setting).toMatchObject({ category: 'broadcast', tax_id: '87654321', site_limit: 5, single_device_login: true, enable_custom_domain: true });
		const fields = [
			'description',
			'billing_cycle',
			'contract_months',
			...['category', 'tax_id', 'site_limit', 'single_device_login', 'enable_custom_domain'].map((k) => `business_setting.${k}`),
			...ADD_ONS.map((id) => `plans.${id}`),
		];
		expect(falseUpdates(outputs, held, fields)).toEqual([]);
		for (const id of ADD_ONS) expect(serialHistory(`plans.${id}`, null, held(`plans.${id}`), outputs)).toEqual([]);
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
	});
});

describe('BlendVision One: another process writes an older copy of the record between our write and our confirming read', () => {
	test('our plan is written again and the other writer\'s description is kept', async () => {
		const org = () => emulator.subOrgs.get(BV_IDS.acme)!;
		// The other process read Acme before our write and changed only its description.
		emulator.injectFault({
			method: 'PATCH',
			path: `/bv/org/v1/sub-orgs/${BV_IDS.acme}`,
			applyFirst: true,
			afterApply: () => Object.assign(org(), { plan_ids: [BV_PLANS.starter, BV_PLANS.pro], description: 'Changed by the other process' }),
		});
		const result = await run(update, credential(), [{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise] }]);
		const [out] = outputsOf([result], NODE);
		expect(emulator.subOrg(BV_IDS.acme)).toMatchObject({
			plan_ids: [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise],
			description: 'Changed by the other process',
		});
		expect(out).toMatchObject({ outcome: 'updated', reapplied: 1, plan_ids: [BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise] });
		expect(emulator.requests('PATCH')).toHaveLength(2);
	});
});

// The watch (nodes/core/watch.ts) puts back a confirmed change that a later read finds undone; when the
// provider refuses the value put back (the plan was deleted since), the later execution's own change must
// not fail for it.
describe('BlendVision One: a plan this process added is removed elsewhere and deleted from the catalog', () => {
	test('the next execution\'s change is made without putting it back, and says nothing of a repair', async () => {
		addAddOns();
		const first = await run(update, credential(), [{ id: BV_IDS.acme, planIds: [ADD_ONS[0]] }]);
		expect(outputsOf([first], NODE)[0]).toMatchObject({ outcome: 'updated' });
		// Elsewhere: the plan is taken off Acme and deleted (the seed again, with every add-on but that one).
		emulator.resetAll();
		emulator.addAssignablePlans(ADD_ONS.slice(1).map((id, i) => ({ id, name: `Add-on ${i + 2}` })));
		const seed = [...emulator.subOrg(BV_IDS.acme).plan_ids];
		const second = await run(update, credential(), [{ id: BV_IDS.acme, planIds: [ADD_ONS[1]] }]);
		expect(second.error).toBeUndefined();
		const [out] = outputsOf([second], NODE);
		expect(out).toMatchObject({ outcome: 'updated', changes: [{ field: `plans.${ADD_ONS[1]}` }] });
		expect(out.repaired).toBeUndefined();
		expect(emulator.subOrg(BV_IDS.acme).plan_ids).toEqual([...seed, ADD_ONS[1]]);
		// The refused value is no longer watched: a third execution sends no attempt with it.
		emulator.log.length = 0;
		await run(update, credential(), [{ id: BV_IDS.acme, description: 'Renewed for 2027' }]);
		expect(emulator.requests('PATCH')).toHaveLength(1);
	});
});
