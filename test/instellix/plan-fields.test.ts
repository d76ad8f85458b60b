// Issue 19: every field of the Instellix PUT body can be set: pending contract terms, a phase's billing
// config, phases added and removed, and raw plan changes for what no field offers. Each test asserts what
// the emulator holds afterwards.
import { InstellixEmulator, type Json } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new InstellixEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'instellix', name: 'Instellix account' }];
const puts = () => emulator.requests('PUT');
const phaseOf = (planId: number, ident: string) => (emulator.plan(planId).phases as Json[]).find((p) => p.ident === ident) as Json;
const phaseIdents = (planId: number) => (emulator.plan(planId).phases as Json[]).map((p) => p.ident);

/** The stored plan without some top-level fields and some fields of some phases, to compare the rest. */
function rest(plan: Json, top: string[] = [], phases: Record<string, string[]> = {}): Json {
	const copy = structuredClone(plan);
	for (const key of top) delete copy[key];
	for (const phase of (copy.phases ?? []) as Json[]) for (const key of phases[phase.ident as string] ?? []) delete phase[key];
	return copy;
}

/** Plan 4711's phases as the PUT documents them: no undocumented colorHint, no superseded autoRenewal, no inline options. */
const documentedPhases = (plan: Json) => (plan.phases as Json[]).map(({ colorHint: _c, autoRenewal: _a, options: _o, ...phase }) => phase);

/** "Basic Monthly": one main phase, as a plan that grows a trial phase starts out. */
const BASIC = 7200;
function addBasicMonthly(): void {
	emulator.addPlan({
		id: BASIC,
		name: 'Basic Monthly',
		businessSegmentIdent: 'default',
		individualPlan: false,
		initialPhase: 'main',
		pendingContractTerms: null,
		phases: [
			{
				ident: 'main',
				name: 'Basic monthly',
				termDuration: { value: 1, unit: 'MONTH' },
				noticePeriod: { value: 14, unit: 'DAY' },
				endOfMonth: true,
				transitions: [{ type: 'AUTO_RENEWAL' }],
				linkedOptions: [{ optionIdent: 'pro-base' }],
				billingConfig: null,
			},
		],
		properties: [{ ident: 'data_volume', value: '5 GB' }],
		type: 'CUSTOMER',
	});
}

describe('Instellix: Pending Contract Terms', () => {
	const terms = (change: string, value?: Json) => run(wf('pendingContractTerms'), credential(), [{ planId: 4711, change, terms: value }]);

	test('Merge (the default) sets the keys given, nested objects key by key, and keeps the rest of the plan', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('pendingContractTerms'), credential(), [
			{ planId: 4711, terms: '{"billingStartOffset": {"value": 7}, "signingDeadline": {"value": 30, "unit": "DAY"}}' },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.plan(4711).pendingContractTerms).toEqual({ billingStartOffset: { value: 7, unit: 'DAY' }, signingDeadline: { value: 30, unit: 'DAY' } });
		expect(rest(emulator.plan(4711), ['pendingContractTerms'])).toEqual(rest(before, ['pendingContractTerms']));
		expect(jsonOf(result.output('Instellix'))[0]).toMatchObject({
			outcome: 'updated',
			changes: [
				{ field: 'pendingContractTerms.billingStartOffset.value', from: 0, to: 7 },
				{ field: 'pendingContractTerms.signingDeadline', from: null, to: { value: 30, unit: 'DAY' } },
			],
		});
	});

	test('Replace makes the JSON the whole value; Clear makes it null', async () => {
		const before = emulator.plan(4711);
		expect((await terms('replace', { signingDeadline: { value: 30, unit: 'DAY' } })).error).toBeUndefined();
		expect(emulator.plan(4711).pendingContractTerms).toEqual({ signingDeadline: { value: 30, unit: 'DAY' } });
		expect((await terms('clear')).error).toBeUndefined();
		expect(emulator.plan(4711).pendingContractTerms).toBeNull();
		expect(rest(emulator.plan(4711), ['pendingContractTerms'])).toEqual(rest(before, ['pendingContractTerms']));
	});

	test('Dry Run shows the change and the PUT, and sends no write', async () => {
		const before = emulator.plan(4711);
		const result = await run(withNode(wf('pendingContractTerms'), 'Instellix', { options: { dryRun: true } }), credential(), [{ planId: 4711, change: 'clear' }]);
		const [out] = jsonOf(result.output('Instellix'));
		expect(out.outcome).toBe('dryRun');
		expect(out.changes).toEqual([{ field: 'pendingContractTerms', from: { billingStartOffset: { value: 0, unit: 'DAY' } }, to: null }]);
		expect((out.request as Json[])[0].body).toMatchObject({ pendingContractTerms: null, phases: documentedPhases(before) });
		expect((out.request as Json[])[0].body).not.toHaveProperty('accountingReference');
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});
});

describe('Instellix: Billing Config of a phase', () => {
	const billing = (phase: string, change: string, value?: Json | string) => run(wf('billingConfig'), credential(), [{ planId: 4711, phase, change, billingConfig: value }]);

	test('Merge into the main phase\'s billing config keeps its other keys and every other phase', async () => {
		const before = emulator.plan(4711);
		const result = await billing('main', 'merge', '{"billingInterval": {"value": 3}}');
		expect(result.error).toBeUndefined();
		expect(phaseOf(4711, 'main').billingConfig).toEqual({ billingStrategy: 'IN_ADVANCE', billingInterval: { value: 3, unit: 'MONTH' } });
		expect(rest(emulator.plan(4711), [], { main: ['billingConfig'] })).toEqual(rest(before, [], { main: ['billingConfig'] }));
		expect(jsonOf(result.output('Instellix'))[0].changes).toEqual([{ field: 'phases.main.billingConfig.billingInterval.value', from: 1, to: 3 }]);
	});

	test('Replace sets it on a phase that had none; Clear removes it', async () => {
		const before = emulator.plan(4711);
		expect((await billing('trial', 'replace', { billingStrategy: 'IN_ARREARS' })).error).toBeUndefined();
		expect(phaseOf(4711, 'trial').billingConfig).toEqual({ billingStrategy: 'IN_ARREARS' });
		expect((await billing('main', 'clear')).error).toBeUndefined();
		expect(phaseOf(4711, 'main').billingConfig).toBeNull();
		expect(phaseOf(4711, 'trial').billingConfig).toEqual({ billingStrategy: 'IN_ARREARS' });
		const changed = { trial: ['billingConfig'], main: ['billingConfig'] };
		expect(rest(emulator.plan(4711), [], changed)).toEqual(rest(before, [], changed));
	});
});

describe('Instellix: Add Phases', () => {
	test('a 3-month trial before the main phase of "Basic Monthly", made the initial phase in the same item', async () => {
		addBasicMonthly();
		const before = emulator.plan(BASIC);
		const workflow = withNode(wf('addPhase'), 'Instellix', { updateFields: { initialPhase: '={{ $json.ident }}' } });
		const result = await run(workflow, credential(), [
			{ planId: BASIC, ident: 'trial_3m', name: '3-month trial', term: '3 months', endOfMonth: false, linkedOptions: 'pro-base', position: 'before', referencePhase: 'main', transition: 'nextPhase', nextPhase: 'main' },
		]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(BASIC);
		expect(phaseIdents(BASIC)).toEqual(['trial_3m', 'main']);
		expect(phaseOf(BASIC, 'trial_3m')).toEqual({
			ident: 'trial_3m',
			name: '3-month trial',
			termDuration: { value: 3, unit: 'MONTH' },
			endOfMonth: false,
			linkedOptions: [{ optionIdent: 'pro-base' }],
			transitions: [{ type: 'NEXT_PHASE', nextPhaseIdent: 'main' }],
		});
		expect(after.initialPhase).toBe('trial_3m');
		expect(phaseOf(BASIC, 'main')).toEqual((before.phases as Json[])[0]);
		expect(rest(after, ['initialPhase', 'phases'])).toEqual(rest(before, ['initialPhase', 'phases']));
		const [out] = jsonOf(result.output('Instellix'));
		expect(out.outcome).toBe('updated');
		expect((out.changes as Json[]).map((c) => c.field)).toEqual(['initialPhase', 'phases.trial_3m']);
	});

	test('First, After a phase and Last, item after item on one read and one write', async () => {
		const items = [
			{ planId: 4711, ident: 'onboarding', name: 'Onboarding', term: '14 days', position: 'first' },
			{ planId: 4711, ident: 'intro_offer', name: 'Intro offer', term: '2 months', position: 'after', referencePhase: 'trial', transition: 'autoRenewal' },
			{ planId: 4711, ident: 'wind_down', name: 'Wind-down', notice: 'none', endOfMonth: true },
		];
		const result = await run(wf('addPhase'), credential(), items);
		expect(result.error).toBeUndefined();
		expect(phaseIdents(4711)).toEqual(['onboarding', 'trial', 'intro_offer', 'main', 'wind_down']);
		expect(phaseOf(4711, 'intro_offer')).toMatchObject({ termDuration: { value: 2, unit: 'MONTH' }, transitions: [{ type: 'AUTO_RENEWAL' }], endOfMonth: true });
		expect(phaseOf(4711, 'wind_down')).toEqual({ ident: 'wind_down', name: 'Wind-down', noticePeriod: null, endOfMonth: true, linkedOptions: [], transitions: [] });
		expect(puts()).toHaveLength(1);
	});

	test('Dry Run shows the new phase in the PUT and sends nothing', async () => {
		const before = emulator.plan(4711);
		const result = await run(withNode(wf('addPhase'), 'Instellix', { options: { dryRun: true } }), credential(), [{ planId: 4711, ident: 'renewal', name: 'Renewal', term: '1 year' }]);
		const [out] = jsonOf(result.output('Instellix'));
		expect(out.outcome).toBe('dryRun');
		expect(((out.request as Json[])[0].body as Json).phases).toEqual([...documentedPhases(before), expect.objectContaining({ ident: 'renewal', termDuration: { value: 1, unit: 'YEAR' } })]);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});

	test.each([
		['an ident the plan has', { ident: 'main' }, 'Change refused for "Add Phases 1: Ident" in item 0: plan 4711 already has a phase "main"; its phases are: trial, main'],
		['a reference phase the plan lacks', { ident: 'renewal', position: 'after', referencePhase: 'gold' }, 'Change refused for "Reference Phase of new phase "renewal"" in item 0: plan 4711 has no phase "gold"'],
		['a next phase the plan lacks', { ident: 'renewal', transition: 'nextPhase', nextPhase: 'gold' }, 'Change refused for "Transition of new phase "renewal"" in item 0: the next phase "gold" is not a phase of plan 4711'],
		['an option Instellix does not know', { ident: 'renewal', linkedOptions: 'ghost-option' }, 'Change refused for "Linked Options of new phase "renewal"" in item 0: Instellix has no option "ghost-option"'],
		['a COMMISSION option on a CUSTOMER plan', { ident: 'renewal', linkedOptions: 'reseller-bonus' }, 'a CUSTOMER plan cannot contain COMMISSION options, and plan 4711 would contain reseller-bonus'],
	])('refused before the write: %s', async (_name, item, message) => {
		const before = emulator.plan(4711);
		const result = await run(wf('addPhase'), credential(), [{ planId: 4711, ...item }]);
		expect(result.error?.message).toContain(message);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});

	test('a new phase gets its billing config from "Phase Changes" in the same item', async () => {
		const workflow = withNode(wf('addPhase'), 'Instellix', {
			phaseChanges: { phase: [{ phase: 'renewal', billingConfig: 'replace', billingConfigJson: '{"billingStrategy": "IN_ARREARS"}' }] },
		});
		const result = await run(workflow, credential(), [{ planId: 4711, ident: 'renewal', name: 'Renewal', term: '1 year' }]);
		expect(result.error).toBeUndefined();
		expect(phaseOf(4711, 'renewal')).toMatchObject({ name: 'Renewal', billingConfig: { billingStrategy: 'IN_ARREARS' } });
	});

	test('a plan without phases gets its first one', async () => {
		emulator.addPlan({ id: 4790, name: 'Starter (draft)', businessSegmentIdent: 'default', phases: [], type: null });
		const result = await run(wf('addPhase'), credential(), [{ planId: 4790, ident: 'main', name: 'Main', term: '1 month' }]);
		expect(result.error).toBeUndefined();
		expect(phaseIdents(4790)).toEqual(['main']);
		expect(phaseOf(4790, 'main').termDuration).toEqual({ value: 1, unit: 'MONTH' });
	});
});

describe('Instellix: Phases to Remove', () => {
	test('the trial goes once the main phase starts first; the main phase and the rest of the plan stay', async () => {
		const before = emulator.plan(4711);
		const workflow = withNode(wf('removePhase'), 'Instellix', { updateFields: { initialPhase: 'main' } });
		const result = await run(workflow, credential(), [{ planId: 4711, removePhases: 'trial' }]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(4711);
		expect(phaseIdents(4711)).toEqual(['main']);
		expect(after.initialPhase).toBe('main');
		expect((after.phases as Json[])[0]).toEqual((before.phases as Json[])[1]);
		expect(rest(after, ['initialPhase', 'phases'])).toEqual(rest(before, ['initialPhase', 'phases']));
	});

	test.each([
		['the initial phase', 'trial', 'Change refused for "Phases to Remove" in item 0: phase "trial" is the initial phase of plan 4711', 'Initial Phase'],
		['another phase\'s next phase', 'main', 'Change refused for "Phases to Remove" in item 0: phase "main" is the next phase of phase "trial" in plan 4711', 'change "Transition" of phase "trial"'],
		['every phase', 'trial, main', 'Change refused for "Phases to Remove" in item 0: plan 4711 would have no phase left, and Instellix needs at least one', 'Keep one phase'],
	])('refused, naming what to change first: %s', async (_name, removePhases, message, fix) => {
		const before = emulator.plan(4711);
		const result = await run(wf('removePhase'), credential(), [{ planId: 4711, removePhases }]);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain(fix);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});

	test('a phase the plan does not have: nothing is written, and the item says so', async () => {
		const result = await run(wf('removePhase'), credential(), [{ planId: 4711, removePhases: 'intro' }]);
		expect(result.error).toBeUndefined();
		const [out] = jsonOf(result.output('Instellix'));
		expect(out).toMatchObject({ outcome: 'unchanged', warnings: ['Phases to Remove: plan 4711 has no phase "intro", so nothing was removed for it'] });
		expect(puts()).toHaveLength(0);
	});
});

describe('Instellix: Raw Plan Changes (JSON)', () => {
	test('the deprecated businessSegmentId and a phase\'s autoRenewal, merged into the plan as read', async () => {
		const before = emulator.plan(4711);
		const raw = { businessSegmentId: 5, phases: [{ ident: 'main', autoRenewal: false }] };
		const result = await run(wf('rawChanges'), credential(), [{ planId: 4711, raw: JSON.stringify(raw) }]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(4711);
		expect(after.businessSegmentId).toBe(5);
		expect(phaseOf(4711, 'main').autoRenewal).toBe(false);
		expect(rest(after, ['businessSegmentId'], { main: ['autoRenewal'] })).toEqual(rest(before, ['businessSegmentId'], { main: ['autoRenewal'] }));
		expect(jsonOf(result.output('Instellix'))[0].changes).toEqual([
			{ field: 'businessSegmentId', from: 3, to: 5 },
			{ field: 'phases.main.autoRenewal', from: true, to: false },
		]);
	});

	test.each([
		['an initial phase the plan lacks', { initialPhase: 'gold' }, 'plan 4711 has no phase "gold"'],
		['a next phase the plan lacks', { phases: [{ ident: 'trial', transitions: [{ type: 'NEXT_PHASE', nextPhaseIdent: 'gold' }] }] }, 'the next phase "gold" is not a phase of plan 4711'],
		['pending contract terms that are not an object', { pendingContractTerms: 'none' }, 'pendingContractTerms would be "none", not an object'],
		['PARTNER without a COMMISSION option', { type: 'PARTNER' }, 'a PARTNER plan must contain at least one COMMISSION option'],
	])('the checks of the fields apply to the result: %s', async (_name, raw, problem) => {
		const before = emulator.plan(4711);
		const result = await run(wf('rawChanges'), credential(), [{ planId: 4711, raw }]);
		expect(result.error?.message).toBe(`Change refused for "Raw Plan Changes (JSON)" in item 0: ${problem}${/PARTNER/.test(problem) ? ', and plan 4711 would contain none' : /phase "gold"|next phase/.test(problem) ? '; its phases are: trial, main' : ''}`);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});
});

describe('Instellix: a plan with an active contract refuses the new fields before sending, naming the rule', () => {
	test.each([
		['Pending Contract Terms', wf('pendingContractTerms'), { change: 'clear' }, 'pendingContractTerms'],
		['Billing Config', wf('billingConfig'), { phase: 'main', change: 'replace', billingConfig: { billingStrategy: 'IN_ARREARS' } }, 'phases.main.billingConfig'],
		['Add Phases', wf('addPhase'), { ident: 'renewal', name: 'Renewal' }, 'Add Phases'],
		['Add Phases, even with a reference phase it lacks', wf('addPhase'), { ident: 'renewal', position: 'before', referencePhase: 'gold' }, 'Add Phases'],
		['Phases to Remove', wf('removePhase'), { removePhases: 'main' }, 'Phases to Remove'],
		['Raw Plan Changes', wf('rawChanges'), { raw: { businessSegmentId: 9 } }, 'businessSegmentId'],
	])('%s', async (_name, workflow, item, field) => {
		const before = emulator.plan(4713);
		const result = await run(workflow, credential(), [{ planId: 4713, ...item }]);
		expect(result.error?.message).toBe(`Change refused for "${field}" in item 0: plan 4713 has an active contract, so Instellix only allows changing its name and properties`);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4713)).toEqual(before);
	});

	test('raw changes to the name alone are allowed', async () => {
		const result = await run(wf('rawChanges'), credential(), [{ planId: 4713, raw: { name: 'Enterprise (2026)' } }]);
		expect(result.error).toBeUndefined();
		expect(emulator.plan(4713).name).toBe('Enterprise (2026)');
	});
});

describe('Instellix: one field per change, before anything is sent', () => {
	const update = (parameters: Json) => withNode(wf('update'), 'Instellix', parameters as never);
	test.each([
		['raw changes and "Name" both set the name', { updateFields: { name: 'Basic Monthly', rawChanges: '{"name": "Basic Monthly (2026)"}' } }, 'Invalid "Raw Plan Changes (JSON)" in item 0: it sets "name", which another field of this item sets too'],
		['raw phases next to "Add Phases"', { updateFields: { rawChanges: '{"phases": [{"ident": "main", "autoRenewal": false}]}' }, addPhases: { phase: [{ ident: 'renewal' }] } }, 'Invalid "Raw Plan Changes (JSON)" in item 0: it sets "phases", which another field of this item sets too'],
		['a phase changed and removed', { updateFields: {}, phaseChanges: { phase: [{ phase: 'trial', name: 'Trial' }] }, removePhases: ['trial'] }, 'Invalid "Phases to Remove" in item 0: phase "trial" is removed and also named in "Phase Changes"'],
		['a phase added twice', { updateFields: {}, addPhases: { phase: [{ ident: 'renewal' }, { ident: 'renewal' }] } }, 'Invalid "Add Phases 2: Ident" in item 0: phase "renewal" appears twice'],
	])('%s', async (_name, parameters, message) => {
		const result = await run(update(parameters), credential(), [{ planId: 4711, name: 'Basic Monthly' }]);
		expect(result.error?.message).toBe(message);
		expect(emulator.log).toHaveLength(0);
	});
});
