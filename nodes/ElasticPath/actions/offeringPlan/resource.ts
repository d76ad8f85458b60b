import type { ChangedResource, Write } from '../../../core/operation';
import type { JsonApiResource } from '../../api';
import { type PlanResource, changedAttributes, planUpdateRequest, planView, toPlanResource, writableAttributes } from '../../plan';
import type { PlanInput } from './inputs';
import { readPlan, storeCurrencies } from './read';

// The plan as the update sees it, and its write.

/** How many times a write conflict (409) is answered by re-reading, re-applying and writing again. */
export const CONFLICT_RETRIES = 3;

/** Why "Confirm Write" matters for Elastic Path (shown in the option's description). */
export const CONFIRM_REASON =
	'Elastic Path replaces a price map (and price units) whole: an older copy written by another process that read it just before this write would undo this change. Writes of single attributes (a name, a reference) are not confirmed: no older copy carries them.';

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

/** What the read needs of an item: the plan's IDs, and the currencies it prices (checked against the store's). */
type PricedPlan = PlanInput & { prices: Record<string, unknown> };

/** One plan of one offering; only its writable attributes are compared. */
export const offeringPlan: ChangedResource<PricedPlan, PlanResource> = {
	key: (input) => `${input.offeringId}/${input.planId}`,
	label: (input) => `plan ${input.planId} of offering ${input.offeringId}`,
	read: async (op, input, i, group) => {
		// The store's currencies are needed only to check prices.
		const priced = group.flatMap((g) => Object.keys(g.prices));
		return await readPlan(op, input, i, priced.length > 0 ? await storeCurrencies(op, priced) : undefined);
	},
	view: planView,
	compare: writableAttributes,
};

/** A partial update (PUT), answered with the updated plan; a 409 is met by reading and applying again. */
export const writePlan: Write<PlanInput, PlanResource> = {
	// A partial update: only the attributes that differ are sent, inside the JSON:API envelope. Another
	// writer's older copy can only undo an attribute that is sent whole as an object (a price map, price
	// units); single values it does not change are not in its partial update.
	requests: (before, after) => [
		{
			...planUpdateRequest(before, after),
			revertible: Object.keys(changedAttributes(before, after)).some((key) => isObject(before.plan.attributes[key]) || isObject(after.plan.attributes[key])),
		},
	],
	// The PUT answers with the updated plan; an immediate re-GET could still show the old one.
	result: (answers, after) => {
		const data = (answers[0] as { data?: JsonApiResource } | undefined)?.data;
		return data?.id ? toPlanResource(after.offeringId, data, after.storeCurrencies) : undefined;
	},
	conflict: { statuses: [409], retries: CONFLICT_RETRIES },
};
