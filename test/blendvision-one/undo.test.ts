import { BV_IDS, BV_PLANS, BV_TOKENS, BlendVisionOneEmulator } from './emulator';
import { describeUndo } from '../drivers/undo';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new BlendVisionOneEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const credentials = () => [{ id: 'blendvision', name: 'BlendVision One account', type: emulator.credential().type, data: { ...emulator.credential().data, apiToken: BV_TOKENS.owner, orgId: BV_IDS.org } }];
/** The stored sub-organization without `updated_at`, which BlendVision One sets on every write. */
const stored = (id: string) => {
	const { updated_at: _written, ...rest } = emulator.subOrg(id) as unknown as Record<string, unknown>;
	return rest;
};
// Fifty active customers (every tenth is deactivated).
const CUSTOMERS = Array.from({ length: 56 }, (_, i) => i)
	.filter((i) => i % 10 !== 9)
	.slice(0, 50)
	.map((i) => `c0000000-0000-4000-8000-000000000${String(i).padStart(3, '0')}`);

describeUndo({
	node: 'BlendVision One',
	emulator,
	credentials,
	update: wf('update'),
	undo: wf('undo'),
	items: [
		{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise], description: 'EU reseller customer (2026 renewal)' },
		{ id: BV_IDS.acme, billingCycle: 3, contractMonths: 24, category: 'sports' },
	],
	state: () => stored(BV_IDS.acme),
	laterChange: () => {
		emulator.subOrgs.get(BV_IDS.acme)!.description = 'Changed by hand in the console';
		return 'description';
	},
	writes: () => emulator.requests('PATCH').length + emulator.requests('POST', /:switch-owner$/).length,
	many: {
		items: CUSTOMERS.flatMap((id, n) => [
			{ id, planIds: [BV_PLANS.pro] },
			{ id, description: `Customer ${n} (EU)` },
			{ id, billingCycle: 3 },
			{ id, planIds: [BV_PLANS.enterprise] },
		]),
		state: () => CUSTOMERS.map(stored),
	},
	foreign: { orgId: 42, plans: [{ name: 'posts', expiration_date: null }], changes: [{ field: 'plans.posts', from: null, to: { expiration_date: null } }], outcome: 'updated' },
});

describe('BlendVision One: Undo Changes of a cleared next contract', () => {
	test('is named before anything is sent: the update cannot set a next contract', async () => {
		const cleared = await run(wf('update'), credentials(), [{ id: BV_IDS.beta, clearNextContract: true }]);
		expect(cleared.error?.message).toBeUndefined();
		const out = jsonOf(cleared.output('BlendVision One'));
		expect((out[0].changes as Array<{ field: string }>).map((c) => c.field)).toEqual(['next_contract']);
		const sent = emulator.log.length;
		const refused = await run(wf('undo'), credentials(), out);
		expect(refused.error?.message).toMatch(/^Invalid "Output to Undo" in item 0: an undo cannot take back these changes exactly: next_contract \(BlendVision One's update can clear a next contract but not set one/);
		expect(emulator.log.length).toBe(sent);
		// With "Undo What Can Be Undone" on, it is listed and nothing else is there to put back.
		const partial = jsonOf((await run(withNode(wf('undo'), 'BlendVision One', { partial: true }), credentials(), out)).output('BlendVision One'));
		expect(partial[0]).toMatchObject({ outcome: 'unchanged', cannotUndo: [{ field: 'next_contract', reason: expect.any(String) }] });
		expect(emulator.subOrg(BV_IDS.beta).next_contract).toBeFalsy();
	});
});
