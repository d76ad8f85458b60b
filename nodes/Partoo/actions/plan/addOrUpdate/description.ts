import type { INodeProperties } from 'n8n-workflow';

import { expiryFields, organizationField, plansField } from '../fields';

export const fields: INodeProperties[] = [
	organizationField,
	plansField('Plans to add, or to update when the organization already has them. Plans not named here are kept, with their expiry.'),
	...expiryFields('the named plans'),
];
