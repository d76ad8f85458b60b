/** A length of time as users give it and providers store it: a whole number of days, months or years. */
export const DURATION_UNITS = ['DAY', 'MONTH', 'YEAR'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
	value: number;
	unit: DurationUnit;
}

/** The unit words a duration may be written with ("14 days", "1 year"), in any case. */
export const UNIT_WORDS: Record<string, DurationUnit> = {
	day: 'DAY',
	days: 'DAY',
	month: 'MONTH',
	months: 'MONTH',
	year: 'YEAR',
	years: 'YEAR',
};

export const DURATION_HINT = 'Write a whole number and a unit, e.g. 14 days, 12 months or 1 year; "none" removes it; leave empty to keep it.';
