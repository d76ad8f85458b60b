import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toIsoDate } from '../../../core/dates';
import { ItemParams } from '../../../core/params';
import type { OperationContext, UpdateOperation, Warn } from '../../../core/runner';
import { fromPlansResponse, type OrgPlans, PLAN_NAMES, type PlanName, paths, toPlanUpdate } from '../../api';
import { resourceLocator } from '../../../core/descriptions';

export const RESOURCE = 'organizationPlan';

/** Partoo organization IDs are integers; business and user IDs (24 hex characters) are not. */
const ORG_ID = /^\d{1,12}$/;

export function organizationField(operations: string[]): INodeProperties {
	return resourceLocator({
		displayName: 'Organization',
		name: 'organization',
		description: 'The Partoo organization whose plans to read or change',
		show: { resource: [RESOURCE], operation: operations },
		searchListMethod: 'searchOrganizations',
		id: { placeholder: 'e.g. 42', regex: '^\\s*\\d+\\s*$', errorMessage: 'An organization ID is a whole number, e.g. 42' },
	});
}

const planOptions = PLAN_NAMES.map((name) => ({
	name: name
		.split('_')
		.map((w) => (w === 'sms' ? 'SMS' : w[0].toUpperCase() + w.slice(1)))
		.join(' '),
	value: name,
}));

export function plansField(operations: string[], description: string, required = true): INodeProperties {
	return {
		displayName: 'Plans',
		name: 'plans',
		type: 'multiOptions',
		options: planOptions,
		required,
		default: [],
		description: `${description} An expression may give an array of plan names or a comma-separated list`,
		displayOptions: { show: { resource: [RESOURCE], operation: operations } },
	};
}

/** "Expiration Date" and "Never Expires": a new expiry for the named plans, or none, or (both empty) no change. */
export function expiryFields(operations: string[], plans: string): INodeProperties[] {
	const show = { resource: [RESOURCE], operation: operations };
	return [
		{
			displayName: 'Expiration Date',
			name: 'expirationDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2027-06-30',
			description: `The day ${plans} expire (sent as YYYY-MM-DD). Leave empty to keep the expiry of the plans the organization already has; plans it gets now start without one. Accepts ISO 8601 dates (2027-06-30, 20270630), n8n dates such as {{ $now.plus({ years: 1 }) }} and epoch milliseconds as a number; a number written as text is refused, not guessed. A day in the past is sent but flagged in the item's warnings.`,
			displayOptions: { show },
		},
		{
			displayName: 'Never Expires',
			name: 'neverExpires',
			type: 'boolean',
			default: false,
			description: `Whether to remove the expiry of ${plans}, so they never expire. Leave off, with "Expiration Date" empty, to keep each plan's expiry as it is.`,
			displayOptions: { show },
		},
	];
}

export interface OrgInput {
	orgId: number;
}

export function readOrgId(params: ItemParams): number {
	const value = params.locator('organization', 'Organization', {
		pattern: ORG_ID,
		patternHint:
			'Use the numeric Partoo organization ID (e.g. 42), or choose the organization from the list. Business and user IDs are not organization IDs.',
	});
	return Number(value);
}

export function readPlans(params: ItemParams, required: boolean): PlanName[] {
	return params.options('plans', 'Plans', PLAN_NAMES, { required });
}

/**
 * The item's expiry for the plans it names: a day (YYYY-MM-DD), null for "never expires", or undefined
 * for "keep each plan's expiry" (plans added now then start without one).
 */
export function readExpiration(params: ItemParams): string | null | undefined {
	const date = params.date('expirationDate', 'Expiration Date', { expiry: { consequence: 'the plans have already expired' } });
	const never = params.boolean('neverExpires', 'Never Expires');
	if (date && never) {
		throw params.error('Never Expires', `it is on while "Expiration Date" is ${toIsoDate(date)}`, 'Either clear "Expiration Date" or switch off "Never Expires": a plan cannot both expire and never expire.');
	}
	if (never) return null;
	return date ? toIsoDate(date) : undefined;
}

/** A plan's expiry after an item: the item's when it sets one (or none), else the plan's own. */
export function expiryAfter(current: string | null | undefined, itemExpiry: string | null | undefined): string | null {
	return itemExpiry === undefined ? (current ?? null) : itemExpiry;
}

/** Why "Confirm Write" matters for Partoo (shown in the option's description). */
export const CONFIRM_REASON =
	'Partoo replaces the whole plan list on each write: an older copy of the list, written by another process that read it just before this write, would drop this change.';

export function newParams(ctx: IExecuteFunctions, itemIndex: number, warn?: Warn): ItemParams {
	return new ItemParams(ctx, itemIndex, warn);
}

export async function readOrgPlans(op: OperationContext, orgId: number, itemIndex: number): Promise<OrgPlans> {
	const body = await op.transport.request({ method: 'GET', path: paths.orgPlans(orgId) }, itemIndex);
	return fromPlansResponse(orgId, body);
}

/**
 * What every plan update shares: read the list, compare by name, write the full list back. The write
 * replaces the whole list, so the runner confirms it (see CONFIRM_REASON).
 */
export function planUpdate<I extends OrgInput>(): Pick<
	UpdateOperation<I, OrgPlans>,
	'kind' | 'key' | 'label' | 'read' | 'view' | 'compare' | 'writes' | 'afterWrite'
> {
	return {
	kind: 'update',
	key: (input) => String(input.orgId),
	label: (input) => `organization ${input.orgId}`,
	read: async (op, input, itemIndex) => await readOrgPlans(op, input.orgId, itemIndex),
	view: (resource) => ({ orgId: resource.orgId, plans: resource.plans as unknown as IDataObject[] }),
	compare: (resource) => ({
		plans: Object.fromEntries(resource.plans.map((p) => [p.name, { expiration_date: p.expiration_date }])),
	}),
	// Replace-all endpoint: the body is the complete list, so sending it twice is harmless.
	writes: (_before, after) => [
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
	afterWrite: (_answers, _before, after) => after,
	};
}
