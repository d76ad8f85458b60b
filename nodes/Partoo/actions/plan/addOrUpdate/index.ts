import { defineUpdate } from '../../../../core/node';
import { organizationPlans, writePlans } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Add or Update: the named plans are added or get the new expiry; every other plan is kept. */
export const operation = defineUpdate({ fields, input, resource: organizationPlans, apply, write: writePlans });
