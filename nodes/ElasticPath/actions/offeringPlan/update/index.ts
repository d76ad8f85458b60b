import { defineUpdate } from '../../../../core/node';
import type { PlanResource } from '../../../plan';
import { offeringPlan, writePlan } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { type Input, input } from './input';

/** Update: the named attributes and prices change; every other attribute and price keeps its value. */
export const operation = defineUpdate<Input, PlanResource>({ fields, input, resource: offeringPlan, apply, write: writePlan });
