import type { INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

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

// What an AI agent reads as a tool's description when the workflow author leaves "Tool Description" on "Set
// Automatically": n8n makes it from the operation's action and the node's name (NodeHelpers.makeDescription).
// Each one must say what the tool changes (and, for updates, what it keeps).
const TOOL_DESCRIPTIONS: Record<string, Record<string, string>> = {
	partoo: {
		addOrUpdate: 'Add or update plans of an organization and keep its other plans in Partoo',
		get: 'Get the plans of an organization in Partoo',
		remove: 'Remove plans from an organization and keep its other plans in Partoo',
		replaceAll: 'Replace all plans of an organization with the listed plans in Partoo',
		undo: 'Undo the plan changes of an earlier run and keep changes made since in Partoo',
	},
	blendVisionOne: {
		get: 'Get a sub organization in BlendVision One',
		getAll: 'Get many sub organizations in BlendVision One',
		update: 'Update the plans and settings of a sub organization in BlendVision One',
		undo: 'Undo the changes of an earlier run to sub organizations and keep changes made since in BlendVision One',
	},
	elasticPath: {
		get: 'Get a plan of an offering in Elastic Path Subscriptions',
		getAll: 'Get many plans of an offering in Elastic Path Subscriptions',
		update: 'Update the attributes or prices of a plan of an offering in Elastic Path Subscriptions',
		undo: 'Undo the plan changes of an earlier run and keep changes made since in Elastic Path Subscriptions',
	},
	commvault: {
		get: 'Get an organization in Commvault',
		getAll: 'Get many organizations in Commvault',
		updateDefaultPlans: 'Update the default plans of an organization in Commvault',
		updatePlans: 'Update the plans associated with an organization in Commvault',
		undo: 'Undo the plan changes of an earlier run and keep changes made since in Commvault',
	},
	instellix: {
		get: 'Get a plan in Instellix',
		getAll: 'Get many plans in Instellix',
		update: 'Update a plan and its properties and phases in Instellix',
		undo: 'Undo the plan changes of an earlier run and keep changes made since in Instellix',
	},
};

test.each(Object.keys(registry().typeNames))('%s: as an AI tool, each operation is described by what it changes', (name) => {
	const { description } = registry().nodeTypes.getByNameAndVersion(registry().typeNames[name], 1);
	expect(description.usableAsTool).toBe(true);
	const resource = description.properties.find((p) => p.name === 'resource')!.default as string;
	const operations = description.properties.find((p) => p.name === 'operation')!.options as Array<{ value: string }>;
	const seen = Object.fromEntries(
		operations.map(({ value }) => [value, NodeHelpers.makeDescription({ resource, operation: value }, description)]),
	);
	expect(seen).toEqual(TOOL_DESCRIPTIONS[name]);
});
