import { defineUndo } from '../../../../core/undo';
import { subOrgState, writeSubOrg } from '../resource';
import { knows, limit, restore, target } from './mapping';

/** Undo Changes: puts back what an earlier run changed, where nothing changed it since. */
export const operation = defineUndo({
	what: 'BlendVision One sub-organization',
	operations: 'Update',
	resource: subOrgState,
	write: writeSubOrg,
	target,
	knows,
	limit,
	restore,
});
