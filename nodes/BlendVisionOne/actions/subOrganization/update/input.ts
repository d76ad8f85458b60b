import { toRfc3339 } from '../../../../core/dates';
import type { ItemParams } from '../../../../core/params';
import { ID_PATTERN, sameId } from '../../../api';
import { BUSINESS_LIMITS, type WritableBusinessKey } from '../../../shapes';
import { readSubOrgId } from '../inputs';
import { PLAN_MODES, PLANS, type PlanChange } from '../plans';

const INT32_MAX = 2_147_483_647;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i;

export interface Input extends PlanChange {
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
/** How messages name a business setting, e.g. "Business Settings > Site Limit". */
export const businessLabel = (key: WritableBusinessKey) => `Business Settings > ${BUSINESS_FIELDS.find((f) => f.key === key)!.label}`;

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

function readBusiness(params: ItemParams): Pick<Input, 'business' | 'businessOnly'> {
	const settings = params.collection('businessSettings', 'Business Settings');
	const business: Input['business'] = {};
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

export function input(params: ItemParams): Input {
	const id = readSubOrgId(params);
	const planMode = params.option('planMode', 'Plan Change', PLAN_MODES, 'add');
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
