import type { IDataObject } from 'n8n-workflow';

import { clone } from '../core/changes';
import type { Duration } from '../core/durations';
import type { Plan } from './api';


/*
 * The fields of an Instellix plan the node reads or writes, and the plan as updates compare it. Pure. Each
 * shape Instellix's documentation does not confirm is one named constant or small function, marked
 * "ASSUMPTION (UNCONFIRMED)", and listed in docs/providers/instellix.md.
 */

// ---------------------------------------------------------------------------------------------
// Fields of a plan the node reads or writes

/**
 * ASSUMPTION (UNCONFIRMED): the plan's numeric ID is `id`, and its string ident (shown in lists) is
 * `ident` or `planIdent`.
 */
export function planIdOf(plan: Plan): string | undefined {
	const id = plan.id;
	return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}

export function planIdentOf(plan: Plan): string | undefined {
	const ident = plan.ident ?? plan.planIdent;
	return typeof ident === 'string' && ident !== '' ? ident : undefined;
}

/**
 * ASSUMPTION (UNCONFIRMED): GET /v2/plans/{id} tells whether the plan holds an active contract in a
 * read-only boolean `hasActiveContract`. Undefined when the plan does not say; then the node cannot
 * refuse in advance, Instellix's own answer decides, and the node checks afterwards that every change
 * landed.
 */
export const ACTIVE_CONTRACT_FIELD = 'hasActiveContract';

export function hasActiveContract(plan: Plan): boolean | undefined {
	const value = plan[ACTIVE_CONTRACT_FIELD];
	return typeof value === 'boolean' ? value : undefined;
}

/**
 * Fields of a plan read that Instellix owns: shown in outputs, never sent back, refused in "Raw Plan Changes".
 * The PUT documents none of them (docs.instellix.io reference/createplan_v2_1); see putBody.ts for what it does.
 */
export const READ_ONLY_FIELDS = ['id', 'ident', 'planIdent', ACTIVE_CONTRACT_FIELD];

/** What a plan with an active contract may still change (documented). */
export const ACTIVE_CONTRACT_EDITABLE = ['name', 'properties'];

/** The plan without its read-only fields: what updates compare. */
export function withoutReadOnly(plan: Plan): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(plan)) if (!READ_ONLY_FIELDS.includes(key)) body[key] = value;
	return body;
}

/** The plan's phases (documented: `phases`, at least one). */
export function phasesOf(plan: Plan): IDataObject[] {
	return Array.isArray(plan.phases) ? (plan.phases as IDataObject[]) : [];
}

/**
 * ASSUMPTION (UNCONFIRMED): a plan property is `{ "ident": "data_volume", "value": "25 GB" }` (the portal
 * shows a property ident and a property value). Other keys of an item are kept.
 */
export const PROPERTY_IDENT_KEY = 'ident';
export const PROPERTY_VALUE_KEY = 'value';

export function newProperty(ident: string, value: string): IDataObject {
	return { [PROPERTY_IDENT_KEY]: ident, [PROPERTY_VALUE_KEY]: value };
}

export function propertyIdentOf(item: unknown): string | undefined {
	const ident = (item as IDataObject | null)?.[PROPERTY_IDENT_KEY];
	return typeof ident === 'string' ? ident : undefined;
}

/**
 * ASSUMPTION (UNCONFIRMED): a time duration (`termDuration`, `noticePeriod`) is an amount and a unit
 * (the portal's day, month, year), under one of these names; `{ "value": 12, "unit": "MONTH" }` when the plan
 * shows none. The node writes a duration in the names it already has (or, when it has none yet, in those
 * of another duration of the plan), never adding a second name for the same thing; other keys are kept.
 * A duration the plan writes as an ISO 8601 string ("P14D") stays one.
 */
const DURATION_AMOUNT_KEYS = ['value', 'amount', 'count', 'length', 'duration'];
const DURATION_UNIT_KEYS = ['unit', 'timeUnit', 'durationUnit', 'period'];

const ISO_DURATION = /^P\d+[DWMY]$/;

const isDurationObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The one rule for every key the node writes that has alternative names: the names of `keys` the first of
 * `samples` that has any of them uses (the field itself first, then the plan's other phases), else the first
 * of `keys`. So a plan that says `amount` or `phaseIdent` gets `amount` or `phaseIdent`, never a second name.
 */
export function namesUsed(samples: unknown[], keys: string[]): string[] {
	for (const sample of samples) {
		if (!isDurationObject(sample)) continue;
		const present = keys.filter((key) => key in sample);
		if (present.length) return present;
	}
	return [keys[0]];
}

/** `duration` in the shape of `existing`, or of `sample` (another duration of the plan) when there is none. */
export function mergeDuration(existing: unknown, duration: Duration | null, sample?: unknown): IDataObject | string | null {
	if (duration === null) return null;
	const shape = isDurationObject(existing) || typeof existing === 'string' ? existing : sample;
	if (typeof shape === 'string' && ISO_DURATION.test(shape)) return `P${duration.value}${duration.unit[0]}`;
	const base = isDurationObject(existing) ? existing : {};
	const out: IDataObject = { ...base };
	for (const key of namesUsed([existing, sample], DURATION_AMOUNT_KEYS)) out[key] = duration.value;
	for (const key of namesUsed([existing, sample], DURATION_UNIT_KEYS)) out[key] = duration.unit;
	return out;
}

/** A duration of the plan to take the shape from: the first term or notice period any phase has. */
export function durationSample(phases: IDataObject[]): unknown {
	for (const phase of phases) {
		for (const value of [phase.termDuration, phase.noticePeriod]) if (isDurationObject(value) || typeof value === 'string') return value;
	}
	return undefined;
}

/**
 * ASSUMPTION (UNCONFIRMED): the JSON name of the phase's end-of-month flag (documented, default true,
 * name not captured). The node uses the name the phase has, else the one the plan's other phases use, else the first.
 */
export const END_OF_MONTH_KEYS = ['endOfMonth', 'contractEndsAtEndOfMonth', 'endAtEndOfMonth', 'alignToEndOfMonth'];

export function endOfMonthKey(phase: IDataObject, phases: IDataObject[]): string {
	return namesUsed([phase, ...phases], END_OF_MONTH_KEYS)[0];
}

/**
 * ASSUMPTION (UNCONFIRMED): a linked option is `{ "optionIdent": "pro-base" }`, possibly with more keys
 * (kept as they are).
 */
export const LINKED_OPTION_IDENT_KEY = 'optionIdent';

export function linkedOptionIdentOf(item: unknown): string | undefined {
	const ident = (item as IDataObject | null)?.[LINKED_OPTION_IDENT_KEY];
	return typeof ident === 'string' ? ident : undefined;
}

export function newLinkedOption(ident: string): IDataObject {
	return { [LINKED_OPTION_IDENT_KEY]: ident };
}

/**
 * ASSUMPTION (UNCONFIRMED): an option's type is the `type` field of GET /v2/billing/plan-options/{ident}
 * (values ONETIME, QUANTITY, RECURRING, USAGE, RATED_USAGE, COMMISSION, ...). Deprecated inline options
 * (`phases[].options[]`) carry their own `type`.
 */
/**
 * ASSUMPTION (UNCONFIRMED): what a 404 of the option lookup means, read from its body. Instellix answers
 * an option it does not know with its GlobalErrorResponse (a text `status` such as NOT_FOUND and a
 * `uuid`, the message naming the option). A path that does not exist answers with a framework's own body
 * (Spring's `{ "status": 404, "error": "Not Found" }`, an HTML page, text) or with a message about the
 * route itself ("No endpoint …", "No handler found …", "No static resource …").
 */
const ROUTE_MISSING = /\bno (endpoint|handler|static resource|route|mapping)\b/i;

export function optionNotFoundKind(body: unknown): 'option' | 'endpoint' {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'endpoint';
	const b = body as { status?: unknown; uuid?: unknown; message?: unknown };
	const instellix = typeof b.status === 'string' && (typeof b.uuid === 'string' || typeof b.message === 'string');
	if (!instellix) return 'endpoint';
	return ROUTE_MISSING.test(typeof b.message === 'string' ? b.message : '') ? 'endpoint' : 'option';
}

export function optionTypeOf(option: unknown): string | null {
	const type = (option as IDataObject | null)?.type;
	return typeof type === 'string' && type !== '' ? type.toUpperCase() : null;
}

export function isCommission(type: string | null | undefined): boolean {
	return typeof type === 'string' && type.toUpperCase() === 'COMMISSION';
}

/**
 * ASSUMPTION (UNCONFIRMED): a transition names the phase it leads to under a key ending in "phase", "phaseIdent"
 * or "phaseId" (`nextPhaseIdent`, `phaseIdent`, `nextPhase`, `targetPhaseIdent`, …). Custom transitions are
 * checked whichever of these they use.
 */
const PHASE_KEY = /phase(ident|id)?$/i;

const isObjectItem = (t: unknown): t is IDataObject => typeof t === 'object' && t !== null && !Array.isArray(t);

/** Phase idents a transition list points to (for the "names an existing phase" check). */
export function transitionTargets(transitions: unknown): string[] {
	if (!Array.isArray(transitions)) return [];
	return transitions.flatMap((t) =>
		isObjectItem(t)
			? Object.entries(t)
					.filter(([key, value]) => PHASE_KEY.test(key) && typeof value === 'string')
					.map(([, value]) => value as string)
			: [],
	);
}

/**
 * ASSUMPTION (UNCONFIRMED): phase transitions, as the portal offers them (none, auto renewal, next phase;
 * docs.nitrobox.io docs/create-multiple-plan-phases), are `[]`, `[{ "type": "AUTO_RENEWAL" }]` and
 * `[{ "type": "NEXT_PHASE", "nextPhaseIdent": "main" }]`; the next phase goes under the key the plan's own
 * transitions use for it (`namesUsed`). "Custom (JSON)" sends any other shape as given.
 */
export type TransitionChoice = { kind: 'none' | 'autoRenewal' } | { kind: 'nextPhase'; nextPhase: string } | { kind: 'custom'; list: IDataObject[] };

export function transitionsFor(choice: TransitionChoice, phases: IDataObject[]): IDataObject[] {
	if (choice.kind === 'custom') return clone(choice.list);
	if (choice.kind === 'autoRenewal') return [{ type: 'AUTO_RENEWAL' }];
	if (choice.kind !== 'nextPhase') return [];
	const used = phases.flatMap((p) => (Array.isArray(p.transitions) ? p.transitions.filter(isObjectItem) : []));
	const keys = [...new Set(['nextPhaseIdent', ...used.flatMap((t) => Object.keys(t).filter((key) => PHASE_KEY.test(key)))])];
	return [{ type: 'NEXT_PHASE', [namesUsed(used, keys)[0]]: choice.nextPhase }];
}

// ---------------------------------------------------------------------------------------------
// Comparison view: phases and properties keyed by ident, so changes read `phases.main.name`

function withoutKey(item: IDataObject, key: string): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(item)) if (k !== key) out[k] = v;
	return out;
}

/** A list of objects as an object keyed by their ident (`#index` for items without one). */
function keyed(list: unknown, identKey: string): unknown {
	if (!Array.isArray(list)) return list;
	const out: IDataObject = {};
	list.forEach((item: unknown, index) => {
		const object = item && typeof item === 'object' && !Array.isArray(item) ? (item as IDataObject) : undefined;
		const ident = typeof object?.[identKey] === 'string' ? (object[identKey] as string) : undefined;
		let key = ident ?? `#${index}`;
		if (key in out) key = `${key}#${index}`;
		out[key] = (object && ident !== undefined ? withoutKey(object, identKey) : item) as IDataObject;
	});
	return out;
}

/** The writable plan, shaped for field-level changes. Equal views mean no write is needed. */
export function comparable(plan: Plan): IDataObject {
	const body = withoutReadOnly(plan);
	return {
		...body,
		...(body.properties !== undefined ? { properties: keyed(body.properties, PROPERTY_IDENT_KEY) as IDataObject } : {}),
		...(body.phases !== undefined ? { phases: keyed(body.phases, 'ident') as IDataObject } : {}),
	};
}
