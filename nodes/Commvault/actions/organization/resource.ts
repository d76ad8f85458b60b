import type { IDataObject } from 'n8n-workflow';

import { cloneSharing } from '../../../core/changes';
import type { ChangedResource, OperationContext, Write, WriteRequest } from '../../../core/operation';
import type { ApiRequest } from '../../../core/types';
import { paths } from '../../api';
import { type OperationType, readUpdateXml, updateRequest } from '../../planUpdate';
import { type Organization, organizationFromDetails, type PlanList, type PlanRef, plansFromList } from '../../shapes';
import type { UpdateInput } from './inputs';

// The resource the updates work on: the organization with the plan list of GET Plan, read, shown, compared,
// and written one plan list at a time.

/** The resource an update works on: the organization, plus the plan list of GET Plan to check names. */
export interface OrgState {
	org: Organization;
	catalog: PlanRef[];
}

/** A GET through the transport (the answer may be JSON or XML: read as text, parsed by the caller). */
export async function fetchText(op: OperationContext, path: string, itemIndex: number): Promise<unknown> {
	return await op.transport.request({ method: 'GET', path, format: 'text' }, itemIndex);
}

export async function readOrganization(op: OperationContext, orgId: number, itemIndex: number): Promise<Organization> {
	return organizationFromDetails(orgId, await fetchText(op, paths.organization(orgId), itemIndex));
}

/**
 * GET Plan, once per process and CommServe user (for 10 minutes), and again at once when `wanted` names a
 * plan (by name or ID) the list does not hold: a plan created since.
 */
async function readCatalog(op: OperationContext, itemIndex: number, wanted: string[] = []): Promise<PlanRef[]> {
	const load = async () => plansFromList(await fetchText(op, paths.plans, itemIndex));
	const catalog = await op.shared('plans', load);
	const known = (entry: string) => catalog.some((p) => p.planName === entry || String(p.planId) === entry);
	return wanted.every(known) ? catalog : await op.shared('plans', load, { fresh: true });
}

/** The organization as every operation outputs it. */
export function organizationView(org: Organization): IDataObject {
	return {
		id: org.id,
		name: org.name,
		domainName: org.domainName,
		plans: org.plans.map((p) => ({ planId: p.planId, planName: p.planName })),
		defaultPlans: org.defaultPlans.map((p) => ({ planId: p.planId, planName: p.planName, ...(p.subtype !== undefined ? { subtype: p.subtype } : {}) })),
	};
}

const byName = new Intl.Collator().compare;
export const sortedNames = (plans: PlanRef[]) => plans.map((p) => p.planName).sort(byName);

/** The organization and the plans it may be given; compared by the names in its two plan lists. */
export const organizationState: ChangedResource<UpdateInput, OrgState> = {
	key: (input) => String(input.orgId),
	label: (input) => `organization ${input.orgId}`,
	// One after the other: the first request signs in, the second reuses the session.
	read: async (op, input, itemIndex, group) => {
		const org = await readOrganization(op, input.orgId, itemIndex);
		const onOrg = (entry: string) => [...org.plans, ...org.defaultPlans].some((p) => p.planName === entry || String(p.planId) === entry);
		return { org, catalog: await readCatalog(op, itemIndex, group.flatMap((g) => g.plans).filter((p) => !onOrg(p))) };
	},
	view: (state) => organizationView(state.org),
	compare: (state) => ({ plans: sortedNames(state.org.plans), defaultPlans: sortedNames(state.org.defaultPlans) }),
	copy: (state) => cloneSharing(state, 'catalog'),
};

/**
 * The requests that turn `before` into `after` for one plan list: one OVERWRITE with the complete list
 * when an item chose Replace with the toggle on and plans are removed; otherwise ADD for the plans that
 * are new and DELETE for the plans that go (ADD first, so a failure half-way never leaves fewer plans).
 * The meaning of the three operations is the assumption noted at `OperationType` in planUpdate.ts.
 */
export function planWrites(before: OrgState, after: OrgState, inputs: UpdateInput[], list: PlanList): Array<WriteRequest<OrgState>> {
	const request = (operation: OperationType, names: string[]): WriteRequest<OrgState> => {
		const sent = updateRequest(after.org, list, operation, names);
		// ADD and DELETE name only their own plans, so no older copy undoes them; OVERWRITE sends the whole list.
		return { ...sent, revertible: operation === 'OVERWRITE', landed: (now) => writeLanded(now, sent, list) };
	};
	const beforeNames = before.org[list].map((p) => p.planName);
	const afterNames = after.org[list].map((p) => p.planName);
	const added = afterNames.filter((n) => !beforeNames.includes(n));
	const removed = beforeNames.filter((n) => !afterNames.includes(n));
	const overwrite = inputs.some((i) => i.mode === 'replace' && i.removeUnlisted);
	if (overwrite && removed.length > 0 && afterNames.length > 0) {
		return [request('OVERWRITE', afterNames)];
	}
	const requests: Array<WriteRequest<OrgState>> = [];
	if (added.length > 0) requests.push(request('ADD', added));
	if (removed.length > 0) requests.push(request('DELETE', removed));
	return requests;
}

/** Whether a write that got no clear answer is visible in a fresh read of the organization. */
export function writeLanded(now: OrgState, request: ApiRequest, list: PlanList): boolean {
	const asked = readUpdateXml(request.body);
	if (!asked) return false;
	const present = new Set(now.org[list].map((p) => p.planName));
	switch (asked.operation as OperationType) {
		case 'ADD':
			return asked.planNames.every((n) => present.has(n));
		case 'DELETE':
			return asked.planNames.every((n) => !present.has(n));
		case 'OVERWRITE':
			return present.size === asked.planNames.length && asked.planNames.every((n) => present.has(n));
		default:
			return false;
	}
}

/** Why "Confirm Write" matters for Commvault (shown in the option's description). */
export const CONFIRM_REASON =
	'A Replace that removes plans is sent as an OVERWRITE of the whole list: an older list written by another process that read it just before this write would undo it. Associate and Dissociate are sent as ADD and DELETE, which name only their own plans, and are not confirmed.';

/** How an update of one plan list is written. */
export function planListWrite(list: PlanList): Write<UpdateInput, OrgState> {
	return {
		requests: (before, after, inputs) => planWrites(before, after, inputs, list),
		// errorCode 0 (anything else is an error) says the ADD, DELETE or OVERWRITE was applied: the lists are
		// now as planned, without reading the organization again (2 requests per update: 1 read, 1 write).
		result: (_answers, after) => after,
	};
}
