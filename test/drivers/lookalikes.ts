// The lookalike round trip (issue 14), fed by test/<provider>/lookalikes.test.ts. Resource data that looks
// like a credential to a pattern: every emulator seeds plan, offering,
// option and property values such as "Basic Monthly", "Bearer Bundle", "token: 42" and "password=tiers".
// They pass through every operation of every node unchanged (Get, Get Many, each update, Dry Run, `changes`),
// a Get chained into an update writes them back as they were, and still no credential secret appears
// anywhere. (Partoo's resources hold only its 11 documented plan names and dates: nothing free to look alike.)
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../support/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import type { RunResult, WorkflowJson } from '../support/harness/run';
import { jsonOf, withNode } from '../support/helpers';
import { expectNoSecretAnywhere } from './secrets';

export { LOOKALIKES, LOOKALIKE_VALUES } from '../support/lookalikes';

export const credential = (emulator: Emulator, id: string, name: string): StoredCredential[] => {
	const { type, data } = emulator.credential();
	return [{ id, name, type, data: data as StoredCredential['data'] }];
};
export const dryRun = (workflow: WorkflowJson, node: string, parameters: IDataObject = {}) => {
	const params = workflow.nodes.find((n) => n.name === node)!.parameters as IDataObject;
	return withNode(workflow, node, { ...parameters, options: { ...((params.options as IDataObject) ?? {}), dryRun: true } });
};

/**
 * A workflow that runs `first`'s node, then the node of `second` named `node` on its output with
 * `parameters` (e.g. a new name built from the one read), as a user chains Get into Update.
 */
export function chain(first: WorkflowJson, second: WorkflowJson, node: string, parameters: IDataObject): WorkflowJson {
	const workflow = structuredClone(first);
	const next = structuredClone(second.nodes.find((n) => n.name === node)!);
	next.name = `${node} (then)`;
	next.id = `${next.id}-then`;
	next.parameters = { ...next.parameters, ...parameters } as typeof next.parameters;
	workflow.nodes.push(next);
	workflow.connections[node] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	return workflow;
}

/** Every run ended well, none of its data was rewritten by redaction, and no credential secret shows anywhere. */
export function expectCleanRuns(results: RunResult[], emulator: Emulator): void {
	for (const result of results) {
		expect(result.error?.message).toBeUndefined();
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('[redacted]');
	}
	expectNoSecretAnywhere(results, emulator.secrets());
}

/** The body of the first request a dry run shows. */
export const shownBody = (result: RunResult, node: string) => (jsonOf(result.output(node))[0].request as IDataObject[])[0].body;

