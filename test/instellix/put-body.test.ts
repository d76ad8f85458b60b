// Issue 22.6 and 22.8: the PUT carries what Instellix's "Update plan" documents (docs.instellix.io
// reference/createplan_v2_1), and what the node writes is in the plan's own words. Each test asserts what the
// emulator holds afterwards.
import { InstellixEmulator, type Json } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new InstellixEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'instellix', name: 'Instellix account' }];
const puts = () => emulator.requests('PUT');
const putBody = (n = 0) => JSON.parse(puts()[n].body) as Json;
const phaseOf = (planId: number, ident: string) => (emulator.plan(planId).phases as Json[]).find((p) => p.ident === ident) as Json;

describe('Instellix: the PUT body is built from the documented fields (issue 22.6)', () => {
	test('a rename of a plan with inline options, unknown and superseded deprecated fields: nothing of them is sent, nothing is lost', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('update'), credential(), [{ planId: 4711, name: 'Pro Monthly (2026)' }]);
		expect(result.error).toBeUndefined();
		const body = putBody();
		expect(Object.keys(body).sort()).toEqual(['businessSegmentIdent', 'individualPlan', 'initialPhase', 'name', 'pendingContractTerms', 'phases', 'properties', 'type']);
		expect((body.phases as Json[]).map((p) => Object.keys(p).sort())).toEqual([
			['billingConfig', 'endOfMonth', 'ident', 'linkedOptions', 'name', 'noticePeriod', 'termDuration', 'transitions'],
			['billingConfig', 'endOfMonth', 'ident', 'linkedOptions', 'name', 'noticePeriod', 'termDuration', 'transitions'],
		]);
		expect(emulator.plan(4711)).toEqual({ ...before, name: 'Pro Monthly (2026)' });
	});

	test('a plan whose segment is only the deprecated businessSegmentId keeps it: the ID goes back while no ident replaces it', async () => {
		const before = emulator.plan(4715);
		const result = await run(wf('update'), credential(), [{ planId: 4715, name: 'Untyped starter (2026)' }]);
		expect(result.error).toBeUndefined();
		expect(putBody()).toMatchObject({ businessSegmentIdent: null, businessSegmentId: 1 });
		expect(emulator.plan(4715)).toEqual({ ...before, name: 'Untyped starter (2026)' });
	});

	test('the PARTNER rule still counts a deprecated inline COMMISSION option that is not sent back', async () => {
		const before = emulator.plan(4714);
		const result = await run(wf('updatePhase'), credential(), [{ planId: 4714, phase: 'main', addOptions: 'setup-fee' }]);
		expect(result.error).toBeUndefined();
		expect((putBody().phases as Json[])[0]).not.toHaveProperty('options');
		expect(phaseOf(4714, 'main').options).toEqual((before.phases as Json[])[0].options);
		expect(phaseOf(4714, 'main').linkedOptions).toEqual([{ optionIdent: 'pro-base' }, { optionIdent: 'setup-fee' }]);
	});

	test('Raw Plan Changes still send what the user sets: a new inline option request', async () => {
		const request = { type: 'ONETIME', name: 'Onboarding', productIdent: 'onboarding', optionIdent: 'onboarding-fee' };
		const result = await run(wf('rawChanges'), credential(), [{ planId: 4711, raw: { phases: [{ ident: 'trial', options: [request] }] } }]);
		expect(result.error).toBeUndefined();
		expect((putBody().phases as Json[])[0].options).toEqual([request]);
		expect((putBody().phases as Json[])[1]).not.toHaveProperty('options');
		expect(phaseOf(4711, 'trial').options).toEqual([request]);
		expect(emulator.options.get('onboarding-fee')).toEqual(request);
	});

	test('a field the node does not know is sent when the user sets it; Instellix ignoring it is reported, not called a change', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('rawChanges'), credential(), [{ planId: 4711, raw: { reportingGroup: 'B2B' } }]);
		expect(putBody()).toMatchObject({ reportingGroup: 'B2B' });
		expect(result.error?.message).toBe('Change refused for "reportingGroup" in item 0: Instellix answered the update of plan 4711 but kept the old value of these fields');
		expect(result.error?.description).toContain('does not take these fields');
		expect(emulator.plan(4711)).toEqual(before);
	});

	test('Raw Plan Changes refuse a field the plan read holds but the PUT does not take, after the read and before the write', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('rawChanges'), credential(), [{ planId: 4711, raw: { accountingReference: 'ACC-NEW', phases: [{ ident: 'main', colorHint: '#000000' }] } }]);
		expect(result.error?.message).toBe(
			'Change refused for "Raw Plan Changes (JSON)" in item 0: it sets "accountingReference", "phases[ident=main].colorHint": plan 4711 holds them, but Instellix\'s update does not take them (read-only)',
		);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});
});

/** "Family Annual": a plan that writes durations as `amount`, its end-of-month flag and its next phases under other names. */
const FAMILY = 7300;
function addFamilyAnnual(): void {
	emulator.durationAmountKey = 'amount';
	emulator.nextPhaseKey = 'phaseIdent';
	emulator.endOfMonthKey = 'contractEndsAtEndOfMonth';
	emulator.addPlan({
		id: FAMILY,
		name: 'Family Annual',
		businessSegmentIdent: 'default',
		individualPlan: false,
		initialPhase: 'trial',
		pendingContractTerms: null,
		phases: [
			{
				ident: 'trial',
				name: 'Trial',
				termDuration: { amount: 30, unit: 'DAY' },
				noticePeriod: null,
				contractEndsAtEndOfMonth: false,
				transitions: [{ type: 'NEXT_PHASE', phaseIdent: 'main' }],
				linkedOptions: [{ optionIdent: 'pro-base' }],
			},
			{ ident: 'main', name: 'Annual', termDuration: { amount: 1, unit: 'YEAR' }, transitions: [{ type: 'AUTO_RENEWAL' }], linkedOptions: [{ optionIdent: 'pro-base' }] },
		],
		properties: [],
		type: 'CUSTOMER',
	});
}

describe('Instellix: every key the node writes is in the plan\'s own words (issue 22.8)', () => {
	test('a new phase: durations, end of month and its next phase under the names the plan uses', async () => {
		addFamilyAnnual();
		const items = [{ planId: FAMILY, ident: 'intro', name: 'Intro', term: '3 months', notice: '14 days', position: 'first', transition: 'nextPhase', nextPhase: 'trial' }];
		const result = await run(wf('addPhase'), credential(), items);
		expect(result.error).toBeUndefined();
		expect(phaseOf(FAMILY, 'intro')).toEqual({
			ident: 'intro',
			name: 'Intro',
			termDuration: { amount: 3, unit: 'MONTH' },
			noticePeriod: { amount: 14, unit: 'DAY' },
			contractEndsAtEndOfMonth: true,
			linkedOptions: [],
			transitions: [{ type: 'NEXT_PHASE', phaseIdent: 'trial' }],
		});
		expect(jsonOf(result.output('Instellix'))[0].outcome).toBe('updated');
	});

	test('a changed phase that has none of them yet: notice period, end of month and next phase in the plan\'s names', async () => {
		addFamilyAnnual();
		const before = emulator.plan(FAMILY);
		const result = await run(wf('updatePhase'), credential(), [{ planId: FAMILY, phase: 'main', notice: '2 months', endOfMonth: 'true', transition: 'nextPhase', nextPhase: 'trial' }]);
		expect(result.error).toBeUndefined();
		expect(phaseOf(FAMILY, 'main')).toEqual({
			...(before.phases as Json[])[1],
			noticePeriod: { amount: 2, unit: 'MONTH' },
			contractEndsAtEndOfMonth: true,
			transitions: [{ type: 'NEXT_PHASE', phaseIdent: 'trial' }],
		});
		expect(phaseOf(FAMILY, 'trial')).toEqual((before.phases as Json[])[0]);
	});
});
