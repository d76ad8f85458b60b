import type { ItemParams } from '../../../../core/params';
import { type PlanInput, readPlanId } from '../inputs';

export function input(params: ItemParams): PlanInput {
	return { planId: readPlanId(params) };
}
