// The example workflows in a real n8n, shared by the real-n8n suite and the version matrix (test/compat):
// import them with the emulators' credentials, run one with `n8n execute`, make one live.
import path from 'node:path';

import type { Emulator } from '../emulator';
import { EMULATOR_CREDENTIAL_IDS } from '../emulators';
import { type ExampleCase, type ExampleEmulators, crmPayload } from '../../examples.cases';
import { type N8nInstall, ROOT, type UserFolder, n8nCli, n8nCliOrThrow, parseExecuteOutput, writeImportFile } from './n8n';

/** Imports the emulators' credentials and every workflow of examples/ into the user folder. */
export async function importExamples(install: N8nInstall, user: UserFolder, emulators: Record<string, Emulator>): Promise<void> {
	const credentials = Object.entries(emulators).map(([key, emulator]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...emulator.credential() }));
	await n8nCliOrThrow(install, user.env, ['import:credentials', `--input=${writeImportFile(user.dir, 'credentials.json', credentials)}`]);
	await n8nCliOrThrow(install, user.env, ['import:workflow', '--separate', `--input=${path.join(ROOT, 'examples')}`]);
}

/** Makes a workflow live at the next start: n8n 2.x publishes it, 1.x activates it. */
export async function activateWorkflow(install: N8nInstall, user: UserFolder, id: string): Promise<void> {
	const args = install.version.startsWith('1.') ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
	await n8nCliOrThrow(install, user.env, args);
}

/** Runs an example with `n8n execute`, checks its output and the emulators, and that no secret reached n8n's output. */
export async function expectExampleRuns(install: N8nInstall, user: UserFolder, c: ExampleCase, emulators: Record<string, Emulator>): Promise<void> {
	const result = await n8nCli(install, user.env, ['execute', `--id=${c.workflowId}`, '--rawOutput']);
	const run = parseExecuteOutput(result.stdout);
	expect(run.data.resultData.error?.message).toBeUndefined();
	const output = run.data.resultData.runData[c.node][0].data!.main[0].map((i) => i.json);
	c.check(emulators as unknown as ExampleEmulators, output);
	for (const secret of Object.values(emulators).flatMap((e) => e.secrets())) {
		expect(result.stdout + result.stderr).not.toContain(secret);
	}
}

/** Posts customer `n`'s "deal won" to the live CRM webhook flow (examples/crm-deal-won.json) of an n8n. */
export async function postDealWon(n8nUrl: string, n: number): Promise<{ status: number; answer: Record<string, unknown> }> {
	const res = await fetch(`${n8nUrl}/webhook/crm/deal-won`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(crmPayload(n).body),
	});
	return { status: res.status, answer: (await res.json()) as Record<string, unknown> };
}
