import type { IDataObject } from 'n8n-workflow';

import { deepEqual, diff } from './changes';
import type { ItemError } from './errors';
import { type LeafChange, leafChanges, leavesOf, valueAt } from './fields';
import type { FieldChange } from './types';

// What an item's report says changed: only what changed at the provider for that item, with the values as
// the provider shows them, and, when the item fails after its write, what of it landed.

/**
 * One item's `changes`: its change from `before` to `after` (compared as `compare` shapes the resource),
 * without fields the group as a whole did not change (`start` to `end`: another item of the group set
 * them back, so nothing changed at the provider). `from` is the value the provider had, as the output
 * shows it, where the comparison reads it as absent (a 0 or "" the provider holds: BlendVision One's
 * proto3 zero values). `raw` keeps the compared values.
 */
export function itemChanges<R>(
	compare: (r: R) => IDataObject,
	view: (r: R) => IDataObject,
	before: R,
	after: R,
	start: IDataObject,
	end: IDataObject,
): { changes: FieldChange[]; raw: FieldChange[]; leaves: LeafChange[] } {
	const beforeView = compare(before);
	const afterView = compare(after);
	const raw = diff(beforeView, afterView).filter((c) => !deepEqual(valueAt(start, c.field), valueAt(end, c.field)));
	const shownBefore = view(before);
	return {
		changes: raw.map((c) => ({ ...c, from: c.from === null ? valueAt(shownBefore, c.field) : c.from })),
		raw,
		leaves: leafChanges(leavesOf(beforeView), leavesOf(afterView)),
	};
}

const briefly = (value: unknown) => {
	const text = JSON.stringify(value) ?? 'null';
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/**
 * An item's error after a write the provider answered but did not wholly apply: adds the item's changes
 * that `now` (the resource read again, compared) holds, to the description and to the error's context
 * (`changes`, which the error item shows under `details`).
 */
export function withLanded(error: ItemError, changes: FieldChange[], raw: FieldChange[], now: IDataObject): ItemError {
	const landed = changes.filter((_, k) => deepEqual(valueAt(now, raw[k].field), raw[k].to ?? null));
	if (landed.length === 0) return error;
	const list = landed.map((c) => `${c.field} (from ${briefly(c.from)} to ${briefly(c.to)})`).join(', ');
	error.description = `${error.description ? `${error.description}\n` : ''}Saved nevertheless: ${list}.`;
	error.context = { ...error.context, changes: landed as unknown as IDataObject[] };
	return error;
}

/** The fields a write put back (watch.ts), as the output lists them. */
export const asRepaired = (leaves: LeafChange[]): IDataObject[] => leaves.map((l) => ({ field: l.path, from: l.from, to: l.to }) as IDataObject);
