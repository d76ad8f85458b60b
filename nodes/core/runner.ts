import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { confirmWrite } from './confirm';
import { type ItemError, toItemError } from './errors';
import type { OperationContext, ReadOperation, RunSettings, UpdateOperation } from './operation';
import { ItemParams } from './params';
import { Permits, runPool } from './pool';
import { remember } from './shared';
import type { Slot } from './slot';
import type { Transport } from './transport';
import { type UpdateRun, updateGroup } from './update';

/** One run over the valid items: their inputs, their slots, and how an item fails. */
interface ItemRun<P> {
	op: OperationContext;
	inputs: P[];
	slots: Slot[];
	valid: number[];
	fail: (i: number, error: unknown) => void;
	/** Aborts when the execution is cancelled, or fails and does not continue on fail. */
	signal: AbortSignal;
}

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
	// After a write: what of the item's change is at the provider, or was written and not confirmed (report.ts, confirm.ts).
	for (const key of ['outcome', 'changes', 'unconfirmed']) if (error.context[key] !== undefined) details[key] = error.context[key];
	return { error: error.message, details };
}

/**
 * Runs an operation over all input items: reads and checks every item's parameters first (nothing is sent
 * if one is bad and the node does not continue on fail), then lets `work` go through the valid items, and
 * returns exactly one output per input (several for Get Many), each with `pairedItem`.
 */
async function runItems<P>(
	ctx: IExecuteFunctions,
	transport: Transport,
	settings: RunSettings,
	input: (params: ItemParams) => P | Promise<P>,
	work: (run: ItemRun<P>) => Promise<void>,
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

	// 1. Read every item's parameters before anything is sent.
	const inputs: P[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			inputs[i] = await input(new ItemParams(ctx, i, (warning) => (slots[i].warnings ??= []).push(warning)));
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
	await work({ op, inputs, slots, valid, fail, signal });

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
			out.push({ json: transport.redactor.redactValue(errorJson(slot.error)), pairedItem: { item: i } });
			return;
		}
		for (const json of slot.outputs ?? []) {
			out.push({ json: transport.redactor.redactValue(withWarnings(json, slot)), pairedItem: { item: i } });
		}
	});
	return out;
}

/** A read over all items, with bounded concurrency. */
export async function runRead<P>(ctx: IExecuteFunctions, transport: Transport, operation: ReadOperation<P>, settings: RunSettings): Promise<INodeExecutionData[]> {
	return await runItems(ctx, transport, settings, operation.input, async ({ op, inputs, slots, valid, fail, signal }) => {
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
	});
}

/**
 * An update over all items: works through the groups of items (one per resource) with bounded concurrency.
 * Each group holds the turn on its resource from its read to the end of its write. Confirmations run after
 * the turn, in the background: the group's slot goes to the next group, a confirmation takes one only for
 * its read, and the run waits for them all before it returns.
 */
export async function runUpdate<P, R>(
	ctx: IExecuteFunctions,
	transport: Transport,
	operation: UpdateOperation<P, R>,
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runItems(ctx, transport, settings, operation.input, async (items) => {
		const { op, inputs, valid } = items;
		const run: UpdateRun<P, R> = { ...items, operation };
		const groups = new Map<string, number[]>();
		for (const i of valid) {
			const key = operation.resource.key(inputs[i]);
			const group = groups.get(key);
			if (group) group.push(i);
			else groups.set(key, [i]);
		}
		const groupList = [...groups.values()];
		if (operation.lastFirst) for (const group of groupList) group.reverse();
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
					const written = await updateGroup(run, `${scope}|${operation.resource.key(inputs[group[0]])}`, group);
					for (const w of written) confirmations.push(confirmWrite(run, w, permits));
				} finally {
					release();
				}
			},
			() => run.signal.aborted,
		);
		await Promise.all(confirmations);
	});
}
