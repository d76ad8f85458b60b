import { PartooEmulator, PARTOO_KEYS } from './emulators/partoo';
import { runWorkflow } from './harness/run';

const emulator = new PartooEmulator();
beforeAll(async () => { await emulator.start(); });
afterAll(async () => { await emulator.stop(); });
const wf = (params: object, onError?: string) => ({
	nodes: [
		{ id: '1', name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
		{
			id: '2', name: 'Partoo', type: 'partoo', typeVersion: 1, position: [200, 0] as [number, number], ...(onError ? { onError } : {}),
			parameters: { resource: 'organizationPlan', operation: 'addOrUpdate', organization: { __rl: true, mode: 'id', value: '={{ $json.org }}' }, plans: ['webhooks'], expirationDate: '2027-06-30', ...params },
			credentials: { partooApi: { id: 'c1', name: 'Partoo' } },
		},
	] as never,
	connections: { Trigger: { main: [[{ node: 'Partoo', type: 'main', index: 0 }]] } } as never,
});
const creds = (key: string) => [{ id: 'c1', name: 'Partoo', type: 'partooApi', data: { apiKey: key, environment: 'custom', baseUrl: `${emulator.baseUrl}/v2` } }];

test('bad key', async () => {
	const r = await runWorkflow(wf({}, 'continueRegularOutput'), { items: [{ org: 42 }], credentials: creds('nope-nope') });
	console.log(JSON.stringify(r.output('Partoo'), null, 1).slice(0, 3000));
});
test('429 then ok, and a drop', async () => {
	emulator.resetAll();
	emulator.injectFault({ method: 'GET', status: 429, headers: { 'Retry-After': '1' }, body: { errors: { json: 'Too many' } } });
	emulator.injectFault({ method: 'POST', dropConnection: true });
	const t = Date.now();
	const r = await runWorkflow(wf({}), { items: [{ org: 42 }], credentials: creds(PARTOO_KEYS.provider) });
	console.log(Date.now() - t, JSON.stringify(r.error?.message), emulator.log.map((l) => `${l.method} ${l.path} ${l.status}`));
});
test('500 on non-retry', async () => {
	emulator.resetAll();
	emulator.injectFault({ method: 'GET', status: 404, body: { errors: { json: 'Resource not found' } } });
	const r = await runWorkflow(wf({}), { items: [{ org: 42 }], credentials: creds(PARTOO_KEYS.provider) });
	console.log(JSON.stringify(r.error, null, 1));
});
