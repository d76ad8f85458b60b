import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { clone, deepEqual } from './changes';
import { StaleCopy, atItem, httpStatusOf, toItemError } from './errors';
import { type LeafChange, leafChanges, leavesOf } from './fields';
import type { OperationContext, UpdateOperation, WriteRequest } from './operation';
import type { Slot } from './slot';
import { backoffDelay } from './retry';
import { asRepaired, itemChanges, withLanded } from './report';
import { noteReadToWrite } from './settle';
import { TurnTimeout, noteWrite, takeTurn, unwatchWrites, watchWrites } from './turns';
import { carryingRepairs, noteOwnWrite, noteRead, repair, withoutRefusedRepairs } from './watch';
import type { FieldChange, Warn } from './types';

/** One run of an update operation over the valid items of an execution. */
export interface UpdateRun<P, R> {
	op: OperationContext;
	operation: UpdateOperation<P, R>;
	inputs: P[];
	slots: Slot[];
	fail: (i: number, error: unknown) => void;
	/** Aborts when the execution is cancelled, or fails and does not continue on fail. */
	signal: AbortSignal;
}

/**
 * A write that may need confirming: which items it carried, what it changed (per item and as a whole,
 * field by field) and what was written. Also the owner of its entry in the turn's write record.
 */
export interface Written<R> {
	key: string;
	items: number[];
	/** Field-level changes of the whole write, from what was read to what was written. */
	leaves: LeafChange[];
	/** Per item: its `changes` and the same at field level. */
	changes: Map<number, FieldChange[]>;
	itemLeaves: Map<number, LeafChange[]>;
	written: R;
	/** When the last write was answered (ms since the epoch): `confirmedAfterMs` counts from there. */
	writtenAt: number;
	/** This process's number of the last write (watch.ts). */
	seq: number;
	/** How many times the item's own change was written again, and how many writes were made again in all. */
	reapplied: number;
	rewrites: number;
	/** Fields of earlier changes of this process that an older copy had undone, written again with this write. */
	repaired: LeafChange[];
	/** Whether the one later confirmation (on a resource another process writes) is done. */
	later: boolean;
}

/** The comparison view of an operation's resource. */
export const compareOf = <P, R>(operation: UpdateOperation<P, R>) => operation.resource.compare ?? operation.resource.view;

/** The copy each `apply` gets. */
export const copyOf = <P, R>(operation: UpdateOperation<P, R>) => operation.resource.copy ?? clone;

/** A `warn` for one item's `apply`: its warnings replace those of an earlier `apply` of the same item. */
export function applyWarn(slot: Slot): Warn {
	const warnings: string[] = (slot.applyWarnings = []);
	return (warning) => warnings.push(warning);
}

/**
 * The error of an item that could not get its turn on the resource: before its write, or (`rewriting`) when
 * writing its change again after another process's older copy undid it.
 */
export function turnError<P, R>(run: UpdateRun<P, R>, error: unknown, itemIndex: number, rewriting = false): unknown {
	const label = run.operation.resource.label(run.inputs[itemIndex]);
	if (error instanceof TurnTimeout) {
		const what = rewriting
			? 'This item\'s change was written, then undone by an older copy from another process, and is not there now.'
			: 'Nothing of this item was sent.';
		return new NodeOperationError(run.op.ctx.getNode(), `Another execution was still changing ${label} after ${error.waitedMs} ms${atItem(itemIndex)}`, {
			itemIndex,
			description: `Executions that change the same resource take turns, so that none loses another's change, and this one waited longer than the node's "Timeout" allows. ${what} Raise "Timeout" in the node options when many executions for one resource arrive at once, or run the node again.`,
		});
	}
	return error;
}

/**
 * One group of items (one resource): holds the turn on the resource from the read to the end of the
 * write. Returns the writes that need confirming.
 */
export async function updateGroup<P, R>(run: UpdateRun<P, R>, key: string, group: number[]): Promise<Array<Written<R>>> {
	const written: Array<Written<R>> = [];
	if (run.op.settings.dryRun) {
		await writeGroup(run, key, group, written);
		return written;
	}
	let release: () => void;
	try {
		release = await takeTurn(key, run.op.settings.turnTimeoutMs, run.signal);
	} catch (error) {
		// Stopped by the run itself (cancelled, or another item failed): that is the run's error, not these items'.
		if (!run.signal.aborted) for (const i of group) run.fail(i, turnError(run, error, i));
		return written;
	}
	try {
		await writeGroup(run, key, group, written);
	} finally {
		release();
	}
	return written;
}

/** Read, apply, write for one group, holding its turn: retries a conflict, splits a refused combination. */
async function writeGroup<P, R>(run: UpdateRun<P, R>, key: string, group: number[], written: Array<Written<R>>): Promise<void> {
	const { operation, op, slots } = run;
	const conflictStatuses = operation.write.conflict?.statuses ?? [];
	const conflictRetries = operation.write.conflict?.retries ?? 0;
	let stale = 0;
	for (let attempt = 0; ; attempt++) {
		try {
			await withoutRefusedRepairs(key, async (repairs) => await applyAndWrite(run, key, group, written, repairs));
			return;
		} catch (caught) {
			// The write met a 429 and the resource changed during the wait: made anew from a fresh read.
			if (caught instanceof StaleCopy && stale++ < op.transport.settings.maxRetries) continue;
			const error = caught instanceof StaleCopy ? caught.failure : caught;
			const status = httpStatusOf(error);
			if (status !== undefined && conflictStatuses.includes(status) && attempt < conflictRetries) {
				// Someone changed it meanwhile: wait a little (jittered), then read again and re-apply.
				await sleep(backoffDelay(attempt, { ...op.transport.settings, backoffBaseMs: 200 }));
				continue;
			}
			const itemSpecific = status !== undefined && status >= 400 && status < 500 && ![401, 403, 404, 429].includes(status);
			// A conflict that outlived its retries is about the resource, not one item: no use trying each item.
			if (group.length > 1 && itemSpecific && !conflictStatuses.includes(status)) {
				// The provider refused the combined change: apply the items one by one, so each keeps its own error.
				for (const i of group) await writeGroup(run, key, [i], written);
				return;
			}
			for (const i of group) if (!slots[i].error) run.fail(i, error);
			return;
		}
	}
}

/**
 * Sends the requests of a write built from `read`. A request that is not idempotent and failed without a
 * clear answer is looked for in a fresh read (`landed`) before it may be sent again. The first request, if
 * it replaces a whole list or object, is sent again after a 429 only while the resource is as read (else
 * StaleCopy: writeGroup and the re-apply make the write anew from a fresh read).
 */
export async function sendWrites<P, R>(run: UpdateRun<P, R>, requests: Array<WriteRequest<R>>, first: number, group: P[], read: R, desired: R): Promise<unknown[]> {
	const { operation, op } = run;
	const compare = compareOf(operation);
	const fresh = async () => await operation.resource.read(op, run.inputs[first], first, group);
	const answers: unknown[] = [];
	for (const [n, request] of requests.entries()) {
		const landed = async () => {
			const now = await fresh();
			return request.landed ? request.landed(now) : deepEqual(compare(now), compare(desired));
		};
		const asRead = n === 0 && (request.revertible ?? true) ? async () => deepEqual(compare(await fresh()), compare(read)) : undefined;
		answers.push(await op.transport.request(request, first, landed, asRead));
	}
	return answers;
}

/** Applies the items' changes again to a copy of a resource, without warnings (the watch's `redo`). */
export function redoOf<P, R>(run: UpdateRun<P, R>, items: number[]): (state: R) => R {
	const copy = copyOf(run.operation);
	return (state) => items.reduce((s, i) => run.operation.apply(copy(s), run.inputs[i], () => undefined), state);
}

async function applyAndWrite<P, R>(run: UpdateRun<P, R>, key: string, group: number[], written: Array<Written<R>>, repairs: boolean): Promise<void> {
	const { operation, op, inputs, slots } = run;
	const first = group[0];
	const groupInputs = group.map((i) => inputs[i]);
	const readStarted = Date.now();
	const current: R = await operation.resource.read(op, inputs[first], first, groupInputs);
	const readMs = Date.now() - readStarted;

	const compare = compareOf(operation);
	const { view } = operation.resource;
	const copy = copyOf(operation);
	const confirming = op.settings.confirm && !op.settings.dryRun;
	const currentView = compare(current);
	// Changes of this process that an older copy from elsewhere undid since they were confirmed go back in
	// with this write (watch.ts); the items apply on top of them.
	let start = current;
	let repaired: LeafChange[] = [];
	if (confirming) {
		noteRead(key, leavesOf(currentView));
		if (repairs) ({ state: start, repaired } = repair(key, current));
	}
	// Apply each item in input order; an item whose change is not allowed fails alone.
	let state = start;
	let stateView = compare(start);
	const startView = stateView;
	const applied: Array<{ index: number; before: R; after: R }> = [];
	for (const i of group) {
		try {
			const next = operation.apply(copy(state), inputs[i], applyWarn(slots[i]));
			applied.push({ index: i, before: state, after: next });
			state = next;
			stateView = compare(next);
		} catch (error) {
			slots[i].error = toItemError(error, op.ctx, i);
		}
	}
	if (applied.length === 0) return;
	// What each item changed at the provider (a field another item of the group set back is no change).
	const report = applied.map((a) => ({ index: a.index, ...itemChanges(compare, view, a.before, a.after, startView, stateView) }));

	const desired = state;
	const changed = !deepEqual(currentView, stateView);
	const requests = changed ? operation.write.requests(current, desired, applied.map((a) => inputs[a.index])) : [];

	let final: R = desired;
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
		const owner: Partial<Written<R>> = {};
		const confirm = confirming && requests.some((r) => r.revertible ?? true);
		const leaves = leafChanges(leavesOf(currentView), leavesOf(stateView));
		if (confirm) watchWrites(key, owner);
		// Before sending, also without Confirm Write: from now on these fields are this write's (a confirming read
		// elsewhere in this process must not take them for an older copy's, nor put back what it replaced).
		const seq = noteOwnWrite(key, leaves.map((l) => l.path), new Set(repaired.map((l) => l.path)));
		let answers: unknown[] | undefined;
		try {
			answers = await carryingRepairs(repaired, async () => await sendWrites(run, requests, first, groupInputs, current, desired));
		} finally {
			// A write that failed is not confirmed: its error is the item's answer.
			if (!answers) unwatchWrites(key, owner);
		}
		const writtenAt = Date.now();
		noteReadToWrite(readStarted, readMs, operation.resource.reads ?? 1, writtenAt);
		noteWrite(key, owner, () => leaves);
		try {
			final = operation.write.result?.(answers, desired, current) ?? (await operation.resource.read(op, inputs[first], first, groupInputs));
		} catch (error) {
			// The provider answered but did not apply all of it: each item's error lists what did land.
			if (confirm) unwatchWrites(key, owner);
			await failPartly(run, report, error);
			return;
		}
		outcome = 'updated';
		if (confirm) {
			written.push(
				Object.assign(owner, {
					key,
					items: applied.map((a) => a.index),
					leaves,
					changes: new Map(report.map((r) => [r.index, r.changes])),
					itemLeaves: new Map(report.map((r) => [r.index, r.leaves])),
					written: final,
					writtenAt,
					seq,
					reapplied: 0,
					rewrites: 0,
					repaired,
					later: false,
				}),
			);
		}
	}

	const finalView = view(final);
	report.forEach(({ index, changes }, n) => {
		slots[index].outputs = [
			{
				...finalView,
				changes: changes as unknown as IDataObject[],
				outcome: changes.length === 0 ? 'unchanged' : outcome,
				...(shownRequests && changes.length > 0 ? { request: shownRequests } : {}),
				...(n === 0 && repaired.length > 0 && outcome === 'updated' ? { repaired: asRepaired(repaired) } : {}),
			},
		];
	});
}

/**
 * The write was answered but `write.result` found part of it not applied: reads the resource again and
 * fails each item with its error and the changes of it that are there now.
 */
async function failPartly<P, R>(run: UpdateRun<P, R>, report: Array<{ index: number; changes: FieldChange[]; raw: FieldChange[] }>, error: unknown): Promise<void> {
	const { operation, op, inputs } = run;
	const first = report[0].index;
	let now: IDataObject | undefined;
	try {
		now = compareOf(operation)(await operation.resource.read(op, inputs[first], first, report.map((r) => inputs[r.index])));
	} catch {
		// Not known what landed: the error alone.
	}
	for (const { index, changes, raw } of report) run.fail(index, now ? withLanded(toItemError(error, op.ctx, index), changes, raw, now) : error);
}
