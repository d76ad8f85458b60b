import type { OrgPlans } from '../../../api';
import { expiryAfter } from '../expiry';
import type { Input } from './input';

/** Adds the named plans the organization lacks and sets the item's expiry on every named plan. */
export function apply(current: OrgPlans, input: Input): OrgPlans {
	for (const name of input.plans) {
		const existing = current.plans.find((p) => p.name === name);
		if (existing) existing.expiration_date = expiryAfter(existing.expiration_date, input.expirationDate);
		else current.plans.push({ name, subscription_date: null, expiration_date: expiryAfter(null, input.expirationDate) });
	}
	return current;
}
