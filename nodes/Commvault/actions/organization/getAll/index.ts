import type { IDataObject } from 'n8n-workflow';

import { defineRead } from '../../../../core/node';
import { paths } from '../../../api';
import { organizationsFromList } from '../../../shapes';
import { fetchText } from '../resource';
import { fields } from './description';
import { input } from './input';

/** Get Many: the organizations (companies) this user can see. */
export const operation = defineRead({
	fields,
	input,
	// Every organization comes in one answer (see organizationsFromList in shapes.ts).
	run: async (op, { limit }, itemIndex) => {
		const organizations = organizationsFromList(await fetchText(op, paths.organizations, itemIndex));
		return (limit === undefined ? organizations : organizations.slice(0, limit)) as unknown as IDataObject[];
	},
});
