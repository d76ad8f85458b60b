import { defineResource } from '../../../core/node';
import * as addOrUpdate from './addOrUpdate';
import * as get from './get';
import * as remove from './remove';
import * as replaceAll from './replaceAll';
import * as undo from './undo';
import { CONFIRM_REASON } from './resource';

export const plan = defineResource({
	value: 'organizationPlan',
	name: 'Organization Plan',
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
			{
				name: 'Undo Changes',
				value: 'undo',
				action: 'Undo the plan changes of an earlier run and keep changes made since',
				description: 'Put back what an earlier run of this node changed, leaving alone what was changed since',
			},
		],
		default: 'addOrUpdate',
		description: 'What to do with the organization plans',
	},
	// In this order the node lists each operation's fields.
	operations: { get: get.operation, addOrUpdate: addOrUpdate.operation, remove: remove.operation, replaceAll: replaceAll.operation, undo: undo.operation },
	confirmReason: CONFIRM_REASON,
});
