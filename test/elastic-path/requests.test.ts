// Requests per single-item update (elastic-path): the driver, and why these counts, in test/drivers/requests.ts.
import type { IDataObject } from 'n8n-workflow';

import { EP_IDS, ElasticPathEmulator } from './emulator';
import { run, useEmulator, workflowFrom } from '../support/helpers';
import { atOnce } from '../drivers/history';
import { requestsOf, SIGN_IN, stored } from '../drivers/requests';

const wf = (name: string) => workflowFrom(__dirname, name);
const ep = useEmulator(new ElasticPathEmulator());

describe('requests per single-item update', () => {
	test('Elastic Path (older API, no single-plan GET): list, write (2); a price map adds the confirming read', async () => {
		const update = wf('update');
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
		const update = wf('update');
		const results = await atOnce(20, (n) => run(update, stored(ep, 'elastic-path'), [{ offeringId: EP_IDS.seats, planId: EP_IDS.seat(n + 1), externalRef: `crm-deal-${n}` }]));
		expect(results.filter((r) => r.error)).toEqual([]);
		expect(ep.log.filter((r) => r.status === 405)).toHaveLength(1);
		await run(update, stored(ep, 'elastic-path'), [{ offeringId: EP_IDS.seats, planId: EP_IDS.seat(21), externalRef: 'crm-deal-21' }]);
		expect(ep.log.filter((r) => r.status === 405)).toHaveLength(1);
	});
});
