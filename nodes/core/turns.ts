import { sleep } from 'n8n-workflow';

/**
 * Turns on a resource, for every execution in this process (n8n's regular mode, or one queue-mode worker):
 * executions that change the same resource read, merge and write it one after the other, first come first
 * served, so none writes a copy that misses another's change. Keys hold no secret (provider, base URL,
 * resource ID). A key's state lives only while someone holds, awaits or watches it.
 *
 * Each key also keeps, while a confirmation is pending, which fields the writes under it changed and to
 * what: a change of ours that a later turn in this process set to another value was replaced on purpose
 * (that writer read ours first), not reverted by a stale copy from elsewhere.
 */
interface Lane {
	busy: boolean;
	/** Waiters in arrival order, urgent ones first; each is woken with the turn. */
	queue: Array<{ wake: () => void; urgent: boolean }>;
	/** Writes recorded under this key so far. */
	seq: number;
	/** Writes since the oldest pending confirmation, with the fields each changed and the values it wrote. */
	writes: Array<{ seq: number; owner: object; fields: FieldWrite[] }>;
	/** Pending confirmations: the writer and the last write before its own. */
	watchers: Map<object, number>;
}

/** A field a write changed (a leaf path, fields.ts) and the value it wrote there (null: removed). */
export interface FieldWrite {
	path: string;
	to: unknown;
}

const lanes = new Map<string, Lane>();

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (!lane) lanes.set(key, (lane = { busy: false, queue: [], seq: 0, writes: [], watchers: new Map() }));
	return lane;
}

function tidy(key: string, lane: Lane): void {
	if (lane.watchers.size === 0) lane.writes = [];
	else {
		const oldest = Math.min(...lane.watchers.values());
		lane.writes = lane.writes.filter((w) => w.seq > oldest);
	}
	if (!lane.busy && lane.queue.length === 0 && lane.watchers.size === 0) lanes.delete(key);
}

/** Waiting for a turn took longer than allowed. */
export class TurnTimeout extends Error {
	constructor(readonly waitedMs: number) {
		super(`waited ${waitedMs} ms for a turn`);
		this.name = 'TurnTimeout';
	}
}

/**
 * Waits for the turn on `key` and returns the function that ends it (call it exactly once, in a `finally`).
 * Gives up after `timeoutMs` (TurnTimeout) or when `signal` aborts (its reason is thrown); a waiter that
 * gives up leaves the queue at once. An urgent waiter (one finishing a change already written, such as a
 * re-apply) goes before the others.
 */
export async function takeTurn(key: string, timeoutMs: number, signal?: AbortSignal, urgent = false): Promise<() => void> {
	signal?.throwIfAborted();
	const lane = laneOf(key);
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		const next = lane.queue.shift();
		if (next) next.wake();
		else {
			lane.busy = false;
			tidy(key, lane);
		}
	};
	if (!lane.busy) {
		lane.busy = true;
		return release;
	}
	let granted = false;
	let wake!: () => void;
	const turn = new Promise<void>((resolve) => (wake = resolve));
	const waiter = {
		urgent,
		wake: () => {
			granted = true;
			wake();
		},
	};
	if (urgent) {
		const firstNormal = lane.queue.findIndex((w) => !w.urgent);
		lane.queue.splice(firstNormal < 0 ? lane.queue.length : firstNormal, 0, waiter);
	} else lane.queue.push(waiter);
	const started = Date.now();
	const stopTimer = new AbortController();
	const timerSignal = signal ? AbortSignal.any([signal, stopTimer.signal]) : stopTimer.signal;
	const timer = sleep(timeoutMs, timerSignal).then(
		() => 'timeout' as const,
		() => 'aborted' as const,
	);
	const result = await Promise.race([turn.then(() => 'granted' as const), timer]);
	stopTimer.abort();
	if (granted && result !== 'aborted') return release;
	if (granted) release();
	else {
		lane.queue.splice(lane.queue.indexOf(waiter), 1);
		tidy(key, lane);
	}
	if (result === 'aborted') throw signal?.reason ?? new Error('aborted');
	throw new TurnTimeout(Date.now() - started);
}

/** Starts keeping track of later writes under `key` for `owner`, whose own write comes next. */
export function watchWrites(key: string, owner: object): void {
	const lane = laneOf(key);
	if (!lane.watchers.has(owner)) lane.watchers.set(owner, lane.seq);
}

/** Records a write under `key` and the fields it changed (kept only while someone watches). */
export function noteWrite(key: string, owner: object, fields: () => FieldWrite[]): void {
	const lane = lanes.get(key);
	if (!lane) return;
	lane.seq++;
	if (lane.watchers.size > 0) lane.writes.push({ seq: lane.seq, owner, fields: fields() });
}

/**
 * The fields that other writers in this process changed under `key` since `owner` started watching, each
 * with the value the last of them wrote.
 */
export function writtenByOthers(key: string, owner: object): Map<string, unknown> {
	const lane = lanes.get(key);
	const since = lane?.watchers.get(owner);
	const fields = new Map<string, unknown>();
	if (!lane || since === undefined) return fields;
	for (const write of lane.writes) if (write.seq > since && write.owner !== owner) for (const f of write.fields) fields.set(f.path, f.to);
	return fields;
}

/** Stops keeping track for `owner`. */
export function unwatchWrites(key: string, owner: object): void {
	const lane = lanes.get(key);
	if (!lane) return;
	lane.watchers.delete(owner);
	tidy(key, lane);
}

/** How many keys hold state now (for tests: none once every execution has ended). */
export function activeTurnKeys(): number {
	return lanes.size;
}
