import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../core/descriptions';
import { UUID_SOURCE } from '../../lists';

// Fields several operations show (each operation lists the ones it uses in its description.ts).

/** A record picked from its list or given by its UUID. */
const uuidLocator = (displayName: string, description: string, searchListMethod: string, example: string) =>
	resourceLocator({
		displayName,
		name: displayName.toLowerCase(),
		description,
		searchListMethod,
		id: { placeholder: `e.g. ${example}`, regex: UUID_SOURCE, errorMessage: `${displayName === 'Plan' ? 'A plan' : 'An offering'} ID is a UUID` },
	});

export const offeringField: INodeProperties = uuidLocator('Offering', 'The subscription offering that holds the plan', 'searchOfferings', '0c2d5e6f-8d2e-4b7a-9a51-3f1c9a527a80');

export const planField: INodeProperties = uuidLocator(
	'Plan',
	"The plan within that offering. Plan IDs are those of the offering's plans, not of standalone plans.",
	'searchPlans',
	'3f1c9a52-8d2e-4b7a-9a51-0c2d5e6f7a80',
);
