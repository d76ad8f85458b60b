import type { INodeProperties } from 'n8n-workflow';

import type { UpdateOperation } from '../../../core/runner';
import { type OrgState, planListUpdate, type UpdateInput, updateFields } from './common';

export const description: INodeProperties[] = updateFields('plans', 'updatePlans');

/** The plans associated with (available to) the organization: planDetails, planDetailsOperationType. */
export const operation: UpdateOperation<UpdateInput, OrgState> = planListUpdate('plans');
