import type { ItemParams } from '../../../core/params';
import { UUID } from '../../lists';

// Reading the shared fields (fields.ts) from one item: no requests.

export interface OfferingInput {
	offeringId: string;
}

export interface PlanInput extends OfferingInput {
	planId: string;
}

export function readOfferingId(params: ItemParams): string {
	return params
		.locator('offering', 'Offering', {
			pattern: UUID,
			patternHint: 'Use the offering\'s ID, a UUID such as 0c2d5e6f-8d2e-4b7a-9a51-3f1c9a527a80, or choose the offering from the list.',
		})
		.toLowerCase();
}

export function readPlanIds(params: ItemParams): PlanInput {
	const offeringId = readOfferingId(params);
	const planId = params
		.locator('plan', 'Plan', {
			pattern: UUID,
			patternHint: 'Use the plan\'s ID within the offering, a UUID such as 3f1c9a52-8d2e-4b7a-9a51-0c2d5e6f7a80, or choose the plan from the list.',
		})
		.toLowerCase();
	return { offeringId, planId };
}
