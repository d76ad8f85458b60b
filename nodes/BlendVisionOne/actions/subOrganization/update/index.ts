import { defineUpdate } from '../../../../core/node';
import { subOrgState, writeSubOrg } from '../resource';
import { apply } from './apply';
import { fields } from './description';
import { input } from './input';

/** Update: the sub-organization's plans, contract, business settings, parent and owner; everything not named is kept. */
export const operation = defineUpdate({ fields, input, resource: subOrgState, apply, write: writeSubOrg });
