import { DateTime } from 'luxon';
import type { INode } from 'n8n-workflow';

import { inputError } from './errors';

export interface ParsedDate {
	dateTime: DateTime;
	/** True when the input named a calendar day only (no time of day). */
	dateOnly: boolean;
}

/** Epoch values below this are taken as seconds, above as milliseconds (1973-03-03 in ms). */
const SECONDS_LIMIT = 100_000_000_000;

const ACCEPTED =
	'Use an ISO 8601 date or date-time (2026-06-30 or 2026-06-30T12:00:00Z), an n8n date such as {{ $now }}, or an epoch time in milliseconds.';

function fromEpoch(value: number): DateTime {
	return DateTime.fromMillis(Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value, { zone: 'utc' });
}

function fromString(text: string): ParsedDate | undefined {
	if (/^-?\d+(\.\d+)?$/.test(text)) return { dateTime: fromEpoch(Number(text)), dateOnly: false };
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
		return { dateTime: DateTime.fromISO(text, { zone: 'utc' }), dateOnly: true };
	}
	const attempts = [
		() => DateTime.fromISO(text, { setZone: true }),
		() => DateTime.fromRFC2822(text, { setZone: true }),
		() => DateTime.fromHTTP(text, { setZone: true }),
		() => DateTime.fromSQL(text, { zone: 'utc' }),
	];
	for (const attempt of attempts) {
		const dt = attempt();
		if (dt.isValid) return { dateTime: dt, dateOnly: false };
	}
	return undefined;
}

/**
 * Reads a date the way users pass them in n8n: ISO strings, `YYYY-MM-DD`, n8n/luxon DateTime values,
 * JavaScript dates, epoch milliseconds (or seconds). Empty input gives undefined; anything else that
 * cannot be read is an input error naming the field and item.
 */
export function parseDate(value: unknown, node: INode, itemIndex: number, field: string): ParsedDate | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	let parsed: ParsedDate | undefined;
	if (DateTime.isDateTime(value)) {
		parsed = { dateTime: value, dateOnly: false };
	} else if (value instanceof Date) {
		parsed = { dateTime: DateTime.fromJSDate(value, { zone: 'utc' }), dateOnly: false };
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		parsed = { dateTime: fromEpoch(value), dateOnly: false };
	} else if (typeof value === 'string') {
		parsed = fromString(value.trim());
	} else if (typeof value === 'object' && value !== null && 'isLuxonDateTime' in value) {
		// A DateTime from another copy of luxon (n8n's own): read it through its ISO form.
		parsed = fromString(String((value as unknown as { toISO: () => string }).toISO()));
	}
	const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (!parsed || !parsed.dateTime.isValid) {
		throw inputError(node, itemIndex, field, `"${shown}" is not a date that can be read`, ACCEPTED);
	}
	if (parsed.dateTime.year < 1900 || parsed.dateTime.year > 9999) {
		throw inputError(node, itemIndex, field, `"${shown}" is outside the years 1900 to 9999`, ACCEPTED);
	}
	return parsed;
}

/** Calendar day `YYYY-MM-DD`, in the zone the input was given in. */
export function toIsoDate(date: ParsedDate): string {
	return date.dateTime.toISODate() as string;
}

/** RFC 3339 timestamp in UTC without fractions, e.g. `2026-06-30T00:00:00Z`. */
export function toRfc3339(date: ParsedDate): string {
	const dt = date.dateOnly
		? DateTime.fromISO(date.dateTime.toISODate() as string, { zone: 'utc' })
		: date.dateTime.toUTC();
	return dt.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
