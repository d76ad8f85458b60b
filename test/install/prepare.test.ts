// scripts/prepare.mjs, the first step of `npm start` and `npm test`: node_modules checked against
// package-lock.json, and `npm ci` (with a stand-in npm) when it does not match.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type FakeNpm, fakeNpm } from './fake-npm';

const PREPARE = path.resolve(__dirname, '../../scripts/prepare.mjs');

let project: string;
let npm: FakeNpm;
beforeEach(() => {
	project = mkdtempSync(path.join(os.tmpdir(), 'prepare-project-'));
	npm = fakeNpm();
	writeFileSync(
		path.join(project, 'package-lock.json'),
		JSON.stringify({
			lockfileVersion: 3,
			packages: {
				'': { name: 'demo', devDependencies: { luxon: '3.7.2' } },
				'node_modules/luxon': { version: '3.7.2', dev: true },
				'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', dev: true, optional: true, os: ['darwin'] },
				'node_modules/jest/node_modules/semver': { version: '7.7.3', dev: true },
			},
		}),
	);
});
afterEach(() => {
	rmSync(project, { recursive: true, force: true });
	rmSync(path.dirname(npm.bin), { recursive: true, force: true });
});

function installed(location: string, version: string) {
	mkdirSync(path.join(project, location), { recursive: true });
	writeFileSync(path.join(project, location, 'package.json'), JSON.stringify({ version }));
}

function prepare(mode: string, env: NodeJS.ProcessEnv = {}) {
	const result = spawnSync(process.execPath, [PREPARE, mode], { cwd: project, encoding: 'utf8', env: npm.env(env) });
	return { code: result.status, out: result.stdout + result.stderr };
}

test('node_modules matching the lock (platform packages of other systems aside) needs nothing', () => {
	installed('node_modules/luxon', '3.7.2');
	installed('node_modules/jest/node_modules/semver', '7.7.3');
	expect(prepare('check')).toEqual({ code: 0, out: 'node_modules matches package-lock.json\n' });
	expect(prepare('start').code).toBe(0);
	expect(npm.calls()).toEqual([]);
});

test.each([
	['no node_modules', () => undefined, 'node_modules is missing'],
	['a package missing', () => installed('node_modules/luxon', '3.7.2'), 'node_modules/jest/node_modules/semver is missing'],
	[
		'a package at another version',
		() => {
			installed('node_modules/luxon', '3.6.1');
			installed('node_modules/jest/node_modules/semver', '7.7.3');
		},
		'node_modules/luxon is 3.6.1, package-lock.json says 3.7.2',
	],
])('%s: check says why', (_name, arrange, why) => {
	arrange();
	expect(prepare('check')).toEqual({ code: 3, out: `${why}\n` });
});

test("a stale node_modules gets npm ci, without the caller's npm_config_* and with dev dependencies included", () => {
	installed('node_modules/luxon', '3.6.1');
	const run = prepare('start', { npm_config_omit: 'dev', npm_config_ignore_scripts: 'false', npm_config_registry: 'https://registry.example.test/' });
	expect(run.out).toContain('[prepare] node_modules/luxon is 3.6.1, package-lock.json says 3.7.2: running npm ci');
	const calls = npm.calls();
	expect(calls.map((call) => call.args)).toEqual([['ci', '--no-audit', '--no-fund', '--include=dev', '--registry=https://registry.example.test/']]);
	expect(calls[0].npmConfig).toEqual({});
	expect(calls[0].cwd).toBe(project);
});

test('npm ci that fails (no registry) ends the run with one sentence', () => {
	const run = prepare('start', { FAKE_NPM_OFFLINE: '1' });
	expect(run.code).toBe(1);
	expect(run.out.trim().split('\n').pop()).toBe(
		"npm ci failed (network request to https://registry.example.test/n8n failed, reason: connect ECONNREFUSED): check that the npm registry https://registry.example.test/ is reachable and run again; 'npm ci' by hand shows npm's whole answer.",
	);
});
