import { defineUpdate } from '../../../../core/node';
import { organizationState, planListWrite } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Update Default Plans: the organization's default plans; defaultPlansOperationType. */
export const operation = defineUpdate({ fields, input, resource: organizationState, apply, write: planListWrite('defaultPlans') });
