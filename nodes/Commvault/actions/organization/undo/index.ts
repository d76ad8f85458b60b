import { defineUndo } from '../../../../core/undo';
import { organizationState } from '../resource';
import { knows, restore, target } from './mapping';
import { writeBothLists } from './write';

/** Undo Changes: puts back what an earlier run changed, where nothing changed it since. */
export const operation = defineUndo({
	what: 'Commvault organization',
	operations: 'Update Plans or Update Default Plans',
	resource: organizationState,
	write: writeBothLists,
	target,
	knows,
	restore,
});
