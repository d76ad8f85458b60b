// The version matrix: every n8n release package.json's `n8n.testedVersions` names, besides the one the
// real-n8n suite (test/e2e) runs in full, installed into the cache and proven the way a self-hoster uses the
// package: installed with the README's command, every example run with `n8n execute`, the CRM webhook flow
// live, and the MCP tools an AI agent calls.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createEmulators } from '../support/emulators';
import { EXAMPLE_CASES, type ExampleEmulators, expectCrmApplied } from '../examples.cases';
import { serveAgentTools, testAgentTools } from '../support/n8n/agent-tools';
import { expectExampleRuns, importExamples, postDealWon } from '../support/n8n/examples';
import { DEFAULT_N8N_VERSION, ensureN8n } from '../support/n8n/install';
import { type N8nInstall, ROOT, type UserFolder, createUserFolder, packPackage } from '../support/n8n/n8n';

const PORT = 5684;
const CRM_WORKFLOW_ID = 'exCrmDealWon0001';
const { testedVersions } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).n8n as { testedVersions: string[] };
const versions = testedVersions.filter((version) => version !== DEFAULT_N8N_VERSION);

const emulators = createEmulators({ customers: 20 });
let work: string;
let tgz: string;

beforeAll(async () => {
	for (const emulator of Object.values(emulators)) await emulator.start();
	work = mkdtempSync(path.join(os.tmpdir(), 'plan-provisioning-compat-'));
	tgz = packPackage(path.join(work, 'pack'));
});

afterAll(async () => {
	await Promise.all(Object.values(emulators).map((e) => e.stop()));
	rmSync(work, { recursive: true, force: true });
});

beforeEach(() => Object.values(emulators).forEach((e) => e.resetAll()));

test('package.json names the release the real-n8n suite runs and at least one more of each line it claims', () => {
	expect(testedVersions).toContain(DEFAULT_N8N_VERSION);
	expect(versions.some((v) => v.startsWith('1.'))).toBe(true);
	expect(versions.some((v) => v.startsWith('2.'))).toBe(true);
});

describe.each(versions)('n8n %s', (version) => {
	let install: N8nInstall;
	let user: UserFolder;

	beforeAll(async () => {
		install = ensureN8n(version);
		const node = execFileSync(install.node, ['--version'], { encoding: 'utf8' }).trim();
		// n8n 1.x's default expression engine needs Node 22 or later; on Node 20 n8n itself needs the legacy one.
		const engine = node.startsWith('v20.') ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
		user = createUserFolder(tgz, { port: PORT, dir: mkdtempSync(path.join(work, `user-${version}-`)) });
		Object.assign(user.env, { N8N_RUNNERS_BROKER_PORT: String(PORT + 1), ...engine });
		await importExamples(install, user, emulators);
	});

	test.each(EXAMPLE_CASES.map((c) => [c.file, c] as const))('%s runs with `n8n execute` and changes the emulator', async (_name, c) => {
		await expectExampleRuns(install, user, c, emulators);
	});

	describe('running (n8n start)', () => {
		let served: Awaited<ReturnType<typeof serveAgentTools>>;

		beforeAll(async () => {
			served = await serveAgentTools(install, user, [CRM_WORKFLOW_ID]);
		});

		afterAll(async () => {
			await served?.stop();
		});

		test('crm-deal-won.json: a "deal won" POST to its webhook changes the plan at all five providers', async () => {
			const { status, answer } = await postDealWon(served.server.url, 3);
			expect(status).toBe(200);
			expect(answer).toMatchObject({ result: 'applied', providers: { partoo: { outcome: 'updated' }, instellix: { outcome: 'updated' } } });
			expectCrmApplied(emulators as unknown as ExampleEmulators, 3);
		});

		test('crm-deal-won.json: a provider failing after others were changed answers 502 naming it (n8n 1.x keeps the failed item on the success output)', async () => {
			emulators.commvault.injectFault({ path: /\/Organization\//, status: 503, times: 20, headers: { 'retry-after': '0' }, body: 'Service Unavailable' });
			const { status, answer } = await postDealWon(served.server.url, 4);
			expect(status).toBe(502);
			expect(answer).toMatchObject({ result: 'failed', failed: { provider: 'commvault', httpCode: '503' } });
			expect(Object.keys(answer.applied as object)).toEqual(expect.arrayContaining(['partoo', 'blendVisionOne', 'elasticPath']));
		});

		testAgentTools(() => served.mcp, emulators as unknown as ExampleEmulators);
	});
});
