// Requests per single-item update, counted in the emulators' logs (issue 17): no more than a careful
// hand-built workflow needs to lose nothing, plus the confirming read where a concurrent writer elsewhere
// could undo the write (Confirm Write, on by default; off here and there to show what it costs). Counted in a
// process that has run the node before (a later webhook call): facts shared by the executions of a process
// (plans an organization can assign, a store's currencies and API version) are already known. Sign-in
// requests (tokens, Commvault's Login) are not counted: n8n keeps the session between executions.
import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BV_TOKENS, BlendVisionOneEmulator } from '../emulators/blendvision-one';
import type { Emulator } from '../emulators/base';
import { CommvaultEmulator } from '../emulators/commvault';
import { EP_IDS, ElasticPathEmulator } from '../emulators/elastic-path';
import { InstellixEmulator } from '../emulators/instellix';
import { PartooEmulator } from '../emulators/partoo';
import type { StoredCredential, TestCredentialsHelper } from '../harness/credentials';
import type { WorkflowJson } from '../harness/run';
import { run, useEmulator, withNode, workflowFrom } from '../helpers';
import { atOnce } from '../concurrency/history';

const partoo = useEmulator(new PartooEmulator());
const bv = useEmulator(new BlendVisionOneEmulator());
const ep = useEmulator(new ElasticPathEmulator());
const commvault = useEmulator(new CommvaultEmulator());
const instellix = useEmulator(new InstellixEmulator());

const wf = (provider: string, name: string) => workflowFrom(`${__dirname}/../${provider}`, name);
const stored = (e: Emulator, id: string, extra: IDataObject = {}): StoredCredential[] => {
	const { type, name, data } = e.credential();
	return [{ id, name, type, data: { ...data, ...extra } as never }];
};
const SIGN_IN = /\/oauth\/access_token$|\/oauth2\/token$|\/Login$/;

/**
 * The requests one execution sends for one item, after a first execution in the same process (as a later
 * webhook call of a running n8n): `warm` and `measured` are each one item.
 */
async function requestsOf(e: Emulator, workflow: WorkflowJson, credentials: StoredCredential[], warm: IDataObject, measured: IDataObject): Promise<string[]> {
	const first = await run(workflow, credentials, [warm]);
	expect(first.error).toBeUndefined();
	e.log.length = 0;
	const second = await run(workflow, credentials, [measured], { credentialsHelper: first.credentialsHelper as TestCredentialsHelper });
	expect(second.error).toBeUndefined();
	return e.log.filter((r) => !SIGN_IN.test(r.path)).map((r) => `${r.method} ${r.status}`);
}
const noConfirm = (workflow: WorkflowJson, node: string) => withNode(workflow, node, { options: { confirmWrite: false } });

describe('requests per single-item update', () => {
	test('Partoo: read, write (2); Confirm Write adds one read (the plan list is written whole)', async () => {
		const add = wf('partoo', 'addOrUpdate');
		const item = (plan: string) => ({ orgId: 42, plans: [plan], contractEnd: '2027-06-30' });
		const credentials = stored(partoo, 'partoo');
		expect(await requestsOf(partoo, noConfirm(add, 'Partoo'), credentials, item('posts'), item('webhooks'))).toEqual(['GET 200', 'POST 200']);
		expect(await requestsOf(partoo, add, credentials, item('messages'), item('booking_links'))).toEqual(['GET 200', 'POST 200', 'GET 200']);
	});

	test('BlendVision One: record, plans, write (3); Confirm Write adds the one read that holds the change', async () => {
		const update = wf('blendvision-one', 'update');
		const credentials = stored(bv, 'blendvision', { apiToken: BV_TOKENS.owner, orgId: BV_IDS.org });
		const plan = (id: string, planId: string) => ({ id, planIds: [planId] });
		expect(await requestsOf(bv, noConfirm(update, 'BlendVision One'), credentials, plan(BV_IDS.beta, BV_PLANS.starter), plan(BV_IDS.acme, BV_PLANS.enterprise))).toEqual([
			'GET 200',
			'GET 200',
			'PATCH 200',
		]);
		const path = (r: { method: string; path: string }) => `${r.method} ${r.path.replace(BV_IDS.acme, '{acme}')}`;
		await requestsOf(bv, update, credentials, plan(BV_IDS.beta, BV_PLANS.pro), { id: BV_IDS.acme, description: 'Acme EU, renewed' });
		expect(bv.log.map(path)).toEqual(['GET /bv/org/v1/sub-orgs/{acme}', 'GET /bv/org/v1/sub-orgs/{acme}/plans', 'PATCH /bv/org/v1/sub-orgs/{acme}', 'GET /bv/org/v1/sub-orgs/{acme}']);
	});

	test('Elastic Path (older API, no single-plan GET): list, write (2); a price map adds the confirming read', async () => {
		const update = wf('elastic-path', 'update');
		const credentials = stored(ep, 'elastic-path');
		const item = (change: IDataObject) => ({ offeringId: EP_IDS.streaming, planId: EP_IDS.monthly, ...change });
		expect(await requestsOf(ep, update, credentials, item({ name: 'Monthly Plus' }), item({ externalRef: 'crm-deal-7' }))).toEqual(['GET 200', 'PUT 200']);
		const priced = await requestsOf(ep, update, credentials, item({ name: 'Monthly' }), item({ prices: [{ currency: 'EUR', amount: 95, includesTax: true }] }));
		// The store's currencies were not needed by the first execution: they are read once, for the price
		// (a later execution with a price reads 3).
		expect(ep.log.filter((r) => !SIGN_IN.test(r.path)).map((r) => `${r.method} ${r.path.replace(`/${EP_IDS.streaming}/`, '/{offering}/').replace(EP_IDS.monthly, '{plan}')}`)).toEqual([
			'GET /v2/currencies',
			'GET /v2/subscriptions/offerings/{offering}/plans',
			'PUT /v2/subscriptions/offerings/{offering}/plans/{plan}',
			'GET /v2/subscriptions/offerings/{offering}/plans',
		]);
		expect(priced).toHaveLength(4);
	});

	test('Elastic Path: a store that answers 405 to the single-plan GET is asked once per process, not per execution', async () => {
		ep.settings.rateLimit = { limit: 10_000, windowMs: 1000 };
		ep.latencyMs = 20;
		const update = wf('elastic-path', 'update');
		const results = await atOnce(20, (n) => run(update, stored(ep, 'elastic-path'), [{ offeringId: EP_IDS.seats, planId: EP_IDS.seat(n + 1), externalRef: `crm-deal-${n}` }]));
		expect(results.filter((r) => r.error)).toEqual([]);
		expect(ep.log.filter((r) => r.status === 405)).toHaveLength(1);
		await run(update, stored(ep, 'elastic-path'), [{ offeringId: EP_IDS.seats, planId: EP_IDS.seat(21), externalRef: 'crm-deal-21' }]);
		expect(ep.log.filter((r) => r.status === 405)).toHaveLength(1);
	});

	test('Commvault: read, ADD (2): errorCode 0 tells the result, and an ADD is not confirmed', async () => {
		const update = wf('commvault', 'updatePlans');
		const credentials: StoredCredential[] = [{ id: 'commvault', name: 'Commvault account', type: 'commvaultApi', data: commvault.credential().data as never }];
		expect(await requestsOf(commvault, update, credentials, { orgId: 13, plans: ['Cloud Archive'] }, { orgId: 12, plans: ['Cloud Archive'] })).toEqual(['GET 200', 'PUT 200']);
	});

	test('Instellix: read, write (2); Confirm Write adds one read (the whole plan is written)', async () => {
		const update = wf('instellix', 'updateProperties');
		const credentials = stored(instellix, 'instellix');
		const item = (value: string) => ({ planId: 4711, propertyIdent: 'crm_deal', propertyValue: value });
		expect(await requestsOf(instellix, noConfirm(update, 'Instellix'), credentials, item('deal-1'), item('deal-2'))).toEqual(['GET 200', 'PUT 200']);
		expect(await requestsOf(instellix, update, credentials, item('deal-3'), item('deal-4'))).toEqual(['GET 200', 'PUT 200', 'GET 200']);
	});
});
