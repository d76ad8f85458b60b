import { XMLParser } from 'fast-xml-parser';

// Reading answers: JSON or XML, whatever the Accept header got us.

const xmlParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseAttributeValue: false,
	parseTagValue: false,
	htmlEntities: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Commvault's XML turns arrays into repeated elements, so one element is an object, none is absent. */
export function asArray(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * A response body as a plain object: JSON as it is, XML with its root element unwrapped and its
 * attributes as fields (`<error errorCode="0"/>` reads like `{"error": {"errorCode": "0"}}`).
 * ASSUMPTION (UNCONFIRMED): Commvault's XML answers mirror its JSON answers this way (scalars as
 * attributes, objects as elements, arrays as repeated elements under a root element).
 */
export function readBody(body: unknown): Obj {
	if (isObject(body)) return body;
	if (typeof body !== 'string') return {};
	const text = body.trim();
	if (text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			return isObject(parsed) ? parsed : {};
		} catch {
			return {};
		}
	}
	if (!text.startsWith('<')) return {};
	let parsed: unknown;
	try {
		parsed = xmlParser.parse(text);
	} catch {
		return {};
	}
	if (!isObject(parsed)) return {};
	const roots = Object.keys(parsed).filter((k) => !k.startsWith('?') && k !== '#text');
	const root = roots.length === 1 ? parsed[roots[0]] : parsed;
	return isObject(root) ? root : {};
}

export function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

export function id(value: unknown): number | null {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : null;
}
