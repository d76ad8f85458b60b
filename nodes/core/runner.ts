import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { clone, deepEqual, diff } from './changes';
import { ChangeRefused, forItem, refusedError } from './errors';
import { runPool } from './pool';
import { type Transport, backoffDelay } from './transport';
import type { ApiRequest, FieldChange } from './types';

export interface RunSettings {
	dryRun: boolean;
	concurrency: number;
}

/** What an operation gets to work with while it runs. */
export interface OperationContext {
	ctx: IExecuteFunctions;
	transport: Transport;
	settings: RunSettings;
	/**
	 * Runs `load` once per execution for a key and shares the result (and the in-flight promise) with
	 * every item, e.g. a provider's plan list used to validate plan IDs.
	 */
	once: <T>(key: string, load: () => Promise<T>) => Promise<T>;
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

type Awaitable<T> = T | Promise<T>;

/**
 * Adds a warning to the item's output (`warnings: string[]`, present only when there are any): something
 * the user should know that does not stop the item, e.g. an expiry date in the past.
 */
export type Warn = (warning: string) => void;

type ItemError = NodeApiError | NodeOperationError;

/** A read (Get, Get Many): one or more output items per input item. */
export interface ReadOperation<P> {
	kind: 'read';
	/** Reads and validates the item's parameters. Sends nothing; throws on bad input. */
	prepare: (ctx: IExecuteFunctions, itemIndex: number, warn: Warn) => Awaitable<P>;
	run: (op: OperationContext, input: P, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
}

/**
 * A change to one resource: read it, apply each item's change in input order, write once.
 * Everything but `read` is pure, so the operation can be tested without HTTP.
 */
export interface UpdateOperation<P, R> {
	kind: 'update';
	/** Reads and validates the item's parameters. Sends nothing; throws on bad input. */
	prepare: (ctx: IExecuteFunctions, itemIndex: number, warn: Warn) => Awaitable<P>;
	/** Identity of the resource the item changes; items with the same key share one read and one write. */
	key: (input: P) => string;
	/**
	 * Reads the current resource. `group` holds the inputs of every item that shares this read (in input
	 * order), so a read can also fetch lookups that any of those items' `apply` will need.
	 */
	read: (op: OperationContext, input: P, itemIndex: number, group?: P[]) => Promise<R>;
	/**
	 * Applies one item's change to a copy of the resource and returns the desired resource.
	 * Throws (inputError) when the change is not allowed on this resource; `warn` notes what the user
	 * should know about an allowed one.
	 */
	apply: (current: R, input: P, itemIndex: number, warn: Warn) => R;
	/**
	 * The copy of the resource each `apply` gets (it may change it). Defaults to a deep copy; share what
	 * `apply` only reads (a plan catalog) instead of copying it for every item.
	 */
	copy?: (resource: R) => R;
	/** The resource as it is output. */
	view: (resource: R) => IDataObject;
	/**
	 * The writable part of the resource, shaped for field-level `changes` (e.g. lists keyed by name).
	 * Two resources with equal comparison views need no write. Defaults to `view`.
	 */
	compare?: (resource: R) => IDataObject;
	/** The requests that turn `before` into `after` (usually one). */
	writes: (before: R, after: R, inputs: P[]) => ApiRequest[];
	/**
	 * The resource after the write, from the write's answers; return undefined to re-read it.
	 */
	afterWrite?: (answers: unknown[], before: R, after: R) => R | undefined;
	/**
	 * Whether a write that failed without a clear answer (timeout, reset, 5xx) has landed, judged from a
	 * fresh read. Only asked for writes that are not idempotent; by default the fresh read must equal the
	 * desired resource.
	 */
	landed?: (now: R, request: ApiRequest, before: R, after: R) => boolean;
	/** HTTP statuses meaning "changed by someone else meanwhile": re-read, re-apply, write again. */
	conflictStatuses?: number[];
	/** How many times to re-read and re-apply after a conflict. */
	conflictRetries?: number;
}

export type Operation = ReadOperation<unknown> | UpdateOperation<unknown, unknown>;

interface Slot {
	outputs?: IDataObject[];
	error?: ItemError;
	/** Warnings of `prepare`, and of the last `apply` (replaced when a conflict makes it run again). */
	warnings?: string[];
	applyWarnings?: string[];
}

/** The output item with the item's warnings, if it has any. */
function withWarnings(json: IDataObject, slot: Slot): IDataObject {
	const warnings = [...new Set([...(slot.warnings ?? []), ...(slot.applyWarnings ?? [])])];
	return warnings.length ? { ...json, warnings } : json;
}

function toItemError(error: unknown, ctx: IExecuteFunctions, itemIndex: number): ItemError {
	if (error instanceof ChangeRefused) return refusedError(ctx.getNode(), itemIndex, error);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return forItem(error, itemIndex);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
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

	const op: OperationContext = { ctx, transport, settings, once: onceCache() };
	let failed = false;
	const fail = (i: number, error: unknown) => {
		slots[i].error = redact(toItemError(error, ctx, i));
		if (!continueOnFail) failed = true;
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
			() => failed,
		);
	} else {
		const groups = new Map<string, number[]>();
		for (const i of valid) {
			const key = operation.key(inputs[i]);
			const group = groups.get(key);
			if (group) group.push(i);
			else groups.set(key, [i]);
		}
		const groupList = [...groups.values()];
		await runPool(
			groupList.length,
			settings.concurrency,
			async (n) => {
				await runUpdateGroup(op, operation, groupList[n], inputs, slots, fail);
			},
			() => failed,
		);
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

function statusOf(error: unknown): number | undefined {
	if (error instanceof NodeApiError && error.httpCode) return Number(error.httpCode);
	return undefined;
}

async function runUpdateGroup(
	op: OperationContext,
	operation: UpdateOperation<unknown, unknown>,
	group: number[],
	inputs: unknown[],
	slots: Slot[],
	fail: (i: number, error: unknown) => void,
): Promise<void> {
	const conflictStatuses = operation.conflictStatuses ?? [];
	const conflictRetries = operation.conflictRetries ?? 0;
	for (let attempt = 0; ; attempt++) {
		try {
			await applyAndWrite(op, operation, group, inputs, slots);
			return;
		} catch (error) {
			const status = statusOf(error);
			if (status !== undefined && conflictStatuses.includes(status) && attempt < conflictRetries) {
				// Someone changed it meanwhile: wait a little (jittered), then read again and re-apply.
				await sleep(backoffDelay(attempt, { ...op.transport.settings, backoffBaseMs: 200 }));
				continue;
			}
			const itemSpecific = status !== undefined && status >= 400 && status < 500 && ![401, 403, 404, 429].includes(status);
			// A conflict that outlived its retries is about the resource, not one item: no use trying each item.
			if (group.length > 1 && itemSpecific && !conflictStatuses.includes(status)) {
				// The provider refused the combined change: apply the items one by one, so each keeps its own error.
				for (const i of group) await runUpdateGroup(op, operation, [i], inputs, slots, fail);
				return;
			}
			for (const i of group) if (!slots[i].error) fail(i, error);
			return;
		}
	}
}

async function applyAndWrite(
	op: OperationContext,
	operation: UpdateOperation<unknown, unknown>,
	group: number[],
	inputs: unknown[],
	slots: Slot[],
): Promise<void> {
	const first = group[0];
	const groupInputs = group.map((i) => inputs[i]);
	const current = await operation.read(op, inputs[first], first, groupInputs);

	const compare = operation.compare ?? operation.view;
	const copy = operation.copy ?? clone;
	// Apply each item in input order; an item whose change is not allowed fails alone.
	let state = current;
	const applied: Array<{ index: number; changes: FieldChange[] }> = [];
	const rejected = new Map<number, unknown>();
	for (const i of group) {
		try {
			const warnings: string[] = (slots[i].applyWarnings = []);
			const next = operation.apply(copy(state), inputs[i], i, (warning) => warnings.push(warning));
			applied.push({ index: i, changes: diff(compare(state), compare(next)) });
			state = next;
		} catch (error) {
			rejected.set(i, error);
		}
	}
	for (const [i, error] of rejected) {
		slots[i].error = toItemError(error, op.ctx, i);
	}
	if (applied.length === 0) return;

	const desired = state;
	const changed = !deepEqual(compare(current), compare(desired));
	const requests = changed ? operation.writes(current, desired, applied.map((a) => inputs[a.index])) : [];

	let final = desired;
	let outcome: 'updated' | 'unchanged' | 'dryRun' = 'unchanged';
	let shownRequests: IDataObject[] | undefined;
	if (requests.length > 0 && op.settings.dryRun) {
		outcome = 'dryRun';
		shownRequests = requests.map((r) => ({
			method: r.method,
			url: op.transport.url(r.path),
			...(r.qs ? { qs: r.qs as IDataObject } : {}),
			...(r.headers ? { headers: op.transport.redactor.maskHeaders(r.headers) } : {}),
			body: r.body as IDataObject,
		}));
	} else if (requests.length > 0) {
		const answers: unknown[] = [];
		for (const req of requests) {
			const withReconcile: ApiRequest = req.reconcile
				? req
				: {
						...req,
						reconcile: async () => {
							const now = await operation.read(op, inputs[first], first, groupInputs);
							const landed = operation.landed
								? operation.landed(now, req, current, desired)
								: deepEqual(compare(now), compare(desired));
							return landed ? 'applied' : 'not-applied';
						},
					};
			answers.push(await op.transport.request(withReconcile, first));
		}
		final = operation.afterWrite?.(answers, current, desired) ?? (await operation.read(op, inputs[first], first, groupInputs));
		outcome = 'updated';
	}

	const view = operation.view(final);
	for (const { index, changes } of applied) {
		slots[index].outputs = [
			{
				...view,
				changes: changes as unknown as IDataObject[],
				outcome: changes.length === 0 ? 'unchanged' : outcome,
				...(shownRequests && changes.length > 0 ? { request: shownRequests } : {}),
			},
		];
	}
}
