import type { IDataObject } from 'n8n-workflow';

import { cloneSharing } from '../../../core/changes';
import { ChangeRefused } from '../../../core/errors';
import type { ChangedResource, OperationContext, Write, WriteRequest } from '../../../core/operation';
import type { ApiRequest } from '../../../core/types';
import { paths } from '../../api';
import { isObject, readBody } from '../../body';
import { type OperationType, readUpdateXml, updateRequest } from '../../planUpdate';
import { type Organization, organizationFromDetails, type PlanList, type PlanRef, plansFromList } from '../../shapes';
import { LIST_LABEL } from './fields';
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
 *
 * An ADD or DELETE that names several plans is followed by a read of the organization (`readBack`):
 * Commvault's PUT Organization page shows one plan per request, and errorCode 0 does not say that every
 * plan of a longer list was applied. One plan per request needs no read-back.
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
	const requests: Array<WriteRequest<OrgState>> = [];
	if (overwrite && removed.length > 0 && afterNames.length > 0) requests.push(request('OVERWRITE', afterNames));
	else {
		if (added.length > 0) requests.push(request('ADD', added));
		if (removed.length > 0) requests.push(request('DELETE', removed));
	}
	// OVERWRITE is confirmed instead ("Confirm Write"): it can be undone by an older list, ADD and DELETE cannot.
	const several = requests.some((r) => !r.revertible && (readUpdateXml(r.body)?.planNames.length ?? 0) > 1);
	return several ? [...requests, readBack(after.org.id)] : requests;
}

/** GET Organization/{id} after a request that named several plans: what Commvault holds now. */
function readBack(orgId: number): WriteRequest<OrgState> {
	return { method: 'GET', path: paths.organization(orgId), format: 'text', idempotent: true, revertible: false };
}

/**
 * The organization after the write. After a read-back, every plan the write added must be in the list and
 * every plan it removed out of it; otherwise nothing is reported as done, and the item fails naming the
 * plans that are not as asked.
 */
export function writeResult(answers: unknown[], after: OrgState, before: OrgState, list: PlanList): OrgState {
	const last = answers.at(-1);
	if (answers.length < 2 || !isObject(readBody(last).organizationInfo)) return after;
	const now = organizationFromDetails(after.org.id, last);
	const held = new Set(now[list].map((p) => p.planName));
	const wanted = new Set(after.org[list].map((p) => p.planName));
	const had = new Set(before.org[list].map((p) => p.planName));
	const missing = [...wanted].filter((n) => !had.has(n) && !held.has(n));
	const stayed = [...had].filter((n) => !wanted.has(n) && held.has(n));
	if (missing.length === 0 && stayed.length === 0) return { ...after, org: { ...after.org, [list]: now[list] } };
	const label = LIST_LABEL[list];
	const quote = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
	const problems = [
		missing.length ? `${quote(missing)} ${missing.length === 1 ? 'is' : 'are'} not among its ${label.plural}` : '',
		stayed.length ? `${quote(stayed)} ${stayed.length === 1 ? 'is' : 'are'} still among its ${label.plural}` : '',
	].filter(Boolean);
	throw new ChangeRefused(
		'Plan Names or IDs',
		`Commvault answered errorCode 0, but organization ${after.org.id}, read again, is not as asked: ${problems.join('; ')} (it holds ${quote([...held]) || 'none'}). Commvault applied only part of the request, or another writer changed the list since`,
		'Nothing of this item is reported as done. Run the node again: it reads the organization first and sends only what is still missing. If it keeps happening, change one plan per item.',
	);
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
		// errorCode 0 (anything else is an error) says a one-plan ADD, DELETE or OVERWRITE was applied: the list
		// is now as planned without reading it again (2 requests per update: 1 read, 1 write). A request that
		// named several plans was read back (3 requests), and the read decides.
		result: (answers, after, before) => writeResult(answers, after, before, list),
	};
}
