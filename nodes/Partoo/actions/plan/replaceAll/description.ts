import type { INodeProperties } from 'n8n-workflow';

import { expiryFields, organizationField, plansField } from '../fields';

export const fields: INodeProperties[] = [
	{
		displayName:
			'Replace All makes the listed plans the only plans of the organization: every plan not listed is removed. To add or remove single plans, use "Add or Update" or "Remove".',
		name: 'replaceAllNotice',
		type: 'notice',
		default: '',
	},
	organizationField,
	plansField('The complete list of plans the organization should have.', false),
	...expiryFields('all listed plans'),
	{
		displayName: 'Remove Plans Not Listed',
		name: 'removeUnlisted',
		type: 'boolean',
		default: false,
		description:
			'Whether to allow removing the plans the organization has but that are not listed. When off, the node refuses any change that would remove a plan and names the plans instead.',
	},
];
