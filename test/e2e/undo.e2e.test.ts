// examples/undo-execution.json in a running n8n (`n8n start`, the package installed the self-hoster way):
// two CRM "deal won" calls (examples/crm-deal-won.json) for two customers, then the example undoes the first
// call's execution, fetched by n8n's own n8n API node with an API key made for it. Dry Run (as shipped) changes
// nothing at any emulator; without it the first customer is back exactly as before its deal at all five
// providers, and the second customer's deal stays.
// The example is imported as shipped, plus two copies that a test can start: the Manual Trigger becomes a
// Webhook of the same name, the execution ID (what a user types into "Execution to Undo") comes from the call,
// and the live copy has Dry Run off in each Undo node. Every other node is the example's, untouched.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createEmulators } from '../support/emulators';
import { type CustomerEmulators, customerState } from '../support/customers';
import { importExamples, activateWorkflow, postDealWon } from '../support/n8n/examples';
import { N8nRest, type N8nServer, ROOT, n8nCliOrThrow, startN8n, writeImportFile } from '../support/n8n/n8n';
import { freePort } from '../queue/lib/services';
import { e2eState, freshUserFolder } from './lib/state';

/** Ports of this suite only (other real-n8n suites may run at the same time). */
const PORT = 5699;
const PROVIDERS = ['Partoo', 'BlendVision One', 'Elastic Path', 'Commvault', 'Instellix'];
const CREDENTIAL_ID = 'n8nApiLocal00001';
const emulators = createEmulators({ customers: 3 });
const all = Object.values(emulators);
const { install } = e2eState();
const user = freshUserFolder(PORT);
let server: N8nServer;
let rest: N8nRest;
/** Customer `n` at every emulator. */
const state = (n: number) => customerState(emulators as unknown as CustomerEmulators, n);

interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; webhookId?: string }>;
	[key: string]: unknown;
}

/** A copy of the example started by a POST to /webhook/<path> with `{ executionId }`; `live` turns Dry Run off. */
function startableCopy(id: string, webhookPath: string, live: boolean): WorkflowJson {
	const example = JSON.parse(readFileSync(path.join(ROOT, 'examples/undo-execution.json'), 'utf8')) as WorkflowJson;
	const nodes = example.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.manualTrigger') {
			const parameters = { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} };
			return { ...node, type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: `0e2e0000-0000-4000-8000-00000000000${live ? 2 : 1}`, parameters };
		}
		if (node.name === 'Execution to Undo') {
			const assignments = node.parameters.assignments as { assignments: Array<Record<string, unknown>> };
			const [field] = assignments.assignments;
			if (field.name !== 'executionId' || field.value !== '') throw new Error(`"Execution to Undo" changed: ${JSON.stringify(field)}`);
			return { ...node, parameters: { ...node.parameters, assignments: { assignments: [{ ...field, value: '={{ $json.body.executionId }}' }] } } };
		}
		if (live && node.name.startsWith('Undo ')) {
			if (JSON.stringify(node.parameters.options) !== '{"dryRun":true}') throw new Error(`${node.name} is not shipped with Dry Run on`);
			return { ...node, parameters: { ...node.parameters, options: {} } };
		}
		return node;
	});
	return { ...example, id, name: `${example.name} (${live ? 'live' : 'dry run'}, e2e)`, nodes };
}

const COPIES = { dry: startableCopy('exUndoE2eDryRun1', 'undo-e2e/dry-run', false), live: startableCopy('exUndoE2eLive001', 'undo-e2e/live', true) };

beforeAll(async () => {
	for (const emulator of all) await emulator.start();
	user.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	await importExamples(install, user, emulators);
	// The n8n API credential the example names; its key is made once n8n runs (below).
	const apiCredential = { id: CREDENTIAL_ID, name: 'n8n API', type: 'n8nApi', data: { apiKey: 'set-when-n8n-runs', baseUrl: `http://127.0.0.1:${PORT}/api/v1` } };
	await n8nCliOrThrow(install, user.env, ['import:credentials', `--input=${writeImportFile(user.dir, 'n8n-api.json', [apiCredential])}`]);
	for (const [name, copy] of Object.entries(COPIES)) writeImportFile(path.join(user.dir, 'copies'), `${name}.json`, copy);
	await n8nCliOrThrow(install, user.env, ['import:workflow', '--separate', `--input=${path.join(user.dir, 'copies')}`]);
	for (const id of ['exCrmDealWon0001', COPIES.dry.id, COPIES.live.id]) await activateWorkflow(install, user, id);
	server = await startN8n(install, user.env);
	rest = new N8nRest(server.url);
	await rest.login();
	const key = await rest.request<{ rawApiKey: string }>('POST', '/api-keys', { label: 'Undo an execution', scopes: ['execution:read'], expiresAt: null });
	await rest.request('PATCH', `/credentials/${CREDENTIAL_ID}`, { ...apiCredential, data: { ...apiCredential.data, apiKey: key.rawApiKey } });
}, 300_000);

afterAll(async () => {
	await server?.stop();
	await Promise.all(all.map((e) => e.stop()));
});

/** The newest execution of a workflow once it has finished (n8n saves it after answering the call), through n8n's REST API. */
async function newestExecution(workflowId: string): Promise<{ id: string; status: string }> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const list = await rest.request<{ results: Array<{ id: string; status: string }> }>('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
		const [newest] = list.results.sort((a, b) => Number(b.id) - Number(a.id));
		if ((newest && !['new', 'running'].includes(newest.status)) || Date.now() > deadline) return newest;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Runs a copy of the example for an execution; returns each Undo node's output items (from n8n's public API). */
async function runUndo(copy: WorkflowJson, webhookPath: string, executionId: string, apiKey: string): Promise<Record<string, Array<Record<string, unknown>>>> {
	const res = await fetch(`${server.url}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ executionId }) });
	expect({ status: res.status, body: await res.text() }).toMatchObject({ status: 200 });
	const { id, status } = await newestExecution(copy.id);
	expect(status).toBe('success');
	const execution = (await (await fetch(`${server.url}/api/v1/executions/${id}?includeData=true`, { headers: { 'X-N8N-API-KEY': apiKey } })).json()) as {
		data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
	};
	return Object.fromEntries(PROVIDERS.map((p) => [p, execution.data.resultData.runData[`Undo ${p}`][0].data.main[0].map((item) => item.json)]));
}

test('undo-execution.json undoes an execution of the CRM example: Dry Run changes nothing, then customer 0 is back exactly as before and customer 1 keeps its deal', async () => {
	const before = state(0);
	expect((await postDealWon(server.url, 0)).status).toBe(200);
	const misfired = await newestExecution('exCrmDealWon0001');
	expect(misfired.status).toBe('success');
	const afterDeal = state(0);
	expect(afterDeal).not.toEqual(before);
	expect((await postDealWon(server.url, 1)).status).toBe(200);
	const otherDeal = state(1);
	expect(otherDeal).not.toEqual(state(2));

	// A key of its own to read the undo runs, as the example's credential holds one.
	const reader = await rest.request<{ rawApiKey: string }>('POST', '/api-keys', { label: 'e2e reader', scopes: ['execution:read'], expiresAt: null });

	// Dry Run, as shipped: each node says what it would put back; no emulator receives a write.
	const writesBefore = all.map((e) => e.log.filter((r) => r.method !== 'GET').length);
	const dry = await runUndo(COPIES.dry, 'undo-e2e/dry-run', misfired.id, reader.rawApiKey);
	for (const provider of PROVIDERS) {
		expect({ provider, outcomes: dry[provider].map((o) => o.outcome) }).toEqual({ provider, outcomes: ['dryRun'] });
		expect((dry[provider][0].changes as unknown[]).length).toBeGreaterThan(0);
	}
	expect(all.map((e) => e.log.filter((r) => r.method !== 'GET').length)).toEqual(writesBefore);
	expect(state(0)).toEqual(afterDeal);
	expect(state(1)).toEqual(otherDeal);

	// Dry Run off: customer 0 at all five providers is as before the deal; customer 1 keeps its deal.
	const live = await runUndo(COPIES.live, 'undo-e2e/live', misfired.id, reader.rawApiKey);
	for (const provider of PROVIDERS) {
		expect({ provider, outcomes: live[provider].map((o) => o.outcome) }).toEqual({ provider, outcomes: ['undone'] });
	}
	expect(state(0)).toEqual(before);
	expect(state(1)).toEqual(otherDeal);

	// No secret of the providers reached the undo runs' outputs.
	for (const secret of all.flatMap((e) => e.secrets())) expect(JSON.stringify({ dry, live })).not.toContain(secret);
});
