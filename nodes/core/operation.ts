import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemParams } from './params';
import type { Transport } from './transport';
import type { ApiRequest, Warn } from './types';

/** Providers take Warn with the operation types. */
export type { Warn } from './types';

// The contract of an operation, as a provider writes it. What the core does with it: docs/ARCHITECTURE.md.

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

/** What every operation has: its own fields, and the reading of one item's parameters. */
interface OperationBase<P> {
	/** The operation's fields. The node shows them for this operation only (the core adds the displayOptions). */
	fields: INodeProperties[];
	/** Reads and checks one item's parameters: sends nothing, throws (params.error) on bad input. */
	input: (params: ItemParams) => Awaitable<P>;
}

/** A read (Get, Get Many): one or more output items per input item. */
export interface ReadOperation<P> extends OperationBase<P> {
	run: (op: OperationContext, input: P, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
}

/**
 * A change to one resource: read it, apply each item's change in input order, write once. Everything but
 * the reads is pure, so an operation is tested without HTTP.
 */
export interface UpdateOperation<P, R> extends OperationBase<P> {
	resource: ChangedResource<P, R>;
	/**
	 * Applies one item's change to a copy of the resource and returns the desired resource. Throws
	 * ChangeRefused when the change is not allowed on this resource; `warn` notes what the user should know
	 * about an allowed one.
	 */
	apply: (current: R, input: P, warn: Warn) => R;
	write: Write<P, R>;
	/** Apply the items of one resource last first instead of in input order (an undo). */
	lastFirst?: boolean;
}

/** The resource an update changes: which one, how to read it, how it is shown and compared. */
export interface ChangedResource<P, R> {
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
	read: (op: OperationContext, input: P, itemIndex: number, group: P[]) => Promise<R>;
	/** How many requests `read` sends one after the other (default 1); the pause before a confirming read covers the later ones. */
	reads?: number;
	/**
	 * The read that confirms a write: may read only the parts that hold `fields` (the written fields, as
	 * fields.ts names them) and take the rest from `written`. Default: `read`.
	 */
	reread?: (op: OperationContext, input: P, itemIndex: number, fields: string[], written: R) => Promise<R>;
	/** The resource as it is output. */
	view: (resource: R) => IDataObject;
	/**
	 * The writable part of the resource, shaped for field-level `changes` (e.g. lists keyed by name). Two
	 * resources with equal comparison views need no write. Default: `view`. Operations that share a
	 * resource key share this shape (writes are compared field by field across executions).
	 */
	compare?: (resource: R) => IDataObject;
	/**
	 * The copy of the resource each `apply` gets (it may change it). Default: a deep copy; share what
	 * `apply` only reads (a plan catalog) instead of copying it for every item.
	 */
	copy?: (resource: R) => R;
}

/** How a change is written, and what the resource is once it is. */
export interface Write<P, R> {
	/** The requests that turn `before` into `after`, sent in order (usually one). */
	requests: (before: R, after: R, inputs: P[]) => Array<WriteRequest<R>>;
	/**
	 * The resource after the write, from the requests' answers: `after` when the write carried the whole of
	 * it, the resource an answer holds, or undefined to read it again (the default). Throws ChangeRefused
	 * when an answer shows the change did not land.
	 */
	result?: (answers: unknown[], after: R, before: R) => R | undefined;
	/** HTTP statuses meaning "changed by someone else meanwhile": read again, apply again, write again, at most `retries` times. */
	conflict?: { statuses: number[]; retries: number };
}

/** One request of a write, with what the core needs to know about its effect. */
export interface WriteRequest<R> extends ApiRequest {
	/**
	 * Whether an older copy of the resource, written by a concurrent writer in another process, could undo
	 * this request: true (the default) for a request that replaces a whole list or object, false for a delta
	 * (add these, remove those). A write is confirmed when one of its requests could be undone.
	 */
	revertible?: boolean;
	/**
	 * For a request that is not idempotent and failed without a clear answer (timeout, reset, 5xx): whether
	 * its change is in `now`, a fresh read. Landed: it is not sent again. Default: `now` is the resource the
	 * write wanted (compared as `compare` shows it).
	 */
	landed?: (now: R) => boolean;
}
