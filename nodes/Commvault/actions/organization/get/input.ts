import type { ItemParams } from '../../../../core/params';
import { type OrgInput, readOrgId } from '../inputs';

export function input(params: ItemParams): OrgInput {
	return { orgId: readOrgId(params) };
}
