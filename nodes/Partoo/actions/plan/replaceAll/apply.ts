import { ChangeRefused } from '../../../../core/errors';
import type { OrgPlans, PlanName } from '../../../api';
import { expiryAfter } from '../expiry';
import type { Input } from './input';

/**
 * Makes the listed plans the organization's only plans, keeping the subscription date (and, without a
 * new expiry, the expiry) of those it has. Refuses to remove a plan unless "Remove Plans Not Listed" is on.
 */
export function apply(current: OrgPlans, input: Input): OrgPlans {
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
}
