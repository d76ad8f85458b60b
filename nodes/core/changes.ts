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

/**
 * Deep copy of JSON-like data (resources we read are plain JSON), with JSON's meaning: keys holding
 * `undefined` are dropped, and anything that is not a plain object or array (a Date, say) becomes what
 * JSON makes of it. Copies directly instead of through a JSON string: it runs once per item.
 */
export function clone<T>(value: T): T {
	if (value === undefined) return value;
	return copyJson(value) as T;
}

/** A deep copy except for the named keys, which stay shared: read-only lookups such as a plan catalog. */
export function cloneSharing<T extends object, K extends keyof T>(value: T, ...shared: K[]): T {
	const rest: Partial<T> = { ...value };
	for (const key of shared) delete rest[key];
	const out = clone(rest) as T;
	for (const key of shared) if (key in value) out[key] = value[key];
	return out;
}

function copyJson(value: unknown): unknown {
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) {
		const out = new Array<unknown>(value.length);
		for (let i = 0; i < value.length; i++) {
			const v = value[i] as unknown;
			out[i] = v === undefined || typeof v === 'function' ? null : copyJson(v);
		}
		return out;
	}
	const proto = Object.getPrototypeOf(value) as unknown;
	if (proto !== Object.prototype && proto !== null) return JSON.parse(JSON.stringify(value)) as unknown;
	const source = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(source)) {
		const v = source[key];
		if (v !== undefined && typeof v !== 'function') out[key] = copyJson(v);
	}
	return out;
}
