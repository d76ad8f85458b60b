import type { IDataObject } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { defineRead } from '../../../core/node';
import { organizationsFromList, paths } from '../../api';
import { get } from './common';

export const operation = defineRead({
	fields: returnAllOrLimit(),
	input: (params) => ({ limit: params.limit() }),
	// Every organization comes in one answer (see organizationsFromList in api.ts).
	run: async (op, input, i) => {
		const organizations = organizationsFromList(await get(op, paths.organizations, i));
		return (input.limit === undefined ? organizations : organizations.slice(0, input.limit)) as unknown as IDataObject[];
	},
});
