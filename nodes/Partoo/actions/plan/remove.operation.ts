import type { INodeProperties } from 'n8n-workflow';

import type { UpdateOperation } from '../../../core/runner';
import type { OrgPlans, PlanName } from '../../api';
import { newParams, type OrgInput, organizationField, planUpdate, plansField, readOrgId, readPlans } from './common';

const OP = ['remove'];

export const description: INodeProperties[] = [
	organizationField(OP),
	plansField(OP, 'Plans to remove from the organization. Plans not named here are kept; naming a plan it does not have changes nothing.'),
];

interface Input extends OrgInput {
	plans: PlanName[];
}

export const operation: UpdateOperation<Input, OrgPlans> = {
	...planUpdate<Input>(),
	prepare: (ctx, i) => {
		const params = newParams(ctx, i);
		return { orgId: readOrgId(params), plans: readPlans(params, true) };
	},
	apply: (current, input) => {
		current.plans = current.plans.filter((p) => !input.plans.includes(p.name as PlanName));
		return current;
	},
};
