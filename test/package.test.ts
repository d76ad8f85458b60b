import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

// Checks the built package the way n8n loads it: dist/ files from package.json's `n8n` field.
const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dist = (file: string) => path.join(root, file);

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

test.each(pkg.n8n.nodes as string[])('%s loads from dist with its icons and codex', (file) => {
	expect(existsSync(dist(file))).toBe(true);
	const mod = require(dist(file)) as Record<string, new () => INodeType>;
	const className = path.basename(file).split('.')[0];
	const node = new mod[className]();
	expect(node.description.usableAsTool).toBe(true);
	const icon = node.description.icon as { light: string; dark: string };
	for (const variant of [icon.light, icon.dark]) {
		expect(existsSync(path.resolve(path.dirname(dist(file)), variant.replace('file:', '')))).toBe(true);
	}
	expect(existsSync(dist(file).replace(/\.js$/, '.json'))).toBe(true);
	// Bundled: the only package the built file may require is n8n-workflow.
	const source = readFileSync(dist(file), 'utf8');
	const requires = [...source.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1]);
	expect([...new Set(requires)].filter((r) => r !== 'n8n-workflow')).toEqual([]);
});

test.each(pkg.n8n.credentials as string[])('%s loads from dist with its icons', (file) => {
	const mod = require(dist(file)) as Record<string, new () => ICredentialType>;
	const credential = new mod[path.basename(file).split('.')[0]]();
	expect(credential.test ?? credential.preAuthentication).toBeDefined();
	const icon = credential.icon as { light: string; dark: string };
	for (const variant of [icon.light, icon.dark]) {
		expect(existsSync(path.resolve(path.dirname(dist(file)), variant.replace('file:', '')))).toBe(true);
	}
});
