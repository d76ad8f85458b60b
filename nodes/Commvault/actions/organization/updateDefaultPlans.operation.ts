import type { INodeProperties } from 'n8n-workflow';

import type { UpdateOperation } from '../../../core/runner';
import { type OrgState, planListUpdate, type UpdateInput, updateFields } from './common';

export const description: INodeProperties[] = updateFields('defaultPlans', 'updateDefaultPlans');

/** The organization's default plans: organizationProperties.defaultPlans, defaultPlansOperationType. */
export const operation: UpdateOperation<UpdateInput, OrgState> = planListUpdate('defaultPlans');
