// The README's CRM flow (examples/crm-deal-won.json) in the harness: 20 "deal won" calls for one customer at
// the same moment, each deal with its own plans, in one process (n8n's regular mode). The real-n8n suites
// run the same burst through a real webhook (test/e2e) and over two queue-mode workers (test/queue).
import path from 'node:path';

import type { CustomerEmulators } from '../support/customers';
import { EMULATOR_CREDENTIAL_IDS, createEmulators } from '../support/emulators';
import type { StoredCredential } from '../support/harness/credentials';
import { loadWorkflow } from '../support/harness/run';
import { run } from '../support/helpers';
import { addBurstPlans, burstPayload, burstProblems } from '../support/crm-burst';
import { atOnce } from '../drivers/history';

const emulators = createEmulators({ customers: 5 });
const all = Object.values(emulators);
const CUSTOMER = 3;
const DEALS = 20;

beforeAll(async () => {
	for (const emulator of all) await emulator.start();
});
afterAll(async () => {
	await Promise.all(all.map((e) => e.stop()));
});

const credentials = (): StoredCredential[] => Object.entries(emulators).map(([key, e]) => ({ ...e.credential(), id: EMULATOR_CREDENTIAL_IDS[key] }));
const crm = loadWorkflow(path.join(__dirname, '../../examples/crm-deal-won.json'));

test(`${DEALS} "deal won" calls for one customer at once: every deal's plans at every provider, reports true`, async () => {
	for (const e of all) {
		e.resetAll();
		e.latencyMs = 20;
	}
	addBurstPlans(emulators as unknown as CustomerEmulators, DEALS);
	(emulators.elasticPath as unknown as { settings: { rateLimit: object } }).settings.rateLimit = { limit: 10_000, windowMs: 1000 };
	const webhookItem = (i: number) => ({ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body: burstPayload(CUSTOMER, i) });
	const results = await atOnce(DEALS, (i) => run(crm, credentials(), [webhookItem(i)]));
	expect(results.filter((r) => r.error).map((r) => r.error?.message)).toEqual([]);
	expect(results.map((r) => r.response?.statusCode)).toEqual(Array(DEALS).fill(200));
	const answers = results.map((r) => r.response!.body);
	expect(burstProblems(emulators as unknown as CustomerEmulators, CUSTOMER, DEALS, answers)).toEqual([]);
});
