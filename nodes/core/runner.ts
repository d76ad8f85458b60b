import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { confirmWrite } from './confirm';
import { toItemError } from './errors';
import type { ItemError, Operation, OperationContext, RunSettings, Slot } from './operation';
import { Permits, runPool } from './pool';
import { remember } from './shared';
import type { Transport } from './transport';
import { type UpdateRun, updateGroup } from './update';

export type { OperationContext, ReadOperation, RunSettings, UpdateOperation, Operation, Warn } from './operation';

function onceCache(): OperationContext['once'] {
	const cache = new Map<string, Promise<unknown>>();
	return async <T>(key: string, load: () => Promise<T>) => {
		let promise = cache.get(key) as Promise<T> | undefined;
		if (!promise) {
			promise = load();
			cache.set(key, promise);
			// A failed load is not cached: the next item may try again.
			promise.catch(() => cache.delete(key));
		}
		return await promise;
	};
}

/** Facts shared by the executions of this process, scoped to the provider, base URL and account. */
function sharedCache(transport: Transport): OperationContext['shared'] {
	return async <T>(key: string, load: () => Promise<T>, options: { ttlMs?: number; fresh?: boolean } = {}) => {
		const scoped = `${(await transport.scopes()).account}|${key}`;
		return await remember(scoped, load, options.ttlMs, options.fresh);
	};
}

/** The output item with the item's warnings, if it has any. */
function withWarnings(json: IDataObject, slot: Slot): IDataObject {
	const warnings = [...new Set([...(slot.warnings ?? []), ...(slot.applyWarnings ?? [])])];
	return warnings.length ? { ...json, warnings } : json;
}

/**
 * The error item for "continue on fail". Only `error` and `details` keys, so n8n's "Continue (using
 * error output)" routes it to the error output, and the fix stays readable by later nodes.
 */
function errorJson(error: ItemError): IDataObject {
	const details: IDataObject = { itemIndex: error.context.itemIndex as number };
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return { error: error.message, details };
}

/**
 * Runs an operation over all input items: validates every item first (nothing is sent if one is bad
 * and the node does not continue on fail), then works through the items with bounded concurrency,
 * and returns exactly one output per input (several for Get Many), each with `pairedItem`.
 */
export async function runOperation(
	ctx: IExecuteFunctions,
	transport: Transport,
	operation: Operation,
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const slots: Slot[] = items.map(() => ({}));
	const redact = (e: ItemError) => {
		const { redactor } = transport;
		e.message = redactor.redactMessage(e.message);
		if (e.description) e.description = redactor.redactMessage(e.description);
		e.messages = e.messages.map((m) => redactor.redactMessage(m));
		const withResponse = e as unknown as { errorResponse?: unknown };
		if (withResponse.errorResponse) withResponse.errorResponse = redactor.redactErrorBody(withResponse.errorResponse);
		return e;
	};

	// 1. Validate every item before anything is sent.
	const inputs: unknown[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			inputs[i] = await operation.prepare(ctx, i, (warning) => (slots[i].warnings ??= []).push(warning));
		} catch (error) {
			const itemError = redact(toItemError(error, ctx, i));
			if (!continueOnFail) throw itemError;
			slots[i].error = itemError;
		}
	}

	const op: OperationContext = { ctx, transport, settings, once: onceCache(), shared: sharedCache(transport) };
	// Aborted when the execution is cancelled, or when an item fails and the node does not continue on fail:
	// nothing new starts, and waits for a turn end at once.
	const stop = new AbortController();
	const cancelled = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal?.();
	const signal = cancelled ? AbortSignal.any([stop.signal, cancelled]) : stop.signal;
	const fail = (i: number, error: unknown) => {
		slots[i].error = redact(toItemError(error, ctx, i));
		if (!continueOnFail) stop.abort();
	};
	const valid = items.map((_, i) => i).filter((i) => slots[i].error === undefined);

	// 2. Work.
	if (operation.kind === 'read') {
		await runPool(
			valid.length,
			settings.concurrency,
			async (n) => {
				const i = valid[n];
				try {
					const result = await operation.run(op, inputs[i], i);
					slots[i].outputs = Array.isArray(result) ? result : [result];
				} catch (error) {
					fail(i, error);
				}
			},
			() => signal.aborted,
		);
	} else {
		await runUpdates({ op, operation, inputs, slots, fail, signal }, valid);
	}

	// Tokens a credential fetched during the run are known only now: redact everything again with them.
	if (valid.length > 0) {
		await transport.learnSecrets().catch(() => undefined);
		for (const slot of slots) if (slot.error) redact(slot.error);
	}

	if (!continueOnFail) {
		const firstError = slots.find((s) => s.error)?.error;
		if (firstError) throw firstError;
	}

	// 3. One output per input, in input order.
	const out: INodeExecutionData[] = [];
	slots.forEach((slot, i) => {
		if (slot.error) {
			out.push({ json: errorJson(slot.error), pairedItem: { item: i } });
			return;
		}
		for (const json of slot.outputs ?? []) {
			out.push({ json: transport.redactor.redactValue(withWarnings(json, slot)), pairedItem: { item: i } });
		}
	});
	return out;
}

/**
 * Works through the groups of items (one per resource) with bounded concurrency. Each group holds the turn
 * on its resource from its read to the end of its write. Confirmations run after the turn, in the
 * background: the group's slot goes to the next group, a confirmation takes one only for its read, and the
 * run waits for them all before it returns.
 */
async function runUpdates(run: UpdateRun, valid: number[]): Promise<void> {
	const { operation, inputs, op } = run;
	const groups = new Map<string, number[]>();
	for (const i of valid) {
		const key = operation.key(inputs[i]);
		const group = groups.get(key);
		if (group) group.push(i);
		else groups.set(key, [i]);
	}
	const groupList = [...groups.values()];
	if (groupList.length === 0) return;
	let scope: string;
	try {
		scope = `${(await op.transport.scopes()).resource}|${op.settings.resource}`;
	} catch (error) {
		// The credential could not be read: every item gets that error, as from its first request.
		for (const i of valid) run.fail(i, error);
		return;
	}
	const confirmations: Array<Promise<void>> = [];
	// Requests in flight stay within Concurrency: a group holds a permit while it works, a confirmation only
	// while it reads (not while it waits before reading).
	const permits = new Permits(op.settings.concurrency);
	await runPool(
		groupList.length,
		op.settings.concurrency,
		async (n) => {
			const group = groupList[n];
			const release = await permits.acquire();
			try {
				const written = await updateGroup(run, `${scope}|${operation.key(inputs[group[0]])}`, group);
				for (const w of written) confirmations.push(confirmWrite(run, w, permits));
			} finally {
				release();
			}
		},
		() => run.signal.aborted,
	);
	await Promise.all(confirmations);
}
