// Request counting (issue 17), fed by test/<provider>/requests.test.ts: requests per single-item update,
// counted in the emulators' logs: no more than a careful
// hand-built workflow needs to lose nothing, plus the confirming read where a concurrent writer elsewhere
// could undo the write (Confirm Write, on by default; off here and there to show what it costs). Counted in a
// process that has run the node before (a later webhook call): facts shared by the executions of a process
// (plans an organization can assign, a store's currencies and API version) are already known. Sign-in
// requests (tokens, Commvault's Login) are not counted: n8n keeps the session between executions.
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../support/emulator';
import type { StoredCredential, TestCredentialsHelper } from '../support/harness/credentials';
import type { WorkflowJson } from '../support/harness/run';
import { run, withNode } from '../support/helpers';

export const stored = (e: Emulator, id: string, extra: IDataObject = {}): StoredCredential[] => {
	const { type, name, data } = e.credential();
	return [{ id, name, type, data: { ...data, ...extra } as never }];
};
export const SIGN_IN = /\/oauth\/access_token$|\/oauth2\/token$|\/Login$/;

/**
 * The requests one execution sends for one item, after a first execution in the same process (as a later
 * webhook call of a running n8n): `warm` and `measured` are each one item.
 */
export async function requestsOf(e: Emulator, workflow: WorkflowJson, credentials: StoredCredential[], warm: IDataObject, measured: IDataObject): Promise<string[]> {
	const first = await run(workflow, credentials, [warm]);
	expect(first.error).toBeUndefined();
	e.log.length = 0;
	const second = await run(workflow, credentials, [measured], { credentialsHelper: first.credentialsHelper as TestCredentialsHelper });
	expect(second.error).toBeUndefined();
	return e.log.filter((r) => !SIGN_IN.test(r.path)).map((r) => `${r.method} ${r.status}`);
}
export const noConfirm = (workflow: WorkflowJson, node: string) => withNode(workflow, node, { options: { confirmWrite: false } });

