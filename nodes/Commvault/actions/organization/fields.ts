import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../core/descriptions';
import type { PlanList } from '../../shapes';

// Fields several operations show (each operation lists the ones it uses in its description.ts).

export const organizationField: INodeProperties = resourceLocator({
	displayName: 'Organization',
	name: 'organization',
	description: 'The Commvault organization (company) to read or change',
	searchListMethod: 'searchOrganizations',
	id: {
		placeholder: 'e.g. 12',
		regex: '^\\s*\\d+\\s*$',
		errorMessage: 'An organization ID is a whole number (the shortName.id of GET Organization), e.g. 12',
	},
});

/** What each list is called in the UI and in messages. */
export const LIST_LABEL: Record<PlanList, { plural: string; field: string }> = {
	plans: { plural: 'plans', field: 'Plans' },
	defaultPlans: { plural: 'default plans', field: 'Default Plans' },
};

/** Mode, plans and the Replace toggle of Update Plans and Update Default Plans, for one plan list. */
export function planListFields(list: PlanList): INodeProperties[] {
	const label = LIST_LABEL[list];
	return [
		organizationField,
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{
					name: 'Associate (Add)',
					value: 'add',
					description: `Add the listed plans to the organization's ${label.plural}, keeping every other one`,
				},
				{
					name: 'Dissociate (Delete)',
					value: 'remove',
					description: `Remove the listed plans from the organization's ${label.plural}, keeping every other one`,
				},
				{
					name: 'Replace (Overwrite)',
					value: 'replace',
					description: `Make the listed plans the organization's only ${label.plural}. Removing any needs "Remove ${label.field} Not Listed".`,
				},
			],
			default: 'add',
			description: `How to change the organization's ${label.plural}`,
		},
		{
			displayName: `Replace makes the listed plans the only ${label.plural}: every other one is removed (Commvault's OVERWRITE). The node refuses and names the plans it would remove unless "Remove ${label.field} Not Listed" is on.`,
			name: 'replaceNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { mode: ['replace'] } },
		},
		{
			displayName: 'Plan Names or IDs',
			name: 'plans',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getPlans' },
			default: [],
			description: `The plans to ${list === 'plans' ? 'associate, dissociate or keep' : 'add, remove or keep as default plans'}, by name or plan ID; an expression may give an array or a comma-separated list. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
		{
			displayName: `Remove ${label.field} Not Listed`,
			name: 'removeUnlisted',
			type: 'boolean',
			default: false,
			description: `Whether to allow Replace to remove the organization's ${label.plural} that are not listed. When off, the node refuses such a change and names the plans it would remove.`,
			displayOptions: { show: { mode: ['replace'] } },
		},
	];
}
