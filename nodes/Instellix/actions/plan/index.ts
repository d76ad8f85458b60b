import type { INodeProperties } from 'n8n-workflow';

import { runOptions } from '../../../core/descriptions';
import type { Operation } from '../../../core/runner';
import { RESOURCE } from './common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { instellixApi } from '../../api';

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
				action: 'Get a plan',
				description: 'Get a plan with its phases, options and properties',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many plans',
				description: 'Get many plans of the tenant',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a plan and its properties and phases',
				description: 'Change the fields you set and keep the rest of the plan as it is',
			},
		],
		default: 'update',
		description: 'What to do with the plan',
	},
	...get.description,
	...getAll.description,
	...update.description,
	runOptions({ resource: [RESOURCE], operation: ['update'] }, { dryRun: true, rateLimit: instellixApi.rateLimit, confirmReason: update.CONFIRM_REASON }),
	runOptions({ resource: [RESOURCE], operation: ['get', 'getAll'] }, { dryRun: false, rateLimit: instellixApi.rateLimit }),
];

export const operations: Record<string, Operation> = {
	get: get.operation as Operation,
	getAll: getAll.operation as Operation,
	update: update.operation as unknown as Operation,
};
