import { defineRead } from '../../../../core/node';
import { readSubOrg, subOrgView } from '../resource';
import { fields } from './description';
import { input } from './input';

/** Get: the sub-organization with its contract, business settings, owner and plans. */
export const operation = defineRead({
	fields,
	input,
	run: async (op, { id }, itemIndex) => subOrgView(await readSubOrg(op, id, itemIndex)),
});
