import type { INodeProperties } from 'n8n-workflow';

import { planField } from '../fields';
import { phaseFields } from './phaseDescription';
import { OBJECT_CHANGES } from './phaseFieldList';

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
				displayName: 'Business Segment',
				name: 'businessSegmentIdent',
				type: 'string',
				default: '',
				placeholder: 'e.g. default',
				description: 'The ident of the business segment (brand, product group, country…) the plan belongs to',
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
				hint: 'e.g. {"businessSegmentId": 3, "phases": [{"ident": "main", "autoRenewal": false}]}',
				description:
					"For what no field offers, e.g. businessSegmentId or a phase's autoRenewal: a JSON object merged into the plan (phases and properties by ident). Fields Instellix sets itself (ID, ident) are refused.",
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
						displayName: 'Property Key',
						name: 'ident',
						type: 'string',
						default: '',
						placeholder: 'e.g. data_volume',
						description: 'The property\'s ident in Instellix, e.g. data_volume; a property with it gets the new value, otherwise it is added',
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
						displayName: 'Property Key',
						name: 'ident',
						type: 'string',
						default: '',
						placeholder: 'e.g. data_volume',
						description: 'The property\'s ident in Instellix; naming one the plan does not have changes nothing',
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
		description: 'The terms between the signing and the start of a contract (pendingContractTerms)',
		options: [
			{
				name: 'terms',
				displayName: 'Terms',
				values: [
					{
						displayName: 'Change',
						name: 'change',
						type: 'options',
						options: OBJECT_CHANGES,
						default: 'merge',
						description: 'How to change them',
					},
					{
						displayName: 'Terms (JSON)',
						name: 'json',
						type: 'json',
						default: '{}',
						displayOptions: { show: { change: ['merge', 'replace'] } },
						hint: 'A JSON object with the keys "Get" shows in pendingContractTerms (Instellix does not publish them), e.g. {"billingStartOffset": {"value": 14, "unit": "DAY"}}',
						description: 'The terms, as a JSON object',
					},
				],
			},
		],
	},
	...phaseFields,
];
