import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../core/descriptions';

export const fields: INodeProperties[] = returnAllOrLimit();
