import type { INodeProperties } from 'n8n-workflow';

import { organizationField } from '../fields';

export const fields: INodeProperties[] = [organizationField];
