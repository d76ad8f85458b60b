// Customers that exist at every provider at once, for runs over many customers (the CRM webhook flow,
// the benchmark, queue mode). Seeded on demand (`seedCustomers`), so the providers' own tests keep their
// small seed data.
import { BV_IDS, BV_PLANS, type BlendVisionOneEmulator } from '../blendvision-one/emulator';
import type { CommvaultEmulator } from '../commvault/emulator';
import { EP_IDS, SEAT_PLANS, type ElasticPathEmulator } from '../elastic-path/emulator';
import type { InstellixEmulator } from '../instellix/emulator';
import type { PartooEmulator } from '../partoo/emulator';

export interface CustomerEmulators {
	partoo: PartooEmulator;
	blendVisionOne: BlendVisionOneEmulator;
	elasticPath: ElasticPathEmulator;
	commvault: CommvaultEmulator;
	instellix: InstellixEmulator;
}

/** Elastic Path's seed has this many seat plans; the other emulators are seeded to match. */
export const MAX_CUSTOMERS = SEAT_PLANS;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Customer `n`'s resource at each provider. */
export function customer(n: number) {
	if (n < 0 || n >= MAX_CUSTOMERS) throw new Error(`Customer ${n} is outside 0..${MAX_CUSTOMERS - 1}`);
	return {
		name: `Customer ${pad(n, 3)}`,
		partooOrgId: 5000 + n,
		blendVisionSubOrgId: `c1000000-0000-4000-8000-${pad(n, 12)}`,
		elasticPathOfferingId: EP_IDS.seats,
		elasticPathPlanId: EP_IDS.seat(n + 1),
		commvaultOrgId: 1000 + n,
		instellixPlanId: 90_000 + n,
	};
}

/** Customers 0..count-1 at each provider (each starting from the same plans), one function per emulator. */
export const seedCustomersOf = {
	partoo(e: PartooEmulator, count = MAX_CUSTOMERS): void {
		for (let n = 0; n < count; n++) {
			const c = customer(n);
			e.addOrg({
				org_id: c.partooOrgId,
				name: c.name,
				plans: [{ name: 'presence_management', subscription_date: '2025-01-01', expiration_date: null }],
			});
		}
	},
	blendVisionOne(e: BlendVisionOneEmulator, count = MAX_CUSTOMERS): void {
		for (let n = 0; n < count; n++) {
			const c = customer(n);
			e.add({
				id: c.blendVisionSubOrgId,
				name: c.name,
				parent_id: BV_IDS.south,
				owner_email: `owner@customer-${pad(n, 3)}.example`,
				plan_ids: [BV_PLANS.starter],
			});
		}
	},
	/** Elastic Path's seed already has a seat plan per customer. */
	elasticPath(_e: ElasticPathEmulator): void {},
	commvault(e: CommvaultEmulator, count = MAX_CUSTOMERS): void {
		for (let n = 0; n < count; n++) {
			const c = customer(n);
			e.orgs.set(c.commvaultOrgId, {
				id: c.commvaultOrgId,
				connectName: c.name,
				domainName: `customer${pad(n, 3)}`,
				description: `${c.name} tenant`,
				enabled: true,
				plans: ['Server Gold'],
				defaultPlans: ['Server Gold'],
			});
		}
	},
	instellix(e: InstellixEmulator, count = MAX_CUSTOMERS): void {
		for (let n = 0; n < count; n++) {
			const c = customer(n);
			e.addPlan(individualPlan(c.instellixPlanId, `${c.name} individual plan`));
		}
	},
};

/** An Instellix individual plan with one phase, one linked option and one property, as customers have. */
export function individualPlan(id: number, name: string) {
	return {
		id,
		name,
		businessSegmentIdent: 'default',
		individualPlan: true,
		initialPhase: 'main',
		phases: [
			{
				ident: 'main',
				name: 'Main phase',
				termDuration: { value: 12, unit: 'MONTH' },
				noticePeriod: { value: 1, unit: 'MONTH' },
				endOfMonth: true,
				transitions: [{ type: 'AUTO_RENEWAL' }],
				linkedOptions: [{ optionIdent: 'pro-base' }],
			},
		],
		properties: [{ ident: 'data_volume', value: '25 GB' }],
		type: 'CUSTOMER',
	};
}

/** A CRM "deal won" webhook call for customer `n` (as n8n's Webhook node outputs it). */
export function crmPayload(n: number) {
	return {
		headers: { 'content-type': 'application/json' },
		params: {},
		query: {},
		body: {
			customer: customer(n),
			deal: {
				id: `deal-${pad(n, 3)}`,
				contractEnd: '2027-12-31',
				partooPlans: ['webhooks', 'booking_links'],
				blendVisionPlanIds: [BV_PLANS.enterprise],
				commvaultPlans: ['Cloud Archive'],
			},
		},
	};
}

/** Customer `n`'s deal is applied at every provider, and nothing the deal did not name was removed. */
export function crmApplied(e: CustomerEmulators, n: number): string[] {
	const { customer: c, deal } = crmPayload(n).body;
	const problems: string[] = [];
	const partoo = e.partoo.plans(c.partooOrgId).map((p) => p.name).sort();
	if (JSON.stringify(partoo) !== JSON.stringify(['booking_links', 'presence_management', 'webhooks'])) problems.push(`partoo ${partoo}`);
	const bv = e.blendVisionOne.subOrg(c.blendVisionSubOrgId).plan_ids;
	if (JSON.stringify(bv) !== JSON.stringify([BV_PLANS.starter, BV_PLANS.enterprise])) problems.push(`blendVisionOne ${bv}`);
	const ep = e.elasticPath.plan(c.elasticPathOfferingId, c.elasticPathPlanId)?.attributes;
	if (ep?.external_ref !== deal.id || !ep?.fixed_price) problems.push(`elasticPath ${JSON.stringify(ep?.external_ref)}`);
	const cv = e.commvault.org(c.commvaultOrgId);
	if (JSON.stringify(cv) !== JSON.stringify({ plans: ['Server Gold', 'Cloud Archive'], defaultPlans: ['Server Gold'] })) problems.push(`commvault ${JSON.stringify(cv)}`);
	const ix = e.instellix.plan(c.instellixPlanId) as { properties: Array<{ ident: string; value: string }> };
	if (JSON.stringify(ix.properties) !== JSON.stringify([{ ident: 'data_volume', value: '25 GB' }, { ident: 'crm_deal', value: deal.id }])) problems.push(`instellix ${JSON.stringify(ix.properties)}`);
	return problems;
}

/** Customer `n` at every provider, without what the providers set on each write (timestamps). */
export function customerState(e: CustomerEmulators, n: number): unknown {
	const c = customer(n);
	const { updated_at: _bv, ...subOrg } = e.blendVisionOne.subOrg(c.blendVisionSubOrgId) as unknown as Record<string, unknown>;
	const attributes = { ...e.elasticPath.plan(c.elasticPathOfferingId, c.elasticPathPlanId)!.attributes } as Record<string, unknown>;
	delete attributes.updated_at;
	for (const [key, value] of Object.entries(attributes)) if (value === null) delete attributes[key];
	return {
		partoo: e.partoo.plans(c.partooOrgId),
		blendVisionOne: subOrg,
		elasticPath: attributes,
		commvault: e.commvault.org(c.commvaultOrgId),
		instellix: e.instellix.plan(c.instellixPlanId),
	};
}
