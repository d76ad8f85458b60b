import type { INodeProperties } from 'n8n-workflow';

import { registry } from './support/harness/registry';

// UI text in n8n's style, for every node in package.json's `n8n` field (from source):
// every field has a description, booleans start with "Whether", display names are Title Case.
const SMALL_WORDS = ['a', 'an', 'and', 'or', 'of', 'the', 'to', 'by', 'for', 'in', 'on', 'per'];

function walk(props: INodeProperties[], where: string, problems: string[]): void {
	for (const prop of props) {
		const label = `${where} > ${prop.displayName}`;
		if (prop.type === 'notice') continue;
		if (typeof prop.description !== 'string' || prop.description.trim() === '') problems.push(`${label}: no description`);
		if (prop.type === 'boolean' && !/^Whether /.test(prop.description ?? '')) problems.push(`${label}: boolean description must start with "Whether"`);
		prop.displayName.split(' ').forEach((word, i) => {
			if (i > 0 && SMALL_WORDS.includes(word)) return;
			if (/^[a-z]/.test(word)) problems.push(`${label}: "${word}" is not Title Case`);
		});
		for (const nested of [prop.options, (prop as { values?: unknown }).values]) {
			if (!Array.isArray(nested)) continue;
			for (const entry of nested as Array<Record<string, unknown>>) {
				if (!entry || typeof entry !== 'object') continue;
				if (Array.isArray(entry.values)) {
					// A fixedCollection group: its fields are what the user fills in.
					walk(entry.values as INodeProperties[], `${label} > ${String(entry.displayName ?? entry.name)}`, problems);
				} else if ('displayName' in entry) {
					walk([entry as unknown as INodeProperties], label, problems);
				}
			}
		}
	}
}

test.each(Object.keys(registry().typeNames))('%s: every field has a description in n8n style', (name) => {
	const node = registry().nodeTypes.getByNameAndVersion(registry().typeNames[name], 1);
	const problems: string[] = [];
	walk(node.description.properties, node.description.displayName, problems);
	for (const credential of node.description.credentials ?? []) {
		const type = registry().credentialTypes.get(credential.name);
		if (type) walk(type.properties.filter((p) => p.type !== 'hidden'), type.displayName, problems);
	}
	expect(problems).toEqual([]);
});
