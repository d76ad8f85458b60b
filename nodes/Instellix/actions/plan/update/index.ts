import { defineUpdate } from '../../../../core/node';
import { planResource, writePlan } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Update: the fields the item sets change; the rest of the plan is sent back as read. */
export const operation = defineUpdate({ fields, input, resource: planResource, apply, write: writePlan });
