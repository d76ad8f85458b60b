import { defineUndo } from '../../../../core/undo';
import { planResource, writePlan } from '../resource';
import { knows, limit, restore, target } from './mapping';

/** Undo Changes: puts back what an earlier run changed, where nothing changed it since. */
export const operation = defineUndo({
	what: 'Instellix plan',
	operations: 'Update',
	resource: planResource,
	write: writePlan,
	target,
	knows,
	limit,
	restore,
});
