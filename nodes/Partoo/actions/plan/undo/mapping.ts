import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import type { FieldChange } from '../../../../core/types';
import { UNDO_OUTPUT } from '../../../../core/undoInput';
import { type OrgPlans, PLAN_NAMES } from '../../../api';
import type { OrgInput } from '../inputs';

// How the `changes` of Partoo's updates map onto the organization's plan list (compared as
// { plans: { <name>: { expiration_date } } }, resource.ts).

const FIELD = /^plans\.([a-z_]+)(\.expiration_date)?$/;
const isDay = (v: unknown) => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
const isPlanEntry = (v: unknown) =>
	v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k === 'expiration_date') && isDay((v as IDataObject).expiration_date ?? null));

/** The organization an earlier output item is about. */
export function target(item: IDataObject, params: ItemParams): OrgInput {
	const orgId = typeof item.orgId === 'string' && /^\d{1,12}$/.test(item.orgId) ? Number(item.orgId) : item.orgId;
	if (typeof orgId !== 'number' || !Number.isInteger(orgId) || orgId < 0) {
		throw params.error(UNDO_OUTPUT, 'it has no "orgId", so it is not the output of a Partoo Organization Plan update', 'Pass the output items of an earlier run of this Partoo node (they hold "orgId", "plans" and "changes").');
	}
	return { orgId };
}

/** A change Partoo's updates record: a plan added or removed, or its expiry changed. */
export function knows(change: FieldChange): boolean {
	const match = FIELD.exec(change.field);
	if (!match || !(PLAN_NAMES as readonly string[]).includes(match[1])) return false;
	return match[2] ? isDay(change.from) && isDay(change.to) : isPlanEntry(change.from) && isPlanEntry(change.to);
}

/** A plan that was removed comes back with the expiry it had, but Partoo dates its subscription anew. */
export function limit(change: FieldChange): { reason: string; partly: boolean } | undefined {
	if (!/^plans\.[a-z_]+$/.test(change.field) || change.from === null || change.to !== null) return undefined;
	return {
		reason: 'Partoo sets the subscription date of a plan that is added again to the day it is added: the plan comes back with its expiry, not with its former subscription date',
		partly: true,
	};
}

/** The plan list as the comparison view says: plans kept keep their subscription date; plans added back get Partoo's. */
export function restore(current: OrgPlans, view: IDataObject): OrgPlans {
	const listed = Object.entries((view.plans ?? {}) as Record<string, { expiration_date?: string | null } | null>);
	const wanted = Object.fromEntries(listed.filter(([, plan]) => plan !== null)) as Record<string, { expiration_date?: string | null }>;
	const kept = current.plans.filter((p) => p.name in wanted).map((p) => ({ ...p, expiration_date: wanted[p.name].expiration_date ?? null }));
	const added = Object.keys(wanted)
		.filter((name) => !current.plans.some((p) => p.name === name))
		.map((name) => ({ name, subscription_date: null, expiration_date: wanted[name].expiration_date ?? null }));
	return { ...current, plans: [...kept, ...added] };
}
