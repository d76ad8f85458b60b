import type { IDataObject } from 'n8n-workflow';

import { deepEqual } from '../core/changes';
import type { ApiRequest } from '../core/types';
import { type JsonApiResource, paths } from './api';

// An offering plan as Elastic Path holds it: its two models, its prices, the resource the operations work
// on, its output and the body of its partial update.

/** JSON:API type of an offering plan, in both plan models. */
const PLAN_TYPE = 'subscription_offering_plan';

/** Values of the plan's option attributes. */
export const BILLING_INTERVAL_TYPES = ['day', 'week', 'month', 'year'] as const;
export const END_BEHAVIORS = ['roll', 'close'] as const;
export const PRICE_UNITS = ['day', 'month'] as const;

/**
 * Which plan model a store runs:
 * - `billing`: the plan carries its billing rules (`billing_interval_type`, `end_behavior`, `fixed_price`, ...),
 *   the model of the seed documentation (Subscriptions OpenAPI of 2024);
 * - `product`: the newer product-like plan (`sku`, `main_image`, `price`, `price_units`,
 *   `feature_configurations`), whose billing rules live on the offering's pricing options.
 */
export type PlanModel = 'billing' | 'product';

/** Attributes that exist only in one model. `name`, `description` and `external_ref` exist in both. */
export const BILLING_ONLY = [
	'billing_interval_type',
	'billing_frequency',
	'trial_period',
	'plan_length',
	'end_behavior',
	'can_pause',
	'can_resume',
	'can_cancel',
	'base_price_percentage',
	'fixed_price',
] as const;
export const PRODUCT_ONLY = ['sku', 'main_image', 'price', 'price_units', 'feature_configurations'] as const;

/**
 * ASSUMPTION (UNCONFIRMED): the model is told from the attributes of a plan as read. A plan with any
 * attribute only the newer model has (`feature_configurations` is required in its responses, `sku`,
 * `price_units`, `main_image`, `price`) is a product-like plan; any other plan is taken to be of the
 * seed's model, where the plan carries its billing rules.
 */
export function detectPlanModel(attributes: IDataObject): PlanModel {
	return PRODUCT_ONLY.some((key) => key in attributes) ? 'product' : 'billing';
}

/** The attribute holding the plan's price per currency, in each model. */
export function priceAttribute(model: PlanModel): 'fixed_price' | 'price' {
	return model === 'billing' ? 'fixed_price' : 'price';
}

/**
 * ASSUMPTION (UNCONFIRMED): sending `null` clears a nullable attribute. It is documented for the
 * sibling update endpoints (offering, feature, dunning rule), not for this one.
 */
export const CLEARED_VALUE = null;

/** One currency's price: `amount` in the currency's smallest unit (cents), and whether it includes tax. */
export interface Price {
	amount: number;
	includes_tax: boolean;
}

/**
 * The plan's price map after a change: the listed currencies set, the others kept (or dropped when
 * `replace` is on).
 * ASSUMPTION (UNCONFIRMED): a currency map (`fixed_price`, `price`) sent in an update replaces the
 * plan's whole map, like any other attribute of a partial update. The node therefore always sends the
 * complete merged map, which is right whether Elastic Path replaces or merges it.
 */
export function mergePrices(current: unknown, listed: Record<string, Price>, replace: boolean): Record<string, Price> {
	const kept = !replace && current && typeof current === 'object' ? (current as Record<string, Price>) : {};
	return { ...kept, ...listed };
}

/**
 * A plan of the older model that has both a fixed price and a base price percentage: the schema allows it,
 * but which one Elastic Path applies is not documented. The warning for the item's output, if so.
 */
export function pricingConflict(attributes: IDataObject): string | undefined {
	const fixed = attributes.fixed_price && typeof attributes.fixed_price === 'object' ? Object.keys(attributes.fixed_price) : [];
	const percentage = attributes.base_price_percentage;
	if (fixed.length === 0 || percentage === null || percentage === undefined) return undefined;
	return `Plan "${String(attributes.name)}" now has both a fixed price (fixed_price: ${fixed.join(', ')}) and a base price percentage (${String(percentage)}). Elastic Path does not document which one wins: check what a new subscription costs on a test store, or clear the one you do not want ("Clear Fields").`;
}

/** The resource the plan operations work on: one plan of one offering, and what the rules need. */
export interface PlanResource {
	offeringId: string;
	plan: JsonApiResource;
	model: PlanModel;
	/** Currency codes configured in the store, when readable (rules only; never output). */
	storeCurrencies?: string[];
}

export function toPlanResource(offeringId: string, data: JsonApiResource, storeCurrencies?: string[]): PlanResource {
	const plan: JsonApiResource = {
		id: data.id,
		type: data.type ?? PLAN_TYPE,
		attributes: { ...(data.attributes ?? {}) },
		...(data.relationships ? { relationships: data.relationships } : {}),
		...(data.meta ? { meta: data.meta } : {}),
	};
	return { offeringId, plan, model: detectPlanModel(plan.attributes), storeCurrencies };
}

/** The plan as output: its attributes at the top level, next to its IDs, model and read-only meta. */
export function planView(resource: PlanResource): IDataObject {
	const { plan } = resource;
	return {
		id: plan.id,
		offeringId: resource.offeringId,
		type: plan.type,
		planModel: resource.model,
		...plan.attributes,
		...(plan.relationships ? { relationships: plan.relationships } : {}),
		...(plan.meta ? { meta: plan.meta } : {}),
	};
}

/** Attributes Elastic Path sets itself; never sent, never reported as changes. */
const READ_ONLY = new Set(['created_at', 'updated_at']);

/** The writable attributes, for the comparison and the field-level `changes`. */
export function writableAttributes(resource: PlanResource): IDataObject {
	const out: IDataObject = {};
	const { attributes } = resource.plan;
	for (const key of Object.keys(attributes)) {
		if (!READ_ONLY.has(key)) out[key] = attributes[key];
	}
	return out;
}

/** The attributes that differ between two versions of a plan: only these are sent (partial update). */
export function changedAttributes(before: PlanResource, after: PlanResource): IDataObject {
	const a = writableAttributes(before);
	const b = writableAttributes(after);
	const out: IDataObject = {};
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (!deepEqual(a[key], b[key])) out[key] = (b[key] ?? CLEARED_VALUE) as IDataObject[string];
	}
	return out;
}

/** The JSON:API body of `PUT .../plans/{plan}`: `data.id` is the plan's ID, `data.type` the plan type. */
function planUpdateBody(planId: string, attributes: IDataObject): IDataObject {
	return { data: { id: planId, type: PLAN_TYPE, attributes } };
}

export function planUpdateRequest(before: PlanResource, after: PlanResource): ApiRequest {
	return {
		method: 'PUT',
		path: paths.offeringPlan(after.offeringId, after.plan.id),
		body: planUpdateBody(after.plan.id, changedAttributes(before, after)),
	};
}
