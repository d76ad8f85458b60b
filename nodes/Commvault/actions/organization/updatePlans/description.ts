import type { INodeProperties } from 'n8n-workflow';

import { planListFields } from '../fields';

export const fields: INodeProperties[] = planListFields('plans');
