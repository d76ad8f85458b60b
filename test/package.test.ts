import 'reflect-metadata';

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType } from 'n8n-workflow';

import { PartooEmulator } from './partoo/emulator';
import { run, useEmulator, workflowFrom } from './support/helpers';

// Checks the built package the way n8n loads it: dist/ files from package.json's `n8n` field; and that a
// failing item run from dist/ has a stack trace naming our files and functions.
const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dist = (file: string) => path.join(root, file);
const VENDOR = dist('dist/vendor/fast-xml-parser.js');

/** The packages a built file requires (relative paths included). */
function requires(file: string): string[] {
	return [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

/** Every .js file of dist/, absolute. */
const builtFiles = () =>
	readdirSync(dist('dist'), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.js'))
		.map((f) => dist(path.join('dist', f)));

beforeAll(() => {
	if (!existsSync(dist('dist'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

test('package.json is a community node package with no runtime dependencies', () => {
	expect(pkg.name).toBe('n8n-nodes-plan-provisioning');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.files).toEqual(['dist']);
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
});

test('dist/ is the sources compiled file for file: each .ts of nodes/ and credentials/ has its .js, nothing else but fast-xml-parser', () => {
	const sources = ['nodes', 'credentials'].flatMap((dir) =>
		readdirSync(dist(dir), { recursive: true, encoding: 'utf8' })
			.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
			.map((f) => dist(path.join('dist', dir, f.replace(/\.ts$/, '.js')))),
	);
	expect(sources.length).toBeGreaterThan(100);
	expect(builtFiles().sort()).toEqual([...sources, VENDOR].sort());
});

test('the compiled code is not minified: names as written, no line longer than the longest messages of the sources', () => {
	const pool = readFileSync(dist('dist/nodes/core/pool.js'), 'utf8');
	expect(pool).toContain('async function runPool(count, concurrency, task, stop = () => false) {');
	expect(pool).toContain('class Permits {');
	const longLines = builtFiles().flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => line.length > 1000)
			.map((line) => `${path.relative(root, file)}: ${line.slice(0, 80)}…`),
	);
	expect(longLines).toEqual([]);
});

test('the code requires only n8n-workflow, the luxon that n8n-workflow brings, and its own files (fast-xml-parser from dist/vendor)', () => {
	const problems = builtFiles().flatMap((file) =>
		requires(file)
			.filter((spec) => {
				if (!spec.startsWith('.')) return !['n8n-workflow', 'luxon'].includes(spec);
				const target = path.resolve(path.dirname(file), spec);
				return !target.startsWith(dist('dist/')) || ![`${target}.js`, `${target}/index.js`].some((f) => existsSync(f));
			})
			.map((spec) => `${path.relative(root, file)} requires ${spec}`),
	);
	expect(problems).toEqual([]);
	expect(requires(VENDOR)).toEqual([]);
	const { XMLParser, XMLBuilder } = require(VENDOR) as typeof import('fast-xml-parser');
	const xml = '<EVGui_GenericResp errorCode="0" errorMessage="" />';
	const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
	expect(parsed).toEqual({ EVGui_GenericResp: { errorCode: '0', errorMessage: '' } });
	expect(new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '', suppressEmptyNode: true }).build(parsed)).toBe('<EVGui_GenericResp errorCode="0" errorMessage=""/>');
	expect(requires(dist('dist/nodes/Commvault/body.js'))).toContain('../../vendor/fast-xml-parser');
	// luxon is not shipped: n8n-workflow, the peer, depends on it, so wherever n8n runs, luxon is there.
	const workflowPkg = JSON.parse(readFileSync(require.resolve('n8n-workflow/package.json'), 'utf8'));
	expect(workflowPkg.dependencies).toHaveProperty('luxon');
});

test.each(pkg.n8n.nodes as string[])('%s loads from dist with its icons and codex', (file) => {
	expect(existsSync(dist(file))).toBe(true);
	const mod = require(dist(file)) as Record<string, new () => INodeType>;
	const className = path.basename(file).split('.')[0];
	const node = new mod[className]();
	expect(node.constructor.name).toBe(className);
	expect(node.description.usableAsTool).toBe(true);
	const icon = node.description.icon as { light: string; dark: string };
	for (const variant of [icon.light, icon.dark]) {
		expect(existsSync(path.resolve(path.dirname(dist(file)), variant.replace('file:', '')))).toBe(true);
	}
	expect(existsSync(dist(file).replace(/\.js$/, '.json'))).toBe(true);
});

test.each(pkg.n8n.credentials as string[])('%s loads from dist with its icons', (file) => {
	const className = path.basename(file).split('.')[0];
	const mod = require(dist(file)) as Record<string, new () => ICredentialType>;
	const credential = new mod[className]();
	expect(credential.constructor.name).toBe(className);
	expect(credential.test ?? credential.preAuthentication).toBeDefined();
	const icon = credential.icon as { light: string; dark: string };
	for (const variant of [icon.light, icon.dark]) {
		expect(existsSync(path.resolve(path.dirname(dist(file)), variant.replace('file:', '')))).toBe(true);
	}
});

test("n8n-core's PackageDirectoryLoader loads every node and credential, with class names, icons and codex", async () => {
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	const nodeClasses = (pkg.n8n.nodes as string[]).map((file) => path.basename(file).split('.')[0]);
	const credentialClasses = (pkg.n8n.credentials as string[]).map((file) => path.basename(file).split('.')[0]);
	expect(Object.values(loader.known.nodes).map((k) => k.className)).toEqual(nodeClasses);
	expect(Object.values(loader.known.credentials).map((k) => k.className)).toEqual(credentialClasses);
	for (const credential of Object.values(loader.known.credentials)) expect(credential.supportedNodes).toHaveLength(1);
	const iconUrls = [...loader.types.nodes, ...loader.types.credentials].flatMap(({ iconUrl }) => {
		const { light, dark } = iconUrl as { light: string; dark: string };
		return [light, dark];
	});
	expect(iconUrls).toHaveLength(2 * (nodeClasses.length + credentialClasses.length));
	for (const url of iconUrls) expect(existsSync(path.join(root, url.replace(`icons/${pkg.name}/`, '')))).toBe(true);
	for (const node of loader.types.nodes) expect(node.codex?.categories?.length).toBeGreaterThan(0);
});

describe('a failing item run from dist/', () => {
	const emulator = useEmulator(new PartooEmulator());
	const addOrUpdate = workflowFrom(path.join(root, 'test/partoo'), 'addOrUpdate');
	const credential = () => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }];

	test("its error's stack trace (what n8n logs and shows) names our functions and files", async () => {
		emulator.injectFault({ method: 'POST', status: 400, body: { errors: { json: 'Plan list is invalid' } } });
		const result = await run(addOrUpdate, credential(), [{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' }], { built: true });
		expect(result.error?.message).toBe('Partoo returned 400 (item 0): Plan list is invalid');
		const frames = (result.error?.stack ?? '').split('\n').map((line) => line.trim().replace(`${root}/`, ''));
		for (const frame of [
			/^at providerError \(dist\/nodes\/core\/errors\.js:\d+:\d+\)$/,
			/^at Transport\.request \(dist\/nodes\/core\/transport\.js:\d+:\d+\)$/,
			/^at runItems \(dist\/nodes\/core\/runner\.js:\d+:\d+\)$/,
			/^at ExecuteContext\.execute \(dist\/nodes\/Partoo\/Partoo\.node\.js:\d+:\d+\)$/,
		]) {
			expect(frames).toContainEqual(expect.stringMatching(frame));
		}
	});
});
