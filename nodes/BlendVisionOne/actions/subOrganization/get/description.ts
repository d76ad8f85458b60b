import type { INodeProperties } from 'n8n-workflow';

import { subOrganizationField } from '../fields';

export const fields: INodeProperties[] = [subOrganizationField];
