import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS, runOptions } from './descriptions';
import type { ReadOperation, RunSettings, UpdateOperation } from './operation';
import { ItemParams } from './params';
import { runRead, runUpdate } from './runner';
import { DEFAULT_TRANSPORT_SETTINGS, Transport } from './transport';
import type { ProviderApi, TransportSettings } from './types';

// The template of every provider node: its properties (Resource, Operation, each operation's fields, the
// Options) and its execute, built from the provider's API module and its resources.

/**
 * An operation as the node holds it: its kind, its fields, and its run. The run closes over the
 * operation's own types, so a registry of operations needs no cast and a mistyped one does not compile.
 */
export interface Operation {
	readonly kind: 'read' | 'update';
	readonly fields: INodeProperties[];
	readonly run: (ctx: IExecuteFunctions, transport: Transport, settings: RunSettings) => Promise<INodeExecutionData[]>;
}

export function defineRead<P>(operation: ReadOperation<P>): Operation {
	return { kind: 'read', fields: operation.fields, run: async (ctx, transport, settings) => await runRead(ctx, transport, operation, settings) };
}

export function defineUpdate<P, R>(operation: UpdateOperation<P, R>): Operation {
	return { kind: 'update', fields: operation.fields, run: async (ctx, transport, settings) => await runUpdate(ctx, transport, operation, settings) };
}

/** A resource of a node ("Organization Plan") and its operations. */
export interface Resource {
	readonly value: string;
	readonly name: string;
	/** The "Operation" picker for this resource, as the user sees it (the core adds its displayOptions). */
	readonly operationField: INodeProperties;
	readonly operations: Readonly<Record<string, Operation>>;
	/** Why "Confirm Write" matters for this resource's updates (shown in the option's description). */
	readonly confirmReason?: string;
}

/**
 * A resource from its operations and its picker. The picker's values are the operations' names, each once
 * (checked when the node loads, so any test of the node finds a mismatch).
 */
export function defineResource<O extends Record<string, Operation>>(resource: {
	value: string;
	name: string;
	operationField: Omit<INodeProperties, 'options'> & { options: Array<INodePropertyOptions & { value: keyof O & string }> };
	operations: O;
	confirmReason?: string;
}): Resource {
	const picked = resource.operationField.options.map((o) => o.value).sort();
	const defined = Object.keys(resource.operations).sort();
	if (picked.join() !== defined.join()) {
		throw new Error(`Resource "${resource.value}": the Operation picker offers ${picked.join(', ')} but the operations are ${defined.join(', ')}`);
	}
	return resource;
}

/** A field shown only for these operations of this resource (its own conditions kept). */
function scoped(field: INodeProperties, resource: string, operations: string[]): INodeProperties {
	const own = field.displayOptions;
	return { ...field, displayOptions: { ...own, show: { resource: [resource], operation: operations, ...own?.show } } };
}

/** The node's properties: Resource, then per resource its Operation picker, its operations' fields and the Options. */
function nodeProperties(api: ProviderApi, resources: Resource[], resourceDescription: string): INodeProperties[] {
	const resourceField: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((r) => ({ name: r.name, value: r.value })),
		default: '',
		description: resourceDescription,
	};
	// The first resource (set here, as the lint rule wants a literal above).
	resourceField.default = resources[0].value;
	const properties = [resourceField];
	for (const resource of resources) {
		const names = Object.keys(resource.operations);
		const ofKind = (kind: Operation['kind']) => names.filter((name) => resource.operations[name].kind === kind);
		const show = (operations: string[]) => ({ resource: [resource.value], operation: operations });
		properties.push({ ...resource.operationField, displayOptions: { show: { resource: [resource.value] } } });
		for (const name of names) properties.push(...resource.operations[name].fields.map((f) => scoped(f, resource.value, [name])));
		const updates = ofKind('update');
		const reads = ofKind('read');
		if (updates.length) properties.push(runOptions(show(updates), { dryRun: true, rateLimit: api.rateLimit, confirmReason: resource.confirmReason }));
		if (reads.length) properties.push(runOptions(show(reads), { dryRun: false, rateLimit: api.rateLimit }));
	}
	return properties;
}

/** Reads the node's "Options" (from the first item) into the transport's and the run's settings. */
function runSettingsOf(ctx: IExecuteFunctions, resource: string): { transport: TransportSettings; run: Omit<RunSettings, 'turnTimeoutMs'> } {
	const params = new ItemParams(ctx, 0);
	const options = params.collection('options', 'Options') as IDataObject;
	const read = (key: string, label: string, rules: { min: number; max: number }) => params.checkNumber(options[key], label, { ...rules, integer: true });
	return {
		transport: {
			...DEFAULT_TRANSPORT_SETTINGS,
			maxRetries: read('maxRetries', 'Max Retries', { min: 0, max: 10 }) ?? DEFAULT_TRANSPORT_SETTINGS.maxRetries,
			timeoutMs: read('timeout', 'Timeout', { min: 1000, max: 600_000 }) ?? DEFAULT_TRANSPORT_SETTINGS.timeoutMs,
			rateLimit: read('rateLimit', 'Rate Limit', { min: 0, max: 1_000_000 }),
			maxRetryAfterMs:
				(read('maxRetryAfter', 'Max Wait for Retry-After', { min: 0, max: MAX_RETRY_AFTER_SECONDS }) ?? DEFAULT_MAX_RETRY_AFTER_SECONDS) * 1000,
		},
		run: {
			dryRun: params.checkBoolean(options.dryRun, 'Dry Run') ?? false,
			concurrency: read('concurrency', 'Concurrency', { min: 1, max: 50 }) ?? DEFAULT_CONCURRENCY,
			confirm: params.checkBoolean(options.confirmWrite, 'Confirm Write') ?? true,
			resource,
		},
	};
}

/** What a provider node takes from the template: its properties and the whole of its `execute`. */
export interface ProviderNode {
	properties: INodeProperties[];
	/** Picks the operation, reads the run options once, and hands the items to the shared runner. */
	execute: (ctx: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

export function providerNode(api: ProviderApi, config: { resources: Resource[]; resourceDescription: string }): ProviderNode {
	const { resources } = config;
	return {
		properties: nodeProperties(api, resources, config.resourceDescription),
		execute: async (ctx) => {
			const resource = ctx.getNodeParameter('resource', 0) as string;
			const operationName = ctx.getNodeParameter('operation', 0) as string;
			const operation = resources.find((r) => r.value === resource)?.operations[operationName];
			if (!operation) {
				throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" on "${resource}" is not supported`);
			}
			if (ctx.getInputData().length === 0) return [[]];
			const settings = runSettingsOf(ctx, resource);
			const transport = new Transport(ctx, api, settings.transport);
			return [await operation.run(ctx, transport, { ...settings.run, turnTimeoutMs: transport.settings.timeoutMs })];
		},
	};
}
