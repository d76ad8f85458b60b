import type { INodeProperties } from 'n8n-workflow';

import type { ReadOperation } from '../../../core/runner';
import { newParams, readSubOrg, readSubOrgId, subOrgView, subOrganizationField } from './common';

export const description: INodeProperties[] = [subOrganizationField(['get'])];

interface Input {
	id: string;
}

export const operation: ReadOperation<Input> = {
	kind: 'read',
	prepare: (ctx, i) => ({ id: readSubOrgId(newParams(ctx, i)) }),
	run: async (op, input, i) => subOrgView(await readSubOrg(op, input.id, i)),
};
