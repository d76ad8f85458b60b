import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest } from '../core/types';
import { paths } from './api';
import { BUSINESS, BUSINESS_PLAN_CXM, type BusinessSetting, type Organization, type SubOrgState, WRITABLE_BUSINESS_KEYS, type WritableBusinessKey } from './shapes';

// What an update compares (field-level `changes`) and the bodies it writes: the PATCH and the owner switch.

/** proto3 zero values (0, "", false) and absent values are the same thing to the API. */
const num = (v: unknown): number | null => (typeof v === 'number' && v !== 0 ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** RFC 3339 in UTC without fractions, so "2025-09-01T00:00:00.000Z" equals "2025-09-01T00:00:00Z". */
export function normalizeTime(v: unknown): string | null {
	const text = str(v);
	if (!text) return null;
	const dt = DateTime.fromISO(text, { setZone: true });
	return dt.isValid ? dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'") : text;
}

function templateIdOf(org: Organization): string | null {
	return str(org.template?.id) ?? str(org.template_id);
}

/** The writable business settings that have a value (defaults and zero values left out). */
function writableBusinessSetting(setting: BusinessSetting | undefined): Partial<Record<WritableBusinessKey, unknown>> {
	const out: Partial<Record<WritableBusinessKey, unknown>> = {};
	if (!setting) return out;
	for (const key of WRITABLE_BUSINESS_KEYS) {
		const value = setting[key];
		if (value === undefined || value === null || value === '' || (key === 'site_limit' && value === 0)) continue;
		out[key] = value;
	}
	return out;
}

/** Business settings as compared: every writable key, absent booleans as false. */
function comparableBusinessSetting(setting: BusinessSetting | undefined): IDataObject {
	const s = setting ?? {};
	return {
		category: str(s.category),
		tax_id: str(s.tax_id),
		enable_create_site: s.enable_create_site === true,
		site_limit: num(s.site_limit),
		enable_custom_domain: s.enable_custom_domain === true,
		marketplace_url: str(s.marketplace_url),
		marketplace_id: str(s.marketplace_id),
		single_device_login: s.single_device_login === true,
	};
}

/**
 * The plans by ID with their names, so that `changes` name each plan beside its ID
 * (`{ field: "plans.<id>", from: null, to: "Pro" }` for a plan added). A plan without a name shows its ID.
 */
function planNamesById(plans: SubOrgState['plans']): IDataObject {
	const sorted = [...plans].sort((a, b) => a.id.localeCompare(b.id));
	return Object.fromEntries(sorted.map((p) => [p.id, str(p.name) ?? p.id]));
}

/** What an update can change, shaped for field-level `changes`. */
export function comparable(state: SubOrgState): IDataObject {
	const o = state.organization;
	return {
		parent_id: str(o.parent_id),
		owner_email: str(o.owner_email),
		description: str(o.description),
		plans: planNamesById(state.plans),
		billing_cycle: num(o.billing_cycle),
		contract_valid_start_time: normalizeTime(o.contract_valid_start_time),
		contract_months: num(o.contract_months),
		contract_days: num(o.contract_days),
		next_contract: o.next_contract && typeof o.next_contract === 'object' ? o.next_contract : null,
		business_setting: comparableBusinessSetting(o.business_setting),
	};
}

/** The part of `comparable` that the PATCH (not the owner switch) writes. */
export function patchComparable(state: SubOrgState): IDataObject {
	const view = comparable(state);
	delete view.owner_email;
	return view;
}

/** The enterprise ID of the record, if it has one. */
export const enterpriseIdOf = (org: Organization): string | null => str(org.enterprise_id);

/**
 * The PATCH /bv/org/v1/sub-orgs/{id} body that turns `before` into `after`: the properties of
 * `org.v1.PublicOrganizationService.UpdateSubOrgBody` in BlendVision's OpenAPI index (GitHub
 * BlendVision/mcp-server, data/api-index.json), and only those. `enterprise_id` is the schema's one
 * required property and is always sent, as the record has it (apply refuses a change to a record
 * without one). `name`, `type` and `owner_email`, which the operation's description calls required,
 * are not properties of the body and are not sent; a new owner goes through the owner switch.
 *
 * ASSUMPTION (UNCONFIRMED): the PATCH has no field mask, so a field it does not carry may be reset to
 * its zero value. The body therefore repeats every updatable field from the record (with the changes
 * applied). Contract fields and `business_setting` are sent for BUSINESS sub-organizations only (as
 * the schema says), only one of `contract_months` / `contract_days` (months win when both are sent),
 * and `template_id` only for a BUSINESS sub-organization that is not on another plan than CXM.
 */
export function patchBody(before: SubOrgState, after: SubOrgState): IDataObject {
	const o = after.organization;
	const body: IDataObject = { enterprise_id: enterpriseIdOf(o) ?? enterpriseIdOf(before.organization) };
	if (str(o.parent_id)) body.parent_id = o.parent_id;
	body.description = o.description ?? '';
	body.plan_ids = after.plans.map((p) => p.id);
	if (num(o.billing_cycle) !== null) body.billing_cycle = o.billing_cycle;
	if (o.type === BUSINESS) {
		const template = templateIdOf(o);
		const planType = o.business_setting?.business_plan_type;
		if (template && (!planType || planType === BUSINESS_PLAN_CXM)) body.template_id = template;
		if (str(o.contract_valid_start_time)) body.contract_valid_start_time = o.contract_valid_start_time;
		if (num(o.contract_months) !== null) body.contract_months = o.contract_months;
		else if (num(o.contract_days) !== null) body.contract_days = o.contract_days;
		const business = writableBusinessSetting(o.business_setting);
		if (Object.keys(business).length > 0) body.business_setting = business as IDataObject;
	}
	if (before.organization.next_contract && !o.next_contract) body.clear_next_contract_setting = true;
	return body;
}

/**
 * ASSUMPTION (UNCONFIRMED): a new owner is set with the dedicated POST /bv/org/v1/sub-orgs/{id}:switch-owner
 * (`{ new_owner_email }`), not through the PATCH's `owner_email`, which the PATCH sends unchanged.
 */
export function ownerChangeRequest(id: string, email: string): ApiRequest {
	return { method: 'POST', path: paths.switchOwner(id), body: { new_owner_email: email } };
}
