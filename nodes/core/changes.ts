import type { FieldChange } from './types';

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality for JSON-like values; a missing key equals `undefined`. */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((v, i) => deepEqual(v, b[i]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
		return true;
	}
	return false;
}

/**
 * Field-level differences between two views of a resource. Objects are compared key by key
 * (paths joined with "."); arrays and scalars are compared whole. Absent values are reported as null.
 */
export function diff(before: unknown, after: unknown, prefix = ''): FieldChange[] {
	if (deepEqual(before, after)) return [];
	if (isPlainObject(before) && isPlainObject(after)) {
		const changes: FieldChange[] = [];
		const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
		for (const key of keys) {
			changes.push(...diff(before[key], after[key], prefix ? `${prefix}.${key}` : key));
		}
		return changes;
	}
	return [{ field: prefix || '(resource)', from: before ?? null, to: after ?? null }];
}

/** Deep copy of JSON-like data (resources we read are plain JSON). */
export function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
