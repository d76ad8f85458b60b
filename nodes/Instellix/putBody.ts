import type { IDataObject } from 'n8n-workflow';

import type { Plan } from './api';
import { END_OF_MONTH_KEYS, READ_ONLY_FIELDS, phasesOf } from './plan';

/*
 * The body of PUT /v2/plans/{planId}: built from the fields Instellix's "Update plan" reference documents
 * (docs.instellix.io reference/createplan_v2_1), not echoed from the read. Pure.
 */

/** The documented top-level fields that are not deprecated. */
const PLAN_FIELDS = ['name', 'phases', 'businessSegmentIdent', 'individualPlan', 'initialPhase', 'pendingContractTerms', 'properties', 'type'];

/** The documented phase fields that are not deprecated, plus the end-of-month flag (documented; its name is not). */
const PHASE_FIELDS = ['ident', 'name', 'linkedOptions', 'termDuration', 'noticePeriod', 'transitions', 'billingConfig', ...END_OF_MONTH_KEYS];

/**
 * Deprecated fields and the field that replaces each. One goes back only while its replacement is not set
 * (then it is what holds the value: "if not set the deprecated businessSegmentId needs to be set instead").
 * `phases[].options` are "option creation requests": never sent back, as that would create the options again.
 */
const DEPRECATED_PLAN_FIELDS: Record<string, string> = { businessSegmentId: 'businessSegmentIdent' };
const DEPRECATED_PHASE_FIELDS: Record<string, string | undefined> = { autoRenewal: 'transitions', options: undefined };

/** The keys an item's "Raw Plan Changes" set: top level, and per phase ident. These are sent whatever they are. */
export interface UserKeys {
	plan: string[];
	phases: Record<string, string[]>;
}

export const NO_USER_KEYS: UserKeys = { plan: [], phases: {} };

const isSet = (value: unknown) => value !== undefined && value !== null;

function pick(source: IDataObject, fields: string[], deprecated: Record<string, string | undefined>, user: string[]): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(source)) {
		const replacedBy = deprecated[key];
		const keep =
			user.includes(key) ||
			fields.includes(key) ||
			(key in deprecated && replacedBy !== undefined && !isSet(source[replacedBy]));
		if (keep) out[key] = value;
	}
	return out;
}

/** The PUT body for `plan`: the documented fields it has, the deprecated ones still needed, and what the user set. */
export function toPutBody(plan: Plan, user: UserKeys = NO_USER_KEYS): IDataObject {
	const body = pick(plan, PLAN_FIELDS, DEPRECATED_PLAN_FIELDS, user.plan.filter((key) => !READ_ONLY_FIELDS.includes(key)));
	if (Array.isArray(plan.phases)) {
		body.phases = phasesOf(plan).map((phase) =>
			typeof phase === 'object' && phase !== null ? pick(phase, PHASE_FIELDS, DEPRECATED_PHASE_FIELDS, user.phases[String(phase.ident)] ?? []) : phase,
		);
	}
	return body;
}

/** Whether the PUT takes `key` at the top level (documented, deprecated included). */
export const isPlanField = (key: string) => PLAN_FIELDS.includes(key) || key in DEPRECATED_PLAN_FIELDS;

/** Whether the PUT takes `key` in a phase (documented, deprecated included). */
export const isPhaseField = (key: string) => PHASE_FIELDS.includes(key) || key in DEPRECATED_PHASE_FIELDS;

/**
 * The keys "Raw Plan Changes" may not set on this plan: what the plan read holds but the PUT does not take
 * (Instellix sets them itself), top level and per phase, e.g. `ident` or a phase's `id`.
 */
export function readOnlyKeysSet(plan: Plan, raw: IDataObject): string[] {
	const found = Object.keys(raw).filter((key) => READ_ONLY_FIELDS.includes(key) || (key in plan && !isPlanField(key)));
	const phases = Array.isArray(raw.phases) ? (raw.phases as IDataObject[]) : [];
	for (const entry of phases) {
		const read = phasesOf(plan).find((p) => p.ident === entry.ident);
		for (const key of Object.keys(entry)) if (read && key in read && !isPhaseField(key)) found.push(`phases[ident=${String(entry.ident)}].${key}`);
	}
	return found;
}
