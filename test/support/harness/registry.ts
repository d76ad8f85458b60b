import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

export const PACKAGE_ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
export const PACKAGE_NAME = pkg.name;

/**
 * Stand-in for n8n-nodes-base's Manual Trigger: passes on the items the test gives it, the way the
 * real trigger passes on pinned data. Registered under the real type name so exported workflows run.
 */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test stand-in',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Stand-in for n8n-nodes-base's Webhook node: passes on the items the test gives it (shaped like a
 * webhook call: `{ headers, params, query, body }`), so workflows that start from a webhook run too.
 */
class Webhook extends ManualTrigger {
	description = { ...new ManualTrigger().description, displayName: 'Webhook', name: 'webhook' } as INodeType['description'];
}

/**
 * Stand-in for n8n-nodes-base's Respond to Webhook (JSON answers): evaluates the body and status the way the
 * real node does and hands them to n8n's `sendResponse` hook (the harness keeps them as the run's `response`).
 */
class RespondToWebhook implements INodeType {
	description = {
		displayName: 'Respond to Webhook',
		name: 'respondToWebhook',
		group: ['transform'],
		version: [1, 1.1],
		description: 'Test stand-in',
		defaults: { name: 'Respond to Webhook' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Respond With', name: 'respondWith', type: 'options', options: [{ name: 'JSON', value: 'json' }], default: 'json' },
			{ displayName: 'Response Body', name: 'responseBody', type: 'json', default: '' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Response Code', name: 'responseCode', type: 'number', default: 200 }],
			},
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const body = this.getNodeParameter('responseBody', 0) as unknown;
		const { responseCode } = this.getNodeParameter('options', 0, {}) as { responseCode?: number };
		// The answer as it goes over the wire (undefined values dropped).
		const json = JSON.parse(typeof body === 'string' ? body : JSON.stringify(body)) as unknown;
		await this.sendResponse({ body: json as IDataObject, headers: {}, statusCode: responseCode ?? 200 });
		return [this.getInputData()];
	}
}

/** Maps a `dist/…js` entry of package.json's `n8n` field to its TypeScript source. */
function sourceOf(distPath: string): string {
	return path.join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function loadClass<T>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(file) as Record<string, new () => T>;
	const className = path.basename(file).split('.')[0];
	const Cls = mod[className];
	if (!Cls) throw new Error(`${file} does not export a class named ${className}`);
	return new Cls();
}

export interface Registry {
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
	/** Node type names as n8n knows them: `<package>.<node name>`. */
	typeNames: Record<string, string>;
}

const cached = new Map<'source' | 'dist', Registry>();

/**
 * Node and credential types exactly as listed in package.json's `n8n` field: loaded from source, or from the
 * built package (`dist`, after npm run build) for tests of what n8n runs.
 */
export function registry(from: 'source' | 'dist' = 'source'): Registry {
	const known = cached.get(from);
	if (known) return known;
	const fileOf = from === 'dist' ? (entry: string) => path.join(PACKAGE_ROOT, entry) : sourceOf;
	const nodes = new Map<string, INodeType | IVersionedNodeType>();
	const typeNames: Record<string, string> = {};
	// Entries whose source does not exist yet are skipped here (a provider being written);
	// test/package.test.ts checks on the built package that every entry exists.
	const present = (entry: string) => existsSync(fileOf(entry));
	for (const entry of pkg.n8n.nodes.filter(present)) {
		const node = loadClass<INodeType>(fileOf(entry));
		const fullName = `${pkg.name}.${node.description.name}`;
		nodes.set(fullName, node);
		typeNames[node.description.name] = fullName;
	}
	nodes.set('n8n-nodes-base.manualTrigger', new ManualTrigger());
	nodes.set('n8n-nodes-base.webhook', new Webhook());
	nodes.set('n8n-nodes-base.respondToWebhook', new RespondToWebhook());
	const credentialTypes = new Map<string, ICredentialType>();
	for (const entry of pkg.n8n.credentials.filter(present)) {
		const credential = loadClass<ICredentialType>(fileOf(entry));
		credentialTypes.set(credential.name, credential);
	}
	const nodeTypes: INodeTypes = {
		getByName: (type) => {
			const node = nodes.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return node;
		},
		getByNameAndVersion: (type, version) => {
			const node = nodes.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(node, version);
		},
		getKnownTypes: () => ({}),
	};
	const loaded = { nodeTypes, credentialTypes, typeNames };
	cached.set(from, loaded);
	return loaded;
}
