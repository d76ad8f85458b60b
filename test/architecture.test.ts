// Who may import whom (docs/ARCHITECTURE.md), checked on every import of the package's code, its tests and
// its scripts: a forbidden import fails here, naming the file and what it imports. The package's code has no
// import circle, type-only imports included: a circle fails here, naming its files in order.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function filesUnder(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
		const rel = `${dir}/${name}`;
		if (statSync(path.join(ROOT, rel)).isDirectory()) return name === 'node_modules' ? [] : filesUnder(rel);
		return /\.(ts|mjs)$/.test(name) ? [rel] : [];
	});
}

/** Every import of a file: what it names, and (for a relative one) the file or folder it reaches, from ROOT. */
function importsOf(file: string): Array<{ spec: string; target?: string }> {
	const text = readFileSync(path.join(ROOT, file), 'utf8');
	const statements = /^(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gms;
	const specs = [...text.matchAll(statements)].map((m) => m[1] ?? m[2] ?? m[3]);
	return specs.map((spec) => ({ spec, target: spec.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)) : undefined }));
}

const PROVIDERS = readdirSync(path.join(ROOT, 'nodes')).filter((name) => name !== 'core' && statSync(path.join(ROOT, 'nodes', name)).isDirectory());
/** The provider folder a credential belongs to: credentials/PartooApi.credentials.ts -> Partoo. */
const providerOfCredential = (file: string) => PROVIDERS.find((p) => path.basename(file).startsWith(`${p}Api.`));
/** Packages the published code may use (peer dependency, n8n's own luxon, the bundled XML parser). */
const PACKAGES = ['n8n-workflow', 'luxon', 'fast-xml-parser'];

/** A provider's tests: the folders of test/ that hold an emulator. */
const providerTests = readdirSync(path.join(ROOT, 'test')).filter((name) => name !== 'support' && existsSync(path.join(ROOT, 'test', name, 'emulator.ts')));

const under = (target: string | undefined, dir: string) => target !== undefined && (target === dir || target.startsWith(`${dir}/`));

/** The rule a file's import breaks, if it breaks one. */
function broken(file: string, { spec, target }: { spec: string; target?: string }): string | undefined {
	if (file.startsWith('nodes/') || file.startsWith('credentials/')) {
		if (target === undefined) return PACKAGES.includes(spec) ? undefined : 'the published code uses only n8n-workflow, luxon and fast-xml-parser';
		if (!under(target, 'nodes') && !under(target, 'credentials')) return 'nodes/ and credentials/ import nothing outside them (no tests, no scripts)';
		if (under(target, 'credentials')) return 'nothing imports a credential class: n8n loads it';
		const provider = file.startsWith('credentials/') ? providerOfCredential(file) : file.split('/')[1];
		if (provider === 'core') return under(target, 'nodes/core') ? undefined : 'the core knows no provider';
		if (under(target, 'nodes/core')) return undefined;
		if (!under(target, `nodes/${provider}`)) return 'a provider imports only the core and its own folder';
		if (file.startsWith(`nodes/${provider}/methods/`) && under(target, `nodes/${provider}/actions`)) return "methods/ (the editor's lists) do not reach into actions/";
		return undefined;
	}
	if (target === undefined) return undefined;
	const intoProviderTests = providerTests.find((dir) => under(target, `test/${dir}`));
	const emulator = intoProviderTests !== undefined && target === `test/${intoProviderTests}/emulator`;
	if (file.startsWith('scripts/')) {
		if (under(target, 'test') && !under(target, 'test/support') && !emulator) return 'scripts import only test/support/ and the emulators of the tests';
		return undefined;
	}
	if (file.startsWith('test/support/')) {
		if (under(target, 'test/drivers')) return 'test/support/ serves the drivers, not the other way round';
		if (intoProviderTests !== undefined && !emulator) return "test/support/ may use a provider's emulator, nothing else of its tests";
		return undefined;
	}
	if (file.startsWith('test/drivers/') && intoProviderTests !== undefined) return "a driver is fed by the providers' tests, it imports none";
	const fileProvider = providerTests.find((dir) => file.startsWith(`test/${dir}/`));
	if (fileProvider !== undefined && intoProviderTests !== undefined && intoProviderTests !== fileProvider) return "a provider's tests do not import another provider's tests";
	return undefined;
}

test('every import follows the rooms of docs/ARCHITECTURE.md', () => {
	const files = ['nodes', 'credentials', 'test', 'scripts'].flatMap(filesUnder);
	expect(files.length).toBeGreaterThan(100);
	const problems = files.flatMap((file) =>
		importsOf(file)
			.map((imported) => ({ imported, rule: broken(file, imported) }))
			.filter((p) => p.rule !== undefined)
			.map(({ imported, rule }) => `${file} imports ${imported.spec}: ${rule}`),
	);
	expect(problems).toEqual([]);
});

/** The file a relative import reaches: `nodes/core/turns` -> `nodes/core/turns.ts` (or its folder's index.ts). */
function fileOf(target: string): string | undefined {
	return [`${target}.ts`, `${target}/index.ts`, target].find((f) => existsSync(path.join(ROOT, f)) && statSync(path.join(ROOT, f)).isFile());
}

/**
 * Import circles of a graph (file -> files it imports), as their files in import order: one per import that
 * closes a circle in a depth-first walk, so a graph with a circle always yields one, and one without none.
 */
function circles(graph: Map<string, string[]>): string[][] {
	const found = new Map<string, string[]>();
	const done = new Set<string>();
	const walk = (file: string, trail: string[]) => {
		if (done.has(file)) return;
		const at = trail.indexOf(file);
		if (at >= 0) {
			const circle = trail.slice(at);
			// The same circle entered elsewhere: keyed by its files from the smallest one on.
			const start = circle.indexOf([...circle].sort()[0]);
			const key = [...circle.slice(start), ...circle.slice(0, start)];
			found.set(key.join(' -> '), [...key, key[0]]);
			return;
		}
		for (const next of graph.get(file) ?? []) walk(next, [...trail, file]);
		done.add(file);
	};
	for (const file of graph.keys()) walk(file, []);
	return [...found.values()];
}

test('the published code has no import circle, type-only imports included', () => {
	const files = ['nodes', 'credentials'].flatMap(filesUnder);
	const graph = new Map(
		files.map((file) => [
			file,
			importsOf(file).flatMap(({ target }) => {
				const imported = target === undefined ? undefined : fileOf(target);
				return imported === undefined ? [] : [imported];
			}),
		]),
	);
	expect([...graph.values()].flat().length).toBeGreaterThan(200);
	expect(circles(graph).map((c) => c.join(' -> '))).toEqual([]);
});

test('the check finds what it looks for', () => {
	expect(circles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['c.ts']]]))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
	expect(circles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', []]]))).toEqual([]);
	expect(broken('nodes/core/runner.ts', { spec: '../Partoo/api', target: 'nodes/Partoo/api' })).toBe('the core knows no provider');
	expect(broken('nodes/Partoo/api.ts', { spec: '../Commvault/api', target: 'nodes/Commvault/api' })).toBe('a provider imports only the core and its own folder');
	expect(broken('nodes/ElasticPath/methods/listSearch.ts', { spec: '../actions/offeringPlan/common', target: 'nodes/ElasticPath/actions/offeringPlan/common' })).toMatch(/methods/);
	expect(broken('credentials/PartooApi.credentials.ts', { spec: '../nodes/Commvault/login', target: 'nodes/Commvault/login' })).toMatch(/own folder/);
	expect(broken('nodes/Partoo/api.ts', { spec: '../../test/support/helpers', target: 'test/support/helpers' })).toMatch(/no tests/);
	expect(broken('nodes/Partoo/api.ts', { spec: 'axios' })).toMatch(/uses only/);
	expect(broken('scripts/start.ts', { spec: '../test/partoo/faults.test', target: 'test/partoo/faults.test' })).toMatch(/scripts import only/);
	expect(broken('scripts/start.ts', { spec: '../test/partoo/emulator', target: 'test/partoo/emulator' })).toBeUndefined();
	expect(broken('test/support/emulators.ts', { spec: '../drivers/faults', target: 'test/drivers/faults' })).toMatch(/serves the drivers/);
	expect(broken('test/drivers/faults.ts', { spec: '../partoo/emulator', target: 'test/partoo/emulator' })).toMatch(/imports none/);
	expect(broken('test/partoo/faults.test.ts', { spec: '../commvault/emulator', target: 'test/commvault/emulator' })).toMatch(/another provider/);
});
