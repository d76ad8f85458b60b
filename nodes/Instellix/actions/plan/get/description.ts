import type { INodeProperties } from 'n8n-workflow';

import { planField } from '../fields';

export const fields: INodeProperties[] = [planField];
