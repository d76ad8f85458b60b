import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { StaleCopy, atItem, itemError } from './errors';
import { type Standing, leafChanges, leavesOf, setHereAs, standing, valueAt, within } from './fields';
import type { Permits } from './pool';
import { backoffDelay } from './retry';
import { asRepaired } from './report';
import { laterDelay, noteReadToWrite, pauseNotingLag, settleDelay } from './settle';
import { noteWrite, takeTurn, unwatchWrites, writtenByOthers } from './turns';
import { type UpdateRun, type Written, applyWarn, compareOf, copyOf, redoOf, sendWrites, turnError } from './update';
import { carryingRepairs, isContended, needsRepair, noteConfirmed, noteForeign, noteOwnWrite, noteRead, repair, watchChange, withoutRefusedRepairs } from './watch';

/**
 * How many times a change that an older copy overwrote is written again before the item fails. While
 * another process keeps writing the resource, about every other write of ours meets its older copy; once it
 * stops, the next write holds. Each write again waits first (REAPPLY_BACKOFF), so six span several seconds of
 * the other process's activity on the resource.
 */
const REAPPLY_LIMIT = 6;

/** Backoff before writing again: 100 ms doubling, half fixed, half random (two processes do not keep meeting). */
const REAPPLY_BACKOFF = { backoffBaseMs: 100, backoffCapMs: 2000 };

/**
 * After a write that a concurrent writer in another process could undo (whole list or object): waits
 * (settle.ts: as long as this process's own read-to-write gaps and event-loop lag suggest another process
 * takes), reads the resource again (without the turn), and sorts each written field into landed, reverted
 * (an older copy was written over it: read, merge and write again, in a new turn, at most REAPPLY_LIMIT
 * times) and superseded (another writer set it since: reported, never written over). On a resource another
 * process is seen writing, one later confirmation follows. Then the items' outputs show the resource as
 * read, the truth about each change and when it was confirmed, and this process watches it (watch.ts).
 */
export async function confirmWrite<P, R>(run: UpdateRun<P, R>, w: Written<R>, permits: Permits): Promise<void> {
	const { operation, op, inputs } = run;
	const { resource } = operation;
	const compare = compareOf(operation);
	const first = w.items[0];
	const paths = w.leaves.map((l) => l.path);
	// A Concurrency slot only while a request is out, not while pausing.
	const withSlot = async <T>(work: () => Promise<T>): Promise<T> => {
		const release = await permits.acquire(true);
		try {
			return await work();
		} finally {
			release();
		}
	};
	try {
		for (;;) {
			await pauseNotingLag(w.later ? laterDelay() : settleDelay(), run.signal);
			const now = await withSlot(async () =>
				resource.reread
					? await resource.reread(op, inputs[first], first, paths, w.written)
					: await resource.read(op, inputs[first], first, w.items.map((i) => inputs[i])),
			).catch((error: unknown) => {
				throw unconfirmed(run, w, error);
			});
			const others = writtenByOthers(w.key, w);
			const nowLeaves = leavesOf(compare(now));
			const found = standing(w.leaves, nowLeaves, others);
			if (found.reverted.length > 0 || found.superseded.some((l) => !setHereAs(others, nowLeaves, l.path))) noteForeign(w.key);
			if (found.reverted.length === 0 && !needsRepair(w.key, now)) {
				if (!w.later && isContended(w.key)) {
					w.later = true;
					continue;
				}
				return finish(run, w, now, found);
			}
			if (w.rewrites >= REAPPLY_LIMIT) throw overwritten(run, w, found);
			if (found.reverted.length > 0) await pauseNotingLag(backoffDelay(w.rewrites, { ...op.transport.settings, ...REAPPLY_BACKOFF }), run.signal);
			try {
				if (await withSlot(async () => await withoutRefusedRepairs(w.key, async (repairs) => await reapply(run, w, repairs)))) return;
			} catch (error) {
				// Writing again met a 429 and the resource changed during the wait: confirm again, decide from there.
				if (!(error instanceof StaleCopy) || w.rewrites >= REAPPLY_LIMIT) throw error instanceof StaleCopy ? error.failure : error;
				w.rewrites++;
			}
			w.later = false;
		}
	} catch (error) {
		// Stopped by the run itself (cancelled, or another item failed): the write stands, its outputs say so.
		if (!run.signal.aborted) for (const i of w.items) run.fail(i, turnError(run, error, i, true));
	} finally {
		unwatchWrites(w.key, w);
	}
}

/**
 * Reads, merges and writes the change again in a new turn, with any change of this process that an older
 * copy undid (watch.ts). True when that settled the items' outputs.
 */
async function reapply<P, R>(run: UpdateRun<P, R>, w: Written<R>, repairs: boolean): Promise<boolean> {
	const { operation, op, inputs } = run;
	const compare = compareOf(operation);
	const copy = copyOf(operation);
	const first = w.items[0];
	const groupInputs = w.items.map((i) => inputs[i]);
	// Ahead of executions that have not written yet: this change was written once already.
	const release = await takeTurn(w.key, op.settings.turnTimeoutMs, run.signal, true);
	try {
		const readStarted = Date.now();
		const fresh: R = await operation.resource.read(op, inputs[first], first, groupInputs);
		const readMs = Date.now() - readStarted;
		const freshLeaves = leavesOf(compare(fresh));
		noteRead(w.key, freshLeaves);
		const { state: start, repaired } = repairs ? repair(w.key, fresh) : { state: fresh, repaired: [] };
		const found = standing(w.leaves, leavesOf(compare(start)), writtenByOthers(w.key, w));
		if (found.reverted.length === 0 && repaired.length === 0) {
			finish(run, w, fresh, found);
			return true;
		}
		let state = start;
		for (const i of w.items) state = operation.apply(copy(state), inputs[i], applyWarn(run.slots[i]));
		// Only what was reverted is written again: a field another writer set since keeps its value.
		const allowed = new Set([...found.reverted, ...repaired].map((l) => l.path));
		const again = leafChanges(freshLeaves, leavesOf(compare(state)));
		const beyond = again.filter((l) => !allowed.has(l.path));
		if (beyond.length > 0) throw entangled(run, w, beyond.map((l) => l.path));
		const requests = operation.write.requests(fresh, state, groupInputs);
		w.seq = noteOwnWrite(w.key, again.map((l) => l.path), new Set(repaired.map((l) => l.path)));
		const answers = await carryingRepairs(repaired, async () => await sendWrites(run, requests, first, groupInputs, fresh, state));
		w.writtenAt = Date.now();
		noteReadToWrite(readStarted, readMs, operation.resource.reads ?? 1, w.writtenAt);
		noteWrite(w.key, w, () => again);
		w.written = operation.write.result?.(answers, state, fresh) ?? state;
		w.repaired.push(...repaired);
		if (found.reverted.length > 0) w.reapplied++;
		w.rewrites++;
		return false;
	} finally {
		release();
	}
}

function finish<P, R>(run: UpdateRun<P, R>, w: Written<R>, now: R, found: Standing): void {
	const { operation, slots } = run;
	const compare = compareOf(operation);
	const nowView = compare(now);
	const view = operation.resource.view(now);
	const lost = new Set(found.superseded.map((l) => l.path));
	const confirmedAfterMs = Date.now() - w.writtenAt;
	for (const i of w.items) {
		const mine = w.itemLeaves.get(i) ?? [];
		const changes = w.changes.get(i) ?? [];
		const isLost = (field: string) => mine.some((l) => within(l.path, field) && lost.has(l.path));
		const kept = changes.filter((c) => !isLost(c.field));
		const superseded = changes.filter((c) => isLost(c.field)).map((c) => ({ ...c, now: valueAt(nowView, c.field) }));
		slots[i].outputs = [
			{
				...view,
				changes: kept as unknown as IDataObject[],
				outcome: kept.length > 0 ? 'updated' : superseded.length > 0 ? 'superseded' : 'unchanged',
				confirmedAfterMs,
				...(superseded.length > 0 ? { superseded: superseded as unknown as IDataObject[] } : {}),
				...(w.reapplied > 0 ? { reapplied: w.reapplied } : {}),
				...(i === w.items[0] && w.repaired.length > 0 ? { repaired: asRepaired(w.repaired) } : {}),
			},
		];
	}
	// Watched from now on: a later read in this process puts back what an older copy undoes.
	const nowLeaves = leavesOf(nowView);
	noteConfirmed(w.key, nowLeaves, w.seq);
	watchChange(w.key, found.landed, redoOf(run, w.items), compare);
}

const fieldList = (paths: string[]) => [...new Set(paths)].slice(0, 5).join(', ') + (paths.length > 5 ? ', …' : '');

function overwritten<P, R>(run: UpdateRun<P, R>, w: Written<R>, found: Standing): NodeOperationError {
	const label = run.operation.resource.label(run.inputs[w.items[0]]);
	const fields = fieldList(found.reverted.map((l) => l.path));
	return itemError(
		(item) =>
			unconfirmedError(run, w, item, `The change to ${label} was overwritten again after being written ${w.rewrites + 1} times${atItem(item)}`, `Another process (a queue-mode worker, a second n8n instance or a tool outside n8n) kept writing an older copy of ${label} over this change, so these fields are not as this item set them now: ${fields}. Check ${label} and run the node again.`),
		w.items[0],
	);
}

function entangled<P, R>(run: UpdateRun<P, R>, w: Written<R>, paths: string[]): NodeOperationError {
	const label = run.operation.resource.label(run.inputs[w.items[0]]);
	return itemError(
		(item) =>
			unconfirmedError(run, w, item, `Another writer undid part of the change to ${label} and changed related fields since${atItem(item)}`, `An older copy of ${label} was written over this change from elsewhere, and writing the change again would also overwrite what another writer set since (${fieldList(paths)}). The node wrote nothing more. Check ${label} and run the node again.`),
		w.items[0],
	);
}

/**
 * The error of an item whose write was not confirmed: its context (the error item's `details`) says
 * `outcome: "unconfirmed"` and lists the changes written.
 */
function unconfirmedError<P, R>(run: UpdateRun<P, R>, w: Written<R>, item: number | undefined, message: string, description: string): NodeOperationError {
	const error = new NodeOperationError(run.op.ctx.getNode(), message, { itemIndex: item, description });
	Object.assign(error.context, { outcome: 'unconfirmed', unconfirmed: (w.changes.get(item ?? w.items[0]) ?? []) as unknown as IDataObject[] });
	return error;
}

/** The confirming read failed (after the transport's retries): the change was written, and is not known to be there now. */
function unconfirmed<P, R>(run: UpdateRun<P, R>, w: Written<R>, cause: unknown): unknown {
	if (run.signal.aborted || !(cause instanceof Error)) return cause;
	const label = run.operation.resource.label(run.inputs[w.items[0]]);
	const fields = fieldList((w.changes.get(w.items[0]) ?? []).map((c) => c.field));
	return itemError(
		(item) =>
			unconfirmedError(run, w, item, `The change to ${label} was written but could not be confirmed${atItem(item)}: ${cause.message}`, `The write was answered, then reading ${label} back to confirm it failed, so whether these fields hold this item's change now is not known: ${fields}. The change is safe to send again: run the node again.`),
		w.items[0],
	);
}
