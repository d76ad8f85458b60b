import type { ProviderErrorInfo } from '../core/types';

/*
 * Which field of the node an Instellix refusal is about, so that the error names it: from the `fieldName`
 * of its field errors (`phases[1].termDuration`), or else from the words of its message ("Business segment
 * … not found"). Pure.
 */

/** Instellix's names (JSON paths, or the words its messages use) and the node's field for each; first match wins. */
const FIELDS: Array<[RegExp, string]> = [
	[/^planId\b|\bplan with id\b/i, 'Plan'],
	[/\.options\b/, 'Raw Plan Changes (JSON)'],
	[/business ?segment/i, 'Business Segment'],
	[/initial ?phase/i, 'Initial Phase'],
	[/individual ?plan/i, 'Individual Plan'],
	[/pending ?contract ?terms/i, 'Pending Contract Terms'],
	[/billing ?config/i, 'Billing Config'],
	[/term ?duration/i, 'Term Duration'],
	[/notice ?period/i, 'Notice Period'],
	[/transition|next ?phase/i, 'Transition'],
	[/end ?of ?month/i, 'End of Month'],
	[/option/i, 'Linked Options'],
	[/propert/i, 'Properties'],
	[/commission|^type\b|\bplan type/i, 'Type'],
	[/phase/i, 'Phase Changes or Add Phases'],
	[/^name\b|\bplan name/i, 'Name'],
];

/** `phases[1].termDuration: must be …` → `phases[1].termDuration` (the details parseInstellixError makes). */
const FIELD_DETAIL = /^([A-Za-z][\w.[\]=-]*): /;

function nodeField(text: string): string | undefined {
	return FIELDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** The fields an error names: Instellix's name and the node's field, e.g. `"Business Segment" (businessSegmentIdent)`. */
export function refusedFields(info: ProviderErrorInfo): string[] {
	const named = (info.details ?? []).map((d) => FIELD_DETAIL.exec(d)?.[1]).filter((f): f is string => f !== undefined);
	if (named.length) return [...new Set(named.map((f) => `"${nodeField(f) ?? 'Raw Plan Changes (JSON)'}" (${f})`))];
	const fromMessage = nodeField(info.message ?? '');
	return fromMessage ? [`"${fromMessage}"`] : [];
}

/** The advice for a refused value: the field it is about, or, when Instellix names none, where to look. */
export function refusedValueHint(info: ProviderErrorInfo): string {
	const fields = refusedFields(info);
	if (fields.length) return `Instellix refused the value of ${fields.join(', ')}. Fix that value in the node or the input item and run again.`;
	return 'Instellix refused a value of the plan without naming the field. Compare its message with the fields this item sets ("Dry Run" shows the whole request), fix the value and run again.';
}
