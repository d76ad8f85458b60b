import type { ItemParams } from '../../../../core/params';
import { readPlanListChange, type UpdateInput } from '../inputs';

export function input(params: ItemParams): UpdateInput {
	return readPlanListChange(params, 'defaultPlans');
}
