import type { INodeProperties } from 'n8n-workflow';

import type { UpdateOperation } from '../../../core/runner';
import type { OrgPlans, PlanName } from '../../api';
import {
	expiryAfter,
	expiryFields,
	newParams,
	type OrgInput,
	organizationField,
	planUpdate,
	plansField,
	readExpiration,
	readOrgId,
	readPlans,
} from './common';

const OP = ['addOrUpdate'];

export const description: INodeProperties[] = [
	organizationField(OP),
	plansField(OP, 'Plans to add, or to update when the organization already has them. Plans not named here are kept, with their expiry.'),
	...expiryFields(OP, 'the named plans'),
];

interface Input extends OrgInput {
	plans: PlanName[];
	/** undefined: each named plan keeps its expiry (new ones get none); null: never expires. */
	expirationDate: string | null | undefined;
}

export const operation: UpdateOperation<Input, OrgPlans> = {
	...planUpdate<Input>(),
	prepare: (ctx, i, warn) => {
		const params = newParams(ctx, i, warn);
		return { orgId: readOrgId(params), plans: readPlans(params, true), expirationDate: readExpiration(params) };
	},
	apply: (current, input) => {
		for (const name of input.plans) {
			const existing = current.plans.find((p) => p.name === name);
			if (existing) existing.expiration_date = expiryAfter(existing.expiration_date, input.expirationDate);
			else current.plans.push({ name, subscription_date: null, expiration_date: expiryAfter(null, input.expirationDate) });
		}
		return current;
	},
};
