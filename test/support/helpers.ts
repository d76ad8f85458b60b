import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { forgetAllPacing } from '../../nodes/core/pacing';
import { resetSettle } from '../../nodes/core/settle';
import { forgetAllShared } from '../../nodes/core/shared';
import { resetWatches } from '../../nodes/core/watch';
import type { Emulator } from './emulator';
import type { StoredCredential } from './harness/credentials';
import { type RunOptions, type RunResult, type WorkflowJson, loadWorkflow, runWorkflow } from './harness/run';

/**
 * Starts an emulator for the test file, resets it before every test and stops it at the end. Each test
 * starts like a fresh n8n process: nothing the node shares between executions is kept from the last one.
 */
export function useEmulator<E extends Emulator>(emulator: E): E {
	beforeAll(async () => {
		await emulator.start();
	});
	beforeEach(() => {
		emulator.resetAll();
		forgetAllShared();
		forgetAllPacing();
		resetWatches();
		resetSettle();
	});
	afterAll(async () => {
		await emulator.stop();
	});
	return emulator;
}

/** A copy of the workflow with some parameters (and node settings) of one node replaced. */
export function withNode(
	workflow: WorkflowJson,
	nodeName: string,
	parameters: IDataObject,
	settings: IDataObject = {},
): WorkflowJson {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`No node ${nodeName} in the workflow`);
	node.parameters = { ...node.parameters, ...parameters } as typeof node.parameters;
	Object.assign(node, settings);
	return copy;
}

export function workflowFrom(dir: string, name: string): WorkflowJson {
	return loadWorkflow(`${dir}/workflows/${name}.json`);
}

export async function run(
	workflow: WorkflowJson,
	credentials: StoredCredential[],
	items: IDataObject[] = [{}],
	options: Omit<RunOptions, 'credentials' | 'items'> = {},
): Promise<RunResult> {
	return await runWorkflow(workflow, { ...options, credentials, items });
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/**
 * Asserts that none of the secret values appears anywhere a user or a log could see it:
 * output items, the run's error (message, description, everything serialised) and log lines.
 */
export function expectNoSecrets(result: RunResult, secrets: string[]): void {
	const runData = JSON.stringify(result.run.data.resultData);
	const error = result.error ? JSON.stringify({ ...result.error, message: result.error.message, description: result.error.description }) : '';
	const logs = result.logs.join('\n');
	for (const secret of secrets) {
		expect(runData).not.toContain(secret);
		expect(error).not.toContain(secret);
		expect(logs).not.toContain(secret);
	}
}
