import type { ItemParams } from '../../../../core/params';
import type { PlanName } from '../../../api';
import { type OrgInput, readExpiration, readOrgId, readPlans } from '../inputs';

export interface Input extends OrgInput {
	plans: PlanName[];
	/** undefined: listed plans the organization has keep their expiry (new ones get none); null: never expires. */
	expirationDate: string | null | undefined;
	removeUnlisted: boolean;
}

export function input(params: ItemParams): Input {
	return {
		orgId: readOrgId(params),
		plans: readPlans(params, false),
		expirationDate: readExpiration(params),
		removeUnlisted: params.boolean('removeUnlisted', 'Remove Plans Not Listed'),
	};
}
