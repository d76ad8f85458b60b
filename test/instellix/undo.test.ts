import { InstellixEmulator, type Json } from './emulator';
import { describeUndo } from '../drivers/undo';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new InstellixEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const credentials = () => [{ id: 'instellix', name: 'Instellix account', type: emulator.credential().type, data: emulator.credential().data }];
const PLANS = Array.from({ length: 50 }, (_, i) => 6000 + i);

describeUndo({
	node: 'Instellix',
	emulator,
	credentials,
	update: wf('updatePhase'),
	undo: wf('undo'),
	items: [
		{ planId: 4711, phase: 'main', term: '24 months' },
		{ planId: 4711, phase: 'main', term: '36 months', notice: '30 days', phaseName: 'Main phase (2026)' },
	],
	state: () => emulator.plan(4711),
	laterChange: () => {
		((emulator.plans.get(4711)!.phases as Json[]).find((p) => p.ident === 'main') as Json).name = 'Main phase (renamed by hand)';
		return 'phases.main.name';
	},
	writes: () => emulator.requests('PUT').length,
	many: {
		items: PLANS.flatMap((planId) => [
			{ planId, phase: 'main', term: '24 months' },
			{ planId, phase: 'main', notice: '3 months' },
			{ planId, phase: 'main', phaseName: 'Main (2026)' },
			{ planId, phase: 'main', term: '36 months' },
		]),
		state: () => PLANS.map((id) => emulator.plan(id)),
	},
	foreign: { orgId: 42, plans: [{ name: 'posts', expiration_date: null }], changes: [{ field: 'plans.posts', from: null, to: { expiration_date: null } }], outcome: 'updated' },
});

describe('Instellix: Undo Changes of a removed phase', () => {
	test('named before anything is sent; with "Undo What Can Be Undone" it comes back whole, at the end of the list', async () => {
		const before = emulator.plan(4711);
		const removePhase = withNode(wf('removePhase'), 'Instellix', { updateFields: { initialPhase: 'main' } });
		const removed = await run(removePhase, credentials(), [{ planId: 4711, removePhases: ['trial'] }]);
		expect(removed.error?.message).toBeUndefined();
		const out = jsonOf(removed.output('Instellix'));
		const sent = emulator.log.length;
		const refused = await run(wf('undo'), credentials(), out);
		expect(refused.error?.message).toMatch(/^Invalid "Output to Undo" in item 0: an undo cannot take back these changes exactly: phases\.trial \(the removed phase comes back/);
		expect(emulator.log.length).toBe(sent);

		const partial = await run(withNode(wf('undo'), 'Instellix', { partial: true }), credentials(), out);
		expect(partial.error?.message).toBeUndefined();
		const [undone] = jsonOf(partial.output('Instellix'));
		expect(undone.outcome).toBe('undone');
		expect((undone.cannotUndo as Json[]).map((c) => c.field)).toEqual(['phases.trial']);
		const phases = (p: Json) => p.phases as Json[];
		expect(phases(emulator.plan(4711)).map((p) => p.ident)).toEqual(['main', 'trial']);
		expect({ ...emulator.plan(4711), phases: [] }).toEqual({ ...before, phases: [] });
		// Whole, but for the deprecated fields a PUT never sends back (inline option requests; autoRenewal,
		// replaced by transitions): both were null in the removed phase.
		const { options, autoRenewal, ...documented } = phases(before)[0];
		expect({ options, autoRenewal }).toEqual({ options: null, autoRenewal: null });
		expect(phases(emulator.plan(4711))[1]).toEqual(documented);
	});
});
