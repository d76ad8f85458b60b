import type { INodeProperties } from 'n8n-workflow';

import { runOptions } from '../../../core/descriptions';
import type { Operation } from '../../../core/runner';
import * as addOrUpdate from './addOrUpdate.operation';
import { CONFIRM_REASON, RESOURCE } from './common';
import * as get from './get.operation';
import * as remove from './remove.operation';
import * as replaceAll from './replaceAll.operation';
import { partooApi } from '../../api';

const UPDATES = ['addOrUpdate', 'remove', 'replaceAll'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [RESOURCE] } },
		options: [
			{
				name: 'Add or Update',
				value: 'addOrUpdate',
				action: 'Add or update plans of an organization and keep its other plans',
				description: 'Add plans or change their expiration date, keeping every plan not named',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the plans of an organization',
				description: 'Get the plans of an organization with their subscription and expiration dates',
			},
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove plans from an organization and keep its other plans',
				description: 'Remove the named plans, keeping every other plan',
			},
			{
				name: 'Replace All',
				value: 'replaceAll',
				action: 'Replace all plans of an organization with the listed plans',
				description: 'Make the listed plans the only plans of the organization',
			},
		],
		default: 'addOrUpdate',
		description: 'What to do with the organization plans',
	},
	...get.description,
	...addOrUpdate.description,
	...remove.description,
	...replaceAll.description,
	runOptions({ resource: [RESOURCE], operation: UPDATES }, { dryRun: true, rateLimit: partooApi.rateLimit, confirmReason: CONFIRM_REASON }),
	runOptions({ resource: [RESOURCE], operation: ['get'] }, { dryRun: false, rateLimit: partooApi.rateLimit }),
];

export const operations: Record<string, Operation> = {
	get: get.operation as Operation,
	addOrUpdate: addOrUpdate.operation as unknown as Operation,
	remove: remove.operation as unknown as Operation,
	replaceAll: replaceAll.operation as unknown as Operation,
};
