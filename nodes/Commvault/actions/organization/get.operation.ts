import type { INodeProperties } from 'n8n-workflow';

import type { ReadOperation } from '../../../core/runner';
import { newParams, type OrgInput, organizationField, organizationView, readOrganization, readOrgId } from './common';

export const description: INodeProperties[] = [organizationField(['get'])];

export const operation: ReadOperation<OrgInput> = {
	kind: 'read',
	prepare: (ctx, i) => ({ orgId: readOrgId(newParams(ctx, i)) }),
	run: async (op, input, i) => organizationView(await readOrganization(op, input.orgId, i)),
};
