// First step of `npm start` and `npm test`: installs what they need and a fresh clone lacks, so that these two
// commands are all a new user types.
//   node prepare.mjs start   node_modules: `npm ci` when it is missing or differs from package-lock.json
//                            (n8n itself is checked by scripts/start.ts, through scripts/install-n8n.sh)
//   node prepare.mjs test    the same, then n8n and the Node it runs on in the cache (the default release and
//                            every one in package.json's n8n.testedVersions), Debian's Chromium, redis-server
//                            and PostgreSQL (the scripts the suites run again, cheaply, themselves): a machine
//                            that cannot install one stops here with one sentence, not after the unit tests
//   node prepare.mjs check   only says whether node_modules matches package-lock.json (exit 3 when it does not)
// Uses nothing from node_modules. Nested npm runs without the caller's npm_config_* variables (npm passes its
// configuration to scripts that way) and with what it needs set explicitly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const say = (message) => process.stderr.write(`[prepare] ${message}\n`);

/** Why node_modules does not hold what package-lock.json names (undefined when it does). */
function nodeModulesProblem(dir) {
	const lockFile = path.join(dir, 'package-lock.json');
	if (!existsSync(lockFile)) return 'there is no package-lock.json';
	if (!existsSync(path.join(dir, 'node_modules'))) return 'node_modules is missing';
	const packages = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
	for (const [location, entry] of Object.entries(packages)) {
		if (location === '' || entry.link) continue;
		let version;
		try {
			version = JSON.parse(readFileSync(path.join(dir, location, 'package.json'), 'utf8')).version;
		} catch {
			// Optional packages for other platforms (esbuild's, …) are not installed here.
			if (entry.optional) continue;
			return `${location} is missing`;
		}
		if (version !== entry.version) return `${location} is ${version}, package-lock.json says ${entry.version}`;
	}
	return undefined;
}

/** The environment without npm's npm_config_* variables. */
function cleanEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')));
}

function fail(sentence) {
	process.stderr.write(`\n${sentence}\n`);
	process.exit(1);
}

function ensureNodeModules() {
	const problem = nodeModulesProblem(root);
	if (!problem) return;
	say(`${problem}: running npm ci (about a minute)`);
	// The registry the caller's npm uses is kept; ignore-scripts comes from this project's .npmrc.
	const registry = process.env.npm_config_registry;
	const args = ['ci', '--no-audit', '--no-fund', '--include=dev', ...(registry ? [`--registry=${registry}`] : [])];
	const result = spawnSync('npm', args, { cwd: root, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
	if (result.status !== 0) {
		const npmError = (result.stderr ?? '').split('\n').find((line) => /^npm (error|ERR!) (?!code|errno|syscall|A complete log)\S/.test(line));
		const usedRegistry = registry ?? spawnSync('npm', ['config', 'get', 'registry'], { cwd: root, encoding: 'utf8' }).stdout?.trim();
		fail(
			`npm ci failed (${npmError?.replace(/^npm (error|ERR!) /, '') ?? result.error ?? `exit ${result.status}`}): check that the npm registry ` +
				`${usedRegistry || ''} is reachable and run again; 'npm ci' by hand shows npm's whole answer.`,
		);
	}
	const still = nodeModulesProblem(root);
	if (still) fail(`npm ci finished but ${still}: delete node_modules and run again.`);
}

/** Runs an install script of scripts/ (progress on stderr); its one-sentence failure ends this run. */
function runSetupScript(name, env = {}) {
	const result = spawnSync('bash', [path.join(root, 'scripts', name)], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, ...env, PLAN_PROVISIONING_FAILURE_ON_STDOUT: '1' },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	if (result.status !== 0) {
		const lines = (result.stdout ?? '').trim().split('\n');
		fail(lines.pop() || `scripts/${name} failed (exit ${result.status}): run 'bash scripts/${name}' to see why.`);
	}
}

const mode = process.argv[2];
if (mode === 'check') {
	const problem = nodeModulesProblem(root);
	process.stdout.write(`${problem ?? 'node_modules matches package-lock.json'}\n`);
	process.exit(problem ? 3 : 0);
} else if (mode === 'start' || mode === 'test') {
	ensureNodeModules();
	if (mode === 'test') {
		runSetupScript('install-n8n.sh');
		const { testedVersions = [] } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).n8n ?? {};
		for (const version of testedVersions) runSetupScript('install-n8n.sh', { N8N_VERSION: version });
		for (const script of ['ensure-chromium.sh', 'ensure-queue-deps.sh']) runSetupScript(script);
	}
} else {
	fail('Usage: node scripts/prepare.mjs start|test|check');
}
