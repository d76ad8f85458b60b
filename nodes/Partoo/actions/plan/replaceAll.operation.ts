import type { INodeProperties } from 'n8n-workflow';

import { ChangeRefused } from '../../../core/errors';
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
	RESOURCE,
	readExpiration,
	readOrgId,
	readPlans,
} from './common';

const OP = ['replaceAll'];

export const description: INodeProperties[] = [
	{
		displayName:
			'Replace All makes the listed plans the only plans of the organization: every plan not listed is removed. To add or remove single plans, use "Add or Update" or "Remove".',
		name: 'replaceAllNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [RESOURCE], operation: OP } },
	},
	organizationField(OP),
	plansField(OP, 'The complete list of plans the organization should have.', false),
	...expiryFields(OP, 'all listed plans'),
	{
		displayName: 'Remove Plans Not Listed',
		name: 'removeUnlisted',
		type: 'boolean',
		default: false,
		description:
			'Whether to allow removing the plans the organization has but that are not listed. When off, the node refuses any change that would remove a plan and names the plans instead.',
		displayOptions: { show: { resource: [RESOURCE], operation: OP } },
	},
];

interface Input extends OrgInput {
	plans: PlanName[];
	/** undefined: listed plans the organization has keep their expiry (new ones get none); null: never expires. */
	expirationDate: string | null | undefined;
	removeUnlisted: boolean;
}

export const operation: UpdateOperation<Input, OrgPlans> = {
	...planUpdate<Input>(),
	prepare: (ctx, i, warn) => {
		const params = newParams(ctx, i, warn);
		return {
			orgId: readOrgId(params),
			plans: readPlans(params, false),
			expirationDate: readExpiration(params),
			removeUnlisted: params.boolean('removeUnlisted', 'Remove Plans Not Listed'),
		};
	},
	apply: (current, input) => {
		const removed = current.plans.filter((p) => !input.plans.includes(p.name as PlanName)).map((p) => p.name);
		if (removed.length > 0 && !input.removeUnlisted) {
			throw new ChangeRefused(
				'Plans',
				`Replace All would remove plans organization ${current.orgId} has but that are not listed: ${removed.join(', ')}`,
				'Add these plans to "Plans" to keep them, switch on "Remove Plans Not Listed" to remove them, or use "Add or Update" to change only the plans you name.',
			);
		}
		current.plans = input.plans.map((name) => {
			const existing = current.plans.find((p) => p.name === name);
			return {
				name,
				subscription_date: existing?.subscription_date ?? null,
				expiration_date: expiryAfter(existing?.expiration_date, input.expirationDate),
			};
		});
		return current;
	},
};
