// Elastic Path: many executions at once on one offering plan (the price map is written whole).
import type { IDataObject } from 'n8n-workflow';

import { EP_IDS, ElasticPathEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { run, useEmulator, workflowFrom } from '../support/helpers';
import { atOnce, falseUpdates, outputsOf } from '../drivers/history';

const emulator = useEmulator(new ElasticPathEmulator());
const update = workflowFrom(__dirname, 'update');
const NODE = 'Elastic Path Subscriptions';
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'elastic-path', name: 'Elastic Path account' }];
const attributes = () => emulator.plan(EP_IDS.streaming, EP_IDS.monthly)!.attributes as IDataObject;

/** A store with ten currencies (Elastic Path's most), so ten executions can each price the plan in one. */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN'];
const price = (i: number) => ({ amount: 1000 + i, includes_tax: i % 2 === 0 });

/** Ten attribute changes to the "Monthly" plan, each different from its current value, and ten prices. */
const CHANGES: IDataObject[] = [
	{ name: 'Monthly Plus' },
	{ description: 'A monthly subscription with support.' },
	{ externalRef: 'crm-deal-4711' },
	{ billingFrequency: 2 },
	{ trialPeriod: 14 },
	{ planLength: 24 },
	{ endBehavior: 'roll' },
	{ canPause: true },
	{ canResume: true },
	{ basePricePercentage: 80 },
	...CURRENCIES.map((currency, i) => ({ prices: [{ currency, amount: price(i).amount, includesTax: price(i).includes_tax }] })),
];
const EXPECTED_ATTRIBUTES = {
	name: 'Monthly Plus',
	description: 'A monthly subscription with support.',
	external_ref: 'crm-deal-4711',
	billing_frequency: 2,
	trial_period: 14,
	plan_length: 24,
	end_behavior: 'roll',
	can_pause: true,
	can_resume: true,
	base_price_percentage: 80,
};

describe('Elastic Path: executions at once on one offering plan', () => {
	test('20 executions, each a different change: every change is there, and every report is true', async () => {
		emulator.currencies = CURRENCIES.map((code) => ({ code, enabled: true, default: code === 'USD' }));
		emulator.settings.rateLimit = { limit: 10_000, windowMs: 1000 };
		emulator.latencyMs = 20;
		const results = await atOnce(20, (i) => run(update, credential(), [{ offeringId: EP_IDS.streaming, planId: EP_IDS.monthly, ...CHANGES[i] }]));
		const outputs = outputsOf(results, NODE);

		expect(attributes()).toMatchObject(EXPECTED_ATTRIBUTES);
		expect(attributes().fixed_price).toEqual(Object.fromEntries(CURRENCIES.map((code, i) => [code, price(i)])));
		const held = (field: string) => field.split('.').reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], attributes());
		const fields = [...Object.keys(EXPECTED_ATTRIBUTES), ...CURRENCIES.map((code) => `fixed_price.${code}`)];
		expect(falseUpdates(outputs, held, fields)).toEqual([]);
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
	});
});

describe('Elastic Path: another process writes an older price map between our write and our confirming read', () => {
	test('our price is written again and the other writer\'s price is kept', async () => {
		const plan = () => emulator.plan(EP_IDS.streaming, EP_IDS.monthly)!;
		// The other process read the plan before our write and added a EUR price to the map it read.
		emulator.injectFault({
			method: 'PUT',
			applyFirst: true,
			afterApply: () => {
				const stored = emulator.offerings.get(EP_IDS.streaming)!.plans.find((p) => p.id === EP_IDS.monthly)!;
				stored.attributes.fixed_price = { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true }, EUR: { amount: 95, includes_tax: true } };
			},
		});
		const result = await run(update, credential(), [{ offeringId: EP_IDS.streaming, planId: EP_IDS.monthly, prices: [{ currency: 'USD', amount: 120, includesTax: false }] }]);
		const [out] = outputsOf([result], NODE);
		expect(plan().attributes.fixed_price).toEqual({ USD: { amount: 120, includes_tax: false }, GBP: { amount: 90, includes_tax: true }, EUR: { amount: 95, includes_tax: true } });
		expect(out).toMatchObject({ outcome: 'updated', reapplied: 1 });
		expect(emulator.requests('PUT')).toHaveLength(2);
	});

	test('a change of single attributes is not read back: no older copy carries them', async () => {
		await run(update, credential(), [{ offeringId: EP_IDS.streaming, planId: EP_IDS.monthly, name: 'Monthly Plus' }]);
		expect(emulator.log.filter((r) => r.path.startsWith('/v2/')).map((r) => r.method)).toEqual(['GET', 'GET', 'PUT']);
	});
});
