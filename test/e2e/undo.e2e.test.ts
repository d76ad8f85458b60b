// examples/undo-execution.json in a running n8n (`n8n start`, the package installed the self-hoster way):
// two CRM "deal won" calls (examples/crm-deal-won.json) for two customers, then the example undoes the first
// call's execution, fetched by n8n's own n8n API node with an API key made for it. Dry Run (as shipped) changes
// nothing at any emulator; without it the first customer is back exactly as before its deal at all five
// providers, and the second customer's deal stays.
// The example runs as a user runs it in the editor: its Manual Trigger started through n8n's REST API (what
// *Execute workflow* calls), after the two edits its note asks for: the execution's ID in "Execution to Undo",
// and (for the second run) Dry Run off in each Undo node. Every other node is the example's, untouched.

import { createEmulators } from '../support/emulators';
import { type CustomerEmulators, customerState } from '../support/customers';
import { importExamples, activateWorkflow, postDealWon } from '../support/n8n/examples';
import { N8nRest, type N8nServer, n8nCliOrThrow, startN8n, writeImportFile } from '../support/n8n/n8n';
import { freePort } from '../queue/lib/services';
import { e2eState, freshUserFolder } from './lib/state';

/** Ports of this suite only (other real-n8n suites may run at the same time). */
const PORT = 5699;
const PROVIDERS = ['Partoo', 'BlendVision One', 'Elastic Path', 'Commvault', 'Instellix'];
const CREDENTIAL_ID = 'n8nApiLocal00001';
const EXAMPLE_ID = 'exUndoExecution1';
const emulators = createEmulators({ customers: 3 });
const all = Object.values(emulators);
const { install } = e2eState();
const user = freshUserFolder(PORT);
let server: N8nServer;
let rest: N8nRest;
/** Customer `n` at every emulator. */
const state = (n: number) => customerState(emulators as unknown as CustomerEmulators, n);

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

/** The user's edits in the editor: the execution's ID in "Execution to Undo"; `live` turns Dry Run off. */
async function editExample(executionId: string, live: boolean): Promise<void> {
	const workflow = await rest.request<{ nodes: WorkflowNode[]; versionId: string }>('GET', `/workflows/${EXAMPLE_ID}`);
	const nodes = workflow.nodes.map((node) => {
		if (node.name === 'Execution to Undo') {
			const [field] = (node.parameters.assignments as { assignments: Array<Record<string, unknown>> }).assignments;
			expect(field).toMatchObject({ name: 'executionId', type: 'string' });
			return { ...node, parameters: { ...node.parameters, assignments: { assignments: [{ ...field, value: executionId }] } } };
		}
		if (!node.type.startsWith('n8n-nodes-plan-provisioning.')) return node;
		if (live) return { ...node, parameters: { ...node.parameters, options: {} } };
		expect({ node: node.name, options: node.parameters.options }).toEqual({ node: node.name, options: { dryRun: true } });
		return node;
	});
	await rest.request('PATCH', `/workflows/${EXAMPLE_ID}`, { nodes, versionId: workflow.versionId });
}

beforeAll(async () => {
	for (const emulator of all) await emulator.start();
	user.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	await importExamples(install, user, emulators);
	// The n8n API credential the example names; its key is made once n8n runs (below).
	const apiCredential = { id: CREDENTIAL_ID, name: 'n8n API', type: 'n8nApi', data: { apiKey: 'set-when-n8n-runs', baseUrl: `http://127.0.0.1:${PORT}/api/v1` } };
	await n8nCliOrThrow(install, user.env, ['import:credentials', `--input=${writeImportFile(user.dir, 'n8n-api.json', [apiCredential])}`]);
	await activateWorkflow(install, user, 'exCrmDealWon0001');
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

/** An execution's status once it has finished (n8n may answer a call before it saves the execution), through n8n's REST API. */
async function finished(executionId: string): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const { status } = await rest.request<{ status: string }>('GET', `/executions/${executionId}`);
		if (!['new', 'running'].includes(status) || Date.now() > deadline) return status;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The id of the only execution of a workflow. */
async function onlyExecution(workflowId: string): Promise<string> {
	const list = await rest.request<{ results: Array<{ id: string }> }>('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
	expect(list.results).toHaveLength(1);
	return list.results[0].id;
}

/** Runs the example from its Manual Trigger (as *Execute workflow* does); returns each Undo node's output items, from n8n's public API. */
async function runExample(apiKey: string): Promise<Record<string, Array<Record<string, unknown>>>> {
	const { executionId } = await rest.request<{ executionId: string }>('POST', `/workflows/${EXAMPLE_ID}/run`, { triggerToStartFrom: { name: 'Undo an Execution' } });
	expect(await finished(executionId)).toBe('success');
	const execution = (await (await fetch(`${server.url}/api/v1/executions/${executionId}?includeData=true`, { headers: { 'X-N8N-API-KEY': apiKey } })).json()) as {
		data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
	};
	return Object.fromEntries(PROVIDERS.map((p) => [p, execution.data.resultData.runData[`Undo ${p}`][0].data.main[0].map((item) => item.json)]));
}

test('undo-execution.json undoes an execution of the CRM example: Dry Run changes nothing, then customer 0 is back exactly as before and customer 1 keeps its deal', async () => {
	const before = state(0);
	expect((await postDealWon(server.url, 0)).status).toBe(200);
	const misfired = await onlyExecution('exCrmDealWon0001');
	expect(await finished(misfired)).toBe('success');
	const afterDeal = state(0);
	expect(afterDeal).not.toEqual(before);
	expect((await postDealWon(server.url, 1)).status).toBe(200);
	const otherDeal = state(1);
	expect(otherDeal).not.toEqual(state(2));

	// A key of this test's own, to read the undo runs through the public API.
	const reader = await rest.request<{ rawApiKey: string }>('POST', '/api-keys', { label: 'e2e reader', scopes: ['execution:read'], expiresAt: null });

	// Dry Run, as shipped: each node says what it would put back; no emulator receives a write.
	const writesBefore = all.map((e) => e.log.filter((r) => r.method !== 'GET').length);
	await editExample(misfired, false);
	const dry = await runExample(reader.rawApiKey);
	for (const provider of PROVIDERS) {
		expect({ provider, outcomes: dry[provider].map((o) => o.outcome) }).toEqual({ provider, outcomes: ['dryRun'] });
		expect((dry[provider][0].changes as unknown[]).length).toBeGreaterThan(0);
	}
	expect(all.map((e) => e.log.filter((r) => r.method !== 'GET').length)).toEqual(writesBefore);
	expect(state(0)).toEqual(afterDeal);
	expect(state(1)).toEqual(otherDeal);

	// Dry Run off: customer 0 at all five providers is as before the deal; customer 1 keeps its deal.
	await editExample(misfired, true);
	const live = await runExample(reader.rawApiKey);
	for (const provider of PROVIDERS) {
		expect({ provider, outcomes: live[provider].map((o) => o.outcome) }).toEqual({ provider, outcomes: ['undone'] });
	}
	expect(state(0)).toEqual(before);
	expect(state(1)).toEqual(otherDeal);

	// No secret of the providers reached the undo runs' outputs.
	for (const secret of all.flatMap((e) => e.secrets())) expect(JSON.stringify({ dry, live })).not.toContain(secret);
});
