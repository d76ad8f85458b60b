import { defineUndo } from '../../../../core/undo';
import { offeringPlan, writePlan } from '../resource';
import { knows, limit, restore, target } from './mapping';

/** Undo Changes: puts back what an earlier run changed, where nothing changed it since. */
export const operation = defineUndo({
	what: 'Elastic Path offering plan',
	operations: 'Update',
	resource: offeringPlan,
	write: writePlan,
	target,
	knows,
	limit,
	restore,
});
