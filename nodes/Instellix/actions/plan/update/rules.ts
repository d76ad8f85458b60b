import { diff } from '../../../../core/changes';
import { ChangeRefused } from '../../../../core/errors';
import { type Plan, type PlanResource, paths } from '../../../api';
import { ACTIVE_CONTRACT_EDITABLE, ACTIVE_CONTRACT_FIELD, comparable, phasesOf } from '../../../plan';
import { RAW } from './input';
import { isObject } from './objects';
import { checkNextPhases, missingPhase } from './phases';

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
 * The plan checks the node's fields get, made again on the plan after "Raw Plan Changes (JSON)": the initial
 * phase, every next phase and the object fields (the name, the option rules and the active-contract rule run
 * on every item; other values are Instellix's to check).
 */
export function checkRawResult(resource: PlanResource): void {
	const { plan } = resource;
	const refuse = (problem: string, fix: string) => new ChangeRefused(RAW, problem, fix);
	const idents = phasesOf(plan).map((p) => p.ident);
	if (typeof plan.initialPhase === 'string' && !idents.includes(plan.initialPhase)) throw missingPhase(resource, RAW, plan.initialPhase, 'Make initialPhase one of its phases.');
	for (const phase of phasesOf(plan)) checkNextPhases(resource, phase.transitions, RAW);
	const objects: Array<[string, unknown]> = [
		['pendingContractTerms', plan.pendingContractTerms],
		...phasesOf(plan).map((p): [string, unknown] => [`billingConfig of phase "${String(p.ident)}"`, p.billingConfig]),
	];
	for (const [field, value] of objects) {
		if (value !== null && value !== undefined && !isObject(value)) throw refuse(`${field} would be ${JSON.stringify(value)}, not an object`, 'Give a JSON object, or null.');
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
