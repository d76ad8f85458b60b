import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import type { FieldChange } from '../../../../core/types';
import { UNDO_OUTPUT } from '../../../../core/undoInput';
import type { Plan, PlanResource } from '../../../api';
import type { UserKeys } from '../../../putBody';
import { PROPERTY_IDENT_KEY, READ_ONLY_FIELDS, planIdOf } from '../../../plan';
import type { PlanChange } from '../resource';

// How the `changes` of Instellix's Update map onto the plan (compared as the PUT body with phases and
// properties keyed by ident, plan.ts `comparable`).

/** The plan fields Update sets; a raw change may set others the plan already has. */
const PLAN_FIELDS = ['name', 'properties', 'phases', 'initialPhase', 'businessSegmentIdent', 'businessSegmentId', 'individualPlan', 'type', 'pendingContractTerms'];
/** The keys our own outputs add to the plan. */
const OUTPUT_KEYS = ['changes', 'outcome', 'warnings', 'superseded', 'reapplied', 'request'];
const KEYED_LISTS: Record<string, string> = { phases: 'ident', properties: PROPERTY_IDENT_KEY };

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plan an earlier output item is (Update outputs the plan as Instellix holds it). */
export function target(item: IDataObject, params: ItemParams): PlanChange {
	const planId = typeof item.id === 'number' || typeof item.id === 'string' ? planIdOf(item) : undefined;
	if (!planId || !/^\d{1,19}$/.test(planId) || !Array.isArray(item.phases)) {
		throw params.error(UNDO_OUTPUT, 'it has no plan "id" and "phases", so it is not the output of an Instellix Plan update', 'Pass the output items of an earlier run of this Instellix node (each is the plan, with its "changes").');
	}
	return { planId, optionChange: { linked: [], unlinked: [] }, userKeys: keysChanged(item.changes) };
}

/**
 * The keys the earlier changes touched, top level and per phase: the PUT carries them whatever they are, so a
 * field a raw change set (one the PUT body leaves out unless the user sets it) is put back too.
 */
function keysChanged(changes: unknown): UserKeys {
	const keys: UserKeys = { plan: [], phases: {} };
	for (const change of Array.isArray(changes) ? changes : []) {
		const [top, ident, key] = isObject(change) && typeof change.field === 'string' ? change.field.split('.') : [];
		if (top === undefined || top === 'properties') continue;
		if (top !== 'phases') keys.plan.push(top);
		else if (ident !== undefined && key !== undefined) (keys.phases[ident] ??= []).push(key);
	}
	return keys;
}

/** A change of a field of the plan: one Update sets, or one the plan has (a raw change). */
export function knows(change: FieldChange, item: IDataObject): boolean {
	const top = change.field.split('.')[0];
	if (OUTPUT_KEYS.includes(top) || READ_ONLY_FIELDS.includes(top)) return false;
	return PLAN_FIELDS.includes(top) || top in item;
}

/** An entry of a phase or property list that has no ident, or that comes back at the end of its list. */
export function limit(change: FieldChange): { reason: string; partly: boolean } | undefined {
	const [top, key] = change.field.split('.');
	if (!(top in KEYED_LISTS) || key === undefined) return undefined;
	if (key.startsWith('#')) return { reason: `the ${top === 'phases' ? 'phase' : 'property'} has no ident, so which entry of the list it was cannot be told`, partly: false };
	if (change.field === `${top}.${key}` && change.to === null && change.from !== null) {
		return { reason: `the removed ${top === 'phases' ? 'phase' : 'property'} comes back with all it held, but at the end of the list: its former position is not recorded`, partly: true };
	}
	return undefined;
}

/** A keyed list back as a list: entries kept in their order, entries put back at the end, entries set to null removed. */
function unkeyed(current: unknown, view: unknown, identKey: string): unknown {
	if (!isObject(view)) return view;
	const list = Array.isArray(current) ? (current as unknown[]) : [];
	const keyOf = (entry: unknown, index: number) => (isObject(entry) && typeof entry[identKey] === 'string' ? (entry[identKey] as string) : `#${index}`);
	const entry = (key: string) => (key.startsWith('#') || !isObject(view[key]) ? view[key] : { [identKey]: key, ...(view[key] as IDataObject) });
	const keys = list.map(keyOf);
	const kept = keys.filter((key) => key in view && view[key] !== null);
	const added = Object.keys(view).filter((key) => !keys.includes(key) && view[key] !== null);
	return [...kept, ...added].map(entry);
}

/** The plan as the comparison view says; the read-only fields as Instellix holds them. */
export function restore(current: PlanResource, view: IDataObject): PlanResource {
	const plan: Plan = {};
	const valueOf = (key: string) => (key in KEYED_LISTS ? unkeyed(current.plan[key], view[key], KEYED_LISTS[key]) : view[key]);
	for (const key of Object.keys(current.plan)) {
		if (READ_ONLY_FIELDS.includes(key)) plan[key] = current.plan[key];
		else if (key in view) plan[key] = valueOf(key) as IDataObject;
	}
	for (const key of Object.keys(view)) if (!(key in plan)) plan[key] = valueOf(key) as IDataObject;
	return { ...current, plan };
}
