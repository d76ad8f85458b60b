import { defineRead } from '../../../core/node';
import { organizationField, organizationView, readOrganization, readOrgId } from './common';

export const operation = defineRead({
	fields: [organizationField],
	input: (params) => ({ orgId: readOrgId(params) }),
	run: async (op, input, i) => organizationView(await readOrganization(op, input.orgId, i)),
});
