import { defineResource } from '../../../core/node';
import * as get from './get';
import * as getAll from './getAll';
import { CONFIRM_REASON } from './resource';
import * as undo from './undo';
import * as update from './update';

export const plan = defineResource({
	value: 'plan',
	name: 'Plan',
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
				name: 'Undo Changes',
				value: 'undo',
				action: 'Undo the plan changes of an earlier run and keep changes made since',
				description: 'Put back what an earlier run of this node changed, leaving alone what was changed since',
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
	// In this order the node lists each operation's fields.
	operations: { get: get.operation, getAll: getAll.operation, update: update.operation, undo: undo.operation },
	confirmReason: CONFIRM_REASON,
});
