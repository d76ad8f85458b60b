// Each provider's example workflow, imported into a fresh n8n user folder (package installed the
// self-hoster way) and run with `n8n execute`; asserts the output and the emulator's state. A failing item's
// error as n8n reports it carries a stack trace that names our files and functions.
import { createEmulators } from '../support/emulators';
import { EXAMPLE_CASES } from '../examples.cases';
import { expectExampleRuns, importExamples } from '../support/n8n/examples';
import { n8nCli, parseExecuteOutput } from '../support/n8n/n8n';
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

test("a failing item: the error n8n reports has a stack trace naming the package's files and functions", async () => {
	emulators.partoo.resetAll(); // the example ran before: organization 42 has its plans again
	emulators.partoo.injectFault({ method: 'POST', status: 400, body: { errors: { json: 'Plan list is invalid' } } });
	const result = await n8nCli(install, user.env, ['execute', '--id=exPartooPlans001', '--rawOutput']);
	const error = parseExecuteOutput(result.stdout).data.resultData.error as { message: string; stack?: string } | undefined;
	expect(error?.message).toMatch(/^Partoo returned 400 \(item 0\): Plan list is invalid/);
	// Node keeps ten frames (n8n leaves Error.stackTraceLimit as it is): each is in the package's dist/ or Node's own.
	const frames = (error?.stack ?? '').split('\n').slice(1).map((line) => line.trim());
	expect(frames.length).toBeGreaterThan(5);
	const PACKAGE_FILE = /\/\.n8n\/nodes\/node_modules\/n8n-nodes-plan-provisioning\/dist\/nodes\/[\w/]+\.js:\d+:\d+\)?$/;
	expect(frames.filter((frame) => !PACKAGE_FILE.test(frame) && !frame.includes('(node:internal/'))).toEqual([]);
	for (const named of [/^at providerError \(.*\/dist\/nodes\/core\/errors\.js:/, /^at Transport\.request \(.*\/dist\/nodes\/core\/transport\.js:/]) {
		expect(frames).toContainEqual(expect.stringMatching(named));
	}
});
