// What each example workflow in examples/ must do to the emulators: shared by test/examples.test.ts
// (harness) and the end-to-end suite (real n8n).
import type { BlendVisionOneEmulator } from './blendvision-one/emulator';
import { BV_PLANS } from './blendvision-one/emulator';
import type { CommvaultEmulator } from './commvault/emulator';
import { EP_IDS, type ElasticPathEmulator } from './elastic-path/emulator';
import type { InstellixEmulator } from './instellix/emulator';
import { crmApplied } from './support/customers';
import type { PartooEmulator } from './partoo/emulator';

export interface ExampleEmulators {
	partoo: PartooEmulator;
	blendVisionOne: BlendVisionOneEmulator;
	elasticPath: ElasticPathEmulator;
	commvault: CommvaultEmulator;
	instellix: InstellixEmulator;
}

export interface ExampleCase {
	file: string;
	workflowId: string;
	/** The node whose output is checked, and its type (without the package prefix). */
	node: string;
	nodeType: string;
	check: (emulators: ExampleEmulators, output: Array<Record<string, unknown>>) => void;
}

export const EXAMPLE_CASES: ExampleCase[] = [
	{
		file: 'partoo-add-plans.json',
		workflowId: 'exPartooPlans001',
		node: 'Add Plans',
		nodeType: 'partoo',
		check: (e, output) => {
			expect(e.partoo.plans(42).map((p) => p.name)).toEqual(['presence_management', 'review_management', 'webhooks', 'booking_links']);
			expect(output[0]).toMatchObject({ orgId: 42, outcome: 'updated' });
		},
	},
	{
		file: 'blendvision-one-upgrade.json',
		workflowId: 'exBvOneUpgrade01',
		node: 'Upgrade Sub-Organization',
		nodeType: 'blendVisionOne',
		check: (e, output) => {
			const org = e.blendVisionOne.subOrg('9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47');
			expect(org.plan_ids).toEqual([BV_PLANS.starter, BV_PLANS.pro, BV_PLANS.enterprise]);
			expect(org.contract_months).toBe(24);
			expect(org.business_setting).toMatchObject({ category: 'media', tax_id: '12345678', site_limit: 3 });
			expect(output[0].outcome).toBe('updated');
		},
	},
	{
		file: 'elastic-path-update-plan.json',
		workflowId: 'exElasticPath001',
		node: 'Update Offering Plan',
		nodeType: 'elasticPath',
		check: (e, output) => {
			const plan = e.elasticPath.plan(EP_IDS.streaming, EP_IDS.monthly)!;
			expect(plan.attributes).toMatchObject({
				name: 'Monthly Plus',
				can_cancel: true,
				billing_interval_type: 'month',
				fixed_price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true } },
			});
			expect(output[0].outcome).toBe('updated');
		},
	},
	{
		file: 'commvault-associate-plan.json',
		workflowId: 'exCommvaultPlan1',
		node: 'Associate Plan',
		nodeType: 'commvault',
		check: (e, output) => {
			expect(e.commvault.org(12)).toEqual({ plans: ['Server Gold', 'Laptop Standard', 'Cloud Archive'], defaultPlans: ['Server Gold'] });
			expect(output[0].outcome).toBe('updated');
		},
	},
	{
		file: 'instellix-update-plan.json',
		workflowId: 'exInstellixPlan1',
		node: 'Update Plan',
		nodeType: 'instellix',
		check: (e, output) => {
			const plan = e.instellix.plan(4711) as { name: string; properties: Array<{ ident: string; value: string }>; phases: unknown[] };
			expect(plan.name).toBe('Pro Monthly (2026)');
			expect(plan.properties).toEqual([
				{ ident: 'data_volume', value: '50 GB' },
				{ ident: 'support', value: 'email', printOnInvoice: true },
			]);
			expect(plan.phases).toHaveLength(2);
			expect(output[0].outcome).toBe('updated');
		},
	},
];

export { crmPayload } from './support/customers';

/** Every provider emulator shows customer `n`'s deal applied, and nothing the deal did not name was removed. */
export function expectCrmApplied(e: ExampleEmulators, n: number): void {
	expect(crmApplied(e, n)).toEqual([]);
}
