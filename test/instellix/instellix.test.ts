import type { INodeParameters } from 'n8n-workflow';

import { INSTELLIX_CLIENTS, INSTELLIX_REALM, InstellixEmulator, type Json } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { listSearch, loadOptions, testCredential } from '../support/harness/methods';
import { expectNoSecrets, jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new InstellixEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);

function credential(overrides: Record<string, string> = {}): StoredCredential[] {
	const { type, data } = emulator.credential();
	return [{ id: 'instellix', name: 'Instellix account', type, data: { ...data, ...overrides } }];
}
const puts = () => emulator.requests('PUT');
const apiLog = () => emulator.log.filter((r) => r.path.startsWith('/v2/'));
const update = (parameters: Json, settings: Json = {}) => withNode(wf('update'), 'Instellix', parameters as never, settings as never);
const rename = (planId: number, name: string) => ({ planId, name });
const basic = Buffer.from(`${INSTELLIX_CLIENTS.admin.clientId}:${INSTELLIX_CLIENTS.admin.clientSecret}`).toString('base64');

/** JSON of the stored plan with some top-level or phase fields taken out, to compare the rest byte for byte. */
function rest(plan: Json, drop: { top?: string[]; phase?: { ident: string; fields: string[] } } = {}): string {
	const copy = structuredClone(plan);
	for (const key of drop.top ?? []) delete copy[key];
	if (drop.phase) {
		const phase = (copy.phases as Json[]).find((p) => p.ident === drop.phase!.ident) as Json;
		for (const key of drop.phase.fields) delete phase[key];
	}
	return JSON.stringify(copy);
}
/**
 * Plan 4711 as the PUT documents it ("Update plan", docs.instellix.io reference/createplan_v2_1): without the
 * read-only `id` and `hasActiveContract`, the undocumented `accountingReference` and `colorHint`, the deprecated
 * `businessSegmentId` and `autoRenewal` (their replacements are set) and the deprecated inline `options`.
 */
function documented4711(plan: Json): Json {
	const { id: _id, hasActiveContract: _flag, accountingReference: _ref, businessSegmentId: _segment, ...body } = plan;
	const phases = (body.phases as Json[]).map(({ colorHint: _color, autoRenewal: _renewal, options: _options, ...phase }) => phase);
	return { ...body, phases };
}
const phaseOf = (planId: number, ident: string) => (emulator.plan(planId).phases as Json[]).find((p) => p.ident === ident) as Json;

describe('Instellix: Get', () => {
	test('returns the whole plan as Instellix sends it, after one sign-in', async () => {
		const result = await run(wf('get'), credential(), [{ planId: 4711 }]);
		expect(result.error).toBeUndefined();
		const [out] = jsonOf(result.output('Instellix'));
		expect(out).toEqual(emulator.plan(4711));
		expect(result.output('Instellix')[0].pairedItem).toEqual({ item: 0 });
		const [signIn] = emulator.requests('POST', `/${INSTELLIX_REALM}/oauth2/token`);
		expect(signIn.headers.authorization).toBe(`Basic ${basic}`);
		expect(signIn.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(signIn.body).toBe('grant_type=client_credentials');
		expect(apiLog().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/plans/4711']);
		expect(apiLog()[0].headers.authorization).toMatch(/^Bearer isx_at_/);
	});

	test('404 keeps Instellix\'s message, says how to fix it and shows the error ID for support', async () => {
		const result = await run(wf('get'), credential(), [{ planId: 999 }]);
		expect(result.error?.message).toBe('Instellix returned 404 (item 0): Plan with id 999 not found');
		expect(result.error?.description).toContain('numeric plan ID (not the plan ident)');
		expect(result.error?.description).toMatch(/Instellix error ID [0-9a-f-]{36} \(quote it to Instellix support\)/);
		expect(result.error?.description).toContain('Reason: NOT_FOUND.');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});
});

describe('Instellix: Get Many', () => {
	test('Return All reads every page', async () => {
		const result = await run(wf('getAll'), credential(), [{ returnAll: true }]);
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output('Instellix'));
		expect(out).toHaveLength(emulator.plans.size);
		expect(out.map((p) => p.id)).toEqual([...emulator.plans.keys()].sort((a, b) => a - b));
		expect(emulator.requests('GET', '/v2/plans').map((r) => r.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
		expect(result.output('Instellix').every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit reads only the pages it needs', async () => {
		const small = await run(wf('getAll'), credential(), [{ limit: 3 }]);
		expect(jsonOf(small.output('Instellix')).map((p) => p.id)).toEqual([4711, 4712, 4713]);
		expect(emulator.requests('GET', '/v2/plans').map((r) => r.query)).toEqual([{ page: '0', size: '3' }]);
		emulator.resetAll();
		const large = await run(wf('getAll'), credential(), [{ limit: 120 }]);
		expect(jsonOf(large.output('Instellix'))).toHaveLength(120);
		expect(emulator.requests('GET', '/v2/plans')).toHaveLength(2);
	});
});

describe('Instellix: Update keeps every field it was not asked to change', () => {
	test('a rename leaves every other field of the plan byte-identical, deprecated and unknown ones included', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('update'), credential(), [rename(4711, 'Pro Monthly (2026)')]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(4711);
		expect(after.name).toBe('Pro Monthly (2026)');
		expect(rest(after, { top: ['name'] })).toBe(rest(before, { top: ['name'] }));
		// Issue 22.6: the body holds the fields the PUT documents, not an echo of the read. Sending the read's
		// inline options back would ask Instellix to create them again (the emulator refuses that, as on the old code).
		const body = JSON.parse(puts()[0].body) as Json;
		expect(body).toEqual(documented4711({ ...before, name: 'Pro Monthly (2026)' }));
		expect(Object.keys(body)).not.toEqual(expect.arrayContaining(['accountingReference']));
		expect((body.phases as Json[])[1]).not.toHaveProperty('options');
		expect((body.phases as Json[])[1]).not.toHaveProperty('autoRenewal');
		const [out] = jsonOf(result.output('Instellix'));
		expect(out).toEqual({
			...after,
			changes: [{ field: 'name', from: 'Pro Monthly (2025)', to: 'Pro Monthly (2026)' }],
			outcome: 'updated',
			confirmedAfterMs: expect.any(Number),
		});
		// Read once, write once; the PUT answer is the saved plan, so no re-read for the output. The last GET is the
		// read that confirms the write (Confirm Write, on by default: the PUT replaces the whole plan).
		expect(apiLog().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/plans/4711', 'PUT /v2/plans/4711', 'GET /v2/plans/4711']);
	});

	test('a term change touches only that phase field', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('updatePhase'), credential(), [{ planId: 4711, phase: 'main', term: '24 months' }]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(4711);
		expect(phaseOf(4711, 'main').termDuration).toEqual({ value: 24, unit: 'MONTH' });
		const drop = { phase: { ident: 'main', fields: ['termDuration'] } };
		expect(rest(after, drop)).toBe(rest(before, drop));
		expect(jsonOf(result.output('Instellix'))[0].changes).toEqual([{ field: 'phases.main.termDuration.value', from: 12, to: 24 }]);
	});

	test('durations are written in the key names the plan uses: { amount, unit } stays { amount, unit }', async () => {
		emulator.durationAmountKey = 'amount';
		const duration = (amount: number, unit: string) => ({ amount, unit });
		emulator.addPlan({
			id: 7100,
			name: 'Team Annual',
			businessSegmentIdent: 'default',
			initialPhase: 'trial',
			phases: [
				{ ident: 'trial', name: 'Trial', termDuration: duration(14, 'DAY'), noticePeriod: null, endOfMonth: false, transitions: [{ type: 'NEXT_PHASE', nextPhaseIdent: 'main' }], linkedOptions: [{ optionIdent: 'pro-base' }] },
				{ ident: 'main', name: 'Main', termDuration: duration(12, 'MONTH'), noticePeriod: duration(1, 'MONTH'), endOfMonth: true, transitions: [{ type: 'AUTO_RENEWAL' }], linkedOptions: [{ optionIdent: 'pro-base' }] },
			],
			properties: [],
			type: 'CUSTOMER',
		});
		const result = await run(wf('updatePhase'), credential(), [{ planId: 7100, phase: 'trial', term: '1 month', notice: '7 days' }]);
		expect(result.error?.message).toBeUndefined();
		expect(phaseOf(7100, 'trial')).toMatchObject({ termDuration: duration(1, 'MONTH'), noticePeriod: duration(7, 'DAY') });
		expect(phaseOf(7100, 'main')).toMatchObject({ termDuration: duration(12, 'MONTH'), noticePeriod: duration(1, 'MONTH') });
		expect(jsonOf(result.output('Instellix'))[0].changes).toEqual([
			{ field: 'phases.trial.termDuration.amount', from: 14, to: 1 },
			{ field: 'phases.trial.termDuration.unit', from: 'DAY', to: 'MONTH' },
			{ field: 'phases.trial.noticePeriod', from: null, to: duration(7, 'DAY') },
		]);
	});

	test('properties are added, updated and removed by ident; other properties and their extra keys stay', async () => {
		const before = emulator.plan(4711);
		const workflow = withNode(wf('updateProperties'), 'Instellix', {
			properties: {
				set: [
					{ ident: 'data_volume', value: '50 GB' },
					{ ident: 'users', value: '10' },
				],
				remove: [{ ident: 'nonexistent' }],
			},
		});
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(4711);
		expect(after.properties).toEqual([
			{ ident: 'data_volume', value: '50 GB' },
			{ ident: 'support', value: 'email', printOnInvoice: true },
			{ ident: 'users', value: '10' },
		]);
		expect(rest(after, { top: ['properties'] })).toBe(rest(before, { top: ['properties'] }));
		expect(jsonOf(result.output('Instellix'))[0].changes).toEqual([
			{ field: 'properties.data_volume.value', from: '25 GB', to: '50 GB' },
			{ field: 'properties.users', from: null, to: { value: '10' } },
		]);

		const removal = withNode(wf('updateProperties'), 'Instellix', { properties: { remove: [{ ident: 'support' }] } });
		await run(removal, credential(), [{ planId: 4711 }]);
		expect(emulator.plan(4711).properties).toEqual([
			{ ident: 'data_volume', value: '50 GB' },
			{ ident: 'users', value: '10' },
		]);
	});

	test('the fixture sets a property from the item', async () => {
		const result = await run(wf('updateProperties'), credential(), [{ planId: 4715, propertyIdent: 'data_volume', propertyValue: '5 GB' }]);
		expect(result.error).toBeUndefined();
		// The plan had no properties (null): the list is created.
		expect(emulator.plan(4715).properties).toEqual([{ ident: 'data_volume', value: '5 GB' }]);
	});

	test('phase name, notice period, end-of-month flag, linked options and transition, each without touching the rest', async () => {
		const before = emulator.plan(4711);
		const result = await run(wf('updatePhase'), credential(), [
			{
				planId: 4711,
				phase: 'main',
				phaseName: 'Main (2026)',
				notice: '3 months',
				endOfMonth: false,
				addOptions: 'setup-fee, api-usage',
				removeOptions: ['pro-base'],
				transition: 'none',
			},
		]);
		expect(result.error).toBeUndefined();
		const main = phaseOf(4711, 'main');
		expect(main.name).toBe('Main (2026)');
		expect(main.noticePeriod).toEqual({ value: 3, unit: 'MONTH' });
		expect(main.endOfMonth).toBe(false);
		// pro-seats keeps its extra keys; new options are appended.
		expect(main.linkedOptions).toEqual([
			{ optionIdent: 'pro-seats', quantity: { min: 1, max: 50 } },
			{ optionIdent: 'setup-fee' },
			{ optionIdent: 'api-usage' },
		]);
		expect(main.transitions).toEqual([]);
		// Deprecated fields of the phase pass through unchanged.
		expect(main.autoRenewal).toBe(true);
		expect(main.billingConfig).toEqual((before.phases as Json[])[1].billingConfig);
		const drop = { phase: { ident: 'main', fields: ['name', 'noticePeriod', 'endOfMonth', 'linkedOptions', 'transitions'] } };
		expect(rest(emulator.plan(4711), drop)).toBe(rest(before, drop));
	});

	test('a next-phase transition, and "none" removes a term', async () => {
		const result = await run(wf('updatePhase'), credential(), [
			{ planId: 4711, phase: 'main', transition: 'nextPhase', nextPhase: 'trial', term: 'none' },
		]);
		expect(result.error).toBeUndefined();
		expect(phaseOf(4711, 'main').transitions).toEqual([{ type: 'NEXT_PHASE', nextPhaseIdent: 'trial' }]);
		expect(phaseOf(4711, 'main').termDuration).toBeNull();
	});

	test('custom transitions as JSON, and a duration given as an object', async () => {
		const workflow = withNode(wf('updatePhase'), 'Instellix', {
			phaseChanges: {
				phase: [
					{
						phase: 'trial',
						transition: 'custom',
						transitionsJson: '[{"type": "ITERATION", "iterations": 2}, {"type": "NEXT_PHASE", "nextPhaseIdent": "main"}]',
						termDuration: '={{ { value: 1, unit: "month" } }}',
					},
				],
			},
		});
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error).toBeUndefined();
		expect(phaseOf(4711, 'trial').transitions).toEqual([
			{ type: 'ITERATION', iterations: 2 },
			{ type: 'NEXT_PHASE', nextPhaseIdent: 'main' },
		]);
		expect(phaseOf(4711, 'trial').termDuration).toEqual({ value: 1, unit: 'MONTH' });
	});

	test('the end-of-month flag is added under its default name when the phase does not carry it', async () => {
		const result = await run(wf('updatePhase'), credential(), [{ planId: 4715, phase: 'only', endOfMonth: 'true' }]);
		expect(result.error).toBeUndefined();
		expect(phaseOf(4715, 'only').endOfMonth).toBe(true);
	});

	test('segment, individual plan, initial phase and type', async () => {
		const before = emulator.plan(4711);
		const workflow = update({
			updateFields: { businessSegmentIdent: 'emea', individualPlan: true, initialPhase: 'main' },
		});
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error).toBeUndefined();
		const after = emulator.plan(4711);
		expect(after).toMatchObject({ businessSegmentIdent: 'emea', individualPlan: true, initialPhase: 'main', businessSegmentId: 3 });
		const top = ['businessSegmentIdent', 'individualPlan', 'initialPhase'];
		expect(rest(after, { top })).toBe(rest(before, { top }));
		expect(jsonOf(result.output('Instellix'))[0].changes).toEqual([
			{ field: 'businessSegmentIdent', from: 'default', to: 'emea' },
			{ field: 'individualPlan', from: false, to: true },
			{ field: 'initialPhase', from: 'trial', to: 'main' },
		]);
	});

	test('PARTNER with a COMMISSION option linked in the same item', async () => {
		const workflow = update({
			updateFields: { type: 'PARTNER' },
			phaseChanges: { phase: [{ phase: 'main', addLinkedOptions: 'partner-commission' }] },
		});
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error).toBeUndefined();
		expect(emulator.plan(4711).type).toBe('PARTNER');
		// The option types were looked up once each.
		expect(emulator.requests('GET', /^\/v2\/billing\/plan-options\//).map((r) => r.path).sort()).toEqual([
			'/v2/billing/plan-options/partner-commission',
			'/v2/billing/plan-options/pro-base',
			'/v2/billing/plan-options/pro-seats',
		]);
	});

	test('a deprecated inline COMMISSION option counts for a PARTNER plan', async () => {
		const result = await run(wf('updatePhase'), credential(), [{ planId: 4714, phase: 'main', addOptions: 'setup-fee' }]);
		expect(result.error).toBeUndefined();
		expect(linked(4714, 'main')).toEqual(['pro-base', 'setup-fee']);
	});

	test('a change that changes nothing sends no write', async () => {
		const result = await run(wf('update'), credential(), [rename(4711, 'Pro Monthly (2025)')]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(0);
		expect(jsonOf(result.output('Instellix'))[0]).toMatchObject({ outcome: 'unchanged', changes: [] });
	});

	test('items for the same plan are applied in order on one read and one write', async () => {
		const items = [
			{ planId: 4711, propertyIdent: 'a', propertyValue: '1' },
			{ planId: 4712, propertyIdent: 'b', propertyValue: '2' },
			{ planId: 4711, propertyIdent: 'c', propertyValue: '3' },
		];
		const result = await run(wf('updateProperties'), credential(), items);
		expect(result.error).toBeUndefined();
		expect((emulator.plan(4711).properties as Json[]).map((p) => p.ident)).toEqual(['data_volume', 'support', 'a', 'c']);
		// One read and one write for both items, then the one read that confirms the write.
		expect(emulator.requests(undefined, '/v2/plans/4711').map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
		const out = jsonOf(result.output('Instellix'));
		expect(out[0].changes).toEqual([{ field: 'properties.a', from: null, to: { value: '1' } }]);
		expect(out[2].changes).toEqual([{ field: 'properties.c', from: null, to: { value: '3' } }]);
		expect(result.output('Instellix').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('the option lookup covers every item of a plan, not only the first', async () => {
		// Item 0 only renames; item 1 makes the plan a PARTNER plan by linking a COMMISSION option.
		const workflow = update({
			updateFields: { name: '={{ $json.name || undefined }}', type: '={{ $json.type || "CUSTOMER" }}' },
			phaseChanges: { phase: [{ phase: 'main', addLinkedOptions: '={{ $json.add }}', name: '={{ $json.phaseName }}' }] },
		});
		const result = await run(workflow, credential(), [
			{ planId: 4711, name: 'Pro (renamed)', phaseName: 'Main' },
			{ planId: 4711, name: 'Pro Partner', type: 'PARTNER', add: 'reseller-bonus' },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.plan(4711)).toMatchObject({ name: 'Pro Partner', type: 'PARTNER' });
		expect(linked(4711, 'main')).toEqual(['pro-base', 'pro-seats', 'reseller-bonus']);
		expect(puts()).toHaveLength(1);
	});
});

function linked(planId: number, phase: string): string[] {
	return ((phaseOf(planId, phase).linkedOptions as Json[]) ?? []).map((o) => o.optionIdent as string);
}

describe('Instellix: tokens expire during a long run', () => {
	test('30 items survive an expiry in the middle: n8n signs in again after the 401 and retries', async () => {
		const items = Array.from({ length: 30 }, (_, i) => rename(6000 + i, `Bulk plan ${i} (renewed)`));
		emulator.expireTokensAfter(21);
		const result = await run(wf('update'), credential(), items);
		expect(result.error).toBeUndefined();
		for (let i = 0; i < 30; i++) expect(emulator.plan(6000 + i).name).toBe(`Bulk plan ${i} (renewed)`);
		const out = jsonOf(result.output('Instellix'));
		expect(out.every((o) => o.outcome === 'updated')).toBe(true);
		expect(emulator.log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
		expect(emulator.tokensIssued).toBeGreaterThanOrEqual(2);
		expect(result.credentialsHelper.preAuthCalls.get('instellixApi')).toBe(emulator.tokensIssued);
		// The renewed token is saved with the credential, as n8n does.
		const stored = result.credentialsHelper.store.get('instellix')!.data.accessToken as string;
		expect(emulator.tokens.get(stored)?.expiresAt).toBeGreaterThan(Date.now());
		expectNoSecrets(result, [INSTELLIX_CLIENTS.admin.clientSecret, basic, ...emulator.tokens.keys()]);
	});

	test('with a one-second token lifetime a slow run keeps going', async () => {
		emulator.tokenTtlSeconds = 1;
		emulator.latencyMs = 60;
		const items = Array.from({ length: 30 }, (_, i) => rename(6040 + i, `Slow ${i}`));
		const workflow = update({ options: { concurrency: 2 } });
		const result = await run(workflow, credential(), items);
		expect(result.error).toBeUndefined();
		for (let i = 0; i < 30; i++) expect(emulator.plan(6040 + i).name).toBe(`Slow ${i}`);
		expect(emulator.tokensIssued).toBeGreaterThanOrEqual(2);
	});

	test('a token stored from an earlier run is reused until Instellix refuses it', async () => {
		const first = await run(wf('get'), credential(), [{ planId: 4711 }]);
		expect(emulator.tokensIssued).toBe(1);
		// The same store (like n8n's database): no credentials passed again, so the saved token is used.
		await run(wf('get'), [], [{ planId: 4712 }], { credentialsHelper: first.credentialsHelper });
		expect(emulator.tokensIssued).toBe(1);
		emulator.expireAllTokens();
		const third = await run(wf('get'), [], [{ planId: 4713 }], { credentialsHelper: first.credentialsHelper });
		expect(third.error).toBeUndefined();
		expect(emulator.tokensIssued).toBe(2);
	});
});

describe('Instellix: a plan with an active contract', () => {
	test('name and properties may change', async () => {
		const workflow = update({ properties: { set: [{ ident: 'sla', value: '99.95%' }] } });
		const result = await run(workflow, credential(), [rename(4713, 'Enterprise (2026)')]);
		expect(result.error).toBeUndefined();
		expect(emulator.plan(4713)).toMatchObject({ name: 'Enterprise (2026)', properties: [{ ident: 'sla', value: '99.95%' }] });
	});

	test('anything more is refused before the write, listing what may change and how the node knows', async () => {
		const before = emulator.plan(4713);
		const workflow = update({
			updateFields: { name: 'Enterprise (2026)', individualPlan: false },
			phaseChanges: { phase: [{ phase: 'main', termDuration: '24 months' }] },
		});
		const result = await run(workflow, credential(), [{ planId: 4713 }]);
		expect(result.error?.message).toBe(
			'Change refused for "individualPlan, phases.main.termDuration.value" in item 0: plan 4713 has an active contract, so Instellix only allows changing its name and properties',
		);
		expect(result.error?.description).toContain('only "Name" and "Properties" may change');
		expect(result.error?.description).toContain('"hasActiveContract" field of GET /v2/plans/4713');
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4713)).toEqual(before);
	});

	test('a no-op on a locked field is not a change', async () => {
		const workflow = update({ updateFields: { name: 'Enterprise (signed)', type: 'CUSTOMER' } });
		const result = await run(workflow, credential(), [{ planId: 4713 }]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(0);
	});

	test('when the plan read does not reveal the contract, Instellix\'s refusal is shown with the rule', async () => {
		emulator.activeContractSignal = 'hidden';
		const result = await run(wf('updatePhase'), credential(), [{ planId: 4713, phase: 'main', term: '24 months' }]);
		expect(result.error?.message).toBe(
			'Instellix returned 400 (item 0): Plan 4713 holds an active contract: only the name and the properties can be updated',
		);
		expect(result.error?.description).toContain('only accepts changes to its name and properties');
		expect(result.error?.description).toContain('phases: cannot be changed while the plan holds an active contract');
		expect(result.error?.description).toMatch(/Instellix error ID [0-9a-f-]{36}/);
		expect(phaseOf(4713, 'main').termDuration).toEqual({ value: 12, unit: 'MONTH' });
	});

	test('when Instellix silently ignores the change, the item fails instead of reporting it as done', async () => {
		emulator.activeContractSignal = 'hidden';
		emulator.activeContractEnforcement = 'ignore';
		const workflow = withNode(wf('updatePhase'), 'Instellix', { updateFields: { name: 'Enterprise (2026)' } });
		const result = await run(workflow, credential(), [{ planId: 4713, phase: 'main', term: '24 months' }]);
		expect(result.error?.message).toBe(
			'Change refused for "phases.main.termDuration.value" in item 0: Instellix answered the update of plan 4713 but kept the old value of these fields',
		);
		expect(result.error?.description).toContain('active contract');
		// What Instellix did take (the name) is in its state; the term is not.
		expect(emulator.plan(4713).name).toBe('Enterprise (2026)');
		expect(phaseOf(4713, 'main').termDuration).toEqual({ value: 12, unit: 'MONTH' });
	});
});

describe('Instellix: every validation rule is checked before anything is sent', () => {
	const longName = 'x'.repeat(256);
	test.each([
		['plan ID', wf('update'), { planId: 'pro-monthly', name: 'X' }, 'Invalid "Plan" in item 0: "pro-monthly" is not in the expected form'],
		['blank name', wf('update'), { planId: 4711, name: '   ' }, 'Invalid "Name" in item 0: it is blank'],
		['empty name', wf('update'), { planId: 4711, name: '' }, 'Invalid "Name" in item 0: it is empty'],
		['name over 255', wf('update'), { planId: 4711, name: longName }, 'Invalid "Name" in item 0: it is 256 characters long, more than the 255 allowed'],
		['property ident', wf('updateProperties'), { planId: 4711, propertyIdent: 'data volume', propertyValue: '1' }, 'Invalid "Properties: Property Key" in item 0: "data volume" is not in the expected form'],
		['property ident too long', wf('updateProperties'), { planId: 4711, propertyIdent: 'p'.repeat(101), propertyValue: '1' }, 'Invalid "Properties: Property Key" in item 0'],
		['property value', wf('updateProperties'), { planId: 4711, propertyIdent: 'users', propertyValue: '' }, 'Invalid "Properties: Value of "users"" in item 0: it is empty'],
		['phase ident', wf('updatePhase'), { planId: 4711, phase: 'main phase', term: '1 year' }, 'Invalid "Phase Changes 1: Phase" in item 0: "main phase" is not in the expected form'],
		['option ident', wf('updatePhase'), { planId: 4711, phase: 'main', addOptions: 'pro base' }, 'Invalid "Linked Options to Add of phase "main"" in item 0'],
		['next phase ident', wf('updatePhase'), { planId: 4711, phase: 'main', transition: 'nextPhase', nextPhase: 'trial/2' }, 'Invalid "Next Phase of phase "main"" in item 0'],
		['next phase missing', wf('updatePhase'), { planId: 4711, phase: 'main', transition: 'nextPhase' }, 'Invalid "Next Phase of phase "main"" in item 0: it is empty'],
		['duration', wf('updatePhase'), { planId: 4711, phase: 'main', term: 'twelve months' }, 'Invalid "Term Duration of phase "main"" in item 0: "twelve months" is not a duration'],
		['duration unit', wf('updatePhase'), { planId: 4711, phase: 'main', notice: '2 weeks' }, 'Invalid "Notice Period of phase "main"" in item 0: "2 weeks" is not a duration'],
		['end of month', wf('updatePhase'), { planId: 4711, phase: 'main', endOfMonth: 'maybe' }, 'Invalid "End of Month of phase "main"" in item 0'],
		['add and remove', wf('updatePhase'), { planId: 4711, phase: 'main', addOptions: 'setup-fee', removeOptions: 'setup-fee' }, 'is also in "Linked Options to Remove"'],
		['empty phase change', wf('updatePhase'), { planId: 4711, phase: 'main' }, 'Invalid "Phase Changes 1: Phase" in item 0: nothing is set to change on phase "main"'],
	])('%s', async (_name, workflow, item, message) => {
		const result = await run(workflow, credential(), [item]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toBeTruthy();
		expect(emulator.log).toHaveLength(0);
	});

	test.each([
		['segment ident', { updateFields: { businessSegmentIdent: 'emea west' } }, 'Invalid "Business Segment" in item 0: "emea west" is not in the expected form'],
		['initial phase ident', { updateFields: { initialPhase: 'main phase' } }, 'Invalid "Initial Phase" in item 0'],
		['type', { updateFields: { type: 'RESELLER' } }, 'Invalid "Type" in item 0: "RESELLER" is not one of the allowed values'],
		['nothing to change', { updateFields: {} }, 'Invalid "Update Fields" in item 0: nothing is set to change'],
		['bad transitions JSON', { updateFields: {}, phaseChanges: { phase: [{ phase: 'main', transition: 'custom', transitionsJson: '{"type": "AUTO_RENEWAL"}' }] } }, 'it is not an array of objects'],
		['property set twice', { updateFields: {}, properties: { set: [{ ident: 'a', value: '1' }, { ident: 'a', value: '2' }] } }, '"a" is set twice'],
		['property set and removed', { updateFields: {}, properties: { set: [{ ident: 'a', value: '1' }], remove: [{ ident: 'a' }] } }, '"a" is both set and removed'],
		['phase twice', { updateFields: {}, phaseChanges: { phase: [{ phase: 'main', name: 'A' }, { phase: 'main', name: 'B' }] } }, 'phase "main" appears twice'],
	])('%s', async (_name, parameters, message) => {
		const result = await run(update(parameters), credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toContain(message);
		expect(emulator.log).toHaveLength(0);
	});

	test('one bad item stops the run before any request when not continuing on fail', async () => {
		const result = await run(wf('update'), credential(), [rename(4711, 'Fine'), rename(4712, '  ')]);
		expect(result.error?.message).toContain('in item 1');
		expect(emulator.log).toHaveLength(0);
	});
});

describe('Instellix: an option lookup tells a missing option from a missing endpoint', () => {
	const addOption = (ident: string) => update({ updateFields: {}, phaseChanges: { phase: [{ phase: 'main', addLinkedOptions: ident }] } });

	test('an option Instellix does not know: its own "not found" answer names the option', async () => {
		const result = await run(addOption('ghost-option'), credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toBe('Change refused for "Linked Options to Add of phase "main"" in item 0: Instellix has no option "ghost-option" (GET /v2/billing/plan-options/ghost-option answered 404)');
		expect(result.error?.description).toContain('Option with ident ghost-option not found');
		expect(puts()).toHaveLength(0);
	});

	test.each([
		['Instellix\'s own "No endpoint" answer', 'global'],
		['a framework\'s 404 page ({ status: 404, error: "Not Found" })', 'spring'],
	] as const)('no option endpoint at that path (%s): every lookup says so, not "no option"', async (_name, body) => {
		emulator.optionEndpoint = false;
		emulator.routeNotFoundBody = body;
		const before = emulator.plan(4711);
		const added = await run(addOption('pro-seats'), credential(), [{ planId: 4711 }]);
		expect(added.error?.message).toBe(
			'Change refused for "Linked Options to Add of phase "main"" in item 0: the node could not look up option "pro-base": GET /v2/billing/plan-options/pro-base answered 404 with no Instellix answer about an option, so the option endpoint is not at that path on this Instellix; the options may well exist',
		);
		expect(added.error?.description).toContain('The option path is an assumption of this node (UNCONFIRMED)');
		expect(added.error?.message).not.toContain("Instellix has no option");
		const partner = await run(update({ updateFields: { type: 'PARTNER' } }), credential(), [{ planId: 4712 }]);
		expect(partner.error?.message).toMatch(/^Change refused for "Type" in item 0: the node could not look up option "pro-base": GET \/v2\/billing\/plan-options\/pro-base answered 404 with no Instellix answer about an option/);
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});
});

describe('Instellix: rules that need the current plan refuse the item before the write', () => {
	test.each([
		['initial phase names an existing phase', { updateFields: { initialPhase: 'intro' } }, 4711, 'Change refused for "Initial Phase" in item 0: plan 4711 has no phase "intro"; its phases are: trial, main'],
		['phase exists', { updateFields: {}, phaseChanges: { phase: [{ phase: 'intro', name: 'Intro' }] } }, 4711, 'Change refused for "Phase Changes 1: Phase" in item 0: plan 4711 has no phase "intro"; its phases are: trial, main'],
		['next phase exists', { updateFields: {}, phaseChanges: { phase: [{ phase: 'main', transition: 'nextPhase', nextPhase: 'renewal' }] } }, 4711, 'the next phase "renewal" is not a phase of plan 4711'],
		['PARTNER needs a COMMISSION option', { updateFields: { type: 'PARTNER' } }, 4711, 'Change refused for "Type" in item 0: a PARTNER plan must contain at least one COMMISSION option, and plan 4711 would contain none'],
		['CUSTOMER must not have one', { updateFields: { type: 'CUSTOMER' } }, 4712, 'Change refused for "Type" in item 0: a CUSTOMER plan cannot contain COMMISSION options, and plan 4712 would contain partner-commission'],
		['removing the last COMMISSION option of a PARTNER plan', { updateFields: {}, phaseChanges: { phase: [{ phase: 'main', removeLinkedOptions: 'partner-commission' }] } }, 4712, 'Change refused for "Linked Options" in item 0: a PARTNER plan must contain at least one COMMISSION option'],
		['a COMMISSION option on a CUSTOMER plan', { updateFields: {}, phaseChanges: { phase: [{ phase: 'main', addLinkedOptions: 'reseller-bonus' }] } }, 4711, 'a CUSTOMER plan cannot contain COMMISSION options, and plan 4711 would contain reseller-bonus'],
		['linked options exist', { updateFields: {}, phaseChanges: { phase: [{ phase: 'main', addLinkedOptions: 'ghost-option' }] } }, 4711, 'Instellix has no option "ghost-option" (GET /v2/billing/plan-options/ghost-option answered 404)'],
	])('%s', async (_name, parameters, planId, message) => {
		const before = emulator.plan(planId);
		const result = await run(update(parameters), credential(), [{ planId }]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toBeTruthy();
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(planId)).toEqual(before);
	});

	test.each([
		['a custom transition naming its phase in nextPhase', '[{"type": "NEXT_PHASE", "nextPhase": "renewal"}]'],
		['a custom transition naming its phase in targetPhaseIdent', '[{"type": "ITERATION", "iterations": 2}, {"type": "NEXT_PHASE", "targetPhaseIdent": "renewal"}]'],
	])('the next phase of %s must exist too', async (_name, transitionsJson) => {
		const before = emulator.plan(4711);
		const result = await run(update({ updateFields: {}, phaseChanges: { phase: [{ phase: 'main', transition: 'custom', transitionsJson }] } }), credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toBe('Change refused for "Transition of phase "main"" in item 0: the next phase "renewal" is not a phase of plan 4711; its phases are: trial, main');
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
	});

	test('at least one phase', async () => {
		emulator.addPlan({ id: 4790, name: 'Broken', businessSegmentIdent: 'default', phases: [], type: null });
		const result = await run(wf('update'), credential(), [rename(4790, 'Fixed')]);
		expect(result.error?.message).toBe(
			'Change refused for "Plan" in item 0: plan 4790 has no phases, and Instellix needs at least one phase in every update',
		);
		expect(puts()).toHaveLength(0);
	});

	test('a refused item does not stop the other items of the same plan', async () => {
		const workflow = update({ updateFields: { name: '={{ $json.name }}', initialPhase: '={{ $json.initial }}' } }, { onError: 'continueRegularOutput' });
		const result = await run(workflow, credential(), [
			{ planId: 4711, name: 'First', initial: 'main' },
			{ planId: 4711, name: 'Second', initial: 'intro' },
		]);
		const out = jsonOf(result.output('Instellix'));
		expect(out[0]).toMatchObject({ name: 'First', initialPhase: 'main', outcome: 'updated' });
		expect(out[1].error).toContain('has no phase "intro"');
		expect(emulator.plan(4711)).toMatchObject({ name: 'First', initialPhase: 'main' });
	});
});

describe('Instellix: continue on fail', () => {
	test('one error item per failed input, the others processed', async () => {
		const workflow = withNode(wf('update'), 'Instellix', {}, { onError: 'continueRegularOutput' });
		const result = await run(workflow, credential(), [
			rename(4711, 'Renamed'),
			rename(4712, ''),
			rename(999, 'Nobody'),
			{ planId: 'abc', name: 'X' },
			rename(4713, 'Enterprise (renamed)'),
		]);
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output('Instellix'));
		expect(out).toHaveLength(5);
		expect(out[0].outcome).toBe('updated');
		expect(out[1].error).toBe('Invalid "Name" in item 1: it is empty');
		expect(out[2].error).toBe('Instellix returned 404 (item 2): Plan with id 999 not found');
		expect(out[2].details).toMatchObject({ httpCode: '404', itemIndex: 2 });
		expect(out[3].error).toContain('Invalid "Plan" in item 3');
		expect(out[4].outcome).toBe('updated');
		expect(emulator.plan(4711).name).toBe('Renamed');
		expect(emulator.plan(4713).name).toBe('Enterprise (renamed)');
		expect(emulator.plan(4712).name).toBe('Partner Reseller');
		expect(result.output('Instellix').map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	test('"Continue (using error output)" routes failed items to the error output', async () => {
		const workflow = withNode(wf('update'), 'Instellix', { updateFields: { type: 'PARTNER' } }, { onError: 'continueErrorOutput' });
		const result = await run(workflow, credential(), [{ planId: 4712 }, { planId: 4711 }]);
		const main = result.run.data.resultData.runData.Instellix[0].data!.main;
		expect(main[0]).toHaveLength(1);
		expect(main[1]).toHaveLength(1);
		expect(main[1]![0].json.error).toContain('a PARTNER plan must contain at least one COMMISSION option');
	});
});

describe('Instellix: Dry Run', () => {
	test('returns the changes and the exact PUT, and sends no write', async () => {
		const before = emulator.plan(4711);
		const workflow = withNode(wf('updatePhase'), 'Instellix', { options: { dryRun: true } });
		const result = await run(workflow, credential(), [{ planId: 4711, phase: 'trial', term: '30 days' }]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(0);
		expect(emulator.plan(4711)).toEqual(before);
		const [out] = jsonOf(result.output('Instellix'));
		expect(out.outcome).toBe('dryRun');
		expect(out.changes).toEqual([{ field: 'phases.trial.termDuration.value', from: 14, to: 30 }]);
		const writable = documented4711(before);
		(writable.phases as Json[])[0].termDuration = { value: 30, unit: 'DAY' };
		expect(out.request).toEqual([{ method: 'PUT', url: `${emulator.baseUrl}/v2/plans/4711`, body: writable }]);
		expect(JSON.stringify(out)).not.toMatch(/Bearer|Basic|isx_at_/);
	});
});

describe('Instellix: provider errors and retries', () => {
	test('a validation error keeps Instellix\'s message and lists the field errors', async () => {
		const workflow = update({ updateFields: { businessSegmentIdent: 'nowhere' } });
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toBe('Instellix returned 400 (item 0): Validation failed');
		expect(result.error?.description).toContain('Details: businessSegmentIdent: business segment not found (rejected value "nowhere")');
		expect(result.error?.description).toMatch(/Instellix error ID [0-9a-f-]{36} \(quote it to Instellix support\)/);
		expect(result.error?.description).toContain('Request: PUT /v2/plans/4711');
		expect(result.error?.description).toContain('Instellix refused the value of "Business Segment" (businessSegmentIdent).');
		expect(emulator.plan(4711).businessSegmentIdent).toBe('default');
	});

	// Issue 23: "the details name the field" was said when no detail named one.
	test.each([
		['400 with a message and no field errors', 'message400' as const, 400],
		['404 (the segment, not the plan, is missing)', 'message404' as const, 404],
	])('an unknown business segment refused with %s: the error names the field', async (_name, style, status) => {
		emulator.unknownSegment = style;
		const workflow = update({ updateFields: { businessSegmentIdent: 'nowhere' } });
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toBe(`Instellix returned ${status} (item 0): Business segment with ident nowhere not found`);
		expect(result.error?.description).toContain('Instellix refused the value of "Business Segment".');
		expect(result.error?.description).not.toMatch(/details name the field|no plan with this ID/);
		expect(emulator.plan(4711).businessSegmentIdent).toBe('default');
	});

	test('a refusal that names no field says so instead of pointing at details that are not there', async () => {
		emulator.injectFault({ method: 'PUT', path: '/v2/plans/4711', status: 400, times: 1, body: { status: 'BAD_REQUEST', message: 'Request could not be processed', errors: null } });
		const result = await run(wf('update'), credential(), [rename(4711, 'Pro Monthly (2026)')]);
		expect(result.error?.message).toBe('Instellix returned 400 (item 0): Request could not be processed');
		expect(result.error?.description).toContain('Instellix refused a value of the plan without naming the field.');
	});

	test('403 for an API client without the right scope', async () => {
		const reader = credential({ clientId: INSTELLIX_CLIENTS.reader.clientId, clientSecret: INSTELLIX_CLIENTS.reader.clientSecret });
		const result = await run(wf('update'), reader, [rename(4711, 'No')]);
		expect(result.error?.message).toBe('Instellix returned 403 (item 0): Access Denied');
		expect(result.error?.description).toContain('scopes or roles');
		expect(emulator.plan(4711).name).toBe('Pro Monthly (2025)');
	});

	test('a 401 that survives a fresh sign-in keeps Instellix\'s message and says how to fix it', async () => {
		const body = { status: 'UNAUTHORIZED', message: 'Access token expired', uuid: '11111111-2222-3333-4444-555555555555', errors: [] };
		emulator.injectFault({ method: 'GET', path: '/v2/plans/4711', status: 401, times: 2, body });
		const result = await run(wf('get'), credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toBe('Instellix returned 401 (item 0): Access token expired');
		expect(result.error?.description).toContain('even after signing in again');
		// Signed in, refused, signed in again (n8n), refused again: no loop.
		expect(emulator.tokensIssued).toBe(2);
		expect(apiLog()).toHaveLength(2);
	});

	test('a wrong client secret fails the sign-in with Instellix\'s words and no secret', async () => {
		const wrong = 'isxWRONG_secret_123456789';
		const result = await run(wf('get'), credential({ clientSecret: wrong }), [{ planId: 4711 }]);
		expect(result.error?.message).toContain('Instellix login failed (HTTP 401): Invalid client or Invalid client credentials - invalid_client. Check the client ID, client secret and realm');
		expect(result.error?.description).toContain('"Instellix API" credential');
		expect(apiLog()).toHaveLength(0);
		expectNoSecrets(result, [wrong, Buffer.from(`${INSTELLIX_CLIENTS.admin.clientId}:${wrong}`).toString('base64')]);
	});

	test('a wrong realm says so', async () => {
		const result = await run(wf('get'), credential({ realm: 'acme-typo' }), [{ planId: 4711 }]);
		expect(result.error?.message).toContain('Instellix login failed (HTTP 404): Realm "acme-typo" does not exist - invalid_realm. Check the realm and the environment or base URL');
		expect(result.error?.message).toContain('Check the realm');
	});

	test('an unreachable host is reported as such', async () => {
		const result = await run(wf('get'), credential({ baseUrl: 'http://127.0.0.1:9' }), [{ planId: 4711 }]);
		expect(result.error?.message).toBe('Instellix request failed (item 0): Instellix login failed: could not reach http://127.0.0.1:9/acme/oauth2/token (the connection was refused). Check the environment or base URL in the "Instellix API" credential.');
		expect(result.error?.description).toContain('"Instellix API" credential');
	});

	test('503 on the read and 502 on the PUT are retried (a whole-plan PUT is safe to repeat)', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/plans/4711', status: 503, body: { status: 'SERVICE_UNAVAILABLE', message: 'Down for maintenance' } });
		emulator.injectFault({ method: 'PUT', status: 502, body: 'Bad Gateway' });
		const result = await run(wf('update'), credential(), [rename(4711, 'Retried')]);
		expect(result.error).toBeUndefined();
		// …and the read that confirms the write.
		expect(apiLog().map((r) => `${r.method} ${r.status}`)).toEqual(['GET 503', 'GET 200', 'PUT 502', 'PUT 200', 'GET 200']);
		expect(emulator.plan(4711).name).toBe('Retried');
	});

	test('a connection dropped after the PUT landed is retried without harm', async () => {
		const before = emulator.plan(4711);
		emulator.injectFault({ method: 'PUT', dropConnection: true, applyFirst: true });
		const result = await run(wf('update'), credential(), [rename(4711, 'Landed')]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(2);
		expect(rest(emulator.plan(4711), { top: ['name'] })).toBe(rest(before, { top: ['name'] }));
	});

	test('gives up after Max Retries with the provider status and message', async () => {
		emulator.injectFault({ method: 'GET', status: 503, times: 10, body: { status: 'SERVICE_UNAVAILABLE', message: 'Down for maintenance' } });
		const workflow = withNode(wf('get'), 'Instellix', { options: { maxRetries: 1 } });
		const result = await run(workflow, credential(), [{ planId: 4711 }]);
		expect(result.error?.message).toBe('Instellix returned 503 (item 0): Down for maintenance');
		expect(apiLog()).toHaveLength(2);
	});
});

describe('Instellix: secrets', () => {
	test('no client secret, Basic credential or token in outputs, errors, dry runs or logs', async () => {
		const secret = INSTELLIX_CLIENTS.admin.clientSecret;
		const dry = await run(withNode(wf('update'), 'Instellix', { options: { dryRun: true } }), credential(), [rename(4711, 'Dry')]);
		const token = [...emulator.tokens.keys()][0];
		expectNoSecrets(dry, [secret, basic, token]);

		emulator.injectFault({
			method: 'GET',
			status: 500,
			times: 20,
			body: { status: 'INTERNAL_SERVER_ERROR', message: `upstream said: Authorization: Bearer ${token}; client_secret=${secret}` },
		});
		const failed = await run(withNode(wf('get'), 'Instellix', { options: { maxRetries: 0 } }), credential(), [{ planId: 4711 }]);
		expect(failed.error?.message).toMatch(/^Instellix returned 500 \(item 0\): upstream said: Authorization: Bearer \[redacted\]; client_secret=\[redacted\]$/);
		expect(failed.logs.join('\n')).toContain('Instellix returned 500');
		expectNoSecrets(failed, [secret, basic, ...emulator.tokens.keys()]);

		const continued = await run(withNode(wf('get'), 'Instellix', { options: { maxRetries: 0 } }, { onError: 'continueRegularOutput' }), credential(), [{ planId: 4711 }]);
		expect(jsonOf(continued.output('Instellix'))[0].error).toContain('[redacted]');
		expectNoSecrets(continued, [secret, basic, ...emulator.tokens.keys()]);
	});
});

describe('Instellix: a raw token echoed by Instellix', () => {
	test('is redacted even without a "Bearer" in front of it', async () => {
		const first = await run(wf('get'), credential(), [{ planId: 4711 }]);
		const token = first.credentialsHelper.store.get('instellix')!.data.accessToken as string;
		expect(token).toMatch(/^isx_at_/);
		emulator.injectFault({ method: 'GET', status: 400, body: { status: 'BAD_REQUEST', message: `token ${token} is not valid for plan 4712` } });
		const echoed = await run(wf('get'), [], [{ planId: 4712 }], { credentialsHelper: first.credentialsHelper });
		expect(echoed.error?.message).toBe('Instellix returned 400 (item 0): token [redacted] is not valid for plan 4712');
		expectNoSecrets(echoed, [token]);
	});
});

describe('Instellix: plan list, phase options and credential test', () => {
	test('"From list" pages through the plans and filters them', async () => {
		const [cred] = credential();
		const first = await listSearch('instellix', 'searchPlans', cred);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Pro Monthly (2025) (ID 4711)', value: '4711' });
		expect(first.results[5]).toEqual({ name: 'Bulk plan 000 (bulk-000, ID 6000)', value: '6000' });
		expect(first.paginationToken).toBe('1');
		const second = await listSearch('instellix', 'searchPlans', cred, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(emulator.plans.size - 100);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await listSearch('instellix', 'searchPlans', cred, 'bulk plan 12');
		expect(filtered.results.map((r) => r.value)).toEqual([...Array.from({ length: 10 }, (_, i) => String(6120 + i))]);
		expect(filtered.paginationToken).toBeUndefined();
		const byId = await listSearch('instellix', 'searchPlans', cred, '4713');
		expect(byId.results).toEqual([{ name: 'Enterprise (signed) (ID 4713)', value: '4713' }]);
	});

	test('the phase options come from the chosen plan', async () => {
		const [cred] = credential();
		const phases = async (parameters: INodeParameters) =>
			await loadOptions('instellix', 'getPhases', cred, { parameters, path: 'parameters.initialPhase' });

		expect(await phases({ resource: 'plan', operation: 'update', plan: { __rl: true, mode: 'id', value: '4711' } })).toEqual([
			{ name: 'Free trial (trial)', value: 'trial' },
			{ name: 'Main phase (main)', value: 'main' },
		]);
		expect(await phases({ resource: 'plan', operation: 'update', plan: { __rl: true, mode: 'list', value: '' } })).toEqual([]);
	});

	test('the credential test signs in and reads one plan; a wrong secret fails cleanly', async () => {
		const [cred] = credential();
		expect(await testCredential('instellix', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests('GET', '/v2/plans').map((r) => r.query)).toEqual([{ page: '0', size: '1' }]);
		const bad = await testCredential('instellix', { ...cred, data: { ...cred.data, clientSecret: 'wrong-secret-1234' } });
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('Instellix login failed (HTTP 401)');
		expect(bad.message).not.toContain('wrong-secret-1234');
		const realm = await testCredential('instellix', { ...cred, data: { ...cred.data, realm: 'nope' } });
		expect(realm.message).toContain('Realm "nope" does not exist');
	});

	test('the base URL may be given with a trailing slash or /v2', async () => {
		const [cred] = credential({ baseUrl: `${emulator.baseUrl}/v2/` });
		expect(await testCredential('instellix', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const result = await run(wf('get'), [cred], [{ planId: 4711 }]);
		expect(result.error).toBeUndefined();
	});
});
