import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../../core/descriptions';
import { ID_REGEX_SOURCE } from '../../../api';
import { BUSINESS_LIMITS } from '../../../shapes';
import { subOrganizationField } from '../fields';
import { PLANS } from '../plans';

const parentLocator = resourceLocator({
	displayName: 'Parent Organization',
	name: 'parentOrganization',
	description:
		'Move the sub-organization under this organization. Leave empty to keep the current parent. The list leaves out sub-organizations that already have sub-organizations of their own: BlendVision One does not allow moving under them.',
	searchListMethod: 'searchParentOrganizations',
	id: {
		placeholder: 'Empty keeps the current parent, e.g. 0b6f2c1e-0000-4000-8000-000000000001',
		regex: ID_REGEX_SOURCE,
		errorMessage: 'An organization ID is a UUID, e.g. 0b6f2c1e-0000-4000-8000-000000000001',
	},
	required: false,
});

/** Empty means "keep the current parent": said under the field and in it, not only in the hover text. */
const parentOrganizationField: INodeProperties = {
	...parentLocator,
	hint: 'Leave empty to keep the current parent',
	modes: parentLocator.modes?.map((mode) => (mode.name === 'list' ? { ...mode, placeholder: 'Keep the current parent' } : mode)),
};

export const fields: INodeProperties[] = [
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
	parentOrganizationField,

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
