import { ChangeRefused } from '../../../core/errors';
import { planLabel, sameId } from '../../api';
import type { AssignedPlan, GivablePlans, PlanChoice, SubOrgState } from '../../shapes';

// The plan change an Update item makes: pure (resource.ts reads what it needs first).

/** The plans field, as the editor shows it (and as errors name it). */
export const PLANS = 'Plan Names or IDs';

export const PLAN_MODES = ['add', 'remove', 'replace'] as const;

type PlanMode = (typeof PLAN_MODES)[number];

/** What of an item the plan change looks at. */
export interface PlanChange {
	id: string;
	planMode: PlanMode;
	planIds: string[];
	removeUnlisted: boolean;
	/** The organization the item moves the sub-organization under, if any. */
	parentId?: string;
}

/** The organization an item puts the sub-organization under: the new parent it names, or the current one. */
export function parentFor(state: Pick<SubOrgState, 'organization' | 'mainOrgId'>, input: PlanChange): string {
	return input.parentId ?? (state.organization.parent_id || state.mainOrgId);
}

/** How the organization a sub-organization is (or is moved) under reads in messages. */
function parentName(state: SubOrgState, parentId: string): string {
	if (sameId(parentId, state.mainOrgId)) return 'the main organization';
	const org = state.organization;
	if (sameId(parentId, org.parent_id) && org.parent_name) return `"${org.parent_name}"`;
	return `the organization ${parentId}`;
}

/**
 * Applies an item's plan change. Every plan it names must be one the sub-organization has, or one its
 * parent (the new one, when the item moves it) can give; Replace never drops a plan unless allowed to.
 */
export function applyPlanChange(state: SubOrgState, input: PlanChange, who: string): void {
	if (input.planIds.length === 0) return;
	const parentId = parentFor(state, input);
	// Read only when the item names plans the sub-organization does not have (readState).
	const givable: GivablePlans = state.givable[parentId] ?? { plans: [], source: 'parent' };
	const assigned = state.plans.map((p) => p.id);
	const known = [...assigned, ...givable.plans.map((p) => p.id)];
	const unknown = input.planIds.filter((id) => !known.some((k) => sameId(k, id)));
	if (unknown.length) {
		const valid = givable.plans.map((p) => `${planLabel(p)} (${p.id})`).join(', ') || 'none';
		const ids = `${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not a plan' : 'are not plans'}`;
		const parent = parentName(state, parentId);
		if (givable.source === 'parent' && !sameId(parentId, state.mainOrgId)) {
			throw new ChangeRefused(
				PLANS,
				`${ids} ${parent} has: a sub-organization can only get plans its parent organization has`,
				`Choose plans ${parent} has: ${valid}. To give another plan, give it to ${parent} first, or move the sub-organization under an organization that has it ("Parent Organization").`,
			);
		}
		const unread = givable.source === 'main' ? ` The plans of ${parent}, the parent, could not be read: BlendVision One may also refuse a plan the parent does not have.` : '';
		throw new ChangeRefused(PLANS, `${ids} the main organization can assign`, `Choose plans from the list. Plans that can be assigned: ${valid}.${unread}`);
	}
	// The IDs as BlendVision One spells them.
	const named = input.planIds.map((id) => known.find((k) => sameId(k, id)) as string);
	let ids: string[];
	if (input.planMode === 'add') ids = [...assigned, ...named.filter((id) => !assigned.includes(id))];
	else if (input.planMode === 'remove') ids = assigned.filter((id) => !named.includes(id));
	else {
		const dropped = state.plans.filter((p) => !named.includes(p.id));
		if (dropped.length && !input.removeUnlisted) {
			throw new ChangeRefused(
				PLANS,
				`Replace would remove plans ${who} has but that are not listed: ${dropped.map((p) => (p.name ? `${p.name} (${p.id})` : p.id)).join(', ')}`,
				`Add these plans to "${PLANS}" to keep them, switch on "Remove Plans Not Listed" to remove them, or use "Add" or "Remove" to change only the plans you name.`,
			);
		}
		ids = named;
	}
	state.plans = withPlanNames(ids, state.plans, givable.plans);
}

/** The plans with these IDs: those the sub-organization has as they are, new ones named from the catalog. */
function withPlanNames(ids: string[], current: AssignedPlan[], catalog: PlanChoice[]): AssignedPlan[] {
	return ids.map((id) => {
		const existing = current.find((p) => p.id === id);
		if (existing) return existing;
		const choice = catalog.find((p) => p.id === id);
		return { id, ...(choice ? { name: choice.name, ...(choice.group ? { group: choice.group } : {}) } : {}) };
	});
}
