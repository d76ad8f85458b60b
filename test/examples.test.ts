// The example workflows shipped in examples/ (imported by `npm start`, and by users) run against the
// emulators and change what they say they change. The end-to-end suite runs the same files in a real n8n.
import path from 'node:path';

import type { Emulator } from './support/emulator';
import { EMULATOR_CREDENTIAL_IDS, createEmulators } from './support/emulators';
import type { StoredCredential } from './support/harness/credentials';
import { loadWorkflow } from './support/harness/run';
import { expectNoSecrets, jsonOf, run } from './support/helpers';
import { EXAMPLE_CASES, type ExampleEmulators, crmPayload, expectCrmApplied } from './examples.cases';

const emulators = createEmulators({ customers: 20 }) as unknown as ExampleEmulators;
const all = Object.values(emulators);

beforeAll(async () => {
	for (const emulator of all) await emulator.start();
});
beforeEach(() => all.forEach((e) => e.resetAll()));
afterAll(async () => {
	await Promise.all(all.map((e) => e.stop()));
});

function credentials(): StoredCredential[] {
	return Object.entries(emulators).map(([key, emulator]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...emulator.credential() }));
}

const file = (name: string) => loadWorkflow(path.join(__dirname, '..', 'examples', name));

test.each(EXAMPLE_CASES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
	const result = await run(file(c.file), credentials());
	expect(result.error).toBeUndefined();
	c.check(emulators, jsonOf(result.output(c.node)));
	expectNoSecrets(result, all.flatMap((e) => e.secrets()));
});

describe('crm-deal-won.json: the answer the CRM gets', () => {
	const PROVIDERS = ['partoo', 'blendVisionOne', 'elasticPath', 'commvault', 'instellix'];
	const answerTo = async (payload: ReturnType<typeof crmPayload>) => {
		const result = await run(file('crm-deal-won.json'), credentials(), [payload]);
		expect(result.error).toBeUndefined();
		expectNoSecrets(result, all.flatMap((e) => e.secrets()));
		return result.response!;
	};

	test('every provider applied: 200 with each provider\'s outcome and changes', async () => {
		const { statusCode, body } = await answerTo(crmPayload(0));
		expectCrmApplied(emulators, 0);
		expect(statusCode).toBe(200);
		expect(body).toMatchObject({ result: 'applied', deal: 'deal-000' });
		const providers = body.providers as Record<string, { outcome: string; changes: Array<{ field: string }> }>;
		expect(Object.keys(providers)).toEqual(PROVIDERS);
		for (const key of PROVIDERS) expect(providers[key].outcome).toBe('updated');
		expect(providers.partoo.changes.map((c) => c.field)).toEqual(['plans.webhooks', 'plans.booking_links']);
		expect(providers.commvault.changes).toEqual([{ field: 'plans', from: ['Server Gold'], to: ['Cloud Archive', 'Server Gold'] }]);
		expect(providers.instellix.changes).toEqual([{ field: 'properties.crm_deal', from: null, to: { value: 'deal-000' } }]);
	});

	test('a provider failing after others were changed: 502 naming it, its reason, what was applied and what did not run', async () => {
		emulators.commvault.injectFault({ path: /\/Organization\//, status: 503, times: 20, headers: { 'retry-after': '0' }, body: 'Service Unavailable' });
		const { statusCode, body } = await answerTo(crmPayload(1));
		expect(statusCode).toBe(502);
		expect(body).toMatchObject({ result: 'failed', deal: 'deal-001', failed: { provider: 'commvault', httpCode: '503' }, notRun: ['instellix'] });
		expect((body.failed as { error: string }).error).toMatch(/^Commvault returned 503/);
		const applied = body.applied as Record<string, { outcome: string; changes: unknown[] }>;
		expect(Object.keys(applied)).toEqual(['partoo', 'blendVisionOne', 'elasticPath']);
		for (const key of Object.keys(applied)) expect(applied[key]).toMatchObject({ outcome: 'updated', changes: expect.arrayContaining([expect.anything()]) });
		// What the answer says matches the providers: the first three changed, Commvault and Instellix did not.
		const c = crmPayload(1).body.customer;
		expect(emulators.partoo.plans(c.partooOrgId).map((p) => p.name)).toContain('webhooks');
		expect(emulators.commvault.org(c.commvaultOrgId).plans).toEqual(['Server Gold']);
		expect(emulators.instellix.requests('PUT')).toEqual([]);
	});

	test('as n8n 1.x runs it (a failed item stays on the success output): still 502 naming the provider, never 200', async () => {
		// n8n 1.x moves an item to the error output only when its json is { error } or { error, message }; ours
		// also carries `details`, so there the failed item goes on, as "Continue (using regular output)" does here.
		const workflow = file('crm-deal-won.json');
		for (const node of workflow.nodes) if (node.onError === 'continueErrorOutput') node.onError = 'continueRegularOutput';
		emulators.commvault.injectFault({ path: /\/Organization\//, status: 503, times: 20, headers: { 'retry-after': '0' }, body: 'Service Unavailable' });
		const result = await run(workflow, credentials(), [crmPayload(1)]);
		expect(result.error).toBeUndefined();
		const { statusCode, body } = result.response!;
		expect(statusCode).toBe(502);
		expect(body).toMatchObject({ result: 'failed', deal: 'deal-001', failed: { provider: 'commvault', httpCode: '503' } });
		// Instellix ran after the failure (as in n8n 1.x), and the answer says it was applied.
		expect(Object.keys(body.applied as object)).toEqual(['partoo', 'blendVisionOne', 'elasticPath', 'instellix']);
		expect(emulators.instellix.requests('PUT')).toHaveLength(1);
	});

	test('a deal the node refuses (a plan Partoo does not have): 422 naming the field and the fix, nothing sent anywhere', async () => {
		const payload = crmPayload(2);
		payload.body.deal.partooPlans = ['premium_gold'];
		const { statusCode, body } = await answerTo(payload);
		expect(statusCode).toBe(422);
		expect(body).toMatchObject({
			result: 'failed',
			failed: { provider: 'partoo', error: 'Invalid "Plans" in item 0: "premium_gold" is not valid' },
			applied: {},
			notRun: ['blendVisionOne', 'elasticPath', 'commvault', 'instellix'],
		});
		expect((body.failed as { description: string }).description).toContain('booking_links');
		for (const e of all as Emulator[]) expect(e.requests().filter((r) => r.method !== 'GET' && !/login|token|oauth/i.test(r.path))).toEqual([]);
	});

	test('a call without a deal: 422 naming the first field it needs, and the answer still names the call', async () => {
		const payload = crmPayload(4);
		delete (payload.body as { deal?: unknown }).deal;
		const { statusCode, body } = await answerTo(payload);
		expect(statusCode).toBe(422);
		expect(body).toMatchObject({ result: 'failed', failed: { provider: 'partoo', error: expect.stringMatching(/^Invalid "Plans" in item 0/) }, applied: {} });
	});

	test('an ID the provider does not know (BlendVision One answers 404): 422, with Partoo\'s change reported as applied', async () => {
		const payload = crmPayload(3);
		payload.body.customer.blendVisionSubOrgId = 'ffffffff-0000-4000-8000-000000000000';
		const { statusCode, body } = await answerTo(payload);
		expect(statusCode).toBe(422);
		expect(body).toMatchObject({ failed: { provider: 'blendVisionOne', httpCode: '404' }, applied: { partoo: { outcome: 'updated' } } });
		expect(body.notRun).toEqual(['elasticPath', 'commvault', 'instellix']);
	});
});

test('crm-deal-won.json changes the customer everywhere from one webhook call', async () => {
	const result = await run(file('crm-deal-won.json'), credentials(), [crmPayload(0)]);
	expect(result.error).toBeUndefined();
	const out = jsonOf(result.output('Instellix Plan'));
	expect(out).toHaveLength(1);
	expectCrmApplied(emulators, 0);
});

