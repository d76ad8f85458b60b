import type { IDataObject } from 'n8n-workflow';

import { deepEqual } from './changes';
import { valueAt } from './fields';
import type { FieldChange } from './types';

// Taking back one recorded change on a comparison view of a resource (pure). A `changes` entry of an
// update's output names a field of the view as `diff` writes it; where the resource still holds `to`, `from`
// is put back; where it holds `from`, the change is already undone; anything else was changed since.

/** A change an undo left alone, and what the resource holds there now. */
export interface ChangedSince extends FieldChange {
	now: unknown;
}

/** A change an undo cannot take back (exactly), and why. */
export interface CannotUndo extends FieldChange {
	reason: string;
}

/** What an undo found for one earlier output item. */
export interface UndoReport {
	putBack: FieldChange[];
	alreadyUndone: FieldChange[];
	changedSince: ChangedSince[];
}

export const emptyReport = (): UndoReport => ({ putBack: [], alreadyUndone: [], changedSince: [] });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPlain = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** A list of plain values (or none): taken back member by member, as confirmation compares it (fields.ts). */
const isPlainList = (v: unknown) => v === null || (Array.isArray(v) && v.every(isPlain));
const same = (a: unknown, b: unknown) => deepEqual(a ?? null, b ?? null);

/**
 * Sets the field a change names in `view` (keys may hold dots: the longest key that fits is taken, as
 * `valueAt` reads it). A key that is not there yet is the rest of the path. Null is set as null: the
 * provider's `restore` knows whether its resource writes an absent field so (a plan removed) or as null.
 */
export function setAt(view: IDataObject, field: string, value: unknown): void {
	let parent: Record<string, unknown> = view;
	let rest = field;
	for (;;) {
		const key = Object.keys(parent)
			.filter((k) => rest.startsWith(`${k}.`))
			.sort((a, b) => b.length - a.length)[0];
		if (key === undefined || !isObject(parent[key])) break;
		parent = parent[key];
		rest = rest.slice(key.length + 1);
	}
	parent[rest] = value ?? null;
}

/**
 * Takes back one change on `view` (changed in place) and notes it in `report`. A list of plain values (plan
 * names, plan IDs) is taken back member by member: members the change added are removed where they still
 * are, members it removed are added back where they are missing; members anyone else added or removed stay
 * (and the list is also reported as changed since).
 * `createdBefore`: the changes of the run's earlier items on the same resource.
 */
export function undoChange(view: IDataObject, change: FieldChange, report: UndoReport, createdBefore: FieldChange[] = []): void {
	const now = valueAt(view, change.field);
	// Inside something an earlier item of the run created, which is gone: taken back with it (or by then).
	const inGone = createdBefore.some((c) => change.field.startsWith(`${c.field}.`) && c.from === null && c.to !== null && valueAt(view, c.field) === null);
	if (now === null && inGone) {
		report.alreadyUndone.push(change);
		return;
	}
	if (isPlainList(change.from) && isPlainList(change.to) && isPlainList(now) && (Array.isArray(change.from) || Array.isArray(change.to))) {
		const from = (change.from ?? []) as unknown[];
		const to = (change.to ?? []) as unknown[];
		const has = (list: unknown[], v: unknown) => list.some((m) => deepEqual(m, v));
		const nowList = [...((now ?? []) as unknown[])];
		const added = to.filter((m) => !has(from, m) && has(nowList, m));
		const removed = from.filter((m) => !has(to, m) && !has(nowList, m));
		// Members someone else added or removed since: left as they are, and the list reported with them.
		// (Members the run's earlier items added or removed are theirs to take back.)
		const earlier = createdBefore
			.filter((c) => c.field === change.field)
			.flatMap((c) => {
				const [f, t] = [(c.from ?? []) as unknown[], (c.to ?? []) as unknown[]];
				return [...f.filter((m) => !has(t, m)), ...t.filter((m) => !has(f, m))];
			});
		const others = [...nowList.filter((m) => !has(from, m) && !has(to, m)), ...from.filter((m) => has(to, m) && !has(nowList, m))].filter((m) => !has(earlier, m));
		if (others.length > 0) report.changedSince.push({ ...change, now: now ?? null });
		if (added.length === 0 && removed.length === 0) {
			report.alreadyUndone.push(change);
			return;
		}
		const result = [...nowList.filter((m) => !has(added, m)), ...removed];
		setAt(view, change.field, result.length > 0 || Array.isArray(now) ? result : null);
		report.putBack.push(change);
		return;
	}
	// The run's items changed this field one after the other, and it holds what an earlier one found: the
	// whole chain is taken back already (an undo of the same run before, or a hand that set it back so).
	const chainUndone = createdBefore.some((c) => c.field === change.field && same(now, c.from));
	if (same(now, change.to) && !same(now, change.from)) {
		setAt(view, change.field, change.from);
		report.putBack.push(change);
	} else if (same(now, change.from) || chainUndone) report.alreadyUndone.push(change);
	else report.changedSince.push({ ...change, now: now ?? null });
}

/** Whether `view` holds what taking back `change` put there (for a list: the members it put back or removed). */
export function putBackHolds(view: IDataObject, change: FieldChange): boolean {
	const now = valueAt(view, change.field);
	if (isPlainList(change.from) && isPlainList(change.to) && (Array.isArray(change.from) || Array.isArray(change.to))) {
		const from = (change.from ?? []) as unknown[];
		const to = (change.to ?? []) as unknown[];
		const nowList = Array.isArray(now) ? now : [];
		const has = (list: unknown[], v: unknown) => list.some((m) => deepEqual(m, v));
		return from.every((m) => has(to, m) || has(nowList, m)) && to.every((m) => has(from, m) || !has(nowList, m));
	}
	return same(now, change.from);
}
