import type { IDataObject } from 'n8n-workflow';

import type { Duration } from '../../../../core/durations';
import type { ItemParams } from '../../../../core/params';
import { IDENT, PLAN_TYPES, type PlanType } from '../../../api';
import { type TransitionKind, transitionsFor } from '../../../plan';
import { type PlanInput, readPlanId } from '../inputs';

const IDENT_HINT = 'Idents may only hold letters, digits and _ . ~ - (1 to 100 characters), e.g. main_phase.';

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
	transitions?: IDataObject[];
}

export interface Input extends PlanInput {
	name?: string;
	businessSegmentIdent?: string;
	individualPlan?: boolean;
	initialPhase?: string;
	type?: PlanType;
	setProperties: Array<{ ident: string; value: string }>;
	removeProperties: string[];
	phases: PhaseChange[];
}

function readIdentList(params: ItemParams, value: unknown, label: string): string[] {
	const list = params.checkList(value, label, 'a list of idents', 'Give idents separated by commas, or an expression that gives an array.');
	const idents = list.map((v) => params.checkString(v, label, { required: true, pattern: IDENT, patternHint: IDENT_HINT }) as string);
	return [...new Set(idents)];
}

function entries(value: unknown, group: string): IDataObject[] {
	if (!value || typeof value !== 'object') return [];
	const list = (value as IDataObject)[group];
	if (Array.isArray(list)) return list as IDataObject[];
	return list && typeof list === 'object' ? [list as IDataObject] : [];
}

function readPhaseChange(params: ItemParams, entry: IDataObject, position: number): PhaseChange {
	const at = `Phase Changes ${position}`;
	const ident = params.checkString(entry.phase, `${at}: Phase`, { required: true, pattern: IDENT, patternHint: IDENT_HINT }) as string;
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
	const kind = params.checkOption(entry.transition ?? 'keep', label('Transition'), ['keep', 'none', 'autoRenewal', 'nextPhase', 'custom'] as const);
	if (kind === 'nextPhase') {
		const next = params.checkString(entry.nextPhase, label('Next Phase'), { required: true, pattern: IDENT, patternHint: IDENT_HINT }) as string;
		change.transitions = transitionsFor('nextPhase', next);
	} else if (kind === 'custom') {
		change.transitions = readTransitionsJson(params, entry.transitionsJson, label('Transitions (JSON)'));
	} else if (kind && kind !== 'keep') {
		change.transitions = transitionsFor(kind as TransitionKind);
	}
	const changesSomething =
		change.name !== undefined ||
		change.termDuration !== undefined ||
		change.noticePeriod !== undefined ||
		change.endOfMonth !== undefined ||
		change.addOptions.length > 0 ||
		change.removeOptions.length > 0 ||
		change.transitions !== undefined;
	if (!changesSomething) {
		throw params.error(`${at}: Phase`, `nothing is set to change on phase "${ident}"`, 'Fill in at least one field of this phase change, or remove the entry.');
	}
	return change;
}

function readTransitionsJson(params: ItemParams, value: unknown, label: string): IDataObject[] {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch {
			throw params.error(label, 'it is not valid JSON', 'Write a JSON array of objects, e.g. [{"type": "AUTO_RENEWAL"}].');
		}
	}
	if (!Array.isArray(parsed) || parsed.some((t) => !t || typeof t !== 'object' || Array.isArray(t))) {
		throw params.error(label, 'it is not an array of objects', 'Write a JSON array of objects, e.g. [{"type": "AUTO_RENEWAL"}], or [] for none.');
	}
	return parsed as IDataObject[];
}

export function input(params: ItemParams): Input {
	const input: Input = { planId: readPlanId(params), setProperties: [], removeProperties: [], phases: [] };
	const fields = params.collection('updateFields', 'Update Fields');
	const has = (key: string) => Object.prototype.hasOwnProperty.call(fields, key);
	const identRule = { required: true, pattern: IDENT, patternHint: IDENT_HINT };
	if (has('name')) input.name = params.checkString(fields.name, 'Name', { required: true, max: 255 });
	if (has('businessSegmentIdent')) input.businessSegmentIdent = params.checkString(fields.businessSegmentIdent, 'Business Segment Ident', identRule);
	if (has('individualPlan')) {
		input.individualPlan = params.checkBoolean(fields.individualPlan, 'Individual Plan');
		if (input.individualPlan === undefined) throw params.error('Individual Plan', 'it is empty', 'Make "Individual Plan" true or false, or remove the field.');
	}
	if (has('initialPhase')) input.initialPhase = params.checkString(fields.initialPhase, 'Initial Phase', identRule);
	if (has('type')) {
		input.type = params.checkOption(fields.type, 'Type', PLAN_TYPES);
		if (!input.type) throw params.error('Type', 'it is empty', `Use one of: ${PLAN_TYPES.join(', ')}, or remove the field.`);
	}

	const properties = params.raw('properties', 'Properties', {});
	for (const entry of entries(properties, 'set')) {
		const ident = params.checkString(entry.ident, 'Properties: Property Ident', identRule) as string;
		const value = params.checkString(entry.value, `Properties: Value of "${ident}"`, { required: true });
		if (input.setProperties.some((p) => p.ident === ident)) {
			throw params.error('Properties: Property Ident', `"${ident}" is set twice`, 'Set each property once per item.');
		}
		input.setProperties.push({ ident, value: value as string });
	}
	for (const entry of entries(properties, 'remove')) {
		const ident = params.checkString(entry.ident, 'Properties: Property Ident', identRule) as string;
		if (input.setProperties.some((p) => p.ident === ident)) {
			throw params.error('Properties: Property Ident', `"${ident}" is both set and removed`, 'Either set the property or remove it, not both.');
		}
		if (!input.removeProperties.includes(ident)) input.removeProperties.push(ident);
	}

	const phaseEntries = entries(params.raw('phaseChanges', 'Phase Changes', {}), 'phase');
	phaseEntries.forEach((entry, n) => {
		const change = readPhaseChange(params, entry, n + 1);
		if (input.phases.some((p) => p.ident === change.ident)) {
			throw params.error(`Phase Changes ${n + 1}: Phase`, `phase "${change.ident}" appears twice`, 'Put all changes of a phase in one entry.');
		}
		input.phases.push(change);
	});

	const nothing =
		input.name === undefined &&
		input.businessSegmentIdent === undefined &&
		input.individualPlan === undefined &&
		input.initialPhase === undefined &&
		input.type === undefined &&
		input.setProperties.length === 0 &&
		input.removeProperties.length === 0 &&
		input.phases.length === 0;
	if (nothing) {
		throw params.error('Update Fields', 'nothing is set to change', 'Add at least one field under "Update Fields", "Properties" or "Phase Changes".');
	}
	return input;
}
