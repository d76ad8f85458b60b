import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../core/descriptions';
import { offeringField } from '../fields';

export const fields: INodeProperties[] = [offeringField, ...returnAllOrLimit()];
