import type { IDataObject } from 'n8n-workflow';

import { clone } from '../../../../core/changes';
import type { Plan } from '../../../api';
import { PROPERTY_IDENT_KEY } from '../../../plan';

// Object fields whose inner fields Instellix does not document (pendingContractTerms, a phase's
// billingConfig), and the raw plan changes: merged, replaced or cleared. Pure.

/** An item's change to an object field: merge the keys given into it, make it the value given, or clear it. */
export type ObjectChange = { how: 'merge' | 'replace'; value: IDataObject } | { how: 'clear' };

export const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `patch` merged into `current`: key by key, nested objects the same way; other values (lists too) replaced. */
function mergeObject(current: unknown, patch: IDataObject): IDataObject {
	const out: IDataObject = isObject(current) ? { ...current } : {};
	for (const [key, value] of Object.entries(patch)) {
		out[key] = isObject(value) && isObject(out[key]) ? mergeObject(out[key], value) : (clone(value) as IDataObject);
	}
	return out;
}

/** The field's value after the change (null: cleared). */
export function changedObject(current: unknown, change: ObjectChange): IDataObject | null {
	if (change.how === 'clear') return null;
	return change.how === 'merge' ? mergeObject(current, change.value) : clone(change.value);
}

/**
 * `patch` merged into a list of objects matched by `identKey`: an item of `patch` is merged into the one
 * with its ident, or added at the end. Items of the list that `patch` does not name stay as they are.
 */
function mergeByIdent(current: unknown, patch: IDataObject[], identKey: string): IDataObject[] {
	const list = Array.isArray(current) ? [...(current as IDataObject[])] : [];
	for (const item of patch) {
		const at = list.findIndex((existing) => isObject(existing) && existing[identKey] === item[identKey]);
		if (at >= 0) list[at] = mergeObject(list[at], item);
		else list.push(clone(item));
	}
	return list;
}

/** The lists of a plan that raw changes merge by ident, and the key that holds the ident. */
export const KEYED_LISTS: Array<[string, string]> = [
	['phases', 'ident'],
	['properties', PROPERTY_IDENT_KEY],
];

/** Raw changes merged into the plan: as mergeObject, but phases and properties matched by ident. */
export function mergePlan(plan: Plan, raw: IDataObject): void {
	const merged = mergeObject(plan, raw);
	for (const [list, identKey] of KEYED_LISTS) if (list in raw) merged[list] = mergeByIdent(plan[list], raw[list] as IDataObject[], identKey);
	Object.assign(plan, merged);
}
