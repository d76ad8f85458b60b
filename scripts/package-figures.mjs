// Package figures: tarball size (packed, unpacked) and how long the real n8n takes to load the package.
//
//   node scripts/package-figures.mjs [--ref GIT_REF]... [--runs 20]     prints a Markdown table
//
// Measures the working tree (built and packed here) and each --ref (that commit, built in a temporary
// copy with this checkout's node_modules). Loading is timed the way n8n 2.x loads a community package:
// the tarball unpacked into <nodes>/node_modules/<name> without peers (n8n's installer drops them),
// NODE_PATH set as n8n sets it so n8n-workflow and luxon are n8n's own, already loaded copies, then
// n8n-core's PackageDirectoryLoader.loadAll() (requires every node and credential file, codex, icons)
// in a fresh Node 24 process per run, after n8n-core is loaded. Runs of the packages alternate.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const PACKAGE = 'n8n-nodes-plan-provisioning';

if (process.argv[2] === '--load') await loadOnce(process.argv[3], process.argv[4]);
else await main();

/** Child process (Node 24): load the unpacked package once with n8n's loader, print the time. */
async function loadOnce(n8nDir, packageDir) {
	const n8nRequire = createRequire(path.join(n8nDir, 'dist/index.js'));
	n8nRequire('reflect-metadata');
	const { PackageDirectoryLoader } = n8nRequire('n8n-core');
	// What LoadNodesAndCredentials.init() does before loading packages.
	process.env.NODE_PATH = Module._nodeModulePaths(path.join(n8nDir, 'dist')).join(path.delimiter);
	Module._initPaths();
	const start = performance.now();
	const cpuStart = process.cpuUsage();
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const cpu = process.cpuUsage(cpuStart);
	const ms = performance.now() - start;
	const nodes = loader.loadedNodes.length;
	const credentials = Object.keys(loader.credentialTypes).length;
	console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, nodes, credentials }));
}

async function main() {
	const args = process.argv.slice(2);
	const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
	const refs = args.flatMap((a, i) => (a === '--ref' ? [args[i + 1]] : []));
	// install-n8n.sh prints CACHE=, NODE=, N8N= (the n8n binary) and N8N_VERSION=, one a line.
	const installed = execFileSync('bash', [path.join(root, 'scripts/install-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const vars = Object.fromEntries(installed.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
	const version = vars.N8N_VERSION;
	const node24 = vars.NODE;
	const n8nDir = path.resolve(path.dirname(vars.N8N), '..');
	const work = mkdtempSync(path.join(os.tmpdir(), 'package-figures-'));
	const started = new Date();
	const loadAtStart = os.loadavg()[0];

	const packages = [...refs.map((ref) => ({ label: ref, tgz: packRef(ref, work) })), { label: 'working tree', tgz: pack(root, work) }];
	for (const p of packages) {
		p.dir = path.join(work, `install-${packages.indexOf(p)}`, 'node_modules', PACKAGE);
		mkdirSync(p.dir, { recursive: true });
		execFileSync('tar', ['-xzf', p.tgz, '-C', p.dir, '--strip-components=1']);
		const listing = execFileSync('tar', ['-tzvf', p.tgz], { encoding: 'utf8' }).trim().split('\n');
		p.packed = statSync(p.tgz).size;
		p.unpacked = listing.reduce((sum, line) => sum + Number(line.split(/\s+/)[2]), 0);
		p.files = listing.length;
		p.times = [];
		p.cpu = [];
	}
	for (let run = 0; run < runs; run++) {
		for (const p of packages) {
			const child = spawnSync(node24, [self, '--load', n8nDir, p.dir], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
			if (child.status !== 0) throw new Error(`loading ${p.label} failed:\n${child.stderr}`);
			const result = JSON.parse(child.stdout.trim().split('\n').pop());
			if (result.nodes !== 5 || result.credentials !== 5) throw new Error(`${p.label} loaded ${JSON.stringify(result)}`);
			p.times.push(result.ms);
			p.cpu.push(result.cpuMs);
		}
	}
	rmSync(work, { recursive: true, force: true });

	const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
	const ms = (value) => value.toFixed(1);
	const command = ['node scripts/package-figures.mjs', ...process.argv.slice(2)].join(' ');
	console.log(`Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: \`${command}\`.`);
	console.log(
		`n8n ${version} on Node ${execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim()}, ${os.cpus().length} cores (${os.cpus()[0].model}), ` +
			`${runs} fresh processes per package; 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`,
	);
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	console.log('| package | packed | unpacked | files | load, median ms (min-max) | CPU, median ms |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
	for (const p of packages) {
		const range = `${ms(Math.min(...p.times))}-${ms(Math.max(...p.times))}`;
		console.log(`| ${p.label} | ${kb(p.packed)} | ${kb(p.unpacked)} | ${p.files} | ${ms(median(p.times))} (${range}) | ${ms(median(p.cpu))} |`);
	}
}

/** Builds and packs a checkout; returns the tarball's path. */
function pack(dir, out) {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
	const dest = mkdtempSync(path.join(out, 'pack-'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
	return path.join(dest, name);
}

/** A commit's tree in a temporary folder, using this checkout's node_modules, built and packed. */
function packRef(ref, out) {
	const dir = mkdtempSync(path.join(out, 'ref-'));
	const tree = execFileSync('git', ['-C', root, 'archive', ref], { maxBuffer: 256 * 1024 * 1024 });
	execFileSync('tar', ['-x', '-C', dir], { input: tree });
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
	return pack(dir, out);
}
