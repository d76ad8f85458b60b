// Each provider's example workflow, imported into a fresh n8n user folder (package installed the
// self-hoster way) and run with `n8n execute`; asserts the output and the emulator's state.
import { createEmulators } from '../support/emulators';
import { EXAMPLE_CASES } from '../examples.cases';
import { expectExampleRuns, importExamples } from '../support/n8n/examples';
import { e2eState, freshUserFolder } from './lib/state';

const emulators = createEmulators();
const { install } = e2eState();
const user = freshUserFolder(5690);

beforeAll(async () => {
	for (const emulator of Object.values(emulators)) await emulator.start();
	await importExamples(install, user, emulators);
});

afterAll(async () => {
	await Promise.all(Object.values(emulators).map((e) => e.stop()));
});

test.each(EXAMPLE_CASES.map((c) => [c.file, c] as const))('%s runs with `n8n execute` and changes the emulator', async (_name, c) => {
	await expectExampleRuns(install, user, c, emulators);
});
