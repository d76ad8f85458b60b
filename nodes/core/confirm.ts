import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { atItem, itemError } from './errors';
import { type Standing, leafChanges, leavesOf, standing, valueAt, within } from './fields';
import { pause } from './pause';
import type { Permits } from './pool';
import { backoffDelay } from './retry';
import { noteWrite, takeTurn, unwatchWrites, writtenByOthers } from './turns';
import { type UpdateRun, type Written, applyWarn, compareOf, copyOf, sendWrites, turnError } from './update';

/**
 * How many times a change that an older copy overwrote is written again before the item fails. While
 * another process keeps writing the resource, about every other write of ours meets its older copy; once it
 * stops, the next write holds. Each write again waits first (REAPPLY_BACKOFF), so six span several seconds of
 * the other process's activity on the resource.
 */
const REAPPLY_LIMIT = 6;

/** Backoff before writing again: 100 ms doubling, half fixed, half random (two processes do not keep meeting). */
const REAPPLY_BACKOFF = { backoffBaseMs: 100, backoffCapMs: 2000 };

/** The part of the pause that covers a concurrent writer's own work between its read's answer and its write. */
const SETTLE_MARGIN_MS = 100;

/**
 * The pause between a write and the read that confirms it. A writer elsewhere that read the resource just
 * before our write lands its older copy later than our write by the time it spends between its read's
 * answer and its write: its own work (SETTLE_MARGIN_MS), plus the later requests of its read where a read
 * takes several one after the other (a sub-organization and then its plans: the older record was read at
 * the first). Network time cancels out: our confirming read also travels after our write's answer. At most
 * 2 s. Measured in docs/BENCHMARKS.md.
 */
function settleDelay(readMs: number, reads: number): number {
	const later = reads > 1 ? (readMs * (reads - 1)) / reads : 0;
	return Math.min(2000, Math.round(SETTLE_MARGIN_MS + later));
}

/**
 * After a write that a concurrent writer in another process could undo (whole list or object): waits a
 * little, reads the resource again (without the turn), and sorts each written field into landed, reverted
 * (an older copy was written over it: read, merge and write again, in a new turn, at most REAPPLY_LIMIT
 * times) and superseded (another writer set it since: reported, never written over). Then the items'
 * outputs show the resource as read and the truth about each change.
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
			await pause(settleDelay(w.readMs, resource.reads ?? 1), run.signal);
			const now = await withSlot(async () =>
				resource.reread
					? await resource.reread(op, inputs[first], first, paths, w.written)
					: await resource.read(op, inputs[first], first, w.items.map((i) => inputs[i])),
			);
			const found = standing(w.leaves, leavesOf(compare(now)), writtenByOthers(w.key, w));
			if (found.reverted.length === 0) return finish(run, w, now, found);
			if (w.reapplied >= REAPPLY_LIMIT) throw overwritten(run, w, found);
			await pause(backoffDelay(w.reapplied, { ...op.transport.settings, ...REAPPLY_BACKOFF }), run.signal);
			if (await withSlot(async () => await reapply(run, w))) return;
		}
	} catch (error) {
		// Stopped by the run itself (cancelled, or another item failed): the write stands, its outputs say so.
		if (!run.signal.aborted) for (const i of w.items) run.fail(i, turnError(run, error, i, true));
	} finally {
		unwatchWrites(w.key, w);
	}
}

/** Reads, merges and writes the change again in a new turn. True when that settled the items' outputs. */
async function reapply<P, R>(run: UpdateRun<P, R>, w: Written<R>): Promise<boolean> {
	const { operation, op, inputs } = run;
	const compare = compareOf(operation);
	const copy = copyOf(operation);
	const first = w.items[0];
	const groupInputs = w.items.map((i) => inputs[i]);
	// Ahead of executions that have not written yet: this change was written once already.
	const release = await takeTurn(w.key, op.settings.turnTimeoutMs, run.signal, true);
	try {
		const fresh: R = await operation.resource.read(op, inputs[first], first, groupInputs);
		const freshLeaves = leavesOf(compare(fresh));
		const found = standing(w.leaves, freshLeaves, writtenByOthers(w.key, w));
		if (found.reverted.length === 0) {
			finish(run, w, fresh, found);
			return true;
		}
		let state = fresh;
		for (const i of w.items) state = operation.apply(copy(state), inputs[i], applyWarn(run.slots[i]));
		// Only what was reverted is written again: a field another writer set since keeps its value.
		const allowed = new Set(found.reverted.map((l) => l.path));
		const again = leafChanges(freshLeaves, leavesOf(compare(state)));
		const beyond = again.filter((l) => !allowed.has(l.path));
		if (beyond.length > 0) throw entangled(run, w, beyond.map((l) => l.path));
		const requests = operation.write.requests(fresh, state, groupInputs);
		const answers = await sendWrites(run, requests, first, groupInputs, state);
		noteWrite(w.key, w, () => again.map((l) => l.path));
		w.written = operation.write.result?.(answers, state, fresh) ?? state;
		w.reapplied++;
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
				...(superseded.length > 0 ? { superseded: superseded as unknown as IDataObject[] } : {}),
				...(w.reapplied > 0 ? { reapplied: w.reapplied } : {}),
			},
		];
	}
}

const fieldList = (paths: string[]) => [...new Set(paths)].slice(0, 5).join(', ') + (paths.length > 5 ? ', …' : '');

function overwritten<P, R>(run: UpdateRun<P, R>, w: Written<R>, found: Standing): NodeOperationError {
	const label = run.operation.resource.label(run.inputs[w.items[0]]);
	const fields = fieldList(found.reverted.map((l) => l.path));
	return itemError(
		(item) =>
			new NodeOperationError(run.op.ctx.getNode(), `The change to ${label} was overwritten again after being written ${w.reapplied + 1} times${atItem(item)}`, {
				itemIndex: item,
				description: `Another process (a queue-mode worker, a second n8n instance or a tool outside n8n) kept writing an older copy of ${label} over this change, so these fields are not as this item set them now: ${fields}. Check ${label} and run the node again.`,
			}),
		w.items[0],
	);
}

function entangled<P, R>(run: UpdateRun<P, R>, w: Written<R>, paths: string[]): NodeOperationError {
	const label = run.operation.resource.label(run.inputs[w.items[0]]);
	return itemError(
		(item) =>
			new NodeOperationError(run.op.ctx.getNode(), `Another writer undid part of the change to ${label} and changed related fields since${atItem(item)}`, {
				itemIndex: item,
				description: `An older copy of ${label} was written over this change from elsewhere, and writing the change again would also overwrite what another writer set since (${fieldList(paths)}). The node wrote nothing more. Check ${label} and run the node again.`,
			}),
		w.items[0],
	);
}
