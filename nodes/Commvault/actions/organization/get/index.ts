import { defineRead } from '../../../../core/node';
import { organizationView, readOrganization } from '../resource';
import { fields } from './description';
import { input } from './input';

/** Get: the organization with its plans and default plans. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, { orgId }, itemIndex) => organizationView(await readOrganization(op, orgId, itemIndex)),
});
