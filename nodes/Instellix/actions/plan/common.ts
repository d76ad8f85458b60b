import type { INodeProperties } from 'n8n-workflow';

import type { OperationContext } from '../../../core/operation';
import type { ItemParams } from '../../../core/params';
import { PLAN_ID, type Plan, paths } from '../../api';
import { resourceLocator } from '../../../core/descriptions';

export const planField: INodeProperties = resourceLocator({
	displayName: 'Plan',
	name: 'plan',
	description: 'The Instellix plan to read or change',
	searchListMethod: 'searchPlans',
	id: {
		placeholder: 'e.g. 4711',
		regex: '^\\s*\\d{1,19}\\s*$',
		errorMessage: 'A plan ID is the numeric ID Instellix gives the plan, e.g. 4711 (not the plan ident)',
	},
});

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

export async function fetchPlan(op: OperationContext, planId: string, itemIndex: number): Promise<Plan> {
	const body = await op.transport.request<Plan>({ method: 'GET', path: paths.plan(planId) }, itemIndex);
	return body && typeof body === 'object' && !Array.isArray(body) ? body : {};
}
