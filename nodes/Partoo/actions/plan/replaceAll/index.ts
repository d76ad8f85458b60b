import { defineUpdate } from '../../../../core/node';
import { organizationPlans, writePlans } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Replace All: the listed plans become the organization's only plans. */
export const operation = defineUpdate({ fields, input, resource: organizationPlans, apply, write: writePlans });
