import type { INodeProperties } from 'n8n-workflow';

import { planField } from '../fields';
import { phaseFields } from './phaseDescription';

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
				displayName: 'Raw Plan Changes (JSON)',
				name: 'rawChanges',
				type: 'json',
				default: '{}',
				description:
					'For what no field here offers (e.g. the deprecated businessSegmentId, a phase\'s autoRenewal or inline options, fields Instellix adds later): a JSON object merged into the plan as read. Objects are merged key by key; phases and properties are matched by ident (an unknown ident is added); other values, lists included, are replaced. The same checks apply to the result, and a field set here may not also be set by another field of this node.',
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
		displayName: 'Pending Contract Terms',
		name: 'pendingContractTerms',
		type: 'fixedCollection',
		placeholder: 'Set or clear pending contract terms',
		default: {},
		description: 'The terms that apply between the signing and the start of a contract (pendingContractTerms). Leave out to keep them as they are.',
		options: [
			{
				name: 'terms',
				displayName: 'Terms',
				values: [
					{
						displayName: 'Change',
						name: 'change',
						type: 'options',
						options: [
							{ name: 'Clear', value: 'clear', description: 'Remove the pending contract terms' },
							{ name: 'Merge', value: 'merge', description: 'Set the keys given and keep the others (nested objects are merged the same way)' },
							{ name: 'Replace', value: 'replace', description: 'Make the JSON given the whole pending contract terms' },
						],
						default: 'merge',
						description: 'How to change the pending contract terms',
					},
					{
						displayName: 'Terms (JSON)',
						name: 'json',
						type: 'json',
						default: '{}',
						displayOptions: { show: { change: ['merge', 'replace'] } },
						description: 'The pending contract terms as a JSON object. Instellix does not document their inner fields: copy the names from the output of "Get" for a plan that has them.',
					},
				],
			},
		],
	},
	...phaseFields,
];
