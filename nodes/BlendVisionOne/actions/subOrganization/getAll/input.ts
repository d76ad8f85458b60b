import type { ItemParams } from '../../../../core/params';
import { ORGANIZATION_STATUSES, ORGANIZATION_TYPES } from '../../../shapes';

export interface Input {
	limit?: number;
	name?: string;
	types: string[];
	statuses: string[];
}

export function input(params: ItemParams): Input {
	const filters = params.collection('filters', 'Filters');
	return {
		limit: params.limit(),
		name: params.checkString(filters.name, 'Filters > Name Contains'),
		types: params.checkOptions(filters.types, 'Filters > Types', ORGANIZATION_TYPES),
		statuses: params.checkOptions(filters.statuses, 'Filters > Statuses', ORGANIZATION_STATUSES),
	};
}
