import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../core/descriptions';

// Fields several operations show (each operation lists the ones it uses in its description.ts).

export const planField: INodeProperties = resourceLocator({
	displayName: 'Plan',
	name: 'plan',
	description: 'The Instellix plan to read or change',
	searchListMethod: 'searchPlans',
	id: {
		placeholder: 'e.g. 4711',
		regex: '^\\s*\\d{1,19}\\s*$',
		errorMessage: 'A plan ID is the numeric ID Instellix gives the plan, e.g. 4711 (not the plan ident)',
	},
});
