import { defineRead } from '../../../../core/node';
import { readOrgPlans, viewOf } from '../resource';
import { fields } from './description';
import { input } from './input';

/** Get: the organization's plans with their subscription and expiration dates. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, { orgId }, itemIndex) => viewOf(await readOrgPlans(op, orgId, itemIndex)),
});
