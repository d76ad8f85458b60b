import type { INodeProperties } from 'n8n-workflow';

import { runOptions } from '../../../core/descriptions';
import type { Operation } from '../../../core/runner';
import { CONFIRM_REASON, RESOURCE } from './common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateDefaultPlans from './updateDefaultPlans.operation';
import * as updatePlans from './updatePlans.operation';
import { commvaultApi } from '../../api';

const UPDATES = ['updatePlans', 'updateDefaultPlans'];

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
				action: 'Get an organization',
				description: 'Get an organization with its plans and default plans',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many organizations',
				description: 'List the organizations (companies) this user can see',
			},
			{
				name: 'Update Default Plans',
				value: 'updateDefaultPlans',
				action: 'Update the default plans of an organization',
				description: 'Add, remove or replace the default plans of an organization',
			},
			{
				name: 'Update Plans',
				value: 'updatePlans',
				action: 'Update the plans associated with an organization',
				description: 'Associate, dissociate or replace the plans of an organization',
			},
		],
		default: 'get',
		description: 'What to do with the organization',
	},
	...get.description,
	...getAll.description,
	...updatePlans.description,
	...updateDefaultPlans.description,
	runOptions({ resource: [RESOURCE], operation: UPDATES }, { dryRun: true, rateLimit: commvaultApi.rateLimit, confirmReason: CONFIRM_REASON }),
	runOptions({ resource: [RESOURCE], operation: ['get', 'getAll'] }, { dryRun: false, rateLimit: commvaultApi.rateLimit }),
];

export const operations: Record<string, Operation> = {
	get: get.operation as Operation,
	getAll: getAll.operation as Operation,
	updatePlans: updatePlans.operation as unknown as Operation,
	updateDefaultPlans: updateDefaultPlans.operation as unknown as Operation,
};
