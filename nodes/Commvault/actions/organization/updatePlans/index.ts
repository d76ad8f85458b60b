import { defineUpdate } from '../../../../core/node';
import { organizationState, planListWrite } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Update Plans: the plans associated with (available to) the organization; planDetailsOperationType. */
export const operation = defineUpdate({ fields, input, resource: organizationState, apply, write: planListWrite('plans') });
