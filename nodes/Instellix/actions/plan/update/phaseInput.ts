import type { IDataObject } from 'n8n-workflow';

import type { Duration } from '../../../../core/durations';
import type { ItemParams } from '../../../../core/params';
import { IDENT } from '../../../api';
import type { TransitionChoice } from '../../../plan';
import { readObjectChange, readTransitionsJson } from './jsonInput';
import type { ObjectChange } from './objects';

// Reading the phase fields of an item (phaseDescription.ts): changes, new phases, phases to remove.

const IDENT_HINT = 'Idents may only hold letters, digits and _ . ~ - (1 to 100 characters), e.g. main_phase.';
export const IDENT_RULE = { required: true, pattern: IDENT, patternHint: IDENT_HINT };

export interface PhaseChange {
	/** 1-based position in "Phase Changes", for messages. */
	position: number;
	ident: string;
	name?: string;
	termDuration?: Duration | null;
	noticePeriod?: Duration | null;
	endOfMonth?: boolean;
	addOptions: string[];
	removeOptions: string[];
	transitions?: TransitionChoice;
	billingConfig?: ObjectChange;
}

export interface NewPhase {
	/** 1-based position in "Add Phases", for messages. */
	position: number;
	ident: string;
	name?: string;
	termDuration?: Duration | null;
	noticePeriod?: Duration | null;
	endOfMonth: boolean;
	linkedOptions: string[];
	transitions: TransitionChoice;
	/** Where it goes: first, last, or before or after the phase `reference`. */
	place: 'first' | 'last' | 'before' | 'after';
	reference?: string;
}

export interface PhaseInput {
	phases: PhaseChange[];
	addPhases: NewPhase[];
	removePhases: string[];
}

function readIdentList(params: ItemParams, value: unknown, label: string): string[] {
	const list = params.checkList(value, label, 'a list of idents', 'Give idents separated by commas, or an expression that gives an array.');
	const idents = list.map((v) => params.checkString(v, label, IDENT_RULE) as string);
	return [...new Set(idents)];
}

/** The entries of a fixedCollection group (one entry, or a list with "multiple values"). */
export function entries(value: unknown, group: string): IDataObject[] {
	if (!value || typeof value !== 'object') return [];
	const list = (value as IDataObject)[group];
	if (Array.isArray(list)) return list as IDataObject[];
	return list && typeof list === 'object' ? [list as IDataObject] : [];
}

/** A phase's transitions from "Transition" (and "Next Phase" or "Transitions (JSON)"); undefined: keep. */
function readTransitions(params: ItemParams, entry: IDataObject, label: (field: string) => string, keep: boolean): TransitionChoice | undefined {
	const kinds = keep ? (['keep', 'none', 'autoRenewal', 'nextPhase', 'custom'] as const) : (['none', 'autoRenewal', 'nextPhase', 'custom'] as const);
	const kind = params.checkChoice(entry.transition, label('Transition'), kinds, keep ? 'keep' : 'none');
	if (kind === 'nextPhase') return { kind, nextPhase: params.checkString(entry.nextPhase, label('Next Phase'), IDENT_RULE) as string };
	if (kind === 'custom') return { kind, list: readTransitionsJson(params, entry.transitionsJson, label('Transitions (JSON)')) };
	if (kind === 'keep') return undefined;
	return { kind };
}

function readPhaseChange(params: ItemParams, entry: IDataObject, position: number): PhaseChange {
	const at = `Phase Changes ${position}`;
	const ident = params.checkString(entry.phase, `${at}: Phase`, IDENT_RULE) as string;
	const label = (field: string) => `${field} of phase "${ident}"`;
	const change: PhaseChange = { position, ident, addOptions: [], removeOptions: [] };
	change.name = params.checkString(entry.name, label('Name'), { max: 255 });
	change.termDuration = params.checkDuration(entry.termDuration, label('Term Duration'));
	change.noticePeriod = params.checkDuration(entry.noticePeriod, label('Notice Period'));
	const endOfMonth = entry.endOfMonth;
	if (endOfMonth !== undefined && endOfMonth !== null && endOfMonth !== '' && endOfMonth !== 'keep') {
		change.endOfMonth = params.checkBoolean(endOfMonth, label('End of Month'));
	}
	change.addOptions = readIdentList(params, entry.addLinkedOptions, label('Linked Options to Add'));
	change.removeOptions = readIdentList(params, entry.removeLinkedOptions, label('Linked Options to Remove'));
	const both = change.addOptions.filter((o) => change.removeOptions.includes(o));
	if (both.length) {
		throw params.error(label('Linked Options to Add'), `${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} also in "Linked Options to Remove"`, 'Name each option in only one of the two lists.');
	}
	change.transitions = readTransitions(params, entry, label, true);
	const billing = { how: entry.billingConfig, json: entry.billingConfigJson };
	change.billingConfig = readObjectChange(params, billing, { how: label('Billing Config'), json: label('Billing Config (JSON)') }, true);
	const changesSomething =
		change.name !== undefined ||
		change.termDuration !== undefined ||
		change.noticePeriod !== undefined ||
		change.endOfMonth !== undefined ||
		change.addOptions.length > 0 ||
		change.removeOptions.length > 0 ||
		change.transitions !== undefined ||
		change.billingConfig !== undefined;
	if (!changesSomething) {
		throw params.error(`${at}: Phase`, `nothing is set to change on phase "${ident}"`, 'Fill in at least one field of this phase change, or remove the entry.');
	}
	return change;
}

const PLACES = ['first', 'last', 'before', 'after'] as const;

function readNewPhase(params: ItemParams, entry: IDataObject, position: number): NewPhase {
	const ident = params.checkString(entry.ident, `Add Phases ${position}: Ident`, IDENT_RULE) as string;
	const label = (field: string) => `${field} of new phase "${ident}"`;
	const place = params.checkChoice(entry.position, label('Position'), PLACES, 'last');
	const phase: NewPhase = {
		position,
		ident,
		name: params.checkString(entry.name, label('Name'), { max: 255 }),
		termDuration: params.checkDuration(entry.termDuration, label('Term Duration')),
		noticePeriod: params.checkDuration(entry.noticePeriod, label('Notice Period')),
		endOfMonth: params.checkBoolean(entry.endOfMonth, label('End of Month')) ?? true,
		linkedOptions: readIdentList(params, entry.linkedOptions, label('Linked Options')),
		transitions: readTransitions(params, entry, label, false) ?? { kind: 'none' },
		place,
	};
	if (place === 'before' || place === 'after') {
		phase.reference = params.checkString(entry.referencePhase, label('Reference Phase'), IDENT_RULE);
	}
	return phase;
}

/** An entry's fields: flat (node version 1), or the optional ones in its collection (version 2). */
function fieldsOf(entry: IDataObject): IDataObject {
	const nested = [entry.updateFields, entry.phaseFields].filter((v): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v));
	return Object.assign({}, entry, ...nested);
}

/** The entries of "Phase Changes" or "Add Phases", each phase once. */
function readEach<T extends { ident: string }>(params: ItemParams, name: string, label: string, read: (params: ItemParams, entry: IDataObject, position: number) => T, field: string): T[] {
	const out: T[] = [];
	entries(params.raw(name, label, {}), 'phase').forEach((entry, n) => {
		const item = read(params, fieldsOf(entry), n + 1);
		if (out.some((p) => p.ident === item.ident)) throw params.error(`${label} ${n + 1}: ${field}`, `phase "${item.ident}" appears twice`, 'Put all of a phase in one entry.');
		out.push(item);
	});
	return out;
}

/** The phase fields of an item, each phase named once: changed, added or removed. */
export function readPhaseInput(params: ItemParams): PhaseInput {
	const phases = readEach(params, 'phaseChanges', 'Phase Changes', readPhaseChange, 'Phase');
	const addPhases = readEach(params, 'addPhases', 'Add Phases', readNewPhase, 'Ident');
	const removePhases = readIdentList(params, params.raw('removePhases', 'Phases to Remove', []), 'Phases to Remove');
	for (const ident of removePhases) {
		const other = phases.some((p) => p.ident === ident) ? 'Phase Changes' : addPhases.some((p) => p.ident === ident) ? 'Add Phases' : undefined;
		if (other) throw params.error('Phases to Remove', `phase "${ident}" is removed and also named in "${other}"`, 'Name it in one of them.');
	}
	return { phases, addPhases, removePhases };
}
