import { defineResource } from '../../../core/node';
import * as get from './get';
import * as getAll from './getAll';
import { CONFIRM_REASON } from './resource';
import * as undo from './undo';
import * as updateDefaultPlans from './updateDefaultPlans';
import * as updatePlans from './updatePlans';

export const organization = defineResource({
	value: 'organization',
	name: 'Organization',
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
				name: 'Undo Changes',
				value: 'undo',
				action: 'Undo the plan changes of an earlier run and keep changes made since',
				description: 'Put back what an earlier run of this node changed, leaving alone what was changed since',
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
	operations: { get: get.operation, getAll: getAll.operation, updatePlans: updatePlans.operation, updateDefaultPlans: updateDefaultPlans.operation, undo: undo.operation },
	confirmReason: CONFIRM_REASON,
});
