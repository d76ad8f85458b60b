import type { INodeProperties } from 'n8n-workflow';

// The Update fields about phases: changes to existing phases, phases to add, phases to remove.

/** A duration field, the same for changed and new phases. */
const durationField = (name: string, displayName: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 12 months',
	description: `${what} as a number and a unit: days, months or years (e.g. 14 days, 12 months, 1 year). Empty keeps it (a new phase has none); "none" removes it.`,
});
const termField = durationField('termDuration', 'Term Duration', 'The term of the phase');
const noticeField = durationField('noticePeriod', 'Notice Period', 'The notice period for ordinary termination');

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. 3-month trial',
	description: 'The name of the phase (up to 255 characters). Empty keeps it.',
};

const linkedOptionsField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. pro-base, pro-seats',
	description,
});

const nextPhaseField: INodeProperties = {
	displayName: 'Next Phase',
	name: 'nextPhase',
	type: 'string',
	default: '',
	placeholder: 'e.g. main',
	displayOptions: { show: { transition: ['nextPhase'] } },
	description: "The ident of the phase that starts when this one ends; it must be one of the plan's phases",
};

const TRANSITIONS = [
	{ name: 'Auto Renewal', value: 'autoRenewal', description: 'The phase renews when it ends' },
	{ name: 'Custom (JSON)', value: 'custom', description: 'Send the transitions given as JSON' },
	{ name: 'Next Phase', value: 'nextPhase', description: 'Another phase starts when this one ends' },
	{ name: 'None', value: 'none', description: 'Nothing happens when the phase ends' },
];

const changedTransitionField: INodeProperties = {
	displayName: 'Transition',
	name: 'transition',
	type: 'options',
	options: [...TRANSITIONS.slice(0, 2), { name: 'Keep Current', value: 'keep', description: 'Leave the transitions as they are' }, ...TRANSITIONS.slice(2)],
	default: 'keep',
	description: 'What happens when the phase ends. Replaces the transitions of the phase.',
};

const newTransitionField: INodeProperties = {
	displayName: 'Transition',
	name: 'transition',
	type: 'options',
	options: TRANSITIONS,
	default: 'none',
	description: 'What happens when the phase ends',
};

const transitionsJsonField: INodeProperties = {
	displayName: 'Transitions (JSON)',
	name: 'transitionsJson',
	type: 'json',
	default: '[]',
	displayOptions: { show: { transition: ['custom'] } },
	description: 'The transitions of the phase as a JSON array of objects, sent as given',
};

/** Merge, Replace or Clear an object field (Pending Contract Terms, Billing Config). */
export const OBJECT_CHANGES = [
	{ name: 'Clear', value: 'clear', description: 'Make it null' },
	{ name: 'Merge', value: 'merge', description: 'Set the keys given (nested objects key by key), keep the others' },
	{ name: 'Replace', value: 'replace', description: 'Make the JSON the whole value' },
];

const BILLING_CONFIG =
	'The phase\'s billingConfig: a JSON object with the fields "Get" shows. While set, Instellix ignores the options\' billingStrategy.';

export const phaseFields: INodeProperties[] = [
	{
		displayName: 'Phase Changes',
		name: 'phaseChanges',
		type: 'fixedCollection',
		placeholder: 'Add phase change',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Changes to existing phases, by phase ident. Phases and phase fields not named here are kept.',
		options: [
			{
				name: 'phase',
				displayName: 'Phase',
				values: [
					{
						displayName: 'Billing Config',
						name: 'billingConfig',
						type: 'options',
						options: [
							OBJECT_CHANGES[0],
							{ name: 'Keep Current', value: 'keep', description: 'Leave it as it is' },
							...OBJECT_CHANGES.slice(1),
						],
						default: 'keep',
						description: BILLING_CONFIG,
					},
					{
						displayName: 'Billing Config (JSON)',
						name: 'billingConfigJson',
						type: 'json',
						default: '{}',
						displayOptions: { show: { billingConfig: ['merge', 'replace'] } },
						description: BILLING_CONFIG,
					},
					{
						displayName: 'End of Month',
						name: 'endOfMonth',
						type: 'options',
						options: [
							{ name: 'Keep Current', value: 'keep', description: 'Leave the flag as it is' },
							{ name: 'No', value: 'false', description: 'Contracts end on the day the interval ends' },
							{ name: 'Yes', value: 'true', description: 'Contracts end at the end of the month in which the interval ends' },
						],
						default: 'keep',
						description: 'Whether contracts end at the end of the month in which the interval ends, whatever day they started',
					},
					linkedOptionsField('addLinkedOptions', 'Linked Options to Add', 'Idents of existing options to link to the phase, comma-separated (or an array from an expression). Options already linked are kept as they are.'),
					linkedOptionsField('removeLinkedOptions', 'Linked Options to Remove', 'Idents of options to unlink from the phase, comma-separated (or an array from an expression). Other linked options are kept.'),
					nameField,
					nextPhaseField,
					noticeField,
					{
						displayName: 'Phase Name or ID',
						name: 'phase',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					termField,
					changedTransitionField,
					transitionsJsonField,
				],
			},
		],
	},
	{
		displayName: 'Add Phases',
		name: 'addPhases',
		type: 'fixedCollection',
		placeholder: 'Add new phase',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'New phases, e.g. a 3-month trial. Set their billing config in Phase Changes.',
		options: [
			{
				name: 'phase',
				displayName: 'New Phase',
				values: [
					{
						displayName: 'End of Month',
						name: 'endOfMonth',
						type: 'boolean',
						default: true,
						description: 'Whether contracts end at the end of the month in which the interval ends, whatever day they started',
					},
					{
						displayName: 'Ident',
						name: 'ident',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. trial_3m',
						description: 'The ident of the new phase, unique within the plan',
					},
					linkedOptionsField('linkedOptions', 'Linked Options', 'Idents of options to link, comma-separated (or an array from an expression)'),
					nameField,
					nextPhaseField,
					noticeField,
					{
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
					},
					{
						displayName: 'Reference Phase',
						name: 'referencePhase',
						type: 'string',
						default: '',
						placeholder: 'e.g. main',
						displayOptions: { show: { position: ['before', 'after'] } },
						description: 'The phase the new one goes before or after',
					},
					termField,
					newTransitionField,
					transitionsJsonField,
				],
			},
		],
	},
	{
		displayName: 'Phases to Remove Names or IDs',
		name: 'removePhases',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
];
