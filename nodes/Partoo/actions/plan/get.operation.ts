import type { INodeProperties } from 'n8n-workflow';

import type { ReadOperation } from '../../../core/runner';
import { type OrgInput, newParams, organizationField, readOrgId, readOrgPlans } from './common';

export const description: INodeProperties[] = [organizationField(['get'])];

export const operation: ReadOperation<OrgInput> = {
	kind: 'read',
	prepare: (ctx, i) => ({ orgId: readOrgId(newParams(ctx, i)) }),
	run: async (op, input, i) => {
		const resource = await readOrgPlans(op, input.orgId, i);
		return { orgId: resource.orgId, plans: resource.plans as unknown as [] };
	},
};
