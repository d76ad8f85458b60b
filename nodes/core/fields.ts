import { deepEqual } from './changes';

/**
 * Field-level views of a resource for confirming writes. A comparison view (`resource.compare` of an update) is
 * split into leaves: objects key by key ("plans.posts"), lists of plain values member by member
 * ("plan_ids[\"a1\"]" is true while the list holds "a1"), anything else whole. A list that another writer
 * changed at the same time then still shows, member by member, whether ours are in it.
 */
export type Leaves = Map<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPlain = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function leavesOf(view: unknown, prefix = '', out: Leaves = new Map()): Leaves {
	if (isObject(view)) {
		for (const [key, value] of Object.entries(view)) leavesOf(value, prefix ? `${prefix}.${key}` : key, out);
	} else if (Array.isArray(view) && view.length > 0 && view.every(isPlain)) {
		for (const member of view) out.set(`${prefix}[${JSON.stringify(member)}]`, true);
	} else if (view !== undefined && view !== null && !(Array.isArray(view) && view.length === 0)) {
		out.set(prefix || '(resource)', view);
	}
	return out;
}

export interface LeafChange {
	path: string;
	from: unknown;
	to: unknown;
}

/** The leaves that differ between two views; an absent leaf is null. */
export function leafChanges(before: Leaves, after: Leaves): LeafChange[] {
	const changes: LeafChange[] = [];
	for (const path of new Set([...before.keys(), ...after.keys()])) {
		const from = before.get(path) ?? null;
		const to = after.get(path) ?? null;
		if (!deepEqual(from, to)) changes.push({ path, from, to });
	}
	return changes;
}

/** Whether a leaf belongs to the field a FieldChange names (the field itself or something inside it). */
export function within(path: string, field: string): boolean {
	return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`) || field === '(resource)';
}

/**
 * Where each written leaf stands in a fresh read:
 * - landed: it holds what we wrote;
 * - superseded: another writer set it since, on purpose: a writer in this process that read ours first and
 *   wrote another value (`setHere`: the value the last writer here wrote), or a value that is neither ours
 *   nor the one we replaced;
 * - reverted: it holds the value we replaced again, and no writer in this process set it to anything but
 *   ours: an older copy, read before our write, was written over it from elsewhere. (Two executions here
 *   that both set our value, say two deals asking for one plan, share the field: it is still ours.)
 */
export interface Standing {
	landed: LeafChange[];
	superseded: LeafChange[];
	reverted: LeafChange[];
}

export function standing(written: LeafChange[], now: Leaves, setHere: Map<string, unknown>): Standing {
	const result: Standing = { landed: [], superseded: [], reverted: [] };
	for (const change of written) {
		const value = now.get(change.path) ?? null;
		const replacedHere = setHere.has(change.path) && !deepEqual(setHere.get(change.path) ?? null, change.to);
		if (deepEqual(value, change.to)) result.landed.push(change);
		else if (replacedHere || !deepEqual(value, change.from)) result.superseded.push(change);
		else result.reverted.push(change);
	}
	return result;
}

/** Whether a leaf holds what a writer in this process wrote there (not another process's doing). */
export function setHereAs(setHere: Map<string, unknown>, now: Leaves, path: string): boolean {
	return setHere.has(path) && deepEqual(setHere.get(path) ?? null, now.get(path) ?? null);
}

/** The value at a FieldChange's field in a comparison view (keys may themselves hold dots). */
export function valueAt(view: unknown, field: string): unknown {
	if (field === '(resource)') return view;
	let rest = field;
	let value = view;
	while (rest !== '') {
		if (!isObject(value)) return null;
		const key = Object.keys(value)
			.filter((k) => rest === k || rest.startsWith(`${k}.`))
			.sort((a, b) => b.length - a.length)[0];
		if (key === undefined) return null;
		value = value[key];
		rest = rest.slice(key.length + 1);
	}
	return value ?? null;
}
