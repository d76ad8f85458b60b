import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { cloneSharing } from '../../../core/changes';
import { ChangeRefused } from '../../../core/errors';
import { type Operation, defineUpdate } from '../../../core/node';
import type { OperationContext, WriteRequest } from '../../../core/operation';
import type { ItemParams } from '../../../core/params';
import type { ApiRequest } from '../../../core/types';
import {
	defaultPlanProblem,
	type Organization,
	type OperationType,
	organizationFromDetails,
	paths,
	type PlanList,
	type PlanRef,
	plansFromList,
	quoteList,
	readUpdateXml,
	updateRequest,
} from '../../api';
import { resourceLocator } from '../../../core/descriptions';

/** Commvault organization IDs (shortName.id) are whole numbers. */
const ORG_ID = /^\d{1,10}$/;

export const organizationField: INodeProperties = resourceLocator({
	displayName: 'Organization',
	name: 'organization',
	description: 'The Commvault organization (company) to read or change',
	searchListMethod: 'searchOrganizations',
	id: {
		placeholder: 'e.g. 12',
		regex: '^\\s*\\d+\\s*$',
		errorMessage: 'An organization ID is a whole number (the shortName.id of GET Organization), e.g. 12',
	},
});

export type Mode = 'add' | 'remove' | 'replace';
export const MODES: readonly Mode[] = ['add', 'remove', 'replace'];

/** What each list is called in the UI and in messages. */
export const LIST_LABEL: Record<PlanList, { plural: string; field: string; operation: string }> = {
	plans: { plural: 'plans', field: 'Plans', operation: 'Update Plans' },
	defaultPlans: { plural: 'default plans', field: 'Default Plans', operation: 'Update Default Plans' },
};

export function updateFields(list: PlanList): INodeProperties[] {
	const label = LIST_LABEL[list];
	return [
		organizationField,
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{
					name: 'Associate (Add)',
					value: 'add',
					description: `Add the listed plans to the organization's ${label.plural}, keeping every other one`,
				},
				{
					name: 'Dissociate (Delete)',
					value: 'remove',
					description: `Remove the listed plans from the organization's ${label.plural}, keeping every other one`,
				},
				{
					name: 'Replace (Overwrite)',
					value: 'replace',
					description: `Make the listed plans the organization's only ${label.plural}. Removing any needs "Remove ${label.field} Not Listed".`,
				},
			],
			default: 'add',
			description: `How to change the organization's ${label.plural}`,
		},
		{
			displayName: `Replace makes the listed plans the only ${label.plural}: every other one is removed (Commvault's OVERWRITE). The node refuses and names the plans it would remove unless "Remove ${label.field} Not Listed" is on.`,
			name: 'replaceNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { mode: ['replace'] } },
		},
		{
			displayName: 'Plan Names or IDs',
			name: 'plans',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getPlans' },
			default: [],
			description: `The plans to ${list === 'plans' ? 'associate, dissociate or keep' : 'add, remove or keep as default plans'}, by name or plan ID; an expression may give an array or a comma-separated list. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
		{
			displayName: `Remove ${label.field} Not Listed`,
			name: 'removeUnlisted',
			type: 'boolean',
			default: false,
			description: `Whether to allow Replace to remove the organization's ${label.plural} that are not listed. When off, the node refuses such a change and names the plans it would remove.`,
			displayOptions: { show: { mode: ['replace'] } },
		},
	];
}

export interface OrgInput {
	orgId: number;
}

export interface UpdateInput extends OrgInput {
	mode: Mode;
	/** Plan names, or plan IDs given as whole numbers (resolved against GET Plan). */
	plans: string[];
	removeUnlisted: boolean;
}

/** The resource an update works on: the organization, plus the plan list of GET Plan to check names. */
export interface OrgState {
	org: Organization;
	catalog: PlanRef[];
}

export function readOrgId(params: ItemParams): number {
	const value = params.locator('organization', 'Organization', {
		pattern: ORG_ID,
		patternHint:
			'Use the numeric Commvault organization ID (the shortName.id of GET Organization, e.g. 12), or choose the organization from the list.',
	});
	return Number(value);
}

/** Plan names from the multi-select, or from an expression giving an array or a comma-separated list. */
export function readPlanNames(params: ItemParams, required: boolean): string[] {
	const label = 'Plan Names or IDs';
	const value = params.raw('plans', label, []);
	const list =
		typeof value === 'number'
			? [value]
			: params.checkList(value, label, 'plan names', 'Choose plans from the list, or use an expression that gives an array of plan names.');
	const names: string[] = [];
	for (const entry of list) {
		if (typeof entry === 'number' && Number.isInteger(entry)) {
			names.push(String(entry));
			continue;
		}
		if (typeof entry !== 'string') {
			throw params.error(label, `${JSON.stringify(entry).slice(0, 80)} is not a plan name`, 'Give each plan as its name (text) or its plan ID.');
		}
		const name = entry.trim();
		if (name === '') continue;
		if (name.length > 256) throw params.error(label, `a plan name is ${name.length} characters long`, 'Plan names are at most 256 characters; check the expression.');
		if (!names.includes(name)) names.push(name);
	}
	if (required && names.length === 0) {
		throw params.error(label, 'no plan was chosen', `Choose at least one plan for "${label}".`);
	}
	return names;
}

export function prepareUpdate(params: ItemParams, list: PlanList): UpdateInput {
	const orgId = readOrgId(params);
	const mode = params.option('mode', 'Mode', MODES, 'add') ?? 'add';
	return {
		orgId,
		mode,
		// Replace may name no plan (with the toggle on, that removes them all); the others need one.
		plans: readPlanNames(params, mode !== 'replace'),
		removeUnlisted: mode === 'replace' ? params.boolean('removeUnlisted', `Remove ${LIST_LABEL[list].field} Not Listed`) : false,
	};
}

/** A GET through the transport (the answer may be JSON or XML: read as text, parsed by the caller). */
export async function get(op: OperationContext, path: string, itemIndex: number): Promise<unknown> {
	return await op.transport.request({ method: 'GET', path, format: 'text' }, itemIndex);
}

export async function readOrganization(op: OperationContext, orgId: number, itemIndex: number): Promise<Organization> {
	return organizationFromDetails(orgId, await get(op, paths.organization(orgId), itemIndex));
}

/**
 * GET Plan, once per process and CommServe user (for 10 minutes), and again at once when `wanted` names a
 * plan (by name or ID) the list does not hold: a plan created since.
 */
export async function readCatalog(op: OperationContext, itemIndex: number, wanted: string[] = []): Promise<PlanRef[]> {
	const load = async () => plansFromList(await get(op, paths.plans, itemIndex));
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
const sortedNames = (plans: PlanRef[]) => plans.map((p) => p.planName).sort(byName);

/** Turns the names or IDs of an item into the catalog's plans; refuses names Commvault does not know. */
function resolvePlans(state: OrgState, requested: string[]): PlanRef[] {
	const known = new Map<string, PlanRef>();
	for (const p of [...state.catalog, ...state.org.plans, ...state.org.defaultPlans]) if (!known.has(p.planName)) known.set(p.planName, p);
	const byId = new Map<string, PlanRef>();
	for (const p of known.values()) if (p.planId !== null) byId.set(String(p.planId), p);
	const resolved: PlanRef[] = [];
	const unknown: string[] = [];
	for (const entry of requested) {
		const plan = known.get(entry) ?? (/^\d+$/.test(entry) ? byId.get(entry) : undefined);
		if (plan) {
			if (!resolved.some((r) => r.planName === plan.planName)) resolved.push({ planName: plan.planName, planId: plan.planId });
		} else unknown.push(entry);
	}
	if (unknown.length > 0) {
		const similar = unknown
			.map((u) => [...known.keys()].find((k) => k.toLowerCase() === u.toLowerCase()))
			.filter((s): s is string => s !== undefined);
		const names = [...known.keys()].sort(byName);
		const shown = names.length > 20 ? `${quoteList(names.slice(0, 20))}, … (${names.length} in all)` : quoteList(names);
		throw new ChangeRefused(
			'Plan Names or IDs',
			`Commvault has no plan ${quoteList(unknown)} (plan names are matched exactly)`,
			`${similar.length ? `Did you mean ${quoteList(similar)}? ` : ''}Choose the plans from the list, or use names exactly as GET Plan lists them: ${shown}.`,
		);
	}
	return resolved;
}

/**
 * Applies one item's change to one plan list of the organization. Pure: refuses (ChangeRefused) a
 * Replace that would remove plans without the explicit toggle, unknown plans, and default plans that
 * are not associated plans.
 */
export function applyChange(state: OrgState, input: UpdateInput, list: PlanList): OrgState {
	const label = LIST_LABEL[list];
	const current = state.org[list];
	const requested = resolvePlans(state, input.plans);
	const has = (name: string) => requested.some((r) => r.planName === name);
	let next: PlanRef[];
	if (input.mode === 'add') {
		next = [...current, ...requested.filter((r) => !current.some((c) => c.planName === r.planName))];
	} else if (input.mode === 'remove') {
		next = current.filter((c) => !has(c.planName));
	} else {
		const removed = current.filter((c) => !has(c.planName)).map((c) => c.planName);
		if (removed.length > 0 && !input.removeUnlisted) {
			throw new ChangeRefused(
				'Plan Names or IDs',
				`Replace would remove ${label.plural} organization ${state.org.id} has but that are not listed: ${quoteList(removed)}`,
				`Add these plans to "Plan Names or IDs" to keep them, switch on "Remove ${label.field} Not Listed" to remove them, or use mode "Associate" to add plans without removing any.`,
			);
		}
		next = [...current.filter((c) => has(c.planName)), ...requested.filter((r) => !current.some((c) => c.planName === r.planName))];
	}
	const problem = defaultPlanProblem(state.org, list, next);
	if (problem) throw new ChangeRefused('Plan Names or IDs', problem.problem, problem.fix);
	state.org[list] = next;
	return state;
}

/**
 * The requests that turn `before` into `after` for one plan list: one OVERWRITE with the complete list
 * when an item chose Replace with the toggle on and plans are removed; otherwise ADD for the plans that
 * are new and DELETE for the plans that go (ADD first, so a failure half-way never leaves fewer plans).
 * The meaning of the three operations is the assumption noted at `OperationType` in api.ts.
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

/** Everything Update Plans and Update Default Plans share; they differ only by the plan list. */
export function planListUpdate(list: PlanList): Operation {
	return defineUpdate<UpdateInput, OrgState>({
		fields: updateFields(list),
		input: (params) => prepareUpdate(params, list),
		resource: {
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
		},
		apply: (current, input) => applyChange(current, input, list),
		write: {
			requests: (before, after, inputs) => planWrites(before, after, inputs, list),
			// errorCode 0 (anything else is an error) says the ADD, DELETE or OVERWRITE was applied: the lists are
			// now as planned, without reading the organization again (2 requests per update: 1 read, 1 write).
			result: (_answers, after) => after,
		},
	});
}
