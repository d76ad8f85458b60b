import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../core/descriptions';
import { PLAN_NAMES } from '../../api';

// Fields several operations show (each operation lists the ones it uses in its description.ts).

export const organizationField: INodeProperties = resourceLocator({
	displayName: 'Organization',
	name: 'organization',
	description: 'The Partoo organization whose plans to read or change',
	searchListMethod: 'searchOrganizations',
	id: { placeholder: 'e.g. 42', regex: '^\\s*\\d+\\s*$', errorMessage: 'An organization ID is a whole number, e.g. 42' },
});

const planOptions = PLAN_NAMES.map((name) => ({
	name: name
		.split('_')
		.map((w) => (w === 'sms' ? 'SMS' : w[0].toUpperCase() + w.slice(1)))
		.join(' '),
	value: name,
}));

export function plansField(description: string, required = true): INodeProperties {
	return {
		displayName: 'Plans',
		name: 'plans',
		type: 'multiOptions',
		options: planOptions,
		required,
		default: [],
		description: `${description} An expression may give an array of plan names or a comma-separated list`,
	};
}

/** "Expiration Date" and "Never Expires": a new expiry for the named plans, or none, or (both empty) no change. */
export function expiryFields(plans: string): INodeProperties[] {
	return [
		{
			displayName: 'Expiration Date',
			name: 'expirationDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2027-06-30',
			description: `The day ${plans} expire (sent as YYYY-MM-DD). Leave empty to keep the expiry of the plans the organization already has; plans it gets now start without one. Accepts ISO 8601 dates (2027-06-30, 20270630), n8n dates such as {{ $now.plus({ years: 1 }) }} and epoch milliseconds as a number; a number written as text is refused, not guessed. A day in the past is sent but flagged in the item's warnings.`,
		},
		{
			displayName: 'Never Expires',
			name: 'neverExpires',
			type: 'boolean',
			default: false,
			description: `Whether to remove the expiry of ${plans}, so they never expire. Leave off, with "Expiration Date" empty, to keep each plan's expiry as it is.`,
		},
	];
}
