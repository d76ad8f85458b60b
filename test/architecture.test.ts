// Who may import whom (docs/ARCHITECTURE.md), checked on every import of the package's code, its tests and
// its scripts: a forbidden import fails here, naming the file and what it imports.
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

test('the check finds what it looks for', () => {
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
