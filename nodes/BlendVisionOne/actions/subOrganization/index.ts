import type { INodeProperties } from 'n8n-workflow';

import { runOptions } from '../../../core/descriptions';
import type { Operation } from '../../../core/runner';
import { RESOURCE } from './common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { blendVisionOneApi } from '../../api';

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
				action: 'Get a sub organization',
				description: 'Get a sub-organization with its contract, business settings and plans',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sub organizations',
				description: 'Get many sub-organizations',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the plans and settings of a sub organization',
				description: "Change a sub-organization's plans, contract, business settings, parent or owner, keeping everything not named",
			},
		],
		default: 'update',
		description: 'What to do with the sub-organization',
	},
	...get.description,
	...getAll.description,
	...update.description,
	runOptions({ resource: [RESOURCE], operation: ['update'] }, { dryRun: true, rateLimit: blendVisionOneApi.rateLimit, confirmReason: update.CONFIRM_REASON }),
	runOptions({ resource: [RESOURCE], operation: ['get', 'getAll'] }, { dryRun: false, rateLimit: blendVisionOneApi.rateLimit }),
];

export const operations: Record<string, Operation> = {
	get: get.operation as Operation,
	getAll: getAll.operation as Operation,
	update: update.operation as unknown as Operation,
};
