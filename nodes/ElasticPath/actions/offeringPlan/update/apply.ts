import type { IDataObject } from 'n8n-workflow';

import { ChangeRefused } from '../../../../core/errors';
import type { Warn } from '../../../../core/operation';
import { BILLING_ONLY, CLEARED_VALUE, PRODUCT_ONLY, type PlanModel, type PlanResource, mergePrices, priceAttribute, pricingConflict } from '../../../plan';
import { LABELS } from './attributes';
import type { Input } from './input';

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

/**
 * Sets the named attributes, merges the listed prices into the plan's price map and clears the chosen
 * attributes. Refuses attributes the plan's model lacks and currencies the store does not have.
 */
export function apply(current: PlanResource, input: Input, warn: Warn = () => undefined): PlanResource {
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
