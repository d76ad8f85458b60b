import type { IDataObject } from 'n8n-workflow';

import { ChangeRefused } from '../../../../core/errors';
import type { Warn } from '../../../../core/operation';
import type { Plan, PlanResource } from '../../../api';
import { durationSample, endOfMonthKey, linkedOptionIdentOf, mergeDuration, newLinkedOption, phasesOf, transitionTargets, transitionsFor } from '../../../plan';
import { changedObject } from './objects';
import type { NewPhase, PhaseChange } from './phaseInput';

// The phase changes of an item on the plan: change, add, remove. Pure; each refuses what Instellix would.

function phaseList(plan: Plan): string {
	const idents = phasesOf(plan).map((p) => (typeof p.ident === 'string' ? p.ident : '(no ident)'));
	return idents.length ? idents.join(', ') : 'none';
}

/** "plan 4711 has no phase "x"; its phases are: …", for the field that names it. */
export function missingPhase({ plan, planId }: PlanResource, field: string, ident: string | undefined, fix: string): ChangeRefused {
	return new ChangeRefused(field, `plan ${planId} has no phase "${String(ident)}"; its phases are: ${phaseList(plan)}`, fix);
}

/** Refuses transitions whose next phase is not a phase of the plan. */
export function checkNextPhases({ plan, planId }: PlanResource, transitions: unknown, field: string): void {
	const idents = phasesOf(plan).map((p) => p.ident);
	const missing = transitionTargets(transitions).filter((t) => !idents.includes(t));
	if (missing.length) {
		throw new ChangeRefused(
			field,
			`the next phase ${missing.map((m) => `"${m}"`).join(', ')} is not a phase of plan ${planId}; its phases are: ${phaseList(plan)}`,
			"Use the ident of one of the plan's phases as the next phase.",
		);
	}
}

export function changePhase(resource: PlanResource, change: PhaseChange): void {
	const { plan } = resource;
	const phase = phasesOf(plan).find((p) => p.ident === change.ident);
	if (!phase) {
		throw missingPhase(resource, `Phase Changes ${change.position}: Phase`, change.ident, 'Use one of its phases, or add the phase with "Add Phases".');
	}
	if (change.name !== undefined) phase.name = change.name;
	const sample = durationSample(phasesOf(plan));
	if (change.termDuration !== undefined) phase.termDuration = mergeDuration(phase.termDuration, change.termDuration, sample);
	if (change.noticePeriod !== undefined) phase.noticePeriod = mergeDuration(phase.noticePeriod, change.noticePeriod, sample);
	if (change.endOfMonth !== undefined) phase[endOfMonthKey(phase, phasesOf(plan))] = change.endOfMonth;
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
		const transitions = transitionsFor(change.transitions, phasesOf(plan));
		checkNextPhases(resource, transitions, `Transition of phase "${change.ident}"`);
		phase.transitions = transitions;
	}
	if (change.billingConfig !== undefined) phase.billingConfig = changedObject(phase.billingConfig, change.billingConfig);
}

/**
 * Adds a phase at its place. Durations take the shape of the plan's other durations and the end-of-month
 * flag the name its phases use (plan.ts); its next phase is checked once every phase of the item is in.
 */
export function addPhase(resource: PlanResource, add: NewPhase): void {
	const { plan, planId } = resource;
	const phases = phasesOf(plan);
	if (phases.some((p) => p.ident === add.ident)) {
		throw new ChangeRefused(
			`Add Phases ${add.position}: Ident`,
			`plan ${planId} already has a phase "${add.ident}"; its phases are: ${phaseList(plan)}`,
			'Give the new phase another ident, or change the existing one with "Phase Changes".',
		);
	}
	const sample = durationSample(phases);
	const phase: IDataObject = { ident: add.ident };
	if (add.name !== undefined) phase.name = add.name;
	if (add.termDuration !== undefined) phase.termDuration = mergeDuration(undefined, add.termDuration, sample);
	if (add.noticePeriod !== undefined) phase.noticePeriod = mergeDuration(undefined, add.noticePeriod, sample);
	phase[endOfMonthKey(phase, phases)] = add.endOfMonth;
	phase.linkedOptions = add.linkedOptions.map(newLinkedOption);
	phase.transitions = transitionsFor(add.transitions, phases);
	let at = add.place === 'first' ? 0 : phases.length;
	if (add.place === 'before' || add.place === 'after') {
		const reference = phases.findIndex((p) => p.ident === add.reference);
		if (reference < 0) {
			throw missingPhase(resource, `Reference Phase of new phase "${add.ident}"`, add.reference, 'Use one of its phases, or the position First or Last.');
		}
		at = add.place === 'before' ? reference : reference + 1;
	}
	phases.splice(at, 0, phase);
	plan.phases = phases;
}

/**
 * Removes the named phases. Refused when none would be left, or while a phase that stays points to one: the
 * plan's initial phase, or another phase's next phase (the user changes that first, in the same item or not).
 * Naming a phase the plan does not have removes nothing and says so in the item's warnings.
 */
export function removePhases(resource: PlanResource, idents: string[], warn: Warn): void {
	const { plan, planId } = resource;
	const phases = phasesOf(plan);
	for (const ident of idents.filter((i) => !phases.some((p) => p.ident === i))) {
		warn(`Phases to Remove: plan ${planId} has no phase "${ident}", so nothing was removed for it`);
	}
	const staying = phases.filter((p) => !idents.includes(p.ident as string));
	if (staying.length === phases.length) return;
	const refuse = (problem: string, fix: string) => new ChangeRefused('Phases to Remove', problem, fix);
	if (staying.length === 0) {
		throw refuse(`plan ${planId} would have no phase left, and Instellix needs at least one`, 'Keep one phase, or add its replacement with "Add Phases" in the same item.');
	}
	if (typeof plan.initialPhase === 'string' && idents.includes(plan.initialPhase)) {
		throw refuse(
			`phase "${plan.initialPhase}" is the initial phase of plan ${planId}`,
			'First set "Initial Phase" to a phase that stays (in the same item is fine).',
		);
	}
	for (const phase of staying) {
		const next = transitionTargets(phase.transitions).find((t) => idents.includes(t));
		if (next !== undefined) {
			throw refuse(
				`phase "${next}" is the next phase of phase "${String(phase.ident)}" in plan ${planId}`,
				`First change "Transition" of phase "${String(phase.ident)}" in "Phase Changes" (in the same item is fine).`,
			);
		}
	}
	plan.phases = staying;
}
