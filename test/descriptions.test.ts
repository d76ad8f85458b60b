import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE_ROOT, registry } from './support/harness/registry';

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

// The editor's panels (issue 24): in every entry of a fixed collection (a phase, a property, a price) the fields
// that identify it come first, as in n8n's own nodes: the required ones and those that pick the thing the entry is
// about (n8n names a field chosen from a list "<Thing> Name or ID"; an ID or an Ident field). And a JSON field
// shows the shape it expects (a placeholder, or a hint with an example).
const identifies = (field: INodeProperties) => field.required === true || /(^|\s)(ID|Ident)$/.test(field.displayName);
interface Entry {
	label: string;
	fields: INodeProperties[];
}

/** Whether a node of `version` shows `prop` (by `@version` only; other display conditions depend on values). */
function shownIn(prop: INodeProperties, version: number): boolean {
	const show = prop.displayOptions?.show?.['@version'] as number[] | undefined;
	const hide = prop.displayOptions?.hide?.['@version'] as number[] | undefined;
	return (!show || show.includes(version)) && !(hide ?? []).includes(version);
}

function entriesAndJsonFields(props: INodeProperties[], where: string, entries: Entry[], json: Array<{ label: string; prop: INodeProperties }>, version: number): void {
	for (const prop of props.filter((p) => shownIn(p, version))) {
		const label = `${where} > ${prop.displayName}`;
		if (prop.type === 'json') json.push({ label, prop });
		if (!Array.isArray(prop.options)) continue;
		for (const option of prop.options as unknown as Array<Record<string, unknown>>) {
			if (!option || typeof option !== 'object') continue;
			if (Array.isArray(option.values)) {
				const fields = (option.values as INodeProperties[]).filter((f) => shownIn(f, version));
				const group = `${label} > ${String(option.displayName ?? option.name)}`;
				entries.push({ label: group, fields });
				entriesAndJsonFields(fields, group, entries, json, version);
			} else if ('displayName' in option && 'type' in option) {
				entriesAndJsonFields([option as unknown as INodeProperties], label, entries, json, version);
			}
		}
	}
}

/** The panels a new node shows: those of the node's newest version (an older one keeps the layout its saved workflows have). */
function panelsOf(name: string) {
	const { version } = registry().nodeTypes.getByNameAndVersion(registry().typeNames[name]).description;
	const newest = Array.isArray(version) ? Math.max(...version) : version;
	const node = registry().nodeTypes.getByNameAndVersion(registry().typeNames[name], newest);
	const entries: Entry[] = [];
	const json: Array<{ label: string; prop: INodeProperties }> = [];
	entriesAndJsonFields(node.description.properties, node.description.displayName, entries, json, newest);
	return { entries, json };
}

test.each(Object.keys(registry().typeNames))('%s: in every collection entry the identifying fields come first', (name) => {
	const late = panelsOf(name).entries.flatMap(({ label, fields }) => {
		const firstOther = fields.findIndex((f) => !identifies(f));
		return fields
			.map((field, at) => ({ field, at }))
			.filter(({ field, at }) => identifies(field) && firstOther >= 0 && at > firstOther)
			.map(({ field, at }) => `${label}: "${field.displayName}" is field ${at + 1} of ${fields.length}, after "${fields[firstOther].displayName}"`);
	});
	expect(late).toEqual([]);
});

test.each(Object.keys(registry().typeNames))('%s: every JSON field shows an example of what it takes', (name) => {
	const bare = panelsOf(name)
		.json.filter(({ prop }) => ![prop.placeholder, prop.hint].some((text) => typeof text === 'string' && /[[{]/.test(text)))
		.map(({ label }) => `${label}: no placeholder or hint with an example`);
	expect(bare).toEqual([]);
});

test('the field-order check tells identifying fields from the others, and finds entries and JSON fields at any depth', () => {
	const fields = [
		{ displayName: 'Billing Config', name: 'billingConfig', type: 'json', default: '{}' },
		{ displayName: 'Phase Name or ID', name: 'phase', type: 'options', default: '' },
		{ displayName: 'Ident', name: 'ident', type: 'string', default: '', required: true },
	] as INodeProperties[];
	expect(fields.map(identifies)).toEqual([false, true, true]);
	expect(identifies({ displayName: 'Linked Options to Remove', name: 'x', type: 'string', default: '' })).toBe(false);
	const entries: Entry[] = [];
	const json: Array<{ label: string; prop: INodeProperties }> = [];
	entriesAndJsonFields([{ displayName: 'Phase Changes', name: 'phases', type: 'fixedCollection', default: {}, options: [{ displayName: 'Phase', name: 'phase', values: fields }] }], 'Node', entries, json, 1);
	expect(entries).toEqual([{ label: 'Node > Phase Changes > Phase', fields }]);
	expect(json.map((j) => j.label)).toEqual(['Node > Phase Changes > Phase > Billing Config']);
});

// The panel's Docs link (codex primaryDocumentation, as n8n's own nodes point at their page on docs.n8n.io): this
// package's page for the node, in the repository package.json names, which links on to the provider's reference.
test.each(Object.keys(registry().typeNames))("%s: the Docs link opens this package's page for the node", (name) => {
	const { displayName } = registry().nodeTypes.getByNameAndVersion(registry().typeNames[name], 1).description;
	const folder = readdirSync(path.join(PACKAGE_ROOT, 'nodes')).find((dir) => existsSync(path.join(PACKAGE_ROOT, 'nodes', dir, `${dir}.node.json`)) && dir.toLowerCase() === name.toLowerCase())!;
	const codex = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'nodes', folder, `${folder}.node.json`), 'utf8')) as { resources: { primaryDocumentation: Array<{ url: string }> } };
	const repository = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	const url = codex.resources.primaryDocumentation[0].url;
	expect(url).toMatch(new RegExp(`^${repository}/blob/main/docs/providers/[a-z-]+\\.md$`));
	const page = readFileSync(path.join(PACKAGE_ROOT, url.slice(`${repository}/blob/main/`.length)), 'utf8');
	expect(page.split('\n')[0]).toBe(`# ${displayName}`);
	expect(page).toMatch(/own API reference for what the update sends: <https:\/\//);
});
