import { defineRead } from '../../../core/node';
import { readSubOrg, readSubOrgId, subOrgView, subOrganizationField } from './common';

export const operation = defineRead({
	fields: [subOrganizationField],
	input: (params) => ({ id: readSubOrgId(params) }),
	run: async (op, input, i) => subOrgView(await readSubOrg(op, input.id, i)),
});
