import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { clone, diff } from '../../../core/changes';
import { ChangeRefused } from '../../../core/errors';
import type { Duration } from '../../../core/durations';
import { defineUpdate } from '../../../core/node';
import type { OperationContext } from '../../../core/operation';
import type { ItemParams } from '../../../core/params';
import { IDENT, PLAN_TYPES, type Plan, type PlanResource, type PlanType, paths } from '../../api';
import {
	ACTIVE_CONTRACT_EDITABLE,
	ACTIVE_CONTRACT_FIELD,
	PROPERTY_VALUE_KEY,
	type TransitionKind,
	comparable,
	durationSample,
	endOfMonthKey,
	hasActiveContract,
	linkedOptionIdentOf,
	mergeDuration,
	newLinkedOption,
	newProperty,
	propertyIdentOf,
	toPutBody,
	transitionTargets,
	transitionsFor,
} from '../../plan';
import { type PlanInput, fetchPlan, planField, readPlanId } from './common';
import { checkOptionRules, lookUpOptions, phasesOf, touchesOptionRule } from './options';

const IDENT_HINT = 'Idents may only hold letters, digits and _ . ~ - (1 to 100 characters), e.g. main_phase.';
const durationField = (name: string, displayName: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 12 months',
	description: `${what} as a number and a unit: days, months or years (e.g. 14 days, 12 months, 1 year). Leave empty to keep it; "none" removes it.`,
});

const fields: INodeProperties[] = [
	{
		displayName:
			'Instellix replaces the whole plan on update. The node reads the plan, changes only the fields set below, and sends the whole plan back: everything else, including fields this node does not show, stays as it is.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	planField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Plan fields to change. Fields not added here keep their current value.',
		options: [
			{
				displayName: 'Business Segment Ident',
				name: 'businessSegmentIdent',
				type: 'string',
				default: '',
				placeholder: 'e.g. default',
				description: 'The ident of the business segment the plan belongs to. The deprecated numeric businessSegmentId is left as it is.',
			},
			{
				displayName: 'Individual Plan',
				name: 'individualPlan',
				type: 'boolean',
				default: false,
				description: 'Whether the plan can be assigned to only one contract',
			},
			{
				displayName: 'Initial Phase Name or ID',
				name: 'initialPhase',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Pro Monthly (2026)',
				description: 'The plan name, 1 to 255 characters and not blank. May change even while the plan has an active contract.',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Customer', value: 'CUSTOMER', description: 'Invoices customers; cannot contain COMMISSION options' },
					{ name: 'Partner', value: 'PARTNER', description: 'Credits partners; must contain at least one COMMISSION option' },
				],
				default: 'CUSTOMER',
				description: 'What the plan is for. The node checks the COMMISSION rule against the linked options before sending.',
			},
		],
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'fixedCollection',
		placeholder: 'Add property change',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Plan properties (printed on documents) to add, update or remove by ident. Properties not named here are kept.',
		options: [
			{
				name: 'set',
				displayName: 'Add or Update',
				values: [
					{
						displayName: 'Property Ident',
						name: 'ident',
						type: 'string',
						default: '',
						placeholder: 'e.g. data_volume',
						description: 'The ident of the property; a property with this ident gets the new value, otherwise it is added',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 25 GB',
						description: 'The value of the property',
					},
				],
			},
			{
				name: 'remove',
				displayName: 'Remove',
				values: [
					{
						displayName: 'Property Ident',
						name: 'ident',
						type: 'string',
						default: '',
						placeholder: 'e.g. data_volume',
						description: 'The ident of the property to remove; naming one the plan does not have changes nothing',
					},
				],
			},
		],
	},
	{
		displayName: 'Phase Changes',
		name: 'phaseChanges',
		type: 'fixedCollection',
		placeholder: 'Add phase change',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Changes to existing phases, by phase ident. Phases and phase fields not named here are kept.',
		options: [
			{
				name: 'phase',
				displayName: 'Phase',
				values: [
					{
						displayName: 'End of Month',
						name: 'endOfMonth',
						type: 'options',
						options: [
							{ name: 'Keep Current', value: 'keep', description: 'Leave the flag as it is' },
							{ name: 'No', value: 'false', description: 'Contracts end on the day the interval ends' },
							{ name: 'Yes', value: 'true', description: 'Contracts end at the end of the month in which the interval ends' },
						],
						default: 'keep',
						description: 'Whether contracts end at the end of the month in which the interval ends, whatever day they started',
					},
					{
						displayName: 'Linked Options to Add',
						name: 'addLinkedOptions',
						type: 'string',
						default: '',
						placeholder: 'e.g. pro-base, pro-seats',
						description: 'Idents of existing options to link to the phase, comma-separated (or an array from an expression). Options already linked are kept as they are.',
					},
					{
						displayName: 'Linked Options to Remove',
						name: 'removeLinkedOptions',
						type: 'string',
						default: '',
						placeholder: 'e.g. setup-fee',
						description: 'Idents of options to unlink from the phase, comma-separated (or an array from an expression). Other linked options are kept.',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'New name of the phase (up to 255 characters). Leave empty to keep it.',
					},
					{
						displayName: 'Next Phase',
						name: 'nextPhase',
						type: 'string',
						default: '',
						placeholder: 'e.g. main',
						displayOptions: { show: { transition: ['nextPhase'] } },
						description: 'The ident of the phase that starts when this one ends; it must be one of the plan\'s phases',
					},
					durationField('noticePeriod', 'Notice Period', 'The notice period for ordinary termination'),
					{
						displayName: 'Phase Name or ID',
						name: 'phase',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					durationField('termDuration', 'Term Duration', 'The term of the phase'),
					{
						displayName: 'Transition',
						name: 'transition',
						type: 'options',
						options: [
							{ name: 'Auto Renewal', value: 'autoRenewal', description: 'The phase renews when it ends' },
							{ name: 'Custom (JSON)', value: 'custom', description: 'Send the transitions given as JSON' },
							{ name: 'Keep Current', value: 'keep', description: 'Leave the transitions as they are' },
							{ name: 'Next Phase', value: 'nextPhase', description: 'Another phase starts when this one ends' },
							{ name: 'None', value: 'none', description: 'Nothing happens when the phase ends' },
						],
						default: 'keep',
						description: 'What happens when the phase ends. Replaces the transitions of the phase.',
					},
					{
						displayName: 'Transitions (JSON)',
						name: 'transitionsJson',
						type: 'json',
						default: '[]',
						displayOptions: { show: { transition: ['custom'] } },
						description: 'The transitions of the phase as a JSON array of objects, sent as given',
					},
				],
			},
		],
	},
];

// ---------------------------------------------------------------------------------------------
// Input

interface PhaseChange {
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

export interface UpdateInput extends PlanInput {
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

export function prepareUpdate(params: ItemParams): UpdateInput {
	const input: UpdateInput = { planId: readPlanId(params), setProperties: [], removeProperties: [], phases: [] };
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

// ---------------------------------------------------------------------------------------------
// Read: the plan, plus the option lookups the option rules need

export async function readPlanResource(
	op: OperationContext,
	input: PlanInput,
	itemIndex: number,
	group: UpdateInput[],
): Promise<PlanResource> {
	const plan = await fetchPlan(op, input.planId, itemIndex);
	return { planId: input.planId, plan, options: await lookUpOptions(op, plan, group, itemIndex) };
}

// ---------------------------------------------------------------------------------------------
// Apply: pure

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

function applyProperties(plan: Plan, input: UpdateInput): void {
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

export function applyUpdate(current: PlanResource, input: UpdateInput): PlanResource {
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
		throw new ChangeRefused(
			missed.join(', '),
			`Instellix answered the update of plan ${after.planId} but kept the old value of these fields`,
			'This is what Instellix does while a plan holds an active contract: it takes only changes to the name and the properties. Check the plan in Instellix (the output of "Get" shows it); change only "Name" and "Properties" on this plan, or make the other changes on a new plan.',
		);
	}
	return { ...after, plan: saved };
}

/** Why "Confirm Write" matters for Instellix (shown in the option's description). */
export const CONFIRM_REASON =
	'Instellix replaces the whole plan on each update: an older copy written by another process that read it just before this write would undo this change.';

export const operation = defineUpdate<UpdateInput, PlanResource>({
	fields,
	input: prepareUpdate,
	resource: {
		key: (input) => input.planId,
		label: (input) => `plan ${input.planId}`,
		read: async (op, input, i, group) => await readPlanResource(op, input, i, group),
		view: (resource) => resource.plan,
		compare: (resource) => comparable(resource.plan),
	},
	apply: (current, input) => applyUpdate(current, input),
	write: {
		// The body is the whole plan: sending it twice has the same effect, so PUT is retried as usual.
		requests: (_before, after) => [{ method: 'PUT', path: paths.plan(after.planId), body: toPutBody(after.plan) }],
		result: (answers, after, before) => checkLanded(answers[answers.length - 1], before, after),
	},
});
