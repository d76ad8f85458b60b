import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType } from 'n8n-workflow';

// Checks the built package the way n8n loads it: dist/ files from package.json's `n8n` field.
const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dist = (file: string) => path.join(root, file);
const SHARED = dist('dist/shared.js');

/** The packages a built file requires (relative paths included). */
function requires(file: string): string[] {
	return [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

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

test('the shared bundle holds all code: it requires only n8n-workflow and the luxon that n8n-workflow brings', () => {
	expect(requires(SHARED)).toEqual(['luxon', 'n8n-workflow']);
	// luxon is not bundled: n8n-workflow, the peer, depends on it, so wherever n8n runs, luxon is there.
	const workflowPkg = JSON.parse(readFileSync(require.resolve('n8n-workflow/package.json'), 'utf8'));
	expect(workflowPkg.dependencies).toHaveProperty('luxon');
});

test.each([...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[])('%s only requires the shared bundle', (file) => {
	expect(requires(dist(file)).map((r) => path.resolve(path.dirname(dist(file)), r))).toEqual([SHARED]);
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
