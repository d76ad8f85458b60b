import { defineUndo } from '../../../../core/undo';
import { organizationPlans, writePlans } from '../resource';
import { knows, limit, restore, target } from './mapping';

/** Undo Changes: puts back what an earlier run changed, where nothing changed it since. */
export const operation = defineUndo({
	what: 'Partoo organization',
	operations: 'Add or Update, Remove or Replace All',
	resource: organizationPlans,
	write: writePlans,
	target,
	knows,
	limit,
	restore,
});
