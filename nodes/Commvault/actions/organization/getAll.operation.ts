import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import type { ReadOperation } from '../../../core/runner';
import { organizationsFromList, paths } from '../../api';
import { get, newParams, RESOURCE } from './common';

const show = { resource: [RESOURCE], operation: ['getAll'] };

export const description: INodeProperties[] = [...returnAllOrLimit(show)];

interface Input {
	limit: number | undefined;
}

export const operation: ReadOperation<Input> = {
	kind: 'read',
	prepare: (ctx, i) => {
		const params = newParams(ctx, i);
		const returnAll = params.boolean('returnAll', 'Return All');
		return { limit: returnAll ? undefined : (params.number('limit', 'Limit', { min: 1, integer: true, required: true }) as number) };
	},
	// Every organization comes in one answer (see organizationsFromList in api.ts).
	run: async (op, input, i) => {
		const organizations = organizationsFromList(await get(op, paths.organizations, i));
		return (input.limit === undefined ? organizations : organizations.slice(0, input.limit)) as unknown as IDataObject[];
	},
};
