import type { IDataObject } from 'n8n-workflow';

import { deepEqual } from './changes';
import { httpStatusOf } from './errors';
import { type LeafChange, type Leaves, leafChanges, leavesOf } from './fields';

/**
 * What this process changed, watched for a while after it was confirmed (WATCH_MS). An older copy that
 * another process wrote after the confirming read (a writer slowed by a busy host, a retry, pacing) undoes
 * a confirmed change; every later read of the resource in this process, by any execution, is checked
 * against the changes watched (reads that happen anyway: no request of its own), and a change that an
 * older copy undid is written again with that execution's write (`repair`). A field that someone else set
 * to another value since is theirs: it is never written over, and no longer watched.
 *
 * Per resource key it also keeps the resource as this process last knew it, to notice writes from
 * elsewhere: a resource another process is seen writing is "contended" for WATCH_MS, and its writes get
 * one later confirmation (confirm.ts). Keys hold no secret; a key's state is dropped once nothing in it
 * is younger than WATCH_MS.
 */
export const WATCH_MS = 30_000;

interface Entry {
	/** Confirmed field-level changes still watched. */
	leaves: LeafChange[];
	/** Applies the change again to a copy of a resource (the writing items' `apply`, in input order). */
	redo: (state: unknown) => unknown;
	compare: (state: unknown) => IDataObject;
	until: number;
}

interface Watch {
	entries: Entry[];
	/** Writes of this process under the key. */
	seq: number;
	/** The resource as last read or confirmed here, and how many writes of this process it had seen. */
	known?: { leaves: Leaves; seq: number };
	contendedUntil: number;
	touched: number;
}

const watches = new Map<string, Watch>();
let swept = 0;

function sweep(now: number): void {
	if (now - swept < 1000) return;
	swept = now;
	for (const [key, w] of watches) {
		w.entries = w.entries.filter((e) => e.until > now);
		if (w.entries.length === 0 && w.contendedUntil <= now && w.touched + WATCH_MS <= now) watches.delete(key);
	}
}

function watchOf(key: string): Watch {
	const now = Date.now();
	sweep(now);
	let w = watches.get(key);
	if (!w) watches.set(key, (w = { entries: [], seq: 0, contendedUntil: 0, touched: now }));
	w.touched = now;
	return w;
}

/** Watches confirmed changes for WATCH_MS. */
export function watchChange<R>(key: string, leaves: LeafChange[], redo: (state: R) => R, compare: (state: R) => IDataObject): void {
	if (leaves.length === 0) return;
	watchOf(key).entries.push({
		leaves,
		redo: redo as (state: unknown) => unknown,
		compare: compare as (state: unknown) => IDataObject,
		until: Date.now() + WATCH_MS,
	});
}

/**
 * Records a write of this process under `key` that changed `paths`: those fields are now that write's to
 * watch (a writer here read the earlier change first), except `kept`, the fields the write repaired.
 * Returns the write's number, for `noteConfirmed`.
 */
export function noteOwnWrite(key: string, paths: string[], kept: Set<string> = new Set()): number {
	const w = watchOf(key);
	const replaced = new Set(paths.filter((p) => !kept.has(p)));
	for (const e of w.entries) e.leaves = e.leaves.filter((l) => !replaced.has(l.path));
	w.entries = w.entries.filter((e) => e.leaves.length > 0);
	return ++w.seq;
}

/**
 * A read of the resource while holding its turn (nothing of this process writes it meanwhile): when it
 * differs from the resource as last known here with no write of this process in between, another process
 * wrote it.
 */
export function noteRead(key: string, leaves: Leaves): void {
	const w = watchOf(key);
	if (w.known && w.known.seq === w.seq && !sameLeaves(w.known.leaves, leaves)) noteForeign(key);
	w.known = { leaves, seq: w.seq };
}

/** A confirming read after this process's write number `seq`: the resource as it is known now. */
export function noteConfirmed(key: string, leaves: Leaves, seq: number): void {
	const w = watchOf(key);
	if (w.seq === seq) w.known = { leaves, seq };
}

/** Another process was seen writing the resource. */
export function noteForeign(key: string): void {
	watchOf(key).contendedUntil = Date.now() + WATCH_MS;
}

/** Whether another process was seen writing the resource within WATCH_MS. */
export function isContended(key: string): boolean {
	return (watches.get(key)?.contendedUntil ?? 0) > Date.now();
}

const sameLeaves = (a: Leaves, b: Leaves) => a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(b.get(k), v));

type Found = { entry: Entry; reverted: LeafChange[] };

/** Watched changes that `state` no longer holds: reverted ones per entry; superseded leaves stop being watched. */
function check(w: Watch, state: unknown): Found[] {
	const now = Date.now();
	const found: Found[] = [];
	// Entries of one operation share its comparison: split the resource once per comparison.
	const split = new Map<Entry['compare'], Leaves>();
	for (const entry of w.entries) {
		if (entry.until <= now) continue;
		let leaves = split.get(entry.compare);
		if (!leaves) split.set(entry.compare, (leaves = leavesOf(entry.compare(state))));
		const reverted: LeafChange[] = [];
		entry.leaves = entry.leaves.filter((l) => {
			const value = leaves.get(l.path) ?? null;
			if (deepEqual(value, l.to)) return true;
			if (deepEqual(value, l.from)) reverted.push(l);
			// Another value: someone else set it since, on purpose.
			return deepEqual(value, l.from);
		});
		if (reverted.length > 0) found.push({ entry, reverted });
	}
	w.entries = w.entries.filter((e) => e.leaves.length > 0);
	return found;
}

/** Whether `state`, a fresh read, has lost a watched change (a reverted one that `repair` would write again). */
export function needsRepair(key: string, state: unknown): boolean {
	const w = watches.get(key);
	return w ? check(w, state).length > 0 : false;
}

/**
 * Puts back into `state` (a fresh read) the watched changes an older copy undid. An entry whose change,
 * applied again, would also change anything else (a value someone set since) is left alone and no
 * longer watched: never written over. Returns the resource to start from and the fields put back.
 */
export function repair<R>(key: string, state: R): { state: R; repaired: LeafChange[] } {
	const w = watches.get(key);
	if (!w) return { state, repaired: [] };
	let current = state;
	const repaired: LeafChange[] = [];
	for (const { entry, reverted } of check(w, state)) {
		const allowed = new Set(reverted.map((l) => l.path));
		try {
			const next = entry.redo(current) as R;
			const again = leafChanges(leavesOf(entry.compare(current)), leavesOf(entry.compare(next)));
			if (again.length > 0 && again.every((l) => allowed.has(l.path))) {
				current = next;
				repaired.push(...reverted);
				continue;
			}
		} catch {
			// The change no longer applies to the resource as it is: leave it.
		}
		w.entries = w.entries.filter((e) => e !== entry);
	}
	return { state: current, repaired };
}

/** A write that carried repairs was refused: see `withoutRefusedRepairs`. */
class RepairRefused extends Error {
	constructor(
		readonly repaired: LeafChange[],
		message: string,
	) {
		super(message);
	}
}

/**
 * Sends a write that carries `repaired` (fields put back by `repair`). When the provider refuses it for the
 * request (a 4xx other than 401, 403 and 429), what was put back may no longer be allowed there (a plan
 * deleted since): `withoutRefusedRepairs` makes the write again without them.
 */
export async function carryingRepairs<T>(repaired: LeafChange[], send: () => Promise<T>): Promise<T> {
	try {
		return await send();
	} catch (error) {
		const status = httpStatusOf(error);
		const refused = status !== undefined && status >= 400 && status < 500 && ![401, 403, 429].includes(status);
		throw repaired.length > 0 && refused && error instanceof Error ? new RepairRefused(repaired, error.message) : error;
	}
}

/**
 * Runs a read, merge and write (`attempt`, with repairs). If the provider refused a write for the repairs
 * it carried, runs it again without any (`attempt(false)`): the execution's own change does not fail for a
 * change of an earlier one. Once that write is accepted, the fields it left out are no longer watched; if it
 * is refused too, the refusal was the execution's own, and the repairs stay watched.
 */
export async function withoutRefusedRepairs<T>(key: string, attempt: (repairs: boolean) => Promise<T>): Promise<T> {
	const first = await attempt(true).then(
		(result) => ({ result }),
		(error: unknown) => ({ error }),
	);
	if ('result' in first) return first.result;
	const { error } = first;
	if (!(error instanceof RepairRefused)) throw error;
	const result = await attempt(false);
	const refused = new Set(error.repaired.map((l) => l.path));
	const w = watches.get(key);
	if (w) {
		for (const e of w.entries) e.leaves = e.leaves.filter((l) => !refused.has(l.path));
		w.entries = w.entries.filter((e) => e.leaves.length > 0);
	}
	return result;
}

/** For tests: how many keys are watched now, and forget them all. */
export function watchedKeys(): number {
	return watches.size;
}

export function resetWatches(): void {
	watches.clear();
	swept = 0;
}
