// n8n reads a node's credential again for every request a node sends through httpRequestWithAuthentication
// (in a real n8n: a database query, decryption, defaults and expressions), unless the node hands it the
// credential it already holds. The transport reads it once per execution (and once more at the end, to
// redact a token fetched during the run) and hands it over (issue 17: what a node can avoid of n8n's
// per-request CPU). A token n8n fetches or refreshes on the way still reaches the later requests.
import { BlendVisionOneEmulator } from '../blendvision-one/emulator';
import { stored } from '../drivers/requests';
import { InstellixEmulator } from '../instellix/emulator';
import { customer, individualPlan, seedCustomersOf } from '../support/customers';
import { TestCredentialsHelper } from '../support/harness/credentials';
import { loadWorkflow } from '../support/harness/run';
import { jsonOf, run, useEmulator, withNode } from '../support/helpers';

const instellix = useEmulator(new InstellixEmulator());
const workflow = withNode(loadWorkflow(`${__dirname}/../instellix/workflows/updateProperties.json`), 'Instellix', {
	options: { concurrency: 4 },
});
const items = Array.from({ length: 12 }, (_, n) => ({ planId: 700_000 + n, propertyIdent: 'crm_deal', propertyValue: `deal-${n}` }));

beforeEach(() => {
	for (const [n, item] of items.entries()) instellix.addPlan(individualPlan(item.planId, `Business Monthly ${n}`));
});

/** Counts the reads of a credential (the Instellix one unless named) n8n makes for the node (the harness's helper stands in for n8n's). */
async function withReadsCounted<T>(body: () => Promise<T>, type = 'instellixApi'): Promise<{ result: T; reads: number }> {
	const spy = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
	try {
		const result = await body();
		return { result, reads: spy.mock.calls.filter((call) => call[2] === type).length };
	} finally {
		spy.mockRestore();
	}
}

describe('the credential is read once per execution, not once per request', () => {
	test('12 updates, 37 requests: the credential read twice', async () => {
		const { result, reads } = await withReadsCounted(async () => await run(workflow, stored(instellix, 'instellix'), items));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('Instellix')).map((o) => o.outcome)).toEqual(items.map(() => 'updated'));
		// One token, then a read, a write and a confirming read per item.
		expect(instellix.log.length).toBe(1 + 3 * items.length);
		expect(reads).toBe(2);
	});

	test('a token that expires mid-run is fetched again and sent by the later requests', async () => {
		instellix.expireTokensAfter(10);
		const { result, reads } = await withReadsCounted(async () => await run(workflow, stored(instellix, 'instellix'), items));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('Instellix')).map((o) => o.outcome)).toEqual(items.map(() => 'updated'));
		for (const item of items) expect(instellix.plans.get(item.planId)?.properties).toContainEqual({ ident: 'crm_deal', value: item.propertyValue });
		// The requests in flight when it expired (at most Concurrency) each met a 401 and signed in again; after
		// that every request used the new token: no 401 among the last half of the requests.
		const unauthorized = instellix.log.filter((r) => r.status === 401).length;
		expect(unauthorized).toBeGreaterThan(0);
		expect(unauthorized).toBeLessThanOrEqual(4);
		expect(instellix.log.slice(-18).filter((r) => r.status === 401)).toEqual([]);
		expect(reads).toBe(2);
	});
});

describe('BlendVision One: the organization the credential acts for is read once per execution', () => {
	const blendVisionOne = useEmulator(new BlendVisionOneEmulator());
	const bvWorkflow = withNode(loadWorkflow(`${__dirname}/../blendvision-one/workflows/update.json`), 'BlendVision One', {
		options: { concurrency: 4 },
	});
	const customers = Array.from({ length: 12 }, (_, n) => customer(n));

	test('12 sub-organizations updated: the credential read twice, not once more per sub-organization', async () => {
		seedCustomersOf.blendVisionOne(blendVisionOne, customers.length);
		const deals = customers.map((c) => ({ id: c.blendVisionSubOrgId, description: `${c.name}: Business Annual from 2027-01-01` }));
		const { result, reads } = await withReadsCounted(async () => await run(bvWorkflow, stored(blendVisionOne, 'blendvision'), deals), 'blendVisionOneApi');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('BlendVision One')).map((o) => o.outcome)).toEqual(deals.map(() => 'updated'));
		for (const deal of deals) expect(blendVisionOne.subOrgs.get(deal.id)?.description).toBe(deal.description);
		expect(reads).toBe(2);
	});
});
