import type { IDataObject } from 'n8n-workflow';

import { type ItemParams, show } from '../../../../core/params';
import { LIMITS } from '../../../api';
import { ISO_4217_CODES } from '../../../iso4217';
import { BILLING_INTERVAL_TYPES, END_BEHAVIORS, PRICE_UNITS, type Price } from '../../../plan';
import { type PlanInput, readPlanIds } from '../inputs';
import { CLEARABLE, type Clearable, LABELS } from './attributes';

export interface Input extends PlanInput {
	/** Plan attributes to set, by their Elastic Path name. */
	set: IDataObject;
	prices: Record<string, Price>;
	replacePrices: boolean;
	priceUnits?: { unit?: string; amount?: number };
	clear: Clearable[];
}

/**
 * Reads the prices: from the "Prices" fields, or from "Prices (JSON)", which takes a list of
 * `{ currency, amount, includesTax }` or Elastic Path's own map `{ "EUR": { "amount", "includes_tax" } }`.
 */
function readPrices(params: ItemParams): Record<string, Price> {
	const mode = params.option('pricesInput', 'Define Prices', ['fields', 'json'] as const, 'fields');
	const base = mode === 'json' ? 'Prices (JSON)' : 'Prices';
	const form = 'a list of { currency, amount, includesTax }, or a map such as { "EUR": { "amount": 2700, "includes_tax": true } }';
	const raw = mode === 'json' ? params.checkJson(params.raw('pricesJson', base, ''), base, `Give ${form}.`) : params.raw('prices', base, {});
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
		throw params.error(base, `expected prices but got ${show(raw)}`, `Give ${form}.`);
	}
	const prices: Record<string, Price> = {};
	entries.forEach((entry, n) => {
		const where = entries.length > 1 ? ` (price ${n + 1})` : '';
		if (!entry || typeof entry !== 'object') {
			throw params.error(`${base}${where}`, `expected { currency, amount, includesTax } but got ${show(entry)}`, 'Give each price a currency, an amount and whether it includes tax.');
		}
		const e = entry as { currency?: unknown; amount?: unknown; includesTax?: unknown; includes_tax?: unknown };
		const currencyLabel = `${base} > Currency${where}`;
		const code = params.checkString(e.currency, currencyLabel, { required: true })!.toUpperCase();
		if (!/^[A-Z]{3}$/.test(code) || !ISO_4217_CODES.has(code)) {
			throw params.error(currencyLabel, `${show(e.currency)} is not an ISO 4217 currency code`, 'Use a three-letter ISO 4217 code such as USD, EUR or GBP, of a currency configured in the store.');
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

export function input(params: ItemParams): Input {
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
