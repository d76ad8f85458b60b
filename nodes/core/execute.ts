import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS } from './descriptions';
import { ItemParams } from './params';
import { type Operation, type RunSettings, runOperation } from './runner';
import { DEFAULT_TRANSPORT_SETTINGS, Transport } from './transport';
import type { ProviderApi } from './types';

/** Operations of one node, by resource then operation. */
export type OperationMap = Record<string, Record<string, Operation>>;

/**
 * The whole of a provider node's `execute`: picks the operation, reads the run options once,
 * and hands the items to the shared runner.
 */
export async function executeNode(
	ctx: IExecuteFunctions,
	api: ProviderApi,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" on "${resource}" is not supported`);
	}
	if (ctx.getInputData().length === 0) return [[]];

	const params = new ItemParams(ctx, 0);
	const options = params.collection('options', 'Options') as IDataObject;
	const read = (key: string, label: string, rules: { min: number; max: number }) =>
		params.checkNumber(options[key], label, { ...rules, integer: true });
	const transport = new Transport(ctx, api, {
		...DEFAULT_TRANSPORT_SETTINGS,
		maxRetries: read('maxRetries', 'Max Retries', { min: 0, max: 10 }) ?? DEFAULT_TRANSPORT_SETTINGS.maxRetries,
		timeoutMs: read('timeout', 'Timeout', { min: 1000, max: 600_000 }) ?? DEFAULT_TRANSPORT_SETTINGS.timeoutMs,
		rateLimit: read('rateLimit', 'Rate Limit', { min: 0, max: 1_000_000 }),
		maxRetryAfterMs:
			(read('maxRetryAfter', 'Max Wait for Retry-After', { min: 0, max: MAX_RETRY_AFTER_SECONDS }) ?? DEFAULT_MAX_RETRY_AFTER_SECONDS) * 1000,
	});
	const settings: RunSettings = {
		dryRun: params.checkBoolean(options.dryRun, 'Dry Run') ?? false,
		concurrency: read('concurrency', 'Concurrency', { min: 1, max: 50 }) ?? DEFAULT_CONCURRENCY,
		confirm: params.checkBoolean(options.confirmWrite, 'Confirm Write') ?? true,
		turnTimeoutMs: transport.settings.timeoutMs,
		resource,
	};
	return [await runOperation(ctx, transport, operation, settings)];
}
