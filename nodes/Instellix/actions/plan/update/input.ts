import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import { IDENT, PLAN_TYPES, type PlanType } from '../../../api';
import { READ_ONLY_FIELDS, linkedOptionIdentOf } from '../../../plan';
import { NO_USER_KEYS, type UserKeys } from '../../../putBody';
import { type PlanInput, readPlanId } from '../inputs';
import type { OptionChange } from '../options';
import type { PlanChange } from '../resource';
import { readJsonObject, readObjectChange } from './jsonInput';
import { KEYED_LISTS, type ObjectChange, isObject } from './objects';
import { IDENT_RULE, type PhaseInput, entries, readPhaseInput } from './phaseInput';


export const RAW = 'Raw Plan Changes (JSON)';

export interface Input extends PlanInput, PhaseInput, PlanChange {
	name?: string;
	businessSegmentIdent?: string;
	individualPlan?: boolean;
	initialPhase?: string;
	type?: PlanType;
	setProperties: Array<{ ident: string; value: string }>;
	removeProperties: string[];
	pendingContractTerms?: ObjectChange;
	/** "Raw Plan Changes (JSON)": merged into the plan as read, after every other field. */
	raw?: IDataObject;
}

function readProperties(params: ItemParams, input: Input): void {
	const properties = params.raw('properties', 'Properties', {});
	for (const entry of entries(properties, 'set')) {
		const ident = params.checkString(entry.ident, 'Properties: Property Key', IDENT_RULE) as string;
		const value = params.checkString(entry.value, `Properties: Value of "${ident}"`, { required: true });
		if (input.setProperties.some((p) => p.ident === ident)) {
			throw params.error('Properties: Property Key', `"${ident}" is set twice`, 'Set each property once per item.');
		}
		input.setProperties.push({ ident, value: value as string });
	}
	for (const entry of entries(properties, 'remove')) {
		const ident = params.checkString(entry.ident, 'Properties: Property Key', IDENT_RULE) as string;
		if (input.setProperties.some((p) => p.ident === ident)) {
			throw params.error('Properties: Property Key', `"${ident}" is both set and removed`, 'Either set the property or remove it, not both.');
		}
		if (!input.removeProperties.includes(ident)) input.removeProperties.push(ident);
	}
}

function readRaw(params: ItemParams, value: unknown): IDataObject {
	const fix = 'Write a JSON object of plan fields, e.g. {"businessSegmentId": 3, "phases": [{"ident": "main", "autoRenewal": false}]}.';
	const raw = readJsonObject(params, value, RAW, fix);
	if (Object.keys(raw).length === 0) throw params.error(RAW, 'it is {}, which changes nothing', fix);
	const owned = Object.keys(raw).filter((key) => READ_ONLY_FIELDS.includes(key));
	if (owned.length) {
		throw params.error(RAW, `it sets ${owned.map((k) => `"${k}"`).join(', ')}, which Instellix sets itself (read-only)`, 'Leave them out.');
	}
	for (const [key, identKey] of KEYED_LISTS) {
		if (!(key in raw)) continue;
		const list = raw[key];
		const bad = !Array.isArray(list) || list.some((item) => !isObject(item) || typeof item[identKey] !== 'string' || !IDENT.test(item[identKey] as string));
		if (bad) {
			throw params.error(
				RAW,
				`"${key}" is not a list of objects that each have an "${identKey}" (letters, digits and _ . ~ -)`,
				`Write [{"${identKey}": "main", ...}]: each entry is merged into the one with its ${identKey}, or added.`,
			);
		}
		const idents = (list as IDataObject[]).map((item) => item[identKey]);
		const twice = idents.find((ident, i) => idents.indexOf(ident) !== i);
		if (twice !== undefined) throw params.error(RAW, `"${key}" names "${String(twice)}" twice`, 'Put the changes of one ident in one entry.');
	}
	return raw;
}

/** The keys the raw changes set, top level and per phase: the PUT carries them whatever they are. */
function userKeysOf(raw: IDataObject | undefined): UserKeys {
	if (!raw) return NO_USER_KEYS;
	const keys: UserKeys = { plan: Object.keys(raw).filter((key) => key !== 'phases' && key !== 'properties'), phases: {} };
	for (const phase of Array.isArray(raw.phases) ? (raw.phases as IDataObject[]) : []) {
		keys.phases[phase.ident as string] = Object.keys(phase).filter((key) => key !== 'ident');
	}
	return keys;
}

/** The top-level keys of the plan the item's fields set (the raw changes may not set them too). */
function keysSet(input: Input): string[] {
	const set: Record<string, unknown> = {
		name: input.name,
		businessSegmentIdent: input.businessSegmentIdent,
		individualPlan: input.individualPlan,
		initialPhase: input.initialPhase,
		type: input.type,
		pendingContractTerms: input.pendingContractTerms,
		properties: input.setProperties.length + input.removeProperties.length || undefined,
		phases: input.phases.length + input.addPhases.length + input.removePhases.length || undefined,
	};
	return Object.keys(set).filter((key) => set[key] !== undefined);
}

/** What of the item the option rules look at (see options.ts). */
function optionChangeOf(input: Input): OptionChange {
	const change: OptionChange = { typeField: input.type !== undefined ? 'Type' : undefined, linked: [], unlinked: [] };
	for (const p of input.phases) {
		change.linked.push({ field: `Linked Options to Add of phase "${p.ident}"`, idents: p.addOptions });
		if (p.removeOptions.length) change.unlinked.push(`Linked Options to Remove of phase "${p.ident}"`);
	}
	for (const p of input.addPhases) change.linked.push({ field: `Linked Options of new phase "${p.ident}"`, idents: p.linkedOptions });
	if (input.removePhases.length) change.unlinked.push('Phases to Remove');
	const raw = input.raw;
	if (raw) {
		if ('type' in raw) change.typeField = RAW;
		const phases = Array.isArray(raw.phases) ? (raw.phases as IDataObject[]) : [];
		const idents = phases.flatMap((p) => (Array.isArray(p.linkedOptions) ? p.linkedOptions.map(linkedOptionIdentOf) : []));
		change.linked.push({ field: RAW, idents: idents.filter((i): i is string => i !== undefined) });
		if (phases.some((p) => 'linkedOptions' in p || 'options' in p)) change.unlinked.push(RAW);
	}
	return change;
}

export function input(params: ItemParams): Input {
	const item: Input = {
		planId: readPlanId(params),
		setProperties: [],
		removeProperties: [],
		phases: [],
		addPhases: [],
		removePhases: [],
		optionChange: { linked: [], unlinked: [] },
		userKeys: NO_USER_KEYS,
	};
	const fields = params.collection('updateFields', 'Update Fields');
	const has = (key: string) => Object.prototype.hasOwnProperty.call(fields, key);
	if (has('name')) item.name = params.checkString(fields.name, 'Name', { required: true, max: 255 });
	if (has('businessSegmentIdent')) item.businessSegmentIdent = params.checkString(fields.businessSegmentIdent, 'Business Segment', IDENT_RULE);
	if (has('individualPlan')) {
		item.individualPlan = params.checkBoolean(fields.individualPlan, 'Individual Plan');
		if (item.individualPlan === undefined) throw params.error('Individual Plan', 'it is empty', 'Make "Individual Plan" true or false, or remove the field.');
	}
	if (has('initialPhase')) item.initialPhase = params.checkString(fields.initialPhase, 'Initial Phase', IDENT_RULE);
	if (has('type')) {
		item.type = params.checkOption(fields.type, 'Type', PLAN_TYPES);
		if (!item.type) throw params.error('Type', 'it is empty', `Use one of: ${PLAN_TYPES.join(', ')}, or remove the field.`);
	}
	readProperties(params, item);
	Object.assign(item, readPhaseInput(params));
	const [terms] = entries(params.raw('pendingContractTerms', 'Pending Contract Terms', {}), 'terms');
	const termLabels = { how: 'Pending Contract Terms: Change', json: 'Pending Contract Terms: Terms (JSON)' };
	if (terms) item.pendingContractTerms = readObjectChange(params, { how: terms.change, json: terms.json }, termLabels, false);
	const set = keysSet(item);
	if (has('rawChanges')) {
		item.raw = readRaw(params, fields.rawChanges);
		const twice = Object.keys(item.raw).find((key) => set.includes(key));
		if (twice) throw params.error(RAW, `it sets "${twice}", which another field of this item sets too`, 'Set each field in one place.');
	} else if (set.length === 0) {
		throw params.error(
			'Update Fields',
			'nothing is set to change',
			'Add a field under "Update Fields", "Properties", "Pending Contract Terms", "Phase Changes", "Add Phases" or "Phases to Remove".',
		);
	}
	item.optionChange = optionChangeOf(item);
	item.userKeys = userKeysOf(item.raw);
	return item;
}
