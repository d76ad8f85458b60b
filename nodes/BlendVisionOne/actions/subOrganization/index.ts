import { defineResource } from '../../../core/node';
import * as get from './get';
import * as getAll from './getAll';
import { CONFIRM_REASON } from './resource';
import * as undo from './undo';
import * as update from './update';

export const subOrganization = defineResource({
	value: 'subOrganization',
	name: 'Sub-Organization',
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
				name: 'Undo Changes',
				value: 'undo',
				action: 'Undo the changes of an earlier run to sub organizations and keep changes made since',
				description: 'Put back what an earlier run of this node changed, leaving alone what was changed since',
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
	// In this order the node lists each operation's fields.
	operations: { get: get.operation, getAll: getAll.operation, update: update.operation, undo: undo.operation },
	confirmReason: CONFIRM_REASON,
});
