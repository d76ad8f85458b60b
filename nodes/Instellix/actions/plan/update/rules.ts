import { diff } from '../../../../core/changes';
import { ChangeRefused } from '../../../../core/errors';
import { PLAN_TYPES, type Plan, type PlanResource, paths } from '../../../api';
import { ACTIVE_CONTRACT_EDITABLE, ACTIVE_CONTRACT_FIELD, comparable, phasesOf } from '../../../plan';
import { RAW } from './input';
import { isObject } from './objects';
import { checkNextPhases, phaseList } from './phases';

// Instellix's documented rules on the plan as it would be sent. Pure.

/** What every PUT needs: a name and at least one phase. */
export function checkRequired({ plan, planId }: PlanResource): void {
	if (phasesOf(plan).length === 0) {
		throw new ChangeRefused(
			'Plan',
			`plan ${planId} has no phases, and Instellix needs at least one phase in every update`,
			'Add a phase with "Add Phases" in the same item.',
		);
	}
	if (typeof plan.name !== 'string' || plan.name.trim() === '') {
		throw new ChangeRefused('Name', `plan ${planId} has no name, and Instellix needs one in every update`, 'Set "Name" under "Update Fields".');
	}
}

/**
 * The checks the node's own fields make, made again on the plan after "Raw Plan Changes (JSON)": the name,
 * the type, the initial phase and every next phase, and the object fields (the option rules and the
 * active-contract rule run on every item).
 */
export function checkRawResult(resource: PlanResource): void {
	const { plan, planId } = resource;
	const refuse = (problem: string, fix: string) => new ChangeRefused(RAW, problem, fix);
	if (typeof plan.name === 'string' && plan.name.length > 255) throw refuse(`the name would be ${plan.name.length} characters long, more than the 255 allowed`, 'Shorten the name.');
	if (plan.type !== null && plan.type !== undefined && !PLAN_TYPES.includes(plan.type as never)) {
		throw refuse(`the type would be ${JSON.stringify(plan.type)}`, `Use one of: ${PLAN_TYPES.join(', ')}, or null.`);
	}
	const idents = phasesOf(plan).map((p) => p.ident);
	if (typeof plan.initialPhase === 'string' && !idents.includes(plan.initialPhase)) {
		throw refuse(`the initial phase "${plan.initialPhase}" is not a phase of plan ${planId}; its phases are: ${phaseList(plan)}`, "Use the ident of one of the plan's phases.");
	}
	for (const phase of phasesOf(plan)) checkNextPhases(resource, phase.transitions, RAW);
	const objects: Array<[string, unknown]> = [
		['pendingContractTerms', plan.pendingContractTerms],
		...phasesOf(plan).map((p): [string, unknown] => [`billingConfig of phase "${String(p.ident)}"`, p.billingConfig]),
	];
	for (const [field, value] of objects) {
		if (value !== null && value !== undefined && !isObject(value)) throw refuse(`${field} would be ${JSON.stringify(value)}, not an object`, 'Give it as a JSON object, or null to clear it.');
	}
}

/**
 * While a plan holds an active contract, only its name and properties may change (documented). Compared on
 * the plan as it would be sent, so setting a field to the value it has is no change.
 */
export function checkActiveContract(before: Plan, { plan, planId }: PlanResource): void {
	const restricted = diff(comparable(before), comparable(plan))
		.map((c) => c.field)
		.filter((field) => !ACTIVE_CONTRACT_EDITABLE.some((f) => field === f || field.startsWith(`${f}.`)));
	if (restricted.length > 0) throw activeContractRefused(planId, restricted);
}

export function activeContractRefused(planId: string, fields: string[]): ChangeRefused {
	return new ChangeRefused(
		fields.join(', '),
		`plan ${planId} has an active contract, so Instellix only allows changing its ${ACTIVE_CONTRACT_EDITABLE.join(' and ')}`,
		`While a plan holds an active contract only "Name" and "Properties" may change. Remove the other changes from this item, or make them on a new plan. The node knows about the contract from the "${ACTIVE_CONTRACT_FIELD}" field of GET ${paths.plan(planId)}.`,
	);
}
