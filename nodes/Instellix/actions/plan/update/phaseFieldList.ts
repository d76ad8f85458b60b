import type { INodeProperties } from 'n8n-workflow';

// The fields of a phase, as "Phase Changes" and "Add Phases" show them (phaseDescription.ts lays them out).

/** A duration field, the same for changed and new phases. */
const durationField = (name: string, displayName: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 12 months',
	description: `${what}: a number and days, months or years (14 days, 12 months, 1 year). Empty keeps it (a new phase has none); "none" removes it.`,
});
export const termField = durationField('termDuration', 'Term Duration', 'How long the phase runs');
export const noticeField = durationField('noticePeriod', 'Notice Period', 'The notice period for ordinary termination');

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. 3-month trial',
	description: 'The name of the phase (up to 255 characters). Empty keeps it.',
};

export const linkedOptionsField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. pro-base, pro-seats',
	description,
});
export const ADD_OPTIONS = 'Idents of existing options to link to the phase, comma-separated (or an array from an expression). Options already linked are kept as they are.';
export const REMOVE_OPTIONS = 'Idents of options to unlink from the phase, comma-separated (or an array from an expression). Other linked options are kept.';
export const NEW_OPTIONS = 'Idents of options to link, comma-separated (or an array from an expression)';

export const nextPhaseField: INodeProperties = {
	displayName: 'Next Phase',
	name: 'nextPhase',
	type: 'string',
	default: '',
	placeholder: 'e.g. main',
	displayOptions: { show: { transition: ['nextPhase'] } },
	description: "The ident of the phase that starts when this one ends; it must be one of the plan's phases",
};

export const TRANSITIONS = [
	{ name: 'Auto Renewal', value: 'autoRenewal', description: 'The phase renews when it ends' },
	{ name: 'Custom (JSON)', value: 'custom', description: 'Send the transitions given as JSON' },
	{ name: 'Next Phase', value: 'nextPhase', description: 'Another phase starts when this one ends' },
	{ name: 'None', value: 'none', description: 'Nothing happens when the phase ends' },
];
export const KEEP_TRANSITIONS = { name: 'Keep Current', value: 'keep', description: 'Leave the transitions as they are' };

export const transitionField = (options: typeof TRANSITIONS, fallback: string, description: string): INodeProperties => ({
	displayName: 'Transition',
	name: 'transition',
	type: 'options',
	options,
	default: fallback,
	description,
});

export const transitionsJsonField: INodeProperties = {
	displayName: 'Transitions (JSON)',
	name: 'transitionsJson',
	type: 'json',
	default: '[]',
	displayOptions: { show: { transition: ['custom'] } },
	hint: 'e.g. [{"type": "NEXT_PHASE", "nextPhaseIdent": "main"}], in the words "Get" shows for this plan',
	description: 'The transitions of the phase as a JSON array of objects, sent as given',
};

/** Merge, Replace or Clear an object field (Pending Contract Terms, Billing Config). */
export const OBJECT_CHANGES = [
	{ name: 'Clear', value: 'clear', description: 'Remove all of it (Instellix then has none)' },
	{ name: 'Merge', value: 'merge', description: 'Set the keys given (nested objects key by key), keep the others' },
	{ name: 'Replace', value: 'replace', description: 'The JSON given becomes the whole value' },
];
export const KEEP_OBJECT = { name: 'Keep Current', value: 'keep', description: 'Leave it as it is' };

const BILLING_CONFIG = "The phase's billing settings (billingConfig). While set, Instellix ignores the options' billing strategy.";

export const billingConfigField = (options: typeof OBJECT_CHANGES, fallback: string): INodeProperties => ({
	displayName: 'Billing Config',
	name: 'billingConfig',
	type: 'options',
	options,
	default: fallback,
	description: "How to change the phase's billing settings (billingConfig): while set, Instellix ignores the options' billing strategy",
});

export const billingConfigJsonField: INodeProperties = {
	displayName: 'Billing Config (JSON)',
	name: 'billingConfigJson',
	type: 'json',
	default: '{}',
	displayOptions: { show: { billingConfig: ['merge', 'replace'] } },
	hint: 'A JSON object with the keys "Get" shows in the phase\'s billingConfig (Instellix does not publish them), e.g. {"billingStrategy": "IN_ARREARS"}',
	description: BILLING_CONFIG,
};

const END_OF_MONTH = 'Whether contracts end at the end of the month in which the interval ends, whatever day they started';

/** For a new phase, or a change in the v2 layout: on by default, as in Instellix. */
export const endOfMonthSwitch: INodeProperties = {
	displayName: 'End of Month',
	name: 'endOfMonth',
	type: 'boolean',
	default: true,
	description: "Whether contracts end at the end of the month in which the interval ends, whatever day they started. On by default, as in Instellix (its default is on).",
};

/** For a change in the v1 layout, where every field is always there: keep, yes or no. */
export const endOfMonthChoice: INodeProperties = {
	displayName: 'End of Month',
	name: 'endOfMonth',
	type: 'options',
	options: [
		{ name: 'Keep Current', value: 'keep', description: 'Leave the flag as it is' },
		{ name: 'No', value: 'false', description: 'Contracts end on the day the interval ends' },
		{ name: 'Yes', value: 'true', description: 'Contracts end at the end of the month in which the interval ends (Instellix\'s default)' },
	],
	default: 'keep',
	description: END_OF_MONTH,
};

export const positionField: INodeProperties = {
	displayName: 'Position',
	name: 'position',
	type: 'options',
	options: [
		{ name: 'After a Phase', value: 'after' },
		{ name: 'Before a Phase', value: 'before' },
		{ name: 'First', value: 'first' },
		{ name: 'Last', value: 'last' },
	],
	default: 'last',
	description: 'Where the new phase goes in the list; which phase starts first is "Initial Phase"',
};

export const referencePhaseField: INodeProperties = {
	displayName: 'Reference Phase',
	name: 'referencePhase',
	type: 'string',
	default: '',
	placeholder: 'e.g. main',
	displayOptions: { show: { position: ['before', 'after'] } },
	description: 'The phase the new one goes before or after',
};
