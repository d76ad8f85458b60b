import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ChangeRefused } from '../../../core/errors';
import { defineUpdate } from '../../../core/node';
import type { Warn } from '../../../core/operation';
import type { ItemParams } from '../../../core/params';
import {
	BILLING_INTERVAL_TYPES,
	BILLING_ONLY,
	CLEARED_VALUE,
	END_BEHAVIORS,
	type JsonApiResource,
	LIMITS,
	PRICE_UNITS,
	PRODUCT_ONLY,
	type PlanModel,
	type PlanResource,
	type Price,
	changedAttributes,
	mergePrices,
	planUpdateRequest,
	planView,
	priceAttribute,
	pricingConflict,
	toPlanResource,
	writableAttributes,
} from '../../api';
import { ISO_4217_CODES } from '../../iso4217';
import { type PlanInput, offeringField, planField, readPlan, readPlanIds, storeCurrencies } from './common';

/** How many times a write conflict (409) is answered by re-reading, re-applying and writing again. */
export const CONFLICT_RETRIES = 3;

/** Labels of the plan attributes as the user sees them, for messages. */
const LABELS: Record<string, string> = {
	name: 'Name',
	description: 'Description',
	external_ref: 'External Reference',
	billing_interval_type: 'Billing Interval Type',
	billing_frequency: 'Billing Frequency',
	trial_period: 'Trial Period',
	plan_length: 'Plan Length',
	end_behavior: 'End Behavior',
	can_pause: 'Can Pause',
	can_resume: 'Can Resume',
	can_cancel: 'Can Cancel',
	base_price_percentage: 'Base Price Percentage',
	fixed_price: 'Prices',
	price: 'Prices',
	sku: 'SKU',
	main_image: 'Main Image URL',
	price_units: 'Price Units',
};

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

const CLEARABLE = [
	{ name: 'Base Price Percentage (Older Model)', value: 'base_price_percentage' },
	{ name: 'Description', value: 'description' },
	{ name: 'External Reference', value: 'external_ref' },
	{ name: 'Main Image URL (Newer Model)', value: 'main_image' },
	{ name: 'Price Units (Newer Model)', value: 'price_units' },
	{ name: 'Prices (All Currencies)', value: 'prices' },
	{ name: 'SKU (Newer Model)', value: 'sku' },
	{ name: 'Trial Period (Older Model)', value: 'trial_period' },
] as const;
type Clearable = (typeof CLEARABLE)[number]['value'];

const fields: INodeProperties[] = [
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

interface Input extends PlanInput {
	/** Plan attributes to set, by their Elastic Path name. */
	set: IDataObject;
	prices: Record<string, Price>;
	replacePrices: boolean;
	priceUnits?: { unit?: string; amount?: number };
	clear: Clearable[];
}

function quote(value: unknown): string {
	return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/**
 * Reads the prices: from the "Prices" fields, or from "Prices (JSON)", which takes a list of
 * `{ currency, amount, includesTax }` or Elastic Path's own map `{ "EUR": { "amount", "includes_tax" } }`.
 */
function readPrices(params: ItemParams): Record<string, Price> {
	const mode = params.option('pricesInput', 'Define Prices', ['fields', 'json'] as const, 'fields');
	const base = mode === 'json' ? 'Prices (JSON)' : 'Prices';
	const form = 'a list of { currency, amount, includesTax }, or a map such as { "EUR": { "amount": 2700, "includes_tax": true } }';
	let raw = mode === 'json' ? params.raw('pricesJson', base, '') : params.raw('prices', base, {});
	if (typeof raw === 'string' && mode === 'json') {
		if (raw.trim() === '') raw = [];
		else {
			try {
				raw = JSON.parse(raw) as unknown;
			} catch (error) {
				throw params.error(base, `it is not valid JSON (${(error as Error).message})`, `Give ${form}.`);
			}
		}
	}
	let entries: unknown[];
	if (Array.isArray(raw)) entries = raw;
	else if (raw === undefined || raw === null || raw === '') entries = [];
	else if (typeof raw === 'object' && mode === 'fields') {
		const list = (raw as { price?: unknown }).price;
		entries = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
	} else if (typeof raw === 'object') {
		entries = Object.entries(raw as Record<string, unknown>).map(([currency, value]) =>
			value && typeof value === 'object' ? { currency, ...(value as object) } : { currency, amount: value },
		);
	} else {
		throw params.error(base, `expected prices but got ${quote(raw)}`, `Give ${form}.`);
	}
	const prices: Record<string, Price> = {};
	entries.forEach((entry, n) => {
		const where = entries.length > 1 ? ` (price ${n + 1})` : '';
		if (!entry || typeof entry !== 'object') {
			throw params.error(`${base}${where}`, `expected { currency, amount, includesTax } but got ${quote(entry)}`, 'Give each price a currency, an amount and whether it includes tax.');
		}
		const e = entry as { currency?: unknown; amount?: unknown; includesTax?: unknown; includes_tax?: unknown };
		const currencyLabel = `${base} > Currency${where}`;
		const code = params.checkString(e.currency, currencyLabel, { required: true })!.toUpperCase();
		if (!/^[A-Z]{3}$/.test(code) || !ISO_4217_CODES.has(code)) {
			throw params.error(currencyLabel, `${quote(e.currency)} is not an ISO 4217 currency code`, 'Use a three-letter ISO 4217 code such as USD, EUR or GBP, of a currency configured in the store.');
		}
		if (prices[code]) {
			throw params.error(currencyLabel, `${code} is listed more than once`, `Give one price per currency: remove the second ${code} price.`);
		}
		const amountLabel = `${base} > Amount${where}`;
		const amount = params.checkNumber(e.amount, amountLabel, { required: true })!;
		if (!Number.isInteger(amount)) {
			throw params.error(amountLabel, `${amount} is not a whole number`, `Amounts are in the currency's smallest unit (cents): 27.50 EUR is 2750.`);
		}
		if (amount < 0) {
			throw params.error(amountLabel, `${amount} is negative`, 'Use 0 or a positive amount, in the currency\'s smallest unit (cents).');
		}
		if (amount > LIMITS.amountMax) {
			throw params.error(amountLabel, `${amount} is too large`, `Use an amount up to ${LIMITS.amountMax}.`);
		}
		const includesTax = params.checkBoolean(e.includesTax ?? e.includes_tax, `${base} > Includes Tax${where}`) ?? false;
		prices[code] = { amount, includes_tax: includesTax };
	});
	return prices;
}

function readInput(params: ItemParams): Input {
	const ids = readPlanIds(params);
	const fields = params.collection('updateFields', 'Update Fields');
	const set: IDataObject = {};
	const text = (key: string, attribute: string, rules: { min?: number; max: number }) => {
		const value = params.checkString(fields[key], LABELS[attribute], rules);
		if (value !== undefined) set[attribute] = value;
	};
	const integer = (key: string, attribute: string, min: number) => {
		const value = params.checkNumber(fields[key], LABELS[attribute], { min, integer: true, max: Number.MAX_SAFE_INTEGER });
		if (value !== undefined) set[attribute] = value;
	};
	const option = (key: string, attribute: string, allowed: readonly string[]) => {
		const value = fields[key];
		const normal = typeof value === 'string' ? value.trim().toLowerCase() : value;
		const checked = params.checkOption(normal, LABELS[attribute], allowed);
		if (checked !== undefined) set[attribute] = checked;
	};
	const flag = (key: string, attribute: string) => {
		const value = params.checkBoolean(fields[key], LABELS[attribute]);
		if (value !== undefined) set[attribute] = value;
	};

	text('name', 'name', { min: LIMITS.nameMin, max: LIMITS.nameMax });
	text('description', 'description', { max: LIMITS.descriptionMax });
	text('externalRef', 'external_ref', { max: LIMITS.externalRefMax });
	option('billingIntervalType', 'billing_interval_type', BILLING_INTERVAL_TYPES);
	integer('billingFrequency', 'billing_frequency', 1);
	integer('trialPeriod', 'trial_period', 0);
	integer('planLength', 'plan_length', 1);
	option('endBehavior', 'end_behavior', END_BEHAVIORS);
	flag('canPause', 'can_pause');
	flag('canResume', 'can_resume');
	flag('canCancel', 'can_cancel');
	const percentage = params.checkNumber(fields.basePricePercentage, LABELS.base_price_percentage, { min: 0, max: 100 });
	if (percentage !== undefined) set.base_price_percentage = percentage;
	text('sku', 'sku', { max: LIMITS.skuMax });
	const image = params.checkString(fields.mainImage, LABELS.main_image, { max: LIMITS.mainImageMax });
	if (image !== undefined) {
		let url: URL | undefined;
		try {
			url = new URL(image);
		} catch {
			url = undefined;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) {
			throw params.error(LABELS.main_image, `"${image}" is not an http or https URL`, 'Use the full URL of the image, e.g. https://cdn.example.com/plans/gold.png.');
		}
		set.main_image = image;
	}
	let priceUnits: Input['priceUnits'];
	const unit = fields.priceUnit;
	const unitNormal = typeof unit === 'string' ? unit.trim().toLowerCase() : unit;
	const checkedUnit = params.checkOption(unitNormal, 'Price Unit', PRICE_UNITS);
	const unitAmount = params.checkNumber(fields.priceUnitAmount, 'Price Unit Amount', { min: 1, integer: true, max: Number.MAX_SAFE_INTEGER });
	if (checkedUnit !== undefined || unitAmount !== undefined) priceUnits = { unit: checkedUnit, amount: unitAmount };

	const prices = readPrices(params);
	const replacePrices = params.boolean('replacePrices', 'Replace All Prices');
	if (replacePrices && Object.keys(prices).length === 0) {
		throw params.error('Replace All Prices', 'it is on but no price is listed', 'List the prices the plan should have under "Prices" or "Prices (JSON)". To remove every price, choose "Prices (All Currencies)" under "Clear Fields".');
	}
	const clear = params.options('clearFields', 'Clear Fields', CLEARABLE.map((c) => c.value));
	for (const field of clear) {
		const setToo =
			field === 'prices' ? Object.keys(prices).length > 0 : field === 'price_units' ? priceUnits !== undefined : field in set;
		if (setToo) {
			const label = field === 'prices' ? 'Prices' : LABELS[field];
			throw params.error('Clear Fields', `"${label}" is both given a value and chosen to be cleared`, `Either remove "${label}" from "Clear Fields" or remove its value.`);
		}
	}
	if (Object.keys(set).length === 0 && Object.keys(prices).length === 0 && !priceUnits && clear.length === 0) {
		throw params.error('Update Fields', 'nothing to change was given', 'Add at least one field under "Update Fields", a price under "Prices", or a field under "Clear Fields".');
	}
	return { ...ids, set, prices, replacePrices, priceUnits, clear };
}

function modelText(model: PlanModel): string {
	return model === 'product'
		? 'the newer, product-like plan model, where the billing rules are set on the offering\'s pricing options'
		: 'the older plan model, where each plan carries its own billing rules and fixed price';
}

/** Refuses attributes that the plan's model does not have, naming the model the store runs. */
function checkModel(current: PlanResource, input: Input): void {
	const named = [
		...Object.keys(input.set),
		...(input.priceUnits ? ['price_units'] : []),
		...input.clear.filter((c) => c !== 'prices'),
	];
	const foreign: readonly string[] = current.model === 'product' ? BILLING_ONLY : PRODUCT_ONLY;
	const wrong = [...new Set(named.filter((key) => foreign.includes(key)))];
	if (wrong.length === 0) return;
	const labels = wrong.map((key) => LABELS[key] ?? key).join(', ');
	const fix =
		current.model === 'product'
			? 'Remove these fields from the item and change them on the plan\'s pricing options in Commerce Manager (Subscriptions > Offerings). On this store the node can change Name, Description, External Reference, SKU, Main Image URL, Prices and Price Units.'
			: 'Remove these fields from the item: they exist only on stores with product-like plans. On this store the node can change Name, Description, External Reference, the billing fields, the Can Pause / Resume / Cancel switches, Base Price Percentage and Prices.';
	throw new ChangeRefused(labels, `plan ${current.plan.id} uses ${modelText(current.model)}, which has no ${labels}`, fix);
}

export function applyUpdate(current: PlanResource, input: Input, warn: Warn = () => undefined): PlanResource {
	checkModel(current, input);
	const attributes = current.plan.attributes;
	const currencies = Object.keys(input.prices);
	if (currencies.length > 0 && current.storeCurrencies) {
		const unknown = currencies.filter((code) => !current.storeCurrencies!.includes(code));
		if (unknown.length > 0) {
			throw new ChangeRefused(
				'Prices',
				`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not configured in this store (its currencies: ${current.storeCurrencies.join(', ')})`,
				'Use one of the store\'s currencies, or add the currency to the store in Commerce Manager (Settings > Currencies) first.',
			);
		}
	}
	Object.assign(attributes, input.set);
	const priceKey = priceAttribute(current.model);
	if (currencies.length > 0) attributes[priceKey] = mergePrices(attributes[priceKey], input.prices, input.replacePrices) as unknown as IDataObject;
	if (input.priceUnits) {
		const existing = (attributes.price_units ?? {}) as { unit?: string; amount?: number };
		const merged = {
			unit: input.priceUnits.unit ?? existing.unit,
			amount: input.priceUnits.amount ?? existing.amount,
		};
		if (merged.unit === undefined || merged.amount === undefined) {
			throw new ChangeRefused(
				'Price Units',
				`plan ${current.plan.id} has no price units yet, so both the unit and the amount are needed`,
				'Set both "Price Unit" and "Price Unit Amount".',
			);
		}
		attributes.price_units = merged;
	}
	for (const field of input.clear) {
		const key = field === 'prices' ? priceKey : field;
		if (attributes[key] !== undefined && attributes[key] !== null) attributes[key] = CLEARED_VALUE;
	}
	const conflict = pricingConflict(attributes);
	if (conflict && current.model === 'billing' && (currencies.length > 0 || 'base_price_percentage' in input.set)) warn(conflict);
	return current;
}

/** Why "Confirm Write" matters for Elastic Path (shown in the option's description). */
export const CONFIRM_REASON =
	'Elastic Path replaces a price map (and price units) whole: an older copy written by another process that read it just before this write would undo this change. Writes of single attributes (a name, a reference) are not confirmed: no older copy carries them.';

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

export const operation = defineUpdate<Input, PlanResource>({
	fields,
	input: readInput,
	resource: {
		key: (input) => `${input.offeringId}/${input.planId}`,
		label: (input) => `plan ${input.planId} of offering ${input.offeringId}`,
		read: async (op, input, i, group) => {
			// The store's currencies are needed only to check prices.
			const priced = group.flatMap((g) => Object.keys(g.prices));
			return await readPlan(op, input, i, priced.length > 0 ? await storeCurrencies(op, priced) : undefined);
		},
		view: planView,
		compare: writableAttributes,
	},
	apply: (current, input, warn) => applyUpdate(current, input, warn),
	write: {
		// A partial update: only the attributes that differ are sent, inside the JSON:API envelope. Another
		// writer's older copy can only undo an attribute that is sent whole as an object (a price map, price
		// units); single values it does not change are not in its partial update.
		requests: (before, after) => [
			{
				...planUpdateRequest(before, after),
				revertible: Object.keys(changedAttributes(before, after)).some((key) => isObject(before.plan.attributes[key]) || isObject(after.plan.attributes[key])),
			},
		],
		// The PUT answers with the updated plan; an immediate re-GET could still show the old one.
		result: (answers, after) => {
			const data = (answers[0] as { data?: JsonApiResource } | undefined)?.data;
			return data?.id ? toPlanResource(after.offeringId, data, after.storeCurrencies) : undefined;
		},
		conflict: { statuses: [409], retries: CONFLICT_RETRIES },
	},
});
