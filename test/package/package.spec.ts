// The published artifact (npm run test:package, after npm run build): what `npm pack` ships, its size, and
// n8n's own community-package scan (@n8n/scan-community-package) over the sources and over the tarball,
// offline. A failure prints the offending files or the scanner's findings.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/**
 * The budget for the packed tarball (npm's "package size", kB = 1000 bytes): unminified code (issue 25 set
 * 150 kB at 144 kB); Undo Changes on five nodes, Instellix's version 2 panels and Commvault Cloud's sign-in took
 * it to 161 kB, fast-xml-parser alone being 43 kB of it.
 */
const MAX_PACKED_BYTES = 170_000;

interface Finding {
	file: string;
	line: number;
	severity: string;
	rule: string;
	message: string;
}
interface Leg {
	scanner: string;
	leg: 'sources' | 'tarball';
	files: number;
	findings: Finding[];
}

let work: string;
let tgz: string;
let shipped: string[];

/** scripts/scan-package.mjs over the sources and/or a tarball: one result per leg. */
function scan(tarball: string, ...flags: string[]): Leg[] {
	const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/scan-package.mjs'), '--json', '--tarball', tarball, ...flags], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	const legs = run.stdout
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Leg);
	if (legs.length === 0) throw new Error(`the scan did not run (exit ${run.status}):\n${run.stderr}`);
	return legs;
}

beforeAll(() => {
	if (!existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
	work = mkdtempSync(path.join(os.tmpdir(), 'plan-provisioning-package-'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
	tgz = path.join(work, name);
	shipped = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.map((entry) => entry.replace(/^package\//, ''))
		.sort();
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('npm pack ships only dist/ (the compiled sources, fast-xml-parser, icons, codex, licenses), README, LICENSE, package.json', () => {
	const sources = ['nodes', 'credentials'].flatMap((dir) =>
		readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) => `dist/${dir}/${file}`),
	);
	const codex = sources.filter((file) => file.endsWith('.node.json'));
	const compiled = sources.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')).map((file) => file.replace(/\.ts$/, '.js'));
	const icons = readdirSync(path.join(ROOT, 'icons')).map((file) => `dist/icons/${file}`);
	const expected = [
		'LICENSE',
		'README.md',
		'package.json',
		'dist/vendor/fast-xml-parser.js',
		'dist/THIRD-PARTY-LICENSES.txt',
		...compiled,
		...codex,
		...icons,
	].sort();
	expect(compiled).toEqual(expect.arrayContaining([...pkg.n8n.nodes, ...pkg.n8n.credentials]));
	expect({ unexpected: shipped.filter((f) => !expected.includes(f)), missing: expected.filter((f) => !shipped.includes(f)) }).toEqual({
		unexpected: [],
		missing: [],
	});
	// No test code, TypeScript sources, declarations or source maps, and no shipped file points to a map.
	expect(shipped.filter((f) => /(^|\/)test|\.spec\.|\.test\.|\.ts$|\.map$/.test(f))).toEqual([]);
	const unpacked = path.join(work, 'unpacked');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tgz, '-C', unpacked, '--strip-components=1']);
	const mapReferences = shipped.filter((f) => f.endsWith('.js') && readFileSync(path.join(unpacked, f), 'utf8').includes('sourceMappingURL'));
	expect(mapReferences).toEqual([]);
});

test(`the packed tarball is at most ${MAX_PACKED_BYTES / 1000} kB`, () => {
	const packed = statSync(tgz).size;
	if (packed > MAX_PACKED_BYTES) {
		const listing = execFileSync('tar', ['-tzvf', tgz], { encoding: 'utf8' });
		throw new Error(`the tarball is ${packed} bytes, over ${MAX_PACKED_BYTES}; its files:\n${listing}`);
	}
});

test("n8n's community-package scan finds nothing in the sources or in the packed tarball", () => {
	const legs = scan(tgz);
	expect(legs.map((l) => l.leg)).toEqual(['sources', 'tarball']);
	for (const leg of legs) {
		// Both legs really looked at the package: nodes and credentials in the sources, dist/*.js in the tarball.
		expect(leg.files).toBeGreaterThanOrEqual(pkg.n8n.nodes.length + pkg.n8n.credentials.length);
		expect({ leg: leg.leg, findings: leg.findings }).toEqual({ leg: leg.leg, findings: [] });
	}
});

test('the scan gate fails on what n8n refuses: a timer global planted in a shipped file', () => {
	const planted = path.join(work, 'planted');
	mkdirSync(path.join(planted, 'package'), { recursive: true });
	execFileSync('tar', ['-xzf', tgz, '-C', path.join(planted, 'package')]);
	appendFileSync(path.join(planted, 'package/package/dist/nodes/core/pool.js'), '\nsetTimeout(() => undefined, 1);\n');
	const plantedTgz = path.join(work, 'planted.tgz');
	execFileSync('tar', ['-czf', plantedTgz, '-C', path.join(planted, 'package'), 'package']);
	const [leg] = scan(plantedTgz, '--tarball-only');
	expect(leg.findings).toEqual([
		expect.objectContaining({ file: 'dist/nodes/core/pool.js', severity: 'error', rule: '@n8n/community-nodes/no-restricted-globals' }),
	]);
});
