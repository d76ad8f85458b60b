import type { INodeProperties } from 'n8n-workflow';

import { offeringField, planField } from '../fields';

export const fields: INodeProperties[] = [offeringField, planField];
