import type { INodeProperties } from 'n8n-workflow';

import { runOptions } from '../../../core/descriptions';
import type { Operation } from '../../../core/runner';
import { RESOURCE } from './common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { elasticPathApi } from '../../api';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [RESOURCE] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a plan of an offering',
				description: 'Get one plan of an offering with its billing rules and prices',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many plans of an offering',
				description: 'Get the plans of an offering',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the attributes or prices of a plan of an offering',
				description: 'Change the attributes you name, keeping every other attribute and price',
			},
		],
		default: 'update',
		description: 'What to do with the offering plan',
	},
	...get.description,
	...getAll.description,
	...update.description,
	runOptions({ resource: [RESOURCE], operation: ['update'] }, { dryRun: true, rateLimit: elasticPathApi.rateLimit, confirmReason: update.CONFIRM_REASON }),
	runOptions({ resource: [RESOURCE], operation: ['get', 'getAll'] }, { dryRun: false, rateLimit: elasticPathApi.rateLimit }),
];

export const operations: Record<string, Operation> = {
	get: get.operation as Operation,
	getAll: getAll.operation as Operation,
	update: update.operation as unknown as Operation,
};
