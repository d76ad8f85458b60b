import type { INodeProperties } from 'n8n-workflow';

import { BILLING_INTERVAL_TYPES, PRICE_UNITS } from '../../../plan';
import { offeringField, planField } from '../fields';
import { CLEARABLE } from './attributes';

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'The plan attributes to change. Only the attributes added here are sent; every other attribute keeps its value.',
	options: [
		{
			displayName: 'Base Price Percentage',
			name: 'basePricePercentage',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
			default: 100,
			description: 'Price of the plan as a percentage (0 to 100) of the total price of the offering\'s products. Elastic Path\'s docs show both readings (90 as the price paid, 10 as a 10% discount): check the result on a test store. Which one applies when the plan also has fixed Prices is not documented: the item\'s output then carries a warning. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Billing Frequency',
			name: 'billingFrequency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Number of billing intervals between two bills, at least 1: 3 with Billing Interval Type "Month" bills quarterly. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Billing Interval Type',
			name: 'billingIntervalType',
			type: 'options',
			options: BILLING_INTERVAL_TYPES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
			default: 'month',
			description: 'Unit of the billing interval, the trial period and the plan length. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Can Cancel',
			name: 'canCancel',
			type: 'boolean',
			default: false,
			description: 'Whether subscribers may cancel. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Can Pause',
			name: 'canPause',
			type: 'boolean',
			default: false,
			description: 'Whether subscribers may pause. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Can Resume',
			name: 'canResume',
			type: 'boolean',
			default: false,
			description: 'Whether subscribers may resume a paused subscription. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Description shown to customers, up to 1024 characters',
		},
		{
			displayName: 'End Behavior',
			name: 'endBehavior',
			type: 'options',
			options: [
				{ name: 'Close', value: 'close', description: 'End after Plan Length intervals: a fixed number of payments' },
				{ name: 'Roll', value: 'roll', description: 'Renew at the end of the plan length and keep billing' },
			],
			default: 'roll',
			description: 'What happens when the plan length is reached. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'External Reference',
			name: 'externalRef',
			type: 'string',
			default: '',
			description: 'Your own reference for the plan, e.g. its ID in your CRM, up to 2048 characters',
		},
		{
			displayName: 'Main Image URL',
			name: 'mainImage',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://cdn.example.com/plans/gold.png',
			description: 'URL of the plan\'s image, up to 1024 characters. Only for stores with product-like plans (the newer plan model).',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Name of the plan, 3 to 1024 characters',
		},
		{
			displayName: 'Plan Length',
			name: 'planLength',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 12,
			description: 'How many billing intervals the plan runs before it renews or ends, at least 1. Only for stores whose plans carry their billing rules (the older plan model).',
		},
		{
			displayName: 'Price Unit',
			name: 'priceUnit',
			type: 'options',
			options: PRICE_UNITS.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
			default: 'month',
			description: 'Unit of the period the price covers (with Price Unit Amount). Only for stores with product-like plans (the newer plan model).',
		},
		{
			displayName: 'Price Unit Amount',
			name: 'priceUnitAmount',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'How many price units the price covers, at least 1. Only for stores with product-like plans (the newer plan model).',
		},
		{
			displayName: 'SKU',
			name: 'sku',
			type: 'string',
			default: '',
			description: 'SKU of the plan, up to 1024 characters. Only for stores with product-like plans (the newer plan model).',
		},
		{
			displayName: 'Trial Period',
			name: 'trialPeriod',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Number of billing intervals before billing starts, 0 or more. Only for stores whose plans carry their billing rules (the older plan model).',
		},
	],
};

export const fields: INodeProperties[] = [
	{
		displayName:
			'Changes apply to new subscriptions only: existing subscriptions keep the plan as it was when they started.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	offeringField,
	planField,
	updateFields,
	{
		displayName: 'Define Prices',
		name: 'pricesInput',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'One entry per currency' },
			{ name: 'Using JSON', value: 'json', description: 'A list or map of prices, e.g. from an expression' },
		],
		default: 'fields',
		description: 'How to give the plan\'s prices per currency',
	},
	{
		displayName: 'Prices (JSON)',
		name: 'pricesJson',
		type: 'json',
		default: '',
		placeholder: '[{ "currency": "EUR", "amount": 2700, "includesTax": true }]',
		description:
			'Prices per currency as a list of { currency, amount, includesTax } or as Elastic Path\'s map { "EUR": { "amount": 2700, "includes_tax": true } }. Amounts are whole numbers in the smallest unit (cents). Currencies not listed keep their price.',
		displayOptions: { show: { pricesInput: ['json'] } },
	},
	{
		displayName: 'Prices',
		name: 'prices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Price',
		default: {},
		description:
			'Price of the plan per currency (fixed_price on older plans, price on newer ones). Currencies not listed keep their price. On an older plan that also has a Base Price Percentage, which one applies is not documented: the item\'s output then carries a warning.',
		displayOptions: { show: { pricesInput: ['fields'] } },
		options: [
			{
				displayName: 'Price',
				name: 'price',
				values: [
					{
						displayName: 'Currency',
						name: 'currency',
						type: 'string',
						default: '',
						placeholder: 'e.g. EUR',
						description: 'Three-letter ISO 4217 code of a currency configured in the store, e.g. USD, EUR or GBP',
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: "Price in the currency's smallest unit, a whole number: 2700 is 27.00 EUR, 500 JPY is 500 yen",
					},
					{
						displayName: 'Includes Tax',
						name: 'includesTax',
						type: 'boolean',
						default: false,
						description: 'Whether the amount includes tax',
					},
				],
			},
		],
	},
	{
		displayName: 'Replace All Prices',
		name: 'replacePrices',
		type: 'boolean',
		default: false,
		description:
			'Whether to make the listed prices the only prices of the plan. When off, currencies not listed keep their price.',
	},
	{
		displayName: 'Clear Fields',
		name: 'clearFields',
		type: 'multiOptions',
		options: CLEARABLE.map((c) => ({ name: c.name, value: c.value })),
		default: [],
		description: 'Optional attributes to empty (sent as null). Fields not chosen here keep their value.',
	},
];
