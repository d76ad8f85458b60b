import type { IDataObject } from 'n8n-workflow';

import type { ChangedResource, OperationContext, Write } from '../../../core/operation';
import { fromPlansResponse, type OrgPlans, paths, toPlanUpdate } from '../../api';
import type { OrgInput } from './inputs';

// The resource every plan operation works on: one organization's plan list, read, shown, compared and
// written back whole.

/** Why "Confirm Write" matters for Partoo (shown in the option's description). */
export const CONFIRM_REASON =
	'Partoo replaces the whole plan list on each write: an older copy of the list, written by another process that read it just before this write, would drop this change.';

export async function readOrgPlans(op: OperationContext, orgId: number, itemIndex: number): Promise<OrgPlans> {
	const body = await op.transport.request({ method: 'GET', path: paths.orgPlans(orgId) }, itemIndex);
	return fromPlansResponse(orgId, body);
}

export const viewOf = (resource: OrgPlans): IDataObject => ({ orgId: resource.orgId, plans: resource.plans as unknown as IDataObject[] });

/** The plan list, compared by plan name. */
export const organizationPlans: ChangedResource<OrgInput, OrgPlans> = {
	key: (input) => String(input.orgId),
	label: (input) => `organization ${input.orgId}`,
	read: async (op, input, itemIndex) => await readOrgPlans(op, input.orgId, itemIndex),
	view: viewOf,
	compare: (resource) => ({
		plans: Object.fromEntries(resource.plans.map((p) => [p.name, { expiration_date: p.expiration_date }])),
	}),
};

/** The complete list, written back (the runner confirms it: see CONFIRM_REASON). */
export const writePlans: Write<OrgInput, OrgPlans> = {
	// Replace-all endpoint: the body is the complete list, so sending it twice is harmless.
	requests: (_before, after) => [
		{
			method: 'POST',
			path: paths.orgPlans(after.orgId),
			body: { plans: after.plans.map(toPlanUpdate) },
			idempotent: true,
		},
	],
	// The write sent the complete list, so the state after it is known without reading again (one request
	// less per organization under Partoo's 300 per minute). Partoo sets `subscription_date` of plans added
	// now; it stays null in the output until the next Get.
	result: (_answers, after) => after,
};
