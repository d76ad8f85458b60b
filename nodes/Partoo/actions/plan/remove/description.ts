import type { INodeProperties } from 'n8n-workflow';

import { organizationField, plansField } from '../fields';

export const fields: INodeProperties[] = [
	organizationField,
	plansField('Plans to remove from the organization. Plans not named here are kept; naming a plan it does not have changes nothing.'),
];
