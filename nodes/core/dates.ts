import { DateTime } from 'luxon';
import type { INode } from 'n8n-workflow';

import { inputError } from './errors';

export interface ParsedDate {
	dateTime: DateTime;
	/** True when the input named a calendar day only (no time of day). */
	dateOnly: boolean;
}

/**
 * A JavaScript number is read as epoch milliseconds only for a moment in these years. Epoch seconds of
 * any date since 1973 and compact dates such as 20270615 are far below, so neither is ever mistaken for one.
 */
const EPOCH_MS_FROM = Date.UTC(2000, 0, 1);
const EPOCH_MS_TO = Date.UTC(2100, 0, 1);

const ACCEPTED =
	'Use an ISO 8601 date or date-time (2027-06-15, 20270615, 2027-06-15T12:00:00Z or 20270615T120000Z), an n8n date such as {{ $now.plus({ years: 1 }) }}, or epoch milliseconds as a number: for a CRM that sends them as text, e.g. {{ Number($json.closedate) }}.';

/** A date, or why the input is not read as one. */
type Reading = ParsedDate | { refused: string };

function fromNumber(value: number): Reading {
	if (value >= EPOCH_MS_FROM && value < EPOCH_MS_TO) return { dateTime: DateTime.fromMillis(value, { zone: 'utc' }), dateOnly: false };
	return {
		refused: `${value} is outside the years 2000 to 2100 as epoch milliseconds: epoch seconds and compact dates such as 20270615 are not guessed`,
	};
}

function fromString(text: string): Reading | undefined {
	// ISO 8601 basic date (YYYYMMDD): a calendar day.
	if (/^\d{8}$/.test(text)) return { dateTime: DateTime.fromFormat(text, 'yyyyMMdd', { zone: 'utc' }), dateOnly: true };
	if (/^[+-]?\d+(\.\d+)?$/.test(text)) {
		return { refused: `"${text}" is a number written as text: it could be epoch seconds, epoch milliseconds or a compact date, so it is not guessed` };
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { dateTime: DateTime.fromISO(text, { zone: 'utc' }), dateOnly: true };
	if (/^\d{4}-(\d{2}|W\d{2})$/.test(text)) return { refused: `"${text}" names no day (a month or a week could mean its first day or its last)` };
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
 * Reads a date the way users pass them in n8n: ISO 8601 strings (extended or basic), n8n/luxon DateTime
 * values, JavaScript dates, epoch milliseconds as a number. Nothing ambiguous is guessed: a number written
 * as text, a number outside the plausible range of epoch milliseconds, or a month without a day is refused.
 * Empty input gives undefined; anything that cannot be read is an input error naming the field and item.
 */
export function parseDate(value: unknown, node: INode, itemIndex: number, field: string): ParsedDate | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	let reading: Reading | undefined;
	if (DateTime.isDateTime(value)) {
		reading = { dateTime: value, dateOnly: false };
	} else if (value instanceof Date) {
		reading = { dateTime: DateTime.fromJSDate(value, { zone: 'utc' }), dateOnly: false };
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		reading = fromNumber(value);
	} else if (typeof value === 'string') {
		reading = fromString(value.trim());
	} else if (typeof value === 'object' && value !== null && 'isLuxonDateTime' in value) {
		// A DateTime from another copy of luxon (n8n's own): read it through its ISO form.
		reading = fromString(String((value as unknown as { toISO: () => string }).toISO()));
	}
	if (reading && 'refused' in reading) throw inputError(node, itemIndex, field, reading.refused, ACCEPTED);
	const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (!reading || !reading.dateTime.isValid) {
		throw inputError(node, itemIndex, field, `"${shown}" is not a date that can be read`, ACCEPTED);
	}
	if (reading.dateTime.year < 1900 || reading.dateTime.year > 9999) {
		throw inputError(node, itemIndex, field, `"${shown}" is outside the years 1900 to 9999`, ACCEPTED);
	}
	return reading;
}

/** Calendar day `YYYY-MM-DD`, in the zone the input was given in. */
export function toIsoDate(date: ParsedDate): string {
	return date.dateTime.toISODate() as string;
}

/** Whether the date's calendar day (as `toIsoDate` gives it) is before today's (UTC). */
export function isBeforeToday(date: ParsedDate): boolean {
	return toIsoDate(date) < (DateTime.utc().toISODate() as string);
}

/** RFC 3339 timestamp in UTC without fractions, e.g. `2026-06-30T00:00:00Z`. */
export function toRfc3339(date: ParsedDate): string {
	const dt = date.dateOnly
		? DateTime.fromISO(date.dateTime.toISODate() as string, { zone: 'utc' })
		: date.dateTime.toUTC();
	return dt.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
