import type { INodeProperties } from 'n8n-workflow';

// The Update fields about phases: changes to existing phases, phases to add, phases to remove.

/** A duration field; `keep`: empty keeps the phase's duration (changes), else empty sets none (new phases). */
const durationField = (name: string, displayName: string, what: string, keep: boolean): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 12 months',
	description: keep
		? `${what} as a number and a unit: days, months or years (e.g. 14 days, 12 months, 1 year). Leave empty to keep it; "none" removes it.`
		: `${what} as a number and a unit: days, months or years (e.g. 14 days, 12 months, 1 year). Leave empty for none.`,
});

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

const BILLING_CONFIG =
	'The billing settings of the phase (billingConfig) as a JSON object. Instellix does not document its inner fields: copy the names from the output of "Get" for a phase that has one. While a phase has one, Instellix ignores the billingStrategy of the options in the phase.';

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
							{ name: 'Clear', value: 'clear', description: 'Remove the billing config; the options\' billingStrategy applies again' },
							{ name: 'Keep Current', value: 'keep', description: 'Leave the billing config as it is' },
							{ name: 'Merge (JSON)', value: 'merge', description: 'Set the keys given and keep the others (nested objects are merged the same way)' },
							{ name: 'Replace (JSON)', value: 'replace', description: 'Make the JSON given the whole billing config' },
						],
						default: 'keep',
						description:
							"How to change the phase's billing config. While a phase has one, Instellix ignores the billingStrategy of the options in the phase.",
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
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'New name of the phase (up to 255 characters). Leave empty to keep it.',
					},
					nextPhaseField,
					durationField('noticePeriod', 'Notice Period', 'The notice period for ordinary termination', true),
					{
						displayName: 'Phase Name or ID',
						name: 'phase',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					durationField('termDuration', 'Term Duration', 'The term of the phase', true),
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
		description: 'New phases for the plan, e.g. a 3-month trial before the main phase. The phases it has are kept.',
		options: [
			{
				name: 'phase',
				displayName: 'New Phase',
				values: [
					{
						displayName: 'Billing Config (JSON)',
						name: 'billingConfigJson',
						type: 'json',
						default: '{}',
						description:
							'The billing settings of the new phase (billingConfig) as a JSON object, or {} for none. Instellix does not document its inner fields: copy the names from the output of "Get" for a phase that has one. While a phase has one, Instellix ignores the billingStrategy of the options in the phase.',
					},
					{
						displayName: 'End of Month',
						name: 'endOfMonth',
						type: 'boolean',
						default: true,
						description: "Whether contracts end at the end of the month in which the interval ends, whatever day they started (Instellix's default)",
					},
					{
						displayName: 'Ident',
						name: 'ident',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. trial_3m',
						description: 'The ident of the new phase, unique within the plan: letters, digits and _ . ~ - (1 to 100 characters).',
					},
					linkedOptionsField('linkedOptions', 'Linked Options', 'Idents of existing options to link to the new phase, comma-separated (or an array from an expression)'),
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. 3-month trial',
						description: 'The name of the new phase (up to 255 characters)',
					},
					nextPhaseField,
					durationField('noticePeriod', 'Notice Period', 'The notice period for ordinary termination', false),
					{
						displayName: 'Position',
						name: 'position',
						type: 'options',
						options: [
							{ name: 'After a Phase', value: 'after', description: 'Right after the phase named in "Reference Phase"' },
							{ name: 'Before a Phase', value: 'before', description: 'Right before the phase named in "Reference Phase"' },
							{ name: 'First', value: 'first', description: 'Before all other phases' },
							{ name: 'Last', value: 'last', description: 'After all other phases' },
						],
						default: 'last',
						description: 'Where the new phase goes in the list of phases. Which phase starts first is "Initial Phase" under "Update Fields".',
					},
					{
						displayName: 'Reference Phase',
						name: 'referencePhase',
						type: 'string',
						default: '',
						placeholder: 'e.g. main',
						displayOptions: { show: { position: ['before', 'after'] } },
						description: 'The ident of the phase the new phase goes before or after',
					},
					durationField('termDuration', 'Term Duration', 'The term of the new phase', false),
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
			'Phases to remove from the plan, by ident; the plan keeps at least one. A phase that starts first or follows another phase is refused until "Initial Phase" or that transition is changed (in the same item is fine). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];
