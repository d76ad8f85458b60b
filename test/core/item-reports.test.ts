// What one item's report says within one execution: `changes` lists what changed at the provider for that
// item, `from` is the value the provider had, and an item that fails after a write lists what of it landed.
import { BV_IDS, BV_TOKENS, BlendVisionOneEmulator } from '../blendvision-one/emulator';
import { InstellixEmulator } from '../instellix/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const instellix = useEmulator(new InstellixEmulator());
const bv = useEmulator(new BlendVisionOneEmulator());
const instellixCredential = (): StoredCredential[] => [{ ...instellix.credential(), id: 'instellix', name: 'Instellix account' }];
const bvCredential = (): StoredCredential[] => {
	const { type, data } = bv.credential();
	return [{ id: 'blendvision', name: 'BlendVision One account', type, data: { ...data, apiToken: BV_TOKENS.owner, orgId: BV_IDS.org } }];
};
const instellixWf = (name: string) => workflowFrom(`${__dirname}/../instellix`, name);

test('two items rename a plan and rename it back: nothing is written, and neither item lists a change', async () => {
	const before = instellix.plan(4711);
	const result = await run(instellixWf('update'), instellixCredential(), [
		{ planId: 4711, name: 'Pro Monthly (2026)' },
		{ planId: 4711, name: before.name as string },
	]);
	expect(result.error).toBeUndefined();
	expect(instellix.requests('PUT')).toHaveLength(0);
	expect(instellix.plan(4711)).toEqual(before);
	const outputs = jsonOf(result.output('Instellix'));
	expect(outputs.map((o) => [o.outcome, o.changes])).toEqual([
		['unchanged', []],
		['unchanged', []],
	]);
});

test('two items on one plan, the second sets back the first\'s name and changes a property: each lists only what changed at the provider', async () => {
	const before = instellix.plan(4711);
	const props = withNode(instellixWf('update'), 'Instellix', { properties: { set: [{ ident: '={{ $json.ident }}', value: '={{ $json.value }}' }] } });
	const result = await run(props, instellixCredential(), [
		{ planId: 4711, name: 'Pro Monthly (2026)', ident: 'crm_deal', value: 'D-1' },
		{ planId: 4711, name: before.name as string, ident: 'crm_deal', value: 'D-2' },
	]);
	expect(result.error).toBeUndefined();
	expect(instellix.plan(4711).name).toBe(before.name);
	const [first, second] = jsonOf(result.output('Instellix'));
	const fields = (o: typeof first) => (o.changes as Array<{ field: string }>).map((c) => c.field);
	expect(fields(first).some((f) => f === 'name')).toBe(false);
	expect(fields(second).some((f) => f === 'name')).toBe(false);
	expect(second.outcome).toBe('updated');
});

test('BlendVision One: a billing cycle the provider holds as 0 is reported from 0, as Get shows it', async () => {
	const bvWf = (name: string) => workflowFrom(`${__dirname}/../blendvision-one`, name);
	// BlendVision One (proto3 JSON) may send zero values: the record as Get and the update's read receive it.
	const path = `/bv/org/v1/sub-orgs/${BV_IDS.beta}`;
	await run(bvWf('get'), bvCredential(), [{ id: BV_IDS.beta }]);
	const { headers } = bv.requests('GET', path)[0];
	const answer = (await (await fetch(`${bv.baseUrl}${path}`, { headers: headers as Record<string, string> })).json()) as { organization: object };
	bv.injectFault({ method: 'GET', path, status: 200, body: { ...answer, organization: { ...answer.organization, billing_cycle: 0 } }, times: 2 });
	const get = await run(bvWf('get'), bvCredential(), [{ id: BV_IDS.beta }]);
	expect(jsonOf(get.output('BlendVision One'))[0].billing_cycle).toBe(0);
	const result = await run(bvWf('update'), bvCredential(), [{ id: BV_IDS.beta, billingCycle: 3 }]);
	expect(result.error).toBeUndefined();
	expect(bv.subOrg(BV_IDS.beta).billing_cycle).toBe(3);
	const [out] = jsonOf(result.output('BlendVision One'));
	expect(out.changes).toEqual([{ field: 'billing_cycle', from: 0, to: 3 }]);
});

describe('a provider that applies part of a write and ignores the rest (an Instellix plan with an active contract)', () => {
	const setUp = () => {
		instellix.activeContractSignal = 'hidden';
		instellix.activeContractEnforcement = 'ignore';
	};
	const phaseAndName = (settings = {}) =>
		withNode(instellixWf('updatePhase'), 'Instellix', { updateFields: { name: 'Enterprise (2026)' } }, settings as never);

	test('the item fails, and its error says that the name was saved', async () => {
		setUp();
		const result = await run(phaseAndName(), instellixCredential(), [{ planId: 4713, phase: 'main', term: '24 months' }]);
		expect(result.error?.message).toMatch(/^Change refused for "phases.main.termDuration.value" in item 0/);
		expect(instellix.plan(4713).name).toBe('Enterprise (2026)');
		expect(result.error?.description).toMatch(/Saved nevertheless: name \(from "[^"]+" to "Enterprise \(2026\)"\)/);
	});

	test('with Continue on Fail the error item lists the change that landed, and only that', async () => {
		setUp();
		const before = instellix.plan(4713).name;
		const result = await run(phaseAndName({ onError: 'continueRegularOutput' }), instellixCredential(), [{ planId: 4713, phase: 'main', term: '24 months' }]);
		const [item] = jsonOf(result.output('Instellix'));
		expect(item.error).toMatch(/^Change refused for "phases.main.termDuration.value" in item 0/);
		expect((item.details as { changes: unknown }).changes).toEqual([{ field: 'name', from: before, to: 'Enterprise (2026)' }]);
	});
});
