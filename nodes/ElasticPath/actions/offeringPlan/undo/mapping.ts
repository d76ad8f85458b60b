import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import type { FieldChange } from '../../../../core/types';
import { UNDO_OUTPUT } from '../../../../core/undoInput';
import { UUID } from '../../../lists';
import { BILLING_ONLY, PRODUCT_ONLY, type PlanResource } from '../../../plan';
import type { PlanInput } from '../inputs';

// How the `changes` of Elastic Path's Update map onto the plan (compared as its writable attributes,
// plan.ts `writableAttributes`).

/** Keys of the plan's output that are not attributes, and attributes Elastic Path sets itself. */
const NOT_WRITABLE = ['id', 'offeringId', 'type', 'planModel', 'relationships', 'meta', 'created_at', 'updated_at', 'changes', 'outcome', 'warnings', 'superseded', 'reapplied', 'request'];
const KNOWN = ['name', 'description', 'external_ref', ...BILLING_ONLY, ...PRODUCT_ONLY];

/** The plan an earlier output item is (Update outputs the plan with its offering and model). */
export function target(item: IDataObject, params: ItemParams): PlanInput & { prices: Record<string, unknown> } {
	const uuid = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined);
	const offeringId = uuid(item.offeringId);
	const planId = uuid(item.id);
	if (!offeringId || !planId || typeof item.planModel !== 'string') {
		throw params.error(UNDO_OUTPUT, 'it has no plan "id", "offeringId" and "planModel", so it is not the output of an Elastic Path Offering Plan update', 'Pass the output items of an earlier run of this Elastic Path node (each is the plan, with its "changes").');
	}
	return { offeringId, planId, prices: {} };
}

/** A change of a writable attribute of the plan. */
export function knows(change: FieldChange, item: IDataObject): boolean {
	const top = change.field.split('.')[0];
	return !NOT_WRITABLE.includes(top) && (KNOWN.includes(top) || top in item);
}

/** An attribute of the other plan model than the one the earlier run found cannot be written to this plan. */
export function limit(change: FieldChange, item: IDataObject): { reason: string; partly: boolean } | undefined {
	const top = change.field.split('.')[0];
	const other = item.planModel === 'product' ? (BILLING_ONLY as readonly string[]) : item.planModel === 'billing' ? (PRODUCT_ONLY as readonly string[]) : [];
	if (!other.includes(top)) return undefined;
	return { reason: `"${top}" is an attribute of the other plan model than this plan's (${String(item.planModel)}): Elastic Path does not take it on this plan`, partly: false };
}

const PRICE_MAPS = ['fixed_price', 'price'];
const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A price map without the currencies an undo took away (set to null). */
const prices = (value: IDataObject) => Object.fromEntries(Object.entries(value).filter(([, price]) => price !== null)) as IDataObject;

/** The plan with the comparison view's attributes; a null attribute is cleared (left out, so the update sends null). */
export function restore(current: PlanResource, view: IDataObject): PlanResource {
	const attributes: IDataObject = {};
	for (const [key, value] of Object.entries(current.plan.attributes)) if (key === 'created_at' || key === 'updated_at') attributes[key] = value;
	for (const [key, value] of Object.entries(view)) {
		if (value === null && !(key in current.plan.attributes)) continue;
		attributes[key] = PRICE_MAPS.includes(key) && isObject(value) ? prices(value) : value;
	}
	return { ...current, plan: { ...current.plan, attributes } };
}
