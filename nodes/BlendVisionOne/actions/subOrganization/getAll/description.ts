import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../core/descriptions';
import { ORGANIZATION_STATUSES, ORGANIZATION_TYPES } from '../../../shapes';

/** "ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR" -> "General Distributor". */
const label = (value: string, prefix: string) =>
	value
		.slice(prefix.length)
		.split('_')
		.map((w) => w[0] + w.slice(1).toLowerCase())
		.join(' ');

export const fields: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Return only the sub-organizations that match all of these',
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme',
				description: 'Return sub-organizations whose name contains this text',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORGANIZATION_STATUSES.map((value) => ({ name: label(value, 'ORGANIZATION_STATUS_'), value })),
				default: [],
				description: 'Return sub-organizations in any of these statuses',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: ORGANIZATION_TYPES.map((value) => ({ name: label(value, 'ORGANIZATION_TYPE_'), value })),
				default: [],
				description: 'Return sub-organizations of any of these types',
			},
		],
	},
];
