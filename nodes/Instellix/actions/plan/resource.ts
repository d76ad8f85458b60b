import type { IDataObject } from 'n8n-workflow';

import { diff } from '../../../core/changes';
import { ChangeRefused } from '../../../core/errors';
import type { ChangedResource, OperationContext, Write } from '../../../core/operation';
import { type Plan, type PlanResource, paths } from '../../api';
import { comparable, hasActiveContract } from '../../plan';
import { type UserKeys, toPutBody } from '../../putBody';
import type { PlanInput } from './inputs';
import { type OptionChange, lookUpOptions } from './options';

// The resource updates work on: one plan (with the option lookups its rules need), read, shown, compared
// and written back whole.

/** Why "Confirm Write" matters for Instellix (shown in the option's description). */
export const CONFIRM_REASON =
	'Instellix replaces the whole plan on each update: an older copy written by another process that read it just before this write would undo this change.';

export async function fetchPlan(op: OperationContext, planId: string, itemIndex: number): Promise<Plan> {
	const body = await op.transport.request<Plan>({ method: 'GET', path: paths.plan(planId) }, itemIndex);
	return body && typeof body === 'object' && !Array.isArray(body) ? body : {};
}

/** What of an item the read looks at: the plan, and the option changes whose rules need lookups. */
export interface PlanChange extends PlanInput {
	optionChange: OptionChange;
	/** The keys the item's "Raw Plan Changes" set (sent whatever they are). */
	userKeys: UserKeys;
}

/** The plan, plus the option lookups the option rules of `group` need. */
export const planResource: ChangedResource<PlanChange, PlanResource> = {
	key: (input) => input.planId,
	label: (input) => `plan ${input.planId}`,
	read: async (op, input, itemIndex, group) => {
		const plan = await fetchPlan(op, input.planId, itemIndex);
		return { planId: input.planId, plan, options: await lookUpOptions(op, plan, group.map((item) => item.optionChange), itemIndex) };
	},
	view: (resource) => resource.plan,
	compare: (resource) => comparable(resource.plan),
};

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `actual` holds everything `expected` holds (it may hold more keys). */
function contains(actual: unknown, expected: unknown): boolean {
	if (expected === null || expected === undefined) return actual === null || actual === undefined;
	if (Array.isArray(expected)) {
		return Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => contains(actual[i], v));
	}
	if (isPlainObject(expected)) {
		return isPlainObject(actual) && Object.entries(expected).every(([k, v]) => v === undefined || contains(actual[k], v));
	}
	return actual === expected;
}

/**
 * After the PUT: Instellix's answer is the plan as saved (UNCONFIRMED; an empty answer makes the
 * runner read the plan again). A change the answer does not show was not applied, e.g. because the
 * plan holds an active contract the plan read did not reveal: the item fails instead of reporting it.
 */
export function checkLanded(answer: unknown, before: PlanResource, after: PlanResource): PlanResource | undefined {
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
	const saved = answer as Plan;
	if (typeof saved.name !== 'string' || !Array.isArray(saved.phases)) return undefined;
	const wanted = diff(comparable(before.plan), comparable(after.plan)).map((c) => c.field);
	const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
	// `from` is what Instellix saved, `to` what was sent. Extra keys Instellix adds (defaults, expanded
	// option details) do not count as "not applied"; a value it kept or changed does.
	const missed = diff(comparable(saved), comparable(after.plan))
		.filter((c) => wanted.some((w) => related(c.field, w)) && !contains(c.from, c.to))
		.map((c) => c.field);
	if (missed.length > 0) {
		const fix =
			hasActiveContract(before.plan) === false
				? 'The plan holds no active contract, so Instellix\'s update does not take these fields: check their names against Instellix\'s "Update plan" reference.'
				: 'This is what Instellix does while a plan holds an active contract: it takes only changes to the name and the properties. Check the plan in Instellix (the output of "Get" shows it); change only "Name" and "Properties" on this plan, or make the other changes on a new plan.';
		throw new ChangeRefused(missed.join(', '), `Instellix answered the update of plan ${after.planId} but kept the old value of these fields`, fix);
	}
	return { ...after, plan: saved };
}

/** The whole plan, written back (the runner confirms it: see CONFIRM_REASON). */
export const writePlan: Write<PlanChange, PlanResource> = {
	// The body is the whole plan: sending it twice has the same effect, so PUT is retried as usual.
	requests: (_before, after, inputs) => {
		const user: UserKeys = { plan: inputs.flatMap((i) => i.userKeys.plan), phases: {} };
		for (const { userKeys } of inputs) for (const [ident, keys] of Object.entries(userKeys.phases)) (user.phases[ident] ??= []).push(...keys);
		return [{ method: 'PUT', path: paths.plan(after.planId), body: toPutBody(after.plan, user) }];
	},
	result: (answers, after, before) => checkLanded(answers[answers.length - 1], before, after),
};
