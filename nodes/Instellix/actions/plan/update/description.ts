import type { INodeProperties } from 'n8n-workflow';

import { planField } from '../fields';

const durationField = (name: string, displayName: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 12 months',
	description: `${what} as a number and a unit: days, months or years (e.g. 14 days, 12 months, 1 year). Leave empty to keep it; "none" removes it.`,
});

export const fields: INodeProperties[] = [
	{
		displayName:
			'Instellix replaces the whole plan on update. The node reads the plan, changes only the fields set below, and sends the whole plan back: everything else, including fields this node does not show, stays as it is.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	planField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Plan fields to change. Fields not added here keep their current value.',
		options: [
			{
				displayName: 'Business Segment Ident',
				name: 'businessSegmentIdent',
				type: 'string',
				default: '',
				placeholder: 'e.g. default',
				description: 'The ident of the business segment the plan belongs to. The deprecated numeric businessSegmentId is left as it is.',
			},
			{
				displayName: 'Individual Plan',
				name: 'individualPlan',
				type: 'boolean',
				default: false,
				description: 'Whether the plan can be assigned to only one contract',
			},
			{
				displayName: 'Initial Phase Name or ID',
				name: 'initialPhase',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Pro Monthly (2026)',
				description: 'The plan name, 1 to 255 characters and not blank. May change even while the plan has an active contract.',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Customer', value: 'CUSTOMER', description: 'Invoices customers; cannot contain COMMISSION options' },
					{ name: 'Partner', value: 'PARTNER', description: 'Credits partners; must contain at least one COMMISSION option' },
				],
				default: 'CUSTOMER',
				description: 'What the plan is for. The node checks the COMMISSION rule against the linked options before sending.',
			},
		],
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'fixedCollection',
		placeholder: 'Add property change',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Plan properties (printed on documents) to add, update or remove by ident. Properties not named here are kept.',
		options: [
			{
				name: 'set',
				displayName: 'Add or Update',
				values: [
					{
						displayName: 'Property Ident',
						name: 'ident',
						type: 'string',
						default: '',
						placeholder: 'e.g. data_volume',
						description: 'The ident of the property; a property with this ident gets the new value, otherwise it is added',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 25 GB',
						description: 'The value of the property',
					},
				],
			},
			{
				name: 'remove',
				displayName: 'Remove',
				values: [
					{
						displayName: 'Property Ident',
						name: 'ident',
						type: 'string',
						default: '',
						placeholder: 'e.g. data_volume',
						description: 'The ident of the property to remove; naming one the plan does not have changes nothing',
					},
				],
			},
		],
	},
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
					{
						displayName: 'Linked Options to Add',
						name: 'addLinkedOptions',
						type: 'string',
						default: '',
						placeholder: 'e.g. pro-base, pro-seats',
						description: 'Idents of existing options to link to the phase, comma-separated (or an array from an expression). Options already linked are kept as they are.',
					},
					{
						displayName: 'Linked Options to Remove',
						name: 'removeLinkedOptions',
						type: 'string',
						default: '',
						placeholder: 'e.g. setup-fee',
						description: 'Idents of options to unlink from the phase, comma-separated (or an array from an expression). Other linked options are kept.',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'New name of the phase (up to 255 characters). Leave empty to keep it.',
					},
					{
						displayName: 'Next Phase',
						name: 'nextPhase',
						type: 'string',
						default: '',
						placeholder: 'e.g. main',
						displayOptions: { show: { transition: ['nextPhase'] } },
						description: 'The ident of the phase that starts when this one ends; it must be one of the plan\'s phases',
					},
					durationField('noticePeriod', 'Notice Period', 'The notice period for ordinary termination'),
					{
						displayName: 'Phase Name or ID',
						name: 'phase',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					durationField('termDuration', 'Term Duration', 'The term of the phase'),
					{
						displayName: 'Transition',
						name: 'transition',
						type: 'options',
						options: [
							{ name: 'Auto Renewal', value: 'autoRenewal', description: 'The phase renews when it ends' },
							{ name: 'Custom (JSON)', value: 'custom', description: 'Send the transitions given as JSON' },
							{ name: 'Keep Current', value: 'keep', description: 'Leave the transitions as they are' },
							{ name: 'Next Phase', value: 'nextPhase', description: 'Another phase starts when this one ends' },
							{ name: 'None', value: 'none', description: 'Nothing happens when the phase ends' },
						],
						default: 'keep',
						description: 'What happens when the phase ends. Replaces the transitions of the phase.',
					},
					{
						displayName: 'Transitions (JSON)',
						name: 'transitionsJson',
						type: 'json',
						default: '[]',
						displayOptions: { show: { transition: ['custom'] } },
						description: 'The transitions of the phase as a JSON array of objects, sent as given',
					},
				],
			},
		],
	},
];
