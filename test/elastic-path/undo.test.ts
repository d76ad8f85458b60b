import { EP_IDS, ElasticPathEmulator } from './emulator';
import { describeUndo } from '../drivers/undo';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new ElasticPathEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const NODE = 'Elastic Path Subscriptions';
const credentials = () => [{ id: 'elastic-path', name: 'Elastic Path account', type: emulator.credential().type, data: emulator.credential().data as never }];
const SEATS = Array.from({ length: 50 }, (_, i) => EP_IDS.seat(i + 1));

/**
 * The stored plan without the timestamps Elastic Path sets on every write. An attribute the plan did not have
 * is cleared with null (the only way the partial update clears one), so an absent and a null attribute are
 * the same plan here.
 */
function stored(offeringId: string, planId: string): unknown {
	const plan = structuredClone(emulator.plan(offeringId, planId)) as unknown as { attributes: Record<string, unknown>; meta?: { timestamps?: Record<string, unknown> } };
	delete plan.attributes.updated_at;
	for (const [key, value] of Object.entries(plan.attributes)) if (value === null) delete plan.attributes[key];
	delete plan.meta?.timestamps?.updated_at;
	return plan;
}

describeUndo({
	node: NODE,
	emulator,
	credentials,
	update: wf('update'),
	undo: wf('undo'),
	items: [
		{ offeringId: EP_IDS.streaming, planId: EP_IDS.monthly, name: 'Monthly (2026)', prices: [{ currency: 'EUR', amount: 2700, includesTax: true }] },
		{ offeringId: EP_IDS.streaming, planId: EP_IDS.monthly, trialPeriod: 14, description: 'A monthly subscription, billed in advance.', prices: [{ currency: 'USD', amount: 120 }] },
	],
	state: () => stored(EP_IDS.streaming, EP_IDS.monthly),
	laterChange: () => {
		const plan = (emulator as unknown as { offerings: Map<string, { plans: Array<{ id: string; attributes: Record<string, unknown> }> }> }).offerings
			.get(EP_IDS.streaming)!
			.plans.find((p) => p.id === EP_IDS.monthly)!;
		plan.attributes.trial_period = 30;
		return 'trial_period';
	},
	// Writes that landed (the emulator answers 429 past 100 requests a second, and the node sends those again).
	writes: () => emulator.requests('PUT').filter((r) => r.status < 300).length,
	many: {
		items: SEATS.flatMap((planId, n) => [
			{ offeringId: EP_IDS.seats, planId, name: `Seat tier ${n} (2026)` },
			{ offeringId: EP_IDS.seats, planId, trialPeriod: 14 },
			{ offeringId: EP_IDS.seats, planId, prices: [{ currency: 'EUR', amount: 900 + n }] },
			{ offeringId: EP_IDS.seats, planId, description: 'Per seat, billed monthly.' },
		]),
		state: () => SEATS.map((planId) => stored(EP_IDS.seats, planId)),
	},
	foreign: { orgId: 42, plans: [{ name: 'posts', expiration_date: null }], changes: [{ field: 'plans.posts', from: null, to: { expiration_date: null } }], outcome: 'updated' },
});

describe('Elastic Path: Undo Changes of another plan model', () => {
	test('an attribute of the other plan model is named before anything is sent', async () => {
		const changed = jsonOf((await run(wf('update'), credentials(), [{ offeringId: EP_IDS.streaming, planId: EP_IDS.annual, trialPeriod: 3 }])).output(NODE));
		expect(changed[0].planModel).toBe('billing');
		const asProduct = { ...changed[0], planModel: 'product' };
		const sent = emulator.log.length;
		const refused = await run(wf('undo'), credentials(), [asProduct]);
		expect(refused.error?.message).toMatch(/^Invalid "Output to Undo" in item 0: an undo cannot take back these changes exactly: trial_period \("trial_period" is an attribute of the other plan model/);
		expect(emulator.log.length).toBe(sent);
		const partial = jsonOf((await run(withNode(wf('undo'), NODE, { partial: true }), credentials(), [asProduct])).output(NODE));
		expect(partial[0]).toMatchObject({ outcome: 'unchanged', cannotUndo: [{ field: 'trial_period' }] });
	});
});
