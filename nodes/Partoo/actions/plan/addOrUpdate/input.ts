import type { ItemParams } from '../../../../core/params';
import type { PlanName } from '../../../api';
import { type OrgInput, readExpiration, readOrgId, readPlans } from '../inputs';

export interface Input extends OrgInput {
	plans: PlanName[];
	/** undefined: each named plan keeps its expiry (new ones get none); null: never expires. */
	expirationDate: string | null | undefined;
}

export function input(params: ItemParams): Input {
	return { orgId: readOrgId(params), plans: readPlans(params, true), expirationDate: readExpiration(params) };
}
