// Each provider's example workflow, imported into a fresh n8n user folder (package installed the
// self-hoster way) and run with `n8n execute`; asserts the output and the emulator's state.
import path from 'node:path';

import { EMULATOR_CREDENTIAL_IDS, createEmulators } from '../support/emulators';
import { EXAMPLE_CASES, type ExampleEmulators } from '../examples.cases';
import { ROOT, n8nCli, parseExecuteOutput, writeImportFile } from '../support/n8n/n8n';
import { e2eState, freshUserFolder } from './lib/state';

const emulators = createEmulators();
const { install } = e2eState();
const user = freshUserFolder(5690);

beforeAll(async () => {
	for (const emulator of Object.values(emulators)) await emulator.start();
	const credentials = Object.entries(emulators).map(([key, emulator]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...emulator.credential() }));
	const file = writeImportFile(user.dir, 'credentials.json', credentials);
	const creds = await n8nCli(install, user.env, ['import:credentials', `--input=${file}`]);
	expect({ code: creds.code, output: creds.stdout + creds.stderr }).toMatchObject({ code: 0 });
	const workflows = await n8nCli(install, user.env, ['import:workflow', '--separate', `--input=${path.join(ROOT, 'examples')}`]);
	expect({ code: workflows.code, output: workflows.stdout + workflows.stderr }).toMatchObject({ code: 0 });
});

afterAll(async () => {
	await Promise.all(Object.values(emulators).map((e) => e.stop()));
});

test.each(EXAMPLE_CASES.map((c) => [c.file, c] as const))('%s runs with `n8n execute` and changes the emulator', async (_name, c) => {
	const result = await n8nCli(install, user.env, ['execute', `--id=${c.workflowId}`, '--rawOutput']);
	const run = parseExecuteOutput(result.stdout);
	expect(run.data.resultData.error?.message).toBeUndefined();
	const output = run.data.resultData.runData[c.node][0].data!.main[0].map((i) => i.json);
	c.check(emulators as unknown as ExampleEmulators, output);
	// No credential secret reaches n8n's output or log.
	for (const secret of Object.values(emulators).flatMap((e) => e.secrets())) {
		expect(result.stdout + result.stderr).not.toContain(secret);
	}
});
