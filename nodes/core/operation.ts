import type { IDataObject, IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Transport } from './transport';
import type { ApiRequest } from './types';

export interface RunSettings {
	dryRun: boolean;
	concurrency: number;
	/** Confirm writes that a concurrent writer elsewhere could undo (the node's "Confirm Write"). */
	confirm: boolean;
	/** Longest wait for the turn on a resource (the node's "Timeout"), in milliseconds. */
	turnTimeoutMs: number;
	/** The node's "Resource" (part of the key executions take turns on). */
	resource: string;
}

/** What an operation gets to work with while it runs. */
export interface OperationContext {
	ctx: IExecuteFunctions;
	transport: Transport;
	settings: RunSettings;
	/**
	 * Runs `load` once per execution for a key and shares the result (and the in-flight promise) with
	 * every item, e.g. the option types one run needs.
	 */
	once: <T>(key: string, load: () => Promise<T>) => Promise<T>;
	/**
	 * Runs `load` once per process, account and key, and shares the result with every execution for
	 * `ttlMs` (default 10 minutes), e.g. the plans an organization can assign. `fresh` loads again.
	 */
	shared: <T>(key: string, load: () => Promise<T>, options?: { ttlMs?: number; fresh?: boolean }) => Promise<T>;
}

type Awaitable<T> = T | Promise<T>;

/**
 * Adds a warning to the item's output (`warnings: string[]`, present only when there are any): something
 * the user should know that does not stop the item, e.g. an expiry date in the past.
 */
export type Warn = (warning: string) => void;

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
	/**
	 * Identity of the resource the item changes; items with the same key share one read and one write, and
	 * executions with the same key (in this process) take turns.
	 */
	key: (input: P) => string;
	/** How messages name the resource, e.g. "organization 42". */
	label: (input: P) => string;
	/**
	 * Reads the current resource. `group` holds the inputs of every item that shares this read (in input
	 * order), so a read can also fetch lookups that any of those items' `apply` will need.
	 */
	read: (op: OperationContext, input: P, itemIndex: number, group?: P[]) => Promise<R>;
	/** How many requests `read` sends one after the other (default 1); the pause before a confirming read covers the later ones. */
	readRequests?: number;
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
	 * Two resources with equal comparison views need no write. Defaults to `view`. Operations that share a
	 * resource key share this shape (writes are compared field by field across executions).
	 */
	compare?: (resource: R) => IDataObject;
	/** The requests that turn `before` into `after` (usually one). */
	writes: (before: R, after: R, inputs: P[]) => ApiRequest[];
	/**
	 * The resource after the write, from the write's answers; return undefined to re-read it.
	 */
	afterWrite?: (answers: unknown[], before: R, after: R) => R | undefined;
	/**
	 * Whether an older copy of the resource, written by a concurrent writer in another process, could undo
	 * these requests: true for a write that replaces a whole list or object, false for a delta (add these,
	 * remove those). Only such writes are confirmed. Default: true.
	 */
	revertible?: (requests: ApiRequest[], before: R, after: R) => boolean;
	/**
	 * The read that confirms a write: may read only the parts that hold `leaves` (the written fields, as
	 * fields.ts names them) and take the rest from `written`. Defaults to `read`.
	 */
	confirmRead?: (op: OperationContext, input: P, itemIndex: number, leaves: string[], written: R) => Promise<R>;
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

/** What the runner records for one input item: its output items, or its error. */
export interface Slot {
	outputs?: IDataObject[];
	error?: ItemError;
	/** Warnings of `prepare`, and of the last `apply` (replaced when a conflict or a re-apply runs it again). */
	warnings?: string[];
	applyWarnings?: string[];
}

/** A `warn` for one item's `apply`: its warnings replace those of an earlier `apply` of the same item. */
export function applyWarn(slot: Slot): Warn {
	const warnings: string[] = (slot.applyWarnings = []);
	return (warning) => warnings.push(warning);
}

export type ItemError = NodeApiError | NodeOperationError;
