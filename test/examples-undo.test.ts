// examples/undo-execution.json (issue 26): an execution of the CRM example (crm-deal-won.json), undone by
// the example's Undo nodes. The harness runs our nodes only, so the example's n8n API and Code nodes are
// played here: the execution's data is the harness run's, and each Code node's script runs on it as n8n
// would run it. The real-n8n suite runs the whole file.
import path from 'node:path';
import vm from 'node:vm';

import type { IDataObject } from 'n8n-workflow';

import { EMULATOR_CREDENTIAL_IDS, createEmulators } from './support/emulators';
import { crmPayload, customerState as customerStateOf } from './support/customers';
import type { StoredCredential } from './support/harness/credentials';
import { type WorkflowJson, loadWorkflow } from './support/harness/run';
import { expectNoSecrets, jsonOf, run, withNode } from './support/helpers';
import type { ExampleEmulators } from './examples.cases';

const emulators = createEmulators({ customers: 3 }) as unknown as ExampleEmulators;
const all = Object.values(emulators);

beforeAll(async () => {
	for (const emulator of all) await emulator.start();
});
beforeEach(() => all.forEach((e) => e.resetAll()));
afterAll(async () => {
	await Promise.all(all.map((e) => e.stop()));
});

const credentials = (): StoredCredential[] => Object.entries(emulators).map(([key, emulator]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...emulator.credential() }));
const file = (name: string) => loadWorkflow(path.join(__dirname, '..', 'examples', name));

const customerState = (n: number) => customerStateOf(emulators, n);

/** What a Code node of the example returns for an execution (its script, run as n8n runs it). */
function codeNodeOutput(workflow: WorkflowJson, name: string, execution: IDataObject): IDataObject[] {
	const node = workflow.nodes.find((n) => n.name === name)!;
	const script = `(() => {\n${String(node.parameters.jsCode)}\n})()`;
	const result = vm.runInNewContext(script, { $input: { first: () => ({ json: execution }) } }) as Array<{ json: IDataObject }>;
	return result.map((item) => item.json);
}

/** One Undo node of the example, fed the items its Code node picks. */
function undoNode(workflow: WorkflowJson, name: string): WorkflowJson {
	const node = workflow.nodes.find((n) => n.name === name)!;
	const trigger = { id: 'b7e1c0de-0000-4000-8000-000000000001', name: 'Items', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	return { name, nodes: [trigger, node], connections: { Items: { main: [[{ node: name, type: 'main', index: 0 }]] } } } as unknown as WorkflowJson;
}

const PROVIDERS = ['Partoo', 'BlendVision One', 'Elastic Path', 'Commvault', 'Instellix'];

test('undo-execution.json puts back what an execution of crm-deal-won.json changed: Dry Run first, then for real', async () => {
	const before = [0, 1].map(customerState);
	const deals = await run(file('crm-deal-won.json'), credentials(), [crmPayload(0)]);
	expect(deals.error).toBeUndefined();
	const other = await run(file('crm-deal-won.json'), credentials(), [crmPayload(1)]);
	expect(other.error).toBeUndefined();
	const changed = customerState(0);
	expect(changed).not.toEqual(before[0]);

	// The execution as the n8n API's "Get Execution" (with its data) returns it.
	const execution = { id: '4711', data: deals.run.data } as unknown as IDataObject;
	const example = file('undo-execution.json');
	for (const provider of PROVIDERS) {
		const items = codeNodeOutput(example, `${provider} Changes`, execution);
		expect(items).toHaveLength(1);
		const dry = await run(undoNode(example, `Undo ${provider}`), credentials(), items);
		expect(dry.error).toBeUndefined();
		expect(jsonOf(dry.output(`Undo ${provider}`)).map((o) => o.outcome)).toEqual(['dryRun']);
		expectNoSecrets(dry, all.flatMap((e) => e.secrets()));
	}
	expect(customerState(0)).toEqual(changed);

	for (const provider of PROVIDERS) {
		const items = codeNodeOutput(example, `${provider} Changes`, execution);
		const live = withNode(undoNode(example, `Undo ${provider}`), `Undo ${provider}`, { options: {} });
		const result = await run(live, credentials(), items);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output(`Undo ${provider}`)).map((o) => o.outcome)).toEqual(['undone']);
	}
	// Customer 0 is as before the execution; customer 1 (another execution) keeps its deal.
	expect(customerState(0)).toEqual(before[0]);
	expect(customerState(1)).not.toEqual(before[1]);
});
