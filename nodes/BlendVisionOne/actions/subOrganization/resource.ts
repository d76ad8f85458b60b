import type { IDataObject } from 'n8n-workflow';

import { cloneSharing, deepEqual } from '../../../core/changes';
import { httpStatusOf } from '../../../core/errors';
import type { ChangedResource, OperationContext, Write } from '../../../core/operation';
import type { ApiRequest } from '../../../core/types';
import { actingOrgId, assignablePlans, assignedPlans, fromSubOrgResponse, paths, sameId } from '../../api';
import { comparable, ownerChangeRequest, patchBody, patchComparable } from '../../patch';
import type { GivablePlans, Organization, SubOrgState } from '../../shapes';
import { type PlanChange, parentFor } from './plans';

// The resource Update works on: the sub-organization (its record and its plans) with what its parents can
// give it, read, shown, compared, and written back whole (the PATCH) with an owner switch when one is asked.

/** Why "Confirm Write" matters for BlendVision One (shown in the option's description). */
export const CONFIRM_REASON =
	'BlendVision One\'s update carries the whole sub-organization record, plans included: an older copy written by another process that read it just before this write would undo this change.';

/** GET the sub-organization (its record and owner). */
async function readSubOrgRecord(op: OperationContext, id: string, itemIndex: number): Promise<Pick<SubOrgState, 'organization' | 'owner_info'>> {
	const body = await op.transport.request({ method: 'GET', path: paths.subOrg(id) }, itemIndex);
	return fromSubOrgResponse(body, id);
}

/** GET the plans assigned to the sub-organization. */
async function readSubOrgPlans(op: OperationContext, id: string, itemIndex: number): Promise<SubOrgState['plans']> {
	return assignedPlans(await op.transport.request({ method: 'GET', path: paths.subOrgPlans(id) }, itemIndex));
}

/** GET the sub-organization and its plans. */
export async function readSubOrg(op: OperationContext, id: string, itemIndex: number): Promise<Pick<SubOrgState, 'organization' | 'owner_info' | 'plans'>> {
	const { organization, owner_info } = await readSubOrgRecord(op, id, itemIndex);
	return { organization, owner_info, plans: await readSubOrgPlans(op, id, itemIndex) };
}

/** A sub-organization as output: the organization, its owner, and its plans. */
export function subOrgView(state: Pick<SubOrgState, 'organization' | 'owner_info' | 'plans'>): IDataObject {
	return {
		...(state.organization as IDataObject),
		...(state.owner_info ? { owner_info: state.owner_info } : {}),
		plan_ids: state.plans.map((p) => p.id),
		plans: state.plans as unknown as IDataObject[],
	};
}

/** The organization the credential acts for, from the credential as the run read it (n8n decrypts it per read). */
async function mainOrgIdOf(op: OperationContext): Promise<string> {
	return actingOrgId(await op.transport.credentialData());
}

/**
 * The plans an organization can give its sub-organizations, read once per process and organization (for
 * 10 minutes) and again at once when `wanted` names a plan the list does not hold (a plan added since).
 * When a sub-organization's list cannot be read (403, 404), the main organization's is used instead.
 */
async function readGivable(
	op: OperationContext,
	orgId: string,
	mainOrgId: string,
	itemIndex: number,
	wanted: string[] = [],
): Promise<GivablePlans> {
	const list = async (id: string, fresh: boolean) =>
		await op.shared(
			`plans:${id}`,
			async () => assignablePlans(await op.transport.request({ method: 'GET', path: paths.orgPlans(id) }, itemIndex)),
			{ fresh },
		);
	const read = async (fresh: boolean): Promise<GivablePlans> => {
		if (orgId === mainOrgId) return { plans: await list(mainOrgId, fresh), source: 'parent' };
		// A parent whose own list cannot be read (403, 404): the main organization's plans instead.
		const unreadable = (error: unknown) => [403, 404].includes(httpStatusOf(error) ?? 0);
		return await list(orgId, fresh).then(
			(plans): GivablePlans => ({ plans, source: 'parent' }),
			async (error: unknown) => {
				if (!unreadable(error)) throw error;
				return { plans: await list(mainOrgId, fresh), source: 'main' } as GivablePlans;
			},
		);
	};
	const givable = await read(false);
	const known = (id: string) => givable.plans.some((p) => p.id.toLowerCase() === id.toLowerCase());
	return wanted.every(known) ? givable : await read(true);
}

/**
 * Reads the sub-organization, its plans, and, for the plans items name that it does not have yet, what
 * the organization it is or will be under (its parent, or a new parent an item names) can give it.
 */
async function readState(op: OperationContext, input: PlanChange, itemIndex: number, group: PlanChange[]): Promise<SubOrgState> {
	const subOrg = await readSubOrg(op, input.id, itemIndex);
	const mainOrgId = await mainOrgIdOf(op);
	const wanted = new Map<string, string[]>();
	for (const item of group) {
		const unknown = item.planIds.filter((id) => !subOrg.plans.some((p) => sameId(p.id, id)));
		if (unknown.length === 0) continue;
		const parent = parentFor({ ...subOrg, mainOrgId }, item);
		wanted.set(parent, [...(wanted.get(parent) ?? []), ...unknown]);
	}
	const givable: Record<string, GivablePlans> = {};
	for (const [parent, ids] of wanted) givable[parent] = await readGivable(op, parent, mainOrgId, itemIndex, ids);
	return { ...subOrg, mainOrgId, givable, parents: await readNewParents(op, subOrg.organization, mainOrgId, itemIndex, group) };
}

/**
 * The new parents the items name (not the current parent, not the main organization), read with
 * GET /bv/org/v1/sub-orgs/{id} for their `has_sub_orgs`. A parent that is not found there is left to
 * the PATCH, whose answer says what is wrong with it.
 */
async function readNewParents(
	op: OperationContext,
	org: SubOrgState['organization'],
	mainOrgId: string,
	itemIndex: number,
	group: PlanChange[],
): Promise<Record<string, Organization | null>> {
	const parents: Record<string, Organization | null> = {};
	for (const { parentId } of group) {
		if (!parentId || parentId in parents || sameId(parentId, org.parent_id) || sameId(parentId, mainOrgId)) continue;
		parents[parentId] = await readSubOrgRecord(op, parentId, itemIndex).then(
			(read) => read.organization,
			(error: unknown) => {
				if (httpStatusOf(error) === 404) return null;
				throw error;
			},
		);
	}
	return parents;
}

/** The requests that turn `before` into `after`: the PATCH (full record) and, for a new owner, the switch. */
export function updateWrites(before: SubOrgState, after: SubOrgState): ApiRequest[] {
	const id = before.organization.id;
	const requests: ApiRequest[] = [];
	if (!deepEqual(patchComparable(before), patchComparable(after))) {
		// The body carries the full intended values, so sending it twice has the same effect as once.
		requests.push({ method: 'PATCH', path: paths.subOrg(id), body: patchBody(before, after), idempotent: true });
	}
	const owner = after.organization.owner_email;
	if (owner && owner !== before.organization.owner_email) requests.push(ownerChangeRequest(id, owner));
	return requests;
}

/** The sub-organization, compared field by field (`comparable`). */
export const subOrgState: ChangedResource<PlanChange, SubOrgState> = {
	key: (input) => input.id,
	label: (input) => `sub-organization ${input.id}`,
	read: readState,
	// The record, then its plans: a writer elsewhere read the record one request before it wrote.
	reads: 2,
	// Confirming reads only what holds the written fields: the plans, the record, or both.
	reread: async (op, input, i, leaves, written) => {
		const state = { ...written };
		const isPlan = (leaf: string) => leaf.startsWith('plans.');
		if (leaves.some((l) => !isPlan(l))) Object.assign(state, await readSubOrgRecord(op, input.id, i));
		if (leaves.some(isPlan)) state.plans = await readSubOrgPlans(op, input.id, i);
		return state;
	},
	view: subOrgView,
	compare: comparable,
	copy: (state) => cloneSharing(state, 'givable'),
};

/** The whole record (PATCH), then the owner switch. */
export const writeSubOrg: Write<PlanChange, SubOrgState> = {
	requests: updateWrites,
	// The PATCH answers {} and carried the whole record: the sub-organization is now what was sent, without
	// reading it again (3 requests per update: 2 reads, 1 write).
	result: (_answers, after) => after,
	conflict: { statuses: [409], retries: 2 },
};
