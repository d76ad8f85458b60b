import type { INodeProperties } from 'n8n-workflow';

import { cloneSharing, deepEqual } from '../../../core/changes';
import { toRfc3339 } from '../../../core/dates';
import { ChangeRefused } from '../../../core/errors';
import { defineUpdate } from '../../../core/node';
import type { ItemParams } from '../../../core/params';
import type { ApiRequest } from '../../../core/types';
import {
	BUSINESS,
	BUSINESS_LIMITS,
	BUSINESS_PLAN_BVONE,
	BUSINESS_PLAN_CXM,
	type BusinessSetting,
	comparable,
	ID_PATTERN,
	ID_REGEX_SOURCE,
	ownerChangeRequest,
	patchBody,
	patchComparable,
	paths,
	type SubOrgState,
	type WritableBusinessKey,
} from '../../api';
import { readSubOrgId, readSubOrgPlans, readSubOrgRecord, subOrgView, subOrganizationField } from './common';
import { PLANS, type PlanMode, applyPlanChange, readState, sameId } from './plans';
import { resourceLocator } from '../../../core/descriptions';

const INT32_MAX = 2_147_483_647;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i;

const PLAN_MODES: readonly PlanMode[] = ['add', 'remove', 'replace'];

const fields: INodeProperties[] = [
	subOrganizationField,
	{
		displayName: 'Plan Change',
		name: 'planMode',
		type: 'options',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add the listed plans; every plan the sub-organization has is kept',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove the listed plans; every other plan is kept',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'Make the listed plans the only plans (removing others needs "Remove Plans Not Listed")',
			},
		],
		default: 'add',
		description: 'How the plans listed below change the plans the sub-organization has',
	},
	{
		displayName:
			'Replace makes the listed plans the only plans of the sub-organization. If that would remove a plan it has, the node refuses and names the plan, unless "Remove Plans Not Listed" is on.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { planMode: ['replace'] } },
	},
	{
		displayName: PLANS,
		name: 'planIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPlans' },
		default: [],
		description:
			'Plans to add, remove or set, as chosen in "Plan Change". Leave empty to keep the plans as they are. A sub-organization can only get plans its parent organization has (the list shows the main organization\'s). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Remove Plans Not Listed',
		name: 'removeUnlisted',
		type: 'boolean',
		default: false,
		description:
			'Whether to allow removing the plans the sub-organization has but that are not listed. When off, the node refuses a Replace that would remove a plan and names the plans instead.',
		displayOptions: { show: { planMode: ['replace'] } },
	},
	resourceLocator({
		displayName: 'Parent Organization',
		name: 'parentOrganization',
		description:
			'Move the sub-organization under this organization. Leave empty to keep the current parent. The list leaves out sub-organizations that already have sub-organizations of their own: BlendVision One does not allow moving under them.',
		searchListMethod: 'searchParentOrganizations',
		id: {
			placeholder: 'e.g. 0b6f2c1e-0000-4000-8000-000000000001',
			regex: ID_REGEX_SOURCE,
			errorMessage: 'An organization ID is a UUID, e.g. 0b6f2c1e-0000-4000-8000-000000000001',
		},
		required: false,
	}),

	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Other fields to change. Fields not added here keep their current values.',
		options: [
			{
				displayName: 'Billing Cycle',
				name: 'billingCycle',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'The billing cycle of the sub-organization (a whole number, as BlendVision One defines it)',
			},
			{
				displayName: 'Clear Next Contract Setting',
				name: 'clearNextContract',
				type: 'boolean',
				default: true,
				description: 'Whether to discard the next contract scheduled for the sub-organization, if it has one',
			},
			{
				displayName: 'Contract Days',
				name: 'contractDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'Contract length in days. Business sub-organizations only; do not combine with "Contract Months".',
			},
			{
				displayName: 'Contract Months',
				name: 'contractMonths',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 12,
				description: 'Contract length in months. Business sub-organizations only; do not combine with "Contract Days".',
			},
			{
				displayName: 'Contract Start',
				name: 'contractStart',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-09-01',
				description:
					'The day the contract starts, sent as an RFC 3339 date-time (a plain date means midnight UTC). Business sub-organizations only. Accepts ISO 8601 dates and date-times (2026-09-01, 20260901), n8n dates such as {{ $now }} and epoch milliseconds as a number; a number written as text is refused, not guessed.',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'The description of the sub-organization',
			},
			{
				displayName: 'Owner Email',
				name: 'ownerEmail',
				type: 'string',
				placeholder: 'e.g. name@email.com',
				default: '',
				description:
					'Email of the new owner, who must already be a member of the sub-organization. Sent as a separate owner switch after the other changes.',
			},
		],
	},
	{
		displayName: 'Business Settings',
		name: 'businessSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Settings of a Business sub-organization. Settings not added here keep their current values.',
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'string',
				default: '',
				description: `A free classification of the business, at most ${BUSINESS_LIMITS.categoryMax} characters`,
			},
			{
				displayName: 'Enable Create Site',
				name: 'enableCreateSite',
				type: 'boolean',
				default: false,
				description: 'Whether the sub-organization may create sites (BVOne plan only)',
			},
			{
				displayName: 'Enable Custom Domain',
				name: 'enableCustomDomain',
				type: 'boolean',
				default: false,
				description: 'Whether the sub-organization may use a custom domain (BVOne plan only)',
			},
			{
				displayName: 'Marketplace ID (Deprecated)',
				name: 'marketplaceId',
				type: 'string',
				default: '',
				description: 'The marketplace ID (CXM plan only). Deprecated by BlendVision One in favour of templates.',
			},
			{
				displayName: 'Marketplace URL (Deprecated)',
				name: 'marketplaceUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://shop.example.com',
				description: `The marketplace URL, a valid http(s) URL of at most ${BUSINESS_LIMITS.marketplaceUrlMax} characters (CXM plan only). Deprecated by BlendVision One in favour of templates.`,
			},
			{
				displayName: 'Single Device Login',
				name: 'singleDeviceLogin',
				type: 'boolean',
				default: false,
				description: 'Whether only one device can be logged in at a time (a new login signs out the oldest)',
			},
			{
				displayName: 'Site Limit',
				name: 'siteLimit',
				type: 'number',
				typeOptions: { minValue: BUSINESS_LIMITS.siteLimitMin, maxValue: BUSINESS_LIMITS.siteLimitMax },
				default: 1,
				description: `The maximum number of sites, from ${BUSINESS_LIMITS.siteLimitMin} to ${BUSINESS_LIMITS.siteLimitMax} (BVOne plan only)`,
			},
			{
				displayName: 'Tax ID',
				name: 'taxId',
				type: 'string',
				default: '',
				description: `The tax ID of the business, at most ${BUSINESS_LIMITS.taxIdMax} characters`,
			},
		],
	},
];

export interface UpdateInput {
	id: string;
	planMode: PlanMode;
	planIds: string[];
	removeUnlisted: boolean;
	parentId?: string;
	description?: string;
	billingCycle?: number;
	contractStart?: string;
	contractMonths?: number;
	contractDays?: number;
	clearNextContract: boolean;
	ownerEmail?: string;
	business: Partial<Record<WritableBusinessKey, string | number | boolean>>;
	/** Labels of the fields set in this item that apply to BUSINESS sub-organizations only. */
	businessOnly: string[];
}

/** Business settings fields: parameter name, API key, label. */
const BUSINESS_FIELDS: Array<{ name: string; key: WritableBusinessKey; label: string }> = [
	{ name: 'category', key: 'category', label: 'Category' },
	{ name: 'taxId', key: 'tax_id', label: 'Tax ID' },
	{ name: 'enableCreateSite', key: 'enable_create_site', label: 'Enable Create Site' },
	{ name: 'siteLimit', key: 'site_limit', label: 'Site Limit' },
	{ name: 'enableCustomDomain', key: 'enable_custom_domain', label: 'Enable Custom Domain' },
	{ name: 'marketplaceUrl', key: 'marketplace_url', label: 'Marketplace URL (Deprecated)' },
	{ name: 'marketplaceId', key: 'marketplace_id', label: 'Marketplace ID (Deprecated)' },
	{ name: 'singleDeviceLogin', key: 'single_device_login', label: 'Single Device Login' },
];
const BVONE_ONLY: WritableBusinessKey[] = ['enable_create_site', 'site_limit', 'enable_custom_domain'];
const CXM_ONLY: WritableBusinessKey[] = ['marketplace_url', 'marketplace_id'];
const businessLabel = (key: WritableBusinessKey) => `Business Settings > ${BUSINESS_FIELDS.find((f) => f.key === key)!.label}`;

function readPlanIds(params: ItemParams): string[] {
	const label = PLANS;
	const list = params.checkList(params.raw('planIds', label, []), label, 'a list of plan IDs', 'Choose plans from the list, or use an expression that gives an array of plan IDs.');
	const ids = list.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '' && v !== undefined && v !== null);
	const bad = ids.filter((v) => typeof v !== 'string' || !ID_PATTERN.test(v));
	if (bad.length) {
		throw params.error(
			label,
			`${bad.map((v) => JSON.stringify(v)).join(', ')} ${bad.length === 1 ? 'is not a plan ID' : 'are not plan IDs'} (plan IDs are UUIDs)`,
			'Choose plans from the list, or give their IDs (UUIDs such as a1c2e3f4-0000-4000-8000-0000000000aa), not their names.',
		);
	}
	const unique: string[] = [];
	for (const id of ids as string[]) if (!unique.some((u) => sameId(u, id))) unique.push(id);
	return unique;
}

function readParentId(params: ItemParams, subOrgId: string): string | undefined {
	const label = 'Parent Organization';
	const id = params.optionalLocator('parentOrganization', label, {
		pattern: ID_PATTERN,
		patternHint: 'Use the ID of the new parent organization (a UUID), choose it from the list, or leave the field empty to keep the current parent.',
	});
	if (id && sameId(id, subOrgId)) {
		throw params.error(label, 'it is the sub-organization itself', 'Choose another organization as the parent, or leave the field empty.');
	}
	return id?.toLowerCase();
}

function readBusiness(params: ItemParams): Pick<UpdateInput, 'business' | 'businessOnly'> {
	const settings = params.collection('businessSettings', 'Business Settings');
	const business: UpdateInput['business'] = {};
	for (const field of BUSINESS_FIELDS) {
		if (!(field.name in settings)) continue;
		const label = `Business Settings > ${field.label}`;
		const value = settings[field.name];
		let parsed: string | number | boolean | undefined;
		switch (field.key) {
			case 'enable_create_site':
			case 'enable_custom_domain':
			case 'single_device_login':
				parsed = params.checkBoolean(value, label);
				break;
			case 'site_limit':
				parsed = params.checkNumber(value, label, { integer: true, min: BUSINESS_LIMITS.siteLimitMin, max: BUSINESS_LIMITS.siteLimitMax });
				break;
			case 'category':
				parsed = params.checkString(value, label, { max: BUSINESS_LIMITS.categoryMax });
				break;
			case 'tax_id':
				parsed = params.checkString(value, label, { max: BUSINESS_LIMITS.taxIdMax });
				break;
			case 'marketplace_url':
				parsed = params.checkString(value, label, {
					max: BUSINESS_LIMITS.marketplaceUrlMax,
					pattern: HTTP_URL,
					patternHint: 'Use a full URL that starts with https:// (or http://), e.g. https://shop.example.com.',
				});
				break;
			default:
				parsed = params.checkString(value, label);
		}
		if (parsed !== undefined) business[field.key] = parsed;
	}
	return { business, businessOnly: Object.keys(business).map((k) => businessLabel(k as WritableBusinessKey)) };
}

function prepare(params: ItemParams): UpdateInput {
	const id = readSubOrgId(params);
	const planMode = params.option('planMode', 'Plan Change', PLAN_MODES, 'add') ?? 'add';
	const planIds = readPlanIds(params);
	const removeUnlisted = planMode === 'replace' ? params.boolean('removeUnlisted', 'Remove Plans Not Listed') : false;
	const parentId = readParentId(params, id);

	const fields = params.collection('updateFields', 'Update Fields');
	const int = (key: string, label: string) => params.checkNumber(fields[key], label, { integer: true, min: 1, max: INT32_MAX });
	const billingCycle = int('billingCycle', 'Billing Cycle');
	const contractMonths = int('contractMonths', 'Contract Months');
	const contractDays = int('contractDays', 'Contract Days');
	if (contractMonths !== undefined && contractDays !== undefined) {
		throw params.error(
			'Contract Months',
			`it is set (${contractMonths}) together with "Contract Days" (${contractDays}); BlendVision One would silently use the months and ignore the days`,
			'Set only one contract length: "Contract Months" for a length in months, or "Contract Days" for a length in days.',
		);
	}
	const start = params.checkDate(fields.contractStart, 'Contract Start');
	const ownerEmail = params.checkString(fields.ownerEmail, 'Owner Email', {
		pattern: EMAIL,
		patternHint: 'Use a full email address, e.g. owner@example.com.',
	});
	const description = params.checkString(fields.description, 'Description');
	const clearNextContract = params.checkBoolean(fields.clearNextContract, 'Clear Next Contract Setting') ?? false;

	const { business, businessOnly } = readBusiness(params);
	const contractLabels = [
		start ? 'Contract Start' : '',
		contractMonths !== undefined ? 'Contract Months' : '',
		contractDays !== undefined ? 'Contract Days' : '',
	].filter(Boolean);

	return {
		id,
		planMode,
		planIds,
		removeUnlisted,
		parentId,
		description,
		billingCycle,
		contractStart: start ? toRfc3339(start) : undefined,
		contractMonths,
		contractDays,
		clearNextContract,
		ownerEmail,
		business,
		businessOnly: [...contractLabels, ...businessOnly],
	};
}

const typeName = (type: string | undefined) =>
	type ? type.replace('ORGANIZATION_TYPE_', '').toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) : 'of unknown type';

/** Applies one item's change to the sub-organization. Pure: throws ChangeRefused when not allowed here. */
export function applyUpdate(state: SubOrgState, input: UpdateInput): SubOrgState {
	const org = state.organization;
	const who = `"${org.name ?? org.id}"`;

	if (input.businessOnly.length && org.type !== BUSINESS) {
		throw new ChangeRefused(
			input.businessOnly.join(', '),
			`${input.businessOnly.length === 1 ? 'this field applies' : 'these fields apply'} to Business sub-organizations only, and ${who} is ${typeName(org.type)} (${org.type ?? 'no type'})`,
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
	return state;
}

/** The requests that turn `before` into `after`: the PATCH (full record) and, for a new owner, the switch. */
export function updateWrites(before: SubOrgState, after: SubOrgState): ApiRequest[] {
	const id = before.organization.id;
	const requests: ApiRequest[] = [];
	if (!deepEqual(patchComparable(before), patchComparable(after))) {
		// The body carries the full intended values, so sending it twice has the same effect as once.
		requests.push({ method: 'PATCH', path: paths.subOrg(id), body: patchBody(before, after), idempotent: true });
	}
	const owner = after.organization.owner_email;
	if (owner && owner !== before.organization.owner_email) requests.push(ownerChangeRequest(id, owner));
	return requests;
}

/** Why "Confirm Write" matters for BlendVision One (shown in the option's description). */
export const CONFIRM_REASON =
	'BlendVision One\'s update carries the whole sub-organization record, plans included: an older copy written by another process that read it just before this write would undo this change.';

export const operation = defineUpdate<UpdateInput, SubOrgState>({
	fields,
	input: prepare,
	resource: {
		key: (input) => input.id,
		label: (input) => `sub-organization ${input.id}`,
		read: async (op, input, i, group) => await readState(op, input, i, group),
		// The record, then its plans: a writer elsewhere read the record one request before it wrote.
		reads: 2,
		// Confirming reads only what holds the written fields: the plans, the record, or both.
		reread: async (op, input, i, leaves, written) => {
			const state = { ...written };
			if (leaves.some((l) => !l.startsWith('plan_ids'))) Object.assign(state, await readSubOrgRecord(op, input.id, i));
			if (leaves.some((l) => l.startsWith('plan_ids'))) state.plans = await readSubOrgPlans(op, input.id, i);
			return state;
		},
		view: (state) => subOrgView(state),
		compare: (state) => comparable(state),
		copy: (state) => cloneSharing(state, 'givable'),
	},
	apply: (current, input) => applyUpdate(current, input),
	write: {
		requests: (before, after) => updateWrites(before, after),
		// The PATCH answers {} and carried the whole record: the sub-organization is now what was sent, without
		// reading it again (3 requests per update: 2 reads, 1 write).
		result: (_answers, after) => after,
		conflict: { statuses: [409], retries: 2 },
	},
});
