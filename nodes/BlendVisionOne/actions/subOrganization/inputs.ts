import type { ItemParams } from '../../../core/params';
import { ID_PATTERN } from '../../api';

// Reading the shared fields (fields.ts) from one item: no requests.

export interface SubOrgInput {
	id: string;
}

const ID_HINT =
	'Use the sub-organization ID, a UUID such as 9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47, or choose the sub-organization from the list.';

export function readSubOrgId(params: ItemParams): string {
	// Lower case, as BlendVision One writes IDs: an ID given in capitals names the same sub-organization.
	return params.locator('subOrganization', 'Sub-Organization', { pattern: ID_PATTERN, patternHint: ID_HINT }).toLowerCase();
}
