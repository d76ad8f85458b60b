import { ChangeRefused } from '../../../core/errors';
import type { Organization, PlanList, PlanRef } from '../../shapes';
import { LIST_LABEL } from './fields';
import type { UpdateInput } from './inputs';
import { type OrgState, sortedNames } from './resource';

// One item's change to one plan list, pure: what the apply of Update Plans and Update Default Plans does.

/**
 * The rule that ties default plans to associated plans, in one place.
 * ASSUMPTION (UNCONFIRMED): a default plan must be one of the organization's associated plans.
 * Commvault's SDK refuses to set a default plan that is not associated; whether the server enforces
 * it is not documented. The node keeps the rule both ways: it does not set such a default plan, and
 * it does not dissociate a plan that is still a default plan (that would leave a dangling default).
 */
function defaultPlanProblem(org: Organization, list: PlanList, after: PlanRef[]): { problem: string; fix: string } | undefined {
	const associated = new Set(org.plans.map((p) => p.planName));
	if (list === 'defaultPlans') {
		const notAssociated = after.map((p) => p.planName).filter((n) => !associated.has(n));
		if (notAssociated.length === 0) return undefined;
		return {
			problem: `${quoteList(notAssociated)} ${notAssociated.length === 1 ? 'is' : 'are'} not associated with organization ${org.id}, so ${notAssociated.length === 1 ? 'it' : 'they'} cannot be a default plan`,
			fix: 'Associate the plan with the organization first (operation "Update Plans", mode "Associate"), then make it a default plan.',
		};
	}
	const kept = new Set(after.map((p) => p.planName));
	const stillDefault = org.defaultPlans.map((p) => p.planName).filter((n) => !kept.has(n));
	if (stillDefault.length === 0) return undefined;
	return {
		problem: `${quoteList(stillDefault)} ${stillDefault.length === 1 ? 'is a default plan' : 'are default plans'} of organization ${org.id} and cannot be dissociated`,
		fix: 'Remove it from the default plans first (operation "Update Default Plans", mode "Dissociate"), then dissociate it.',
	};
}

function quoteList(names: string[]): string {
	return names.map((n) => `"${n}"`).join(', ');
}

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
		const names = sortedNames([...known.values()]);
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
