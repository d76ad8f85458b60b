import type { IDataObject } from 'n8n-workflow';

import type { ItemError } from './errors';

/** What the runner records for one input item: its output items, or its error. */
export interface Slot {
	outputs?: IDataObject[];
	error?: ItemError;
	/** Warnings of `input`, and of the last `apply` (replaced when a conflict or a re-apply runs it again). */
	warnings?: string[];
	applyWarnings?: string[];
}
