import { PARTOO_KEYS, PartooEmulator } from './emulator';
import { describeUndo } from '../drivers/undo';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new PartooEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const credentials = () => [{ id: 'partoo', name: 'Partoo account', type: emulator.credential().type, data: { ...emulator.credential().data, apiKey: PARTOO_KEYS.provider } }];
const ORGS = Array.from({ length: 50 }, (_, i) => 1000 + i);

describeUndo({
	node: 'Partoo',
	emulator,
	credentials,
	update: wf('addOrUpdate'),
	undo: wf('undo'),
	items: [
		{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' },
		{ orgId: 42, plans: ['presence_management', 'webhooks'], contractEnd: '2028-01-31' },
	],
	state: () => emulator.plans(42),
	laterChange: () => {
		emulator.orgs.get(42)!.plans.find((p) => p.name === 'presence_management')!.expiration_date = '2029-12-31';
		return 'plans.presence_management.expiration_date';
	},
	writes: () => emulator.requests('POST').length,
	many: {
		items: ORGS.flatMap((orgId) => [
			{ orgId, plans: ['posts'], contractEnd: '2027-01-31' },
			{ orgId, plans: ['messages'], contractEnd: '' },
			{ orgId, plans: ['posts', 'presence_management'], contractEnd: '2027-06-30' },
			{ orgId, plans: ['review_booster'], neverExpires: true },
		]),
		state: () => ORGS.map((id) => emulator.plans(id)),
	},
	foreign: { id: 'a1b2c3', name: 'Acme Media', plan_ids: ['plan-basic'], changes: [{ field: 'plan_ids', from: ['plan-basic'], to: ['plan-basic', 'plan-pro'] }], outcome: 'updated' },
});

describe('Partoo: Undo Changes of a removal', () => {
	test('a removed plan is named before anything is sent; with "Undo What Can Be Undone" it comes back with its expiry', async () => {
		const removed = await run(wf('remove'), credentials(), [{ orgId: 43, plans: ['messages'] }]);
		const out = jsonOf(removed.output('Partoo'));
		expect(out[0].changes).toEqual([{ field: 'plans.messages', from: { expiration_date: '2027-03-31' }, to: null }]);
		const sent = emulator.log.length;
		const refused = await run(wf('undo'), credentials(), out);
		expect(refused.error?.message).toMatch(/^Invalid "Output to Undo" in item 0: an undo cannot take back these changes exactly: plans\.messages \(Partoo sets the subscription date/);
		expect(refused.error?.description).toContain('Undo What Can Be Undone');
		expect(emulator.log.length).toBe(sent);

		const partial = await run(withNode(wf('undo'), 'Partoo', { partial: true }), credentials(), out);
		expect(partial.error?.message).toBeUndefined();
		const [undone] = jsonOf(partial.output('Partoo'));
		expect(undone.outcome).toBe('undone');
		expect(undone.cannotUndo).toEqual([{ field: 'plans.messages', from: { expiration_date: '2027-03-31' }, to: null, reason: expect.stringContaining('subscription date') }]);
		expect(emulator.plans(43).map((p) => [p.name, p.expiration_date])).toEqual([['posts', null], ['webhooks', null], ['messages', '2027-03-31']]);
	});

	test('an undo of an undo puts the change back again', async () => {
		const changed = jsonOf((await run(wf('addOrUpdate'), credentials(), [{ orgId: 43, plans: ['messages'], contractEnd: '2028-03-31' }])).output('Partoo'));
		const after = emulator.plans(43);
		const undone = jsonOf((await run(wf('undo'), credentials(), changed)).output('Partoo'));
		expect(undone[0]).toMatchObject({ outcome: 'undone', changes: [{ field: 'plans.messages.expiration_date', from: '2028-03-31', to: '2027-03-31' }] });
		expect(emulator.plans(43).find((p) => p.name === 'messages')?.expiration_date).toBe('2027-03-31');
		const redone = jsonOf((await run(wf('undo'), credentials(), undone)).output('Partoo'));
		expect(redone[0].outcome).toBe('undone');
		expect(emulator.plans(43)).toEqual(after);
	});

	test('a dry run of an earlier run is nothing to undo', async () => {
		const dry = await run(withNode(wf('addOrUpdate'), 'Partoo', { options: { dryRun: true } }), credentials(), [{ orgId: 42, plans: ['posts'], contractEnd: '2027-06-30' }]);
		const result = await run(wf('undo'), credentials(), jsonOf(dry.output('Partoo')));
		const [out] = jsonOf(result.output('Partoo'));
		expect(out.outcome).toBe('unchanged');
		expect(out.warnings).toEqual([expect.stringContaining('dry run')]);
		expect(emulator.requests('POST')).toHaveLength(0);
	});
});
