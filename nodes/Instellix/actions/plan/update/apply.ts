import type { IDataObject } from 'n8n-workflow';

import { clone, diff } from '../../../../core/changes';
import { ChangeRefused } from '../../../../core/errors';
import { type Plan, type PlanResource, paths } from '../../../api';
import {
	ACTIVE_CONTRACT_EDITABLE,
	ACTIVE_CONTRACT_FIELD,
	PROPERTY_VALUE_KEY,
	comparable,
	durationSample,
	endOfMonthKey,
	hasActiveContract,
	linkedOptionIdentOf,
	mergeDuration,
	newLinkedOption,
	newProperty,
	phasesOf,
	propertyIdentOf,
	transitionTargets,
} from '../../../plan';
import { checkOptionRules, touchesOptionRule } from '../options';
import type { Input, PhaseChange } from './input';

function phaseList(plan: Plan): string {
	const idents = phasesOf(plan).map((p) => (typeof p.ident === 'string' ? p.ident : '(no ident)'));
	return idents.length ? idents.join(', ') : 'none';
}

function applyPhaseChange(resource: PlanResource, change: PhaseChange): void {
	const { plan, planId } = resource;
	const phase = phasesOf(plan).find((p) => p.ident === change.ident);
	if (!phase) {
		throw new ChangeRefused(
			`Phase Changes ${change.position}: Phase`,
			`plan ${planId} has no phase "${change.ident}"; its phases are: ${phaseList(plan)}`,
			'Use the ident of one of the plan\'s phases. The node changes existing phases only; it does not add or remove phases.',
		);
	}
	if (change.name !== undefined) phase.name = change.name;
	const sample = durationSample(phasesOf(plan));
	if (change.termDuration !== undefined) phase.termDuration = mergeDuration(phase.termDuration, change.termDuration, sample);
	if (change.noticePeriod !== undefined) phase.noticePeriod = mergeDuration(phase.noticePeriod, change.noticePeriod, sample);
	if (change.endOfMonth !== undefined) phase[endOfMonthKey(phase)] = change.endOfMonth;
	if (change.removeOptions.length > 0 && Array.isArray(phase.linkedOptions)) {
		phase.linkedOptions = (phase.linkedOptions as IDataObject[]).filter(
			(o) => !change.removeOptions.includes(linkedOptionIdentOf(o) as string),
		);
	}
	if (change.addOptions.length > 0) {
		const list = Array.isArray(phase.linkedOptions) ? (phase.linkedOptions as IDataObject[]) : [];
		for (const ident of change.addOptions) {
			if (!list.some((o) => linkedOptionIdentOf(o) === ident)) list.push(newLinkedOption(ident));
		}
		phase.linkedOptions = list;
	}
	if (change.transitions !== undefined) {
		const idents = phasesOf(plan).map((p) => p.ident);
		const missing = transitionTargets(change.transitions).filter((t) => !idents.includes(t));
		if (missing.length) {
			throw new ChangeRefused(
				`Transition of phase "${change.ident}"`,
				`the next phase ${missing.map((m) => `"${m}"`).join(', ')} is not a phase of plan ${planId}; its phases are: ${phaseList(plan)}`,
				'Use the ident of one of the plan\'s phases as the next phase.',
			);
		}
		phase.transitions = clone(change.transitions);
	}
}

function applyProperties(plan: Plan, input: Input): void {
	if (input.removeProperties.length > 0 && Array.isArray(plan.properties)) {
		plan.properties = (plan.properties as IDataObject[]).filter(
			(p) => !input.removeProperties.includes(propertyIdentOf(p) as string),
		);
	}
	if (input.setProperties.length > 0) {
		const list = Array.isArray(plan.properties) ? (plan.properties as IDataObject[]) : [];
		for (const { ident, value } of input.setProperties) {
			const existing = list.find((p) => propertyIdentOf(p) === ident);
			if (existing) existing[PROPERTY_VALUE_KEY] = value;
			else list.push(newProperty(ident, value));
		}
		plan.properties = list;
	}
}

/**
 * The item's changes on the plan as read: the fields it sets, its property and phase changes, each checked
 * against the plan (phases named exist, the active-contract rule, the option rules).
 */
export function apply(current: PlanResource, input: Input): PlanResource {
	const before = clone(current.plan);
	const { plan, planId } = current;
	if (phasesOf(plan).length === 0) {
		throw new ChangeRefused(
			'Plan',
			`plan ${planId} has no phases, and Instellix needs at least one phase in every update`,
			'Add a phase to the plan in Instellix first; this node changes existing phases but does not create them.',
		);
	}
	if (input.name !== undefined) plan.name = input.name;
	if (typeof plan.name !== 'string' || plan.name.trim() === '') {
		throw new ChangeRefused('Name', `plan ${planId} has no name, and Instellix needs one in every update`, 'Set "Name" under "Update Fields".');
	}
	if (input.businessSegmentIdent !== undefined) plan.businessSegmentIdent = input.businessSegmentIdent;
	if (input.individualPlan !== undefined) plan.individualPlan = input.individualPlan;
	if (input.type !== undefined) plan.type = input.type;
	applyProperties(plan, input);
	for (const change of input.phases) applyPhaseChange(current, change);
	if (input.initialPhase !== undefined) {
		if (!phasesOf(plan).some((p) => p.ident === input.initialPhase)) {
			throw new ChangeRefused(
				'Initial Phase',
				`plan ${planId} has no phase "${input.initialPhase}"; its phases are: ${phaseList(plan)}`,
				'Use the ident of one of the plan\'s phases.',
			);
		}
		plan.initialPhase = input.initialPhase;
	}

	if (hasActiveContract(before) === true) {
		const restricted = diff(comparable(before), comparable(plan))
			.map((c) => c.field)
			.filter((field) => !ACTIVE_CONTRACT_EDITABLE.some((f) => field === f || field.startsWith(`${f}.`)));
		if (restricted.length > 0) {
			throw new ChangeRefused(
				restricted.join(', '),
				`plan ${planId} has an active contract, so Instellix only allows changing its ${ACTIVE_CONTRACT_EDITABLE.join(' and ')}`,
				`While a plan holds an active contract only "Name" and "Properties" may change. Remove the other changes from this item, or make them on a new plan. The node knows about the contract from the "${ACTIVE_CONTRACT_FIELD}" field of GET ${paths.plan(planId)}.`,
			);
		}
	}
	if (touchesOptionRule(input)) checkOptionRules(current, input);
	return current;
}
