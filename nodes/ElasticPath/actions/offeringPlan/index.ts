import { defineResource } from '../../../core/node';
import * as get from './get';
import * as getAll from './getAll';
import { CONFIRM_REASON } from './resource';
import * as undo from './undo';
import * as update from './update';

export const offeringPlan = defineResource({
	value: 'offeringPlan',
	name: 'Offering Plan',
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
				name: 'Undo Changes',
				value: 'undo',
				action: 'Undo the plan changes of an earlier run and keep changes made since',
				description: 'Put back what an earlier run of this node changed, leaving alone what was changed since',
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
	operations: { get: get.operation, getAll: getAll.operation, update: update.operation, undo: undo.operation },
	confirmReason: CONFIRM_REASON,
});
