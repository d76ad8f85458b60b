import type { ItemParams } from '../../../core/params';
import { PLAN_ID } from '../../api';

// Reading the shared fields (fields.ts) from one item: no requests.

export interface PlanInput {
	planId: string;
}

/** The largest plan ID: Instellix plan IDs are int64. */
const INT64_MAX = '9223372036854775807';

export function readPlanId(params: ItemParams): string {
	const value = params.locator('plan', 'Plan', {
		pattern: PLAN_ID,
		patternHint:
			'Use the numeric Instellix plan ID (e.g. 4711), or choose the plan from the list. The plan ident (text) is not the ID the API needs.',
	});
	// Leading zeros would name the same plan twice in one run; "007" is plan 7.
	const id = value.replace(/^0+(?=\d)/, '');
	// Nineteen digits can be more than an int64 holds (digit strings of one length compare as numbers).
	if (id.length === 19 && id > INT64_MAX) {
		throw params.error('Plan', `${id} is larger than the largest plan ID (${INT64_MAX})`, 'Check the plan ID: Instellix plan IDs are 64-bit whole numbers. Choose the plan from the list to be sure.');
	}
	return id;
}
