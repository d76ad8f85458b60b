import type { IDataObject } from 'n8n-workflow';

import { clone } from '../../../../core/changes';
import { ChangeRefused } from '../../../../core/errors';
import type { Warn } from '../../../../core/operation';
import type { Plan, PlanResource } from '../../../api';
import { PROPERTY_VALUE_KEY, hasActiveContract, newProperty, phasesOf, propertyIdentOf } from '../../../plan';
import { readOnlyKeysSet } from '../../../putBody';
import { checkOptionRules, touchesOptionRule } from '../options';
import { type Input, RAW } from './input';
import { changedObject, mergePlan } from './objects';
import { addPhase, changePhase, checkNextPhases, missingPhase, removePhases } from './phases';
import { activeContractRefused, checkActiveContract, checkRawResult, checkRequired } from './rules';

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
 * Adding a phase, or removing one the plan has, always changes the phases: on a plan with an active contract
 * it is refused for that rule before anything else is looked at.
 */
function checkPhaseListLocked({ plan, planId }: PlanResource, input: Input): void {
	const removes = input.removePhases.some((ident) => phasesOf(plan).some((p) => p.ident === ident));
	const fields = [...(input.addPhases.length > 0 ? ['Add Phases'] : []), ...(removes ? ['Phases to Remove'] : [])];
	if (fields.length > 0) throw activeContractRefused(planId, fields);
}

/** The fields but the name and the properties, in the order they build on each other. */
function applyLocked(current: PlanResource, input: Input, warn: Warn): void {
	const { plan } = current;
	if (input.businessSegmentIdent !== undefined) plan.businessSegmentIdent = input.businessSegmentIdent;
	if (input.individualPlan !== undefined) plan.individualPlan = input.individualPlan;
	if (input.type !== undefined) plan.type = input.type;
	if (input.pendingContractTerms !== undefined) plan.pendingContractTerms = changedObject(plan.pendingContractTerms, input.pendingContractTerms);
	// New phases first, so that changes, the initial phase and next phases may name them.
	for (const add of input.addPhases) addPhase(current, add);
	for (const add of input.addPhases) {
		checkNextPhases(current, phasesOf(plan).find((p) => p.ident === add.ident)?.transitions, `Transition of new phase "${add.ident}"`);
	}
	for (const change of input.phases) changePhase(current, change);
	if (input.initialPhase !== undefined) {
		if (!phasesOf(plan).some((p) => p.ident === input.initialPhase)) throw missingPhase(current, 'Initial Phase', input.initialPhase, "Use one of the plan's phases.");
		plan.initialPhase = input.initialPhase;
	}
	if (input.removePhases.length > 0) removePhases(current, input.removePhases, warn);
	if (input.raw !== undefined) {
		const readOnly = readOnlyKeysSet(plan, input.raw);
		if (readOnly.length) {
			throw new ChangeRefused(RAW, `it sets ${readOnly.map((k) => `"${k}"`).join(', ')}: plan ${current.planId} holds ${readOnly.length === 1 ? 'it' : 'them'}, but Instellix's update does not take ${readOnly.length === 1 ? 'it' : 'them'} (read-only)`, 'Leave them out of "Raw Plan Changes (JSON)".');
		}
		mergePlan(plan, input.raw);
		checkRawResult(current);
	}
}

/**
 * The item's changes on the plan as read: the fields it sets, its property and phase changes, its raw
 * changes, each checked against the plan (phases named exist, the active-contract rule, the option rules).
 */
export function apply(current: PlanResource, input: Input, warn: Warn): PlanResource {
	const before = clone(current.plan);
	const { plan } = current;
	const active = hasActiveContract(before) === true;
	if (active) checkPhaseListLocked(current, input);
	if (input.name !== undefined) plan.name = input.name;
	applyProperties(plan, input);
	applyLocked(current, input, warn);
	checkRequired(current);
	if (active) checkActiveContract(before, current);
	if (touchesOptionRule(input.optionChange)) checkOptionRules(current, input.optionChange);
	return current;
}
