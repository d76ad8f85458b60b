import { deepEqual } from '../../../../core/changes';
import { ChangeRefused } from '../../../../core/errors';
import { sameId } from '../../../api';
import { enterpriseIdOf, patchComparable } from '../../../patch';
import { BUSINESS, BUSINESS_PLAN_BVONE, BUSINESS_PLAN_CXM, type BusinessSetting, type SubOrgState, typeName, type WritableBusinessKey } from '../../../shapes';
import { applyPlanChange } from '../plans';
import { businessLabel, type Input } from './input';

const BVONE_ONLY: WritableBusinessKey[] = ['enable_create_site', 'site_limit', 'enable_custom_domain'];
const CXM_ONLY: WritableBusinessKey[] = ['marketplace_url', 'marketplace_id'];

/** Applies one item's change to the sub-organization. Pure: throws ChangeRefused when not allowed here. */
export function apply(state: SubOrgState, input: Input): SubOrgState {
	const org = state.organization;
	const who = `"${org.name ?? org.id}"`;
	const patched = patchComparable(state);

	if (input.businessOnly.length && org.type !== BUSINESS) {
		throw new ChangeRefused(
			input.businessOnly.join(', '),
			`${input.businessOnly.length === 1 ? 'this field applies' : 'these fields apply'} to Business sub-organizations only, and ${who} is ${org.type ? typeName(org.type) : 'of unknown type'} (${org.type ?? 'no type'})`,
			'Remove the contract and business settings fields from this item, or choose a Business sub-organization. Plans, description, billing cycle, parent and owner can be changed on every type.',
		);
	}
	const planType = org.business_setting?.business_plan_type;
	const keys = Object.keys(input.business) as WritableBusinessKey[];
	const wrongPlan = (only: WritableBusinessKey[], needed: string) => {
		const offending = keys.filter((k) => only.includes(k));
		if (planType && planType !== needed && offending.length) {
			throw new ChangeRefused(
				offending.map(businessLabel).join(', '),
				`${offending.length === 1 ? 'this setting is' : 'these settings are'} for ${needed.replace('BUSINESS_PLAN_TYPE_', '')} business plans only, and ${who} is on ${planType}`,
				'Remove these settings from the item, or choose a sub-organization on that business plan.',
			);
		}
	};
	wrongPlan(BVONE_ONLY, BUSINESS_PLAN_BVONE);
	wrongPlan(CXM_ONLY, BUSINESS_PLAN_CXM);

	refuseParentWithSubOrgs(state, input);
	applyPlanChange(state, input, who);

	if (input.parentId && !sameId(input.parentId, org.parent_id)) {
		org.parent_id = input.parentId;
		delete org.parent_name;
	}
	if (input.description !== undefined) org.description = input.description;
	if (input.billingCycle !== undefined) org.billing_cycle = input.billingCycle;
	if (input.contractStart !== undefined) org.contract_valid_start_time = input.contractStart;
	if (input.contractMonths !== undefined) {
		org.contract_months = input.contractMonths;
		org.contract_days = 0;
	}
	if (input.contractDays !== undefined) {
		org.contract_days = input.contractDays;
		org.contract_months = 0;
	}
	if (input.clearNextContract && org.next_contract) org.next_contract = null;
	if (input.ownerEmail && input.ownerEmail.toLowerCase() !== (org.owner_email ?? '').toLowerCase()) {
		org.owner_email = input.ownerEmail;
	}
	if (keys.length) org.business_setting = { ...(org.business_setting ?? {}), ...(input.business as BusinessSetting) };
	if (!enterpriseIdOf(org) && !deepEqual(patched, patchComparable(state))) {
		throw new ChangeRefused(
			'enterprise_id',
			`${who} has no enterprise ID in what BlendVision One returned, and BlendVision One requires enterprise_id in every update of a sub-organization (UpdateSubOrgBody); the node does not make one up`,
			'Check the sub-organization in the BlendVision One console, or ask BlendVision One support to give it an enterprise ID, then run the node again. A new owner alone ("Owner Email") can still be set: it is sent as an owner switch, not as an update.',
		);
	}
	return state;
}

/**
 * BlendVision One refuses a parent that already has sub-organizations of its own
 * (ERROR_REASON_HAS_APPENDED_SUB_ORGS, documented on the update page): refused here, before sending,
 * from the parent's `has_sub_orgs` as the read found it.
 */
function refuseParentWithSubOrgs(state: SubOrgState, input: Input): void {
	if (!input.parentId || sameId(input.parentId, state.organization.parent_id)) return;
	const parent = state.parents?.[input.parentId];
	if (parent?.has_sub_orgs !== true) return;
	throw new ChangeRefused(
		'Parent Organization',
		`"${parent.name ?? parent.id}" (${input.parentId}) already has sub-organizations of its own, and BlendVision One does not allow moving a sub-organization under such an organization (ERROR_REASON_HAS_APPENDED_SUB_ORGS)`,
		'Choose a parent without sub-organizations of its own ("From list" offers only those) or the main organization, or leave "Parent Organization" empty to keep the current parent.',
	);
}
