import type { ItemParams } from '../../../../core/params';
import { readSubOrgId, type SubOrgInput } from '../inputs';

export function input(params: ItemParams): SubOrgInput {
	return { id: readSubOrgId(params) };
}
