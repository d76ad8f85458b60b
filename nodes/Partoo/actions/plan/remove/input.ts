import type { ItemParams } from '../../../../core/params';
import type { PlanName } from '../../../api';
import { type OrgInput, readOrgId, readPlans } from '../inputs';

export interface Input extends OrgInput {
	plans: PlanName[];
}

export function input(params: ItemParams): Input {
	return { orgId: readOrgId(params), plans: readPlans(params, true) };
}
