import { toIsoDate } from '../../../core/dates';
import type { ItemParams } from '../../../core/params';
import { PLAN_NAMES, type PlanName } from '../../api';

// Reading the shared fields (fields.ts) from one item: no requests.

/** Partoo organization IDs are integers; business and user IDs (24 hex characters) are not. */
const ORG_ID = /^\d{1,12}$/;

export interface OrgInput {
	orgId: number;
}

const ORG_ID_HINT =
	'Use the numeric Partoo organization ID (e.g. 42), or choose the organization from the list. Business and user IDs are not organization IDs.';

export const readOrgId = (params: ItemParams): number => Number(params.locator('organization', 'Organization', { pattern: ORG_ID, patternHint: ORG_ID_HINT }));

export function readPlans(params: ItemParams, required: boolean): PlanName[] {
	return params.options('plans', 'Plans', PLAN_NAMES, { required });
}

/**
 * The item's expiry for the plans it names: a day (YYYY-MM-DD), null for "never expires", or undefined
 * for "keep each plan's expiry" (plans added now then start without one).
 */
export function readExpiration(params: ItemParams): string | null | undefined {
	const date = params.date('expirationDate', 'Expiration Date', { expiry: { consequence: 'the plans have already expired' } });
	const never = params.boolean('neverExpires', 'Never Expires');
	if (date && never) {
		throw params.error('Never Expires', `it is on while "Expiration Date" is ${toIsoDate(date)}`, 'Either clear "Expiration Date" or switch off "Never Expires": a plan cannot both expire and never expire.');
	}
	if (never) return null;
	return date ? toIsoDate(date) : undefined;
}
