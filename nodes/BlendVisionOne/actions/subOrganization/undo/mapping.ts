import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import type { FieldChange } from '../../../../core/types';
import { UNDO_OUTPUT } from '../../../../core/undoInput';
import { ID_PATTERN, sameId } from '../../../api';
import { type BusinessSetting, type SubOrgState, WRITABLE_BUSINESS_KEYS } from '../../../shapes';
import type { PlanChange } from '../plans';

// How the `changes` of BlendVision One's Update map onto the sub-organization (compared as patch.ts
// `comparable`: proto3 zero values read as null, plans keyed by ID with their names).

const TOP = ['parent_id', 'owner_email', 'description', 'billing_cycle', 'contract_valid_start_time', 'contract_months', 'contract_days', 'next_contract', 'business_setting'];

/** The sub-organization an earlier output item is (Update outputs it with its `plan_ids`). */
export function target(item: IDataObject, params: ItemParams): PlanChange {
	if (typeof item.id !== 'string' || !ID_PATTERN.test(item.id) || !Array.isArray(item.plan_ids)) {
		throw params.error(UNDO_OUTPUT, 'it has no sub-organization "id" and "plan_ids", so it is not the output of a BlendVision One Sub Organization update', 'Pass the output items of an earlier run of this BlendVision One node (each is the sub-organization, with its "changes").');
	}
	return { id: item.id, planMode: 'add', planIds: [], removeUnlisted: false };
}

export function knows(change: FieldChange): boolean {
	const [top, key, ...rest] = change.field.split('.');
	if (top === 'business_setting' && key !== undefined) return rest.length === 0 && (WRITABLE_BUSINESS_KEYS as readonly string[]).includes(key);
	if (top === 'plans') return key !== undefined && ID_PATTERN.test(key) && rest.length === 0;
	return TOP.includes(top) && key === undefined;
}

/** The update can clear a next contract but not set one. */
export function limit(change: FieldChange): { reason: string; partly: boolean } | undefined {
	if (change.field !== 'next_contract' || change.from === null) return undefined;
	return { reason: "BlendVision One's update can clear a next contract but not set one: set it again in the console", partly: false };
}

/** The sub-organization as the comparison view says (a null is the API's zero value). */
export function restore(current: SubOrgState, view: IDataObject): SubOrgState {
	const org = { ...current.organization };
	const text = (v: unknown) => (typeof v === 'string' ? v : '');
	const number = (v: unknown) => (typeof v === 'number' ? v : 0);
	if (!sameId(text(view.parent_id), org.parent_id)) {
		org.parent_id = text(view.parent_id);
		delete org.parent_name;
	}
	org.owner_email = text(view.owner_email) || org.owner_email;
	org.description = text(view.description);
	org.billing_cycle = number(view.billing_cycle);
	org.contract_valid_start_time = text(view.contract_valid_start_time);
	org.contract_months = number(view.contract_months);
	org.contract_days = number(view.contract_days);
	if (view.next_contract === null) org.next_contract = null;
	const business = (view.business_setting ?? {}) as IDataObject;
	if (org.business_setting || Object.values(business).some((v) => v !== null && v !== false)) {
		const setting: BusinessSetting = { ...(org.business_setting ?? {}) };
		for (const key of WRITABLE_BUSINESS_KEYS) {
			const value = business[key];
			if (value === null || value === undefined) delete setting[key];
			else (setting as IDataObject)[key] = value;
		}
		org.business_setting = setting;
	}
	const planView = (view.plans ?? {}) as IDataObject;
	const ids = Object.keys(planView).filter((id) => planView[id] !== null && planView[id] !== undefined);
	const plans = [...current.plans.filter((p) => ids.some((id) => sameId(id, p.id))), ...ids.filter((id) => !current.plans.some((p) => sameId(p.id, id))).map((id) => ({ id }))];
	return { ...current, organization: org, plans };
}
