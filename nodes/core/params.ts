import type { IDataObject, IExecuteFunctions, INode, INodeParameterResourceLocator } from 'n8n-workflow';

import { type ParsedDate, isBeforeToday, parseDate, toIsoDate } from './dates';
import { DURATION_HINT, DURATION_UNITS, type Duration, type DurationUnit, UNIT_WORDS } from './durations';
import { inputError } from './errors';
import type { Warn } from './types';

/** A value as error messages quote it: text in quotes, anything else as JSON, both cut at 80 characters. */
export function show(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 80 ? `${value.slice(0, 77)}...` : value}"`;
	try {
		const text = JSON.stringify(value);
		return text.length > 80 ? `${text.slice(0, 77)}...` : text;
	} catch {
		return String(value);
	}
}

export interface StringRules {
	required?: boolean;
	min?: number;
	max?: number;
	pattern?: RegExp;
	/** How to fix a value that does not match `pattern`. */
	patternHint?: string;
}

/**
 * Reads one item's parameters and checks them, so every input problem is reported before anything
 * is sent, naming the field (as the user sees it) and the item, and saying how to fix it.
 */
export class ItemParams {
	readonly node: INode;

	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		/** Where the item's warnings go (the runner's, for the item's output). */
		private readonly warnings: Warn = () => undefined,
	) {
		this.node = ctx.getNode();
	}

	/** Notes something about the item's input that does not stop it; shown in the item's `warnings`. */
	warn(warning: string): void {
		this.warnings(warning);
	}

	/** A raw parameter value; `fallback` when the parameter is not shown for this operation. */
	raw(name: string, label: string, fallback?: unknown): unknown {
		try {
			return this.ctx.getNodeParameter(name, this.itemIndex, fallback);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			throw this.error(label, message, 'Check the value or the expression of this field.');
		}
	}

	error(label: string, problem: string, fix: string) {
		return inputError(this.node, this.itemIndex, label, problem, fix);
	}

	checkString(value: unknown, label: string, rules: StringRules = {}): string | undefined {
		if (value === undefined || value === null || value === '') {
			if (rules.required) throw this.error(label, 'it is empty', `Enter a value for "${label}".`);
			return undefined;
		}
		if (typeof value === 'number' || typeof value === 'bigint') value = String(value);
		if (typeof value !== 'string') {
			throw this.error(label, `expected text but got ${show(value)}`, `Make "${label}" (or its expression) resolve to text.`);
		}
		const text = value.trim();
		if (text === '') {
			if (rules.required) throw this.error(label, 'it is blank', `Enter a value for "${label}".`);
			return undefined;
		}
		if (rules.min !== undefined && text.length < rules.min) {
			throw this.error(label, `${show(text)} is shorter than ${rules.min} characters`, `Use at least ${rules.min} characters.`);
		}
		if (rules.max !== undefined && text.length > rules.max) {
			throw this.error(label, `it is ${text.length} characters long, more than the ${rules.max} allowed`, `Shorten it to ${rules.max} characters or fewer.`);
		}
		if (rules.pattern && !rules.pattern.test(text)) {
			throw this.error(label, `${show(text)} is not in the expected form`, rules.patternHint ?? `Check the format of "${label}".`);
		}
		return text;
	}

	number(name: string, label: string, rules: { min?: number; max?: number; integer?: boolean; required?: boolean } = {}): number | undefined {
		const value = this.raw(name, label, undefined);
		return this.checkNumber(value, label, rules);
	}

	checkNumber(value: unknown, label: string, rules: { min?: number; max?: number; integer?: boolean; required?: boolean } = {}): number | undefined {
		if (value === undefined || value === null || value === '') {
			if (rules.required) throw this.error(label, 'it is empty', `Enter a number for "${label}".`);
			return undefined;
		}
		const n = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
		if (typeof n !== 'number' || !Number.isFinite(n)) {
			throw this.error(label, `expected a number but got ${show(value)}`, `Make "${label}" a number.`);
		}
		if (rules.integer && !Number.isInteger(n)) {
			throw this.error(label, `${n} is not a whole number`, `Use a whole number for "${label}".`);
		}
		const range = `Use a value${rules.min !== undefined ? ` from ${rules.min}` : ''}${rules.max !== undefined ? ` up to ${rules.max}` : ''}.`;
		if (rules.min !== undefined && n < rules.min) throw this.error(label, `${n} is below the minimum of ${rules.min}`, range);
		if (rules.max !== undefined && n > rules.max) throw this.error(label, `${n} is above the maximum of ${rules.max}`, range);
		return n;
	}

	boolean(name: string, label: string, fallback = false): boolean {
		const value = this.raw(name, label, fallback);
		return this.checkBoolean(value, label) ?? fallback;
	}

	checkBoolean(value: unknown, label: string): boolean | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		throw this.error(label, `expected true or false but got ${show(value)}`, `Make "${label}" true or false.`);
	}

	/** One value out of a fixed list: an expression that gives nothing is refused, never read as the default. */
	option<T extends string>(name: string, label: string, allowed: readonly T[], fallback?: T): T {
		return this.checkChoice(this.raw(name, label, fallback), label, allowed);
	}

	/**
	 * A choice out of a fixed list: a field of a collection entry that is not there is `fallback` (its default);
	 * one whose expression gives nothing (null, '') is refused, never read as the default.
	 */
	checkChoice<T extends string>(value: unknown, label: string, allowed: readonly T[], fallback?: T): T {
		if (value === undefined && fallback !== undefined) return fallback;
		const choice = this.checkOption(value, label, allowed);
		if (choice === undefined) throw this.error(label, 'it is empty', `Use one of: ${allowed.join(', ')}.`);
		return choice;
	}

	checkOption<T extends string>(value: unknown, label: string, allowed: readonly T[]): T | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'string' || !allowed.includes(value as T)) {
			throw this.error(label, `${show(value)} is not one of the allowed values`, `Use one of: ${allowed.join(', ')}.`);
		}
		return value as T;
	}

	/**
	 * A list as a multi-select or an expression gives it: an array as it is, text split at commas (each part
	 * trimmed, empty parts left out), nothing as no value. Anything else is refused as not being `expected`.
	 */
	checkList(value: unknown, label: string, expected = 'a list', fix = 'Choose values from the list, or use an expression that gives an array.'): unknown[] {
		if (Array.isArray(value)) return value;
		if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
		if (value === undefined || value === null) return [];
		throw this.error(label, `expected ${expected} but got ${show(value)}`, fix);
	}

	/** Several values out of a fixed list; accepts an array or comma-separated text (from expressions). */
	options<T extends string>(name: string, label: string, allowed: readonly T[], rules: { required?: boolean } = {}): T[] {
		return this.checkOptions(this.raw(name, label, []), label, allowed, rules);
	}

	checkOptions<T extends string>(value: unknown, label: string, allowed: readonly T[], rules: { required?: boolean } = {}): T[] {
		const list = this.checkList(value, label);
		const unknown = list.filter((v) => typeof v !== 'string' || !allowed.includes(v.trim() as T));
		if (unknown.length) {
			throw this.error(label, `${unknown.map(show).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not valid`, `Valid values are: ${allowed.join(', ')}.`);
		}
		const result = [...new Set(list.map((v) => (v as string).trim() as T))];
		if (rules.required && result.length === 0) throw this.error(label, 'no value was chosen', `Choose at least one value for "${label}".`);
		return result;
	}

	/** The value of a resource locator (From list / By ID / By URL), checked against a pattern. */
	locator(name: string, label: string, rules: StringRules = {}): string {
		return this.optionalLocator(name, label, { ...rules, required: true }) as string;
	}

	/** A resource locator that may be left empty. */
	optionalLocator(name: string, label: string, rules: StringRules = {}): string | undefined {
		const raw = this.raw(name, label, '') as INodeParameterResourceLocator | string | number | undefined;
		return this.checkString(raw && typeof raw === 'object' && '__rl' in raw ? raw.value : raw, label, rules);
	}

	/** "Return All" and "Limit" (returnAllOrLimit): undefined for all, else the limit. */
	limit(): number | undefined {
		if (this.boolean('returnAll', 'Return All')) return undefined;
		return this.number('limit', 'Limit', { min: 1, integer: true, required: true });
	}

	/** A date; for an `expiry`, a day in the past is allowed but flagged in the item's warnings. */
	date(name: string, label: string, rules: { expiry?: { consequence: string } } = {}): ParsedDate | undefined {
		return this.checkDate(this.raw(name, label, ''), label, rules);
	}

	checkDate(value: unknown, label: string, rules: { expiry?: { consequence: string } } = {}): ParsedDate | undefined {
		const date = parseDate(value, this.node, this.itemIndex, label);
		if (date && rules.expiry && isBeforeToday(date)) {
			this.warn(`"${label}" is ${toIsoDate(date)}, a day in the past: it was sent as given, so ${rules.expiry.consequence}.`);
		}
		return date;
	}

	/** "12 months", "1 year", "14 DAY", { value (or amount): 12, unit: "MONTH" }, "none" (null) or empty (undefined: keep). */
	checkDuration(value: unknown, label: string): Duration | null | undefined {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
		if (typeof value === 'object' && !Array.isArray(value)) {
			const v = value as IDataObject;
			const unit = typeof v.unit === 'string' ? v.unit.toUpperCase() : '';
			const amount = this.checkNumber(v.value ?? v.amount, label, { min: 0, integer: true, required: true }) as number;
			if (!DURATION_UNITS.includes(unit as DurationUnit)) {
				throw this.error(label, `the unit ${JSON.stringify(v.unit)} is not one of ${DURATION_UNITS.join(', ')}`, DURATION_HINT);
			}
			return { value: amount, unit: unit as DurationUnit };
		}
		const text = String(value).trim();
		if (/^none$/i.test(text)) return null;
		const match = /^(\d{1,6})\s*([a-z]+)$/i.exec(text);
		const unit = match ? UNIT_WORDS[match[2].toLowerCase()] : undefined;
		if (!match || !unit) throw this.error(label, `"${text}" is not a duration`, DURATION_HINT);
		return { value: Number(match[1]), unit };
	}

	/**
	 * A JSON field's value: text is parsed (empty text is no value), anything an expression gave is taken as
	 * it is. Text that is not JSON is refused, with `fix` saying what to write.
	 */
	checkJson(value: unknown, label: string, fix: string): unknown {
		if (typeof value !== 'string') return value;
		if (value.trim() === '') return undefined;
		try {
			return JSON.parse(value) as unknown;
		} catch (error) {
			throw this.error(label, `it is not valid JSON (${(error as Error).message})`, fix);
		}
	}

	collection(name: string, label: string): IDataObject {
		const value = this.raw(name, label, {});
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value)) {
			throw this.error(label, `expected a set of fields but got ${show(value)}`, 'Add the fields from the list instead of an expression.');
		}
		return value as IDataObject;
	}
}
