// The example workflows shipped in examples/ (imported by `npm start`, and by users) run against the
// emulators and change what they say they change. The end-to-end suite runs the same files in a real n8n.
import path from 'node:path';

import { EMULATOR_CREDENTIAL_IDS, createEmulators } from './support/emulators';
import type { StoredCredential } from './support/harness/credentials';
import { loadWorkflow } from './support/harness/run';
import { expectNoSecrets, jsonOf, run } from './support/helpers';
import { EXAMPLE_CASES, type ExampleEmulators, crmPayload, expectCrmApplied } from './examples.cases';

const emulators = createEmulators({ customers: 20 }) as unknown as ExampleEmulators;
const all = Object.values(emulators);

beforeAll(async () => {
	for (const emulator of all) await emulator.start();
});
beforeEach(() => all.forEach((e) => e.resetAll()));
afterAll(async () => {
	await Promise.all(all.map((e) => e.stop()));
});

function credentials(): StoredCredential[] {
	return Object.entries(emulators).map(([key, emulator]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...emulator.credential() }));
}

const file = (name: string) => loadWorkflow(path.join(__dirname, '..', 'examples', name));

test.each(EXAMPLE_CASES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
	const result = await run(file(c.file), credentials());
	expect(result.error).toBeUndefined();
	c.check(emulators, jsonOf(result.output(c.node)));
	expectNoSecrets(result, all.flatMap((e) => e.secrets()));
});

test('crm-deal-won.json changes the customer everywhere from one webhook call', async () => {
	const result = await run(file('crm-deal-won.json'), credentials(), [crmPayload(0)]);
	expect(result.error).toBeUndefined();
	const out = jsonOf(result.output('Instellix Plan'));
	expect(out).toHaveLength(1);
	expectCrmApplied(emulators, 0);
});
