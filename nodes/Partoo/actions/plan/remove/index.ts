import { defineUpdate } from '../../../../core/node';
import { organizationPlans, writePlans } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Remove: the named plans go; every other plan is kept. */
export const operation = defineUpdate({ fields, input, resource: organizationPlans, apply, write: writePlans });
