import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import type { FieldChange } from '../../../../core/types';
import { UNDO_OUTPUT } from '../../../../core/undoInput';
import type { PlanRef } from '../../../shapes';
import type { UpdateInput } from '../inputs';
import type { OrgState } from '../resource';

// How the `changes` of Commvault's updates map onto the organization (compared as the names in its two plan
// lists, resource.ts). Lists are taken back member by member: plans associated are dissociated, plans
// dissociated associated again.

const LISTS = ['plans', 'defaultPlans'] as const;
const isNames = (v: unknown) => v === null || (Array.isArray(v) && v.every((n) => typeof n === 'string'));

/** The organization an earlier output item is; the plans its changes name (so a plan created since is looked up). */
export function target(item: IDataObject, params: ItemParams): UpdateInput {
	const orgId = typeof item.id === 'string' && /^\d{1,10}$/.test(item.id) ? Number(item.id) : item.id;
	if (typeof orgId !== 'number' || !Number.isInteger(orgId) || orgId < 0 || !Array.isArray(item.plans) || !Array.isArray(item.defaultPlans)) {
		throw params.error(UNDO_OUTPUT, 'it has no organization "id", "plans" and "defaultPlans", so it is not the output of a Commvault Organization update', 'Pass the output items of an earlier run of this Commvault node (each is the organization, with its "changes").');
	}
	const changes = Array.isArray(item.changes) ? (item.changes as Array<{ from?: unknown; to?: unknown }>) : [];
	const plans = [...new Set(changes.flatMap((c) => [c.from, c.to]).flatMap((v) => (Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : [])))];
	return { orgId, mode: 'add', plans, removeUnlisted: false };
}

export function knows(change: FieldChange): boolean {
	return (LISTS as readonly string[]).includes(change.field) && isNames(change.from) && isNames(change.to);
}

/** The organization's two lists as the comparison view names them; plans put back come from the plan list. */
export function restore(current: OrgState, view: IDataObject): OrgState {
	const known = [...current.org.plans, ...current.org.defaultPlans, ...current.catalog];
	const listed = (list: (typeof LISTS)[number]): PlanRef[] => {
		const names = Array.isArray(view[list]) ? (view[list] as string[]) : [];
		const kept = current.org[list].filter((p) => names.includes(p.planName));
		const back = names
			.filter((n) => !kept.some((p) => p.planName === n))
			.map((n) => known.find((p) => p.planName === n))
			.filter((p): p is PlanRef => p !== undefined)
			.map((p) => ({ planName: p.planName, planId: p.planId }));
		return [...kept, ...back];
	};
	return { ...current, org: { ...current.org, plans: listed('plans'), defaultPlans: listed('defaultPlans') } };
}
