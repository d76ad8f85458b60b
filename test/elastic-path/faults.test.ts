import type { IDataObject } from 'n8n-workflow';

import { EP_CLIENTS, EP_IDS, ElasticPathEmulator, type EpResource } from './emulator';
import { workflowFrom } from '../support/helpers';
import { type Profile, commonScenarios, describeFaultMatrix, matching } from '../drivers/faults';

const seat = (n: number) => EP_IDS.seat(n);
const OFFERING = EP_IDS.seats;

const items: IDataObject[] = [
	{ planId: seat(1), name: 'Seat tier Gold' },
	{ planId: seat(2), description: 'Two seats' },
	{ planId: seat(1), prices: [{ currency: 'EUR', amount: 2500, includesTax: true }] },
	{ planId: seat(3), externalRef: 'crm-3' },
	{ planId: seat(4), trialPeriod: 14 },
	{ planId: seat(5), prices: [{ currency: 'GBP', amount: 900, includesTax: false }] },
	{ planId: seat(2), name: 'Seat tier Two' },
	{ planId: seat(6), canPause: false },
	{ planId: seat(1), externalRef: 'crm-1' },
	{ planId: seat(3), billingFrequency: 3 },
	{ planId: seat(4), prices: [{ currency: 'USD', amount: 5000, includesTax: false }] },
	{ planId: seat(6), endBehavior: 'close' },
].map((item) => ({ offeringId: OFFERING, ...item }));

/** Fixture field -> plan attribute. */
const ATTRIBUTE: Record<string, string> = {
	name: 'name',
	description: 'description',
	externalRef: 'external_ref',
	trialPeriod: 'trial_period',
	billingFrequency: 'billing_frequency',
	canPause: 'can_pause',
	endBehavior: 'end_behavior',
};

function state(emulator: ElasticPathEmulator, planId: string): EpResource {
	const plan = emulator.plan(OFFERING, planId)!;
	delete plan.attributes.updated_at;
	delete (plan.meta.timestamps as Record<string, unknown>).updated_at;
	return plan;
}

const CONCURRENT = 'Changed in Commerce Manager meanwhile';
const TOKEN = /^\/oauth\/access_token$/;

const workflow = workflowFrom(__dirname, 'update');
const PUT_SEAT_3 = new RegExp(`^/v2/subscriptions/offerings/${OFFERING}/plans/${seat(3)}$`);

const profileOf = (emulator: ElasticPathEmulator): Profile<ElasticPathEmulator> => ({
	provider: 'Elastic Path',
	emulator,
	node: 'Elastic Path Subscriptions',
	workflow,
	credentials: () => [{ ...emulator.credential(), id: 'elastic-path', name: 'Elastic Path account' }],
	items,
	key: (item) => String(item.planId),
	untouched: [seat(7), seat(8), seat(9), seat(10)],
	state: (key) => state(emulator, key),
	writes: { method: 'PUT', path: /^\/v2\/subscriptions\/offerings\/[^/]+\/plans\/[^/]+$/ },
	reads: { method: 'GET', path: /^\/v2\// },
	failOne: { key: seat(3), method: 'PUT', path: PUT_SEAT_3 },
	signIns: () => emulator.tokenRequests,
	signIn: async () => {
		const { clientId, clientSecret } = EP_CLIENTS.store;
		const response = await fetch(`${emulator.baseUrl}/oauth/access_token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
		});
		return { accessToken: ((await response.json()) as { access_token: string }).access_token };
	},
	// Only the attributes and the currencies an item names may change.
	invariant: (key, before, after, named) => {
		const a = (before as EpResource).attributes;
		const b = (after as EpResource).attributes;
		const attributes = new Set(named.flatMap((i) => Object.keys(ATTRIBUTE).filter((f) => i[f] !== undefined).map((f) => ATTRIBUTE[f])));
		const currencies = new Set(named.flatMap((i) => ((i.prices as Array<{ currency: string }> | undefined) ?? []).map((p) => p.currency)));
		const problems: string[] = [];
		for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
			if (k === 'fixed_price') {
				const from = (a.fixed_price ?? {}) as Record<string, unknown>;
				const to = (b.fixed_price ?? {}) as Record<string, unknown>;
				for (const c of Object.keys(from)) {
					if (!currencies.has(c) && JSON.stringify(from[c]) !== JSON.stringify(to[c])) problems.push(`${key}: price ${c} changed but not named`);
				}
			} else if (!attributes.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]) && !(k === 'description' && b[k] === CONCURRENT)) {
				problems.push(`${key}: ${k} changed but not named`);
			}
		}
		return problems;
	},
});

describe('Fault matrix: Elastic Path Subscriptions (Update, 12 items over 6 offering plans)', () => {
	describeFaultMatrix(() => new ElasticPathEmulator(), profileOf, [
		...commonScenarios<ElasticPathEmulator>('Elastic Path', seat(3)),
		{
			name: '409 Write Conflict after someone else changed the plan: re-read, re-apply; both changes are kept',
			setup: (p) => p.emulator.conflictOnWrite(seat(4), 2, (plan) => (plan.attributes.description = CONCURRENT)),
			expected: (key, faultFree) => {
				if (key !== seat(4)) return faultFree;
				const plan = structuredClone(faultFree) as EpResource;
				plan.attributes.description = CONCURRENT;
				return plan;
			},
			check: (p) => {
				const puts = matching(p, { method: 'PUT', path: new RegExp(`${seat(4)}$`) });
				expect(puts.map((r) => r.status)).toEqual([409, 409, 200]);
				// Only the attributes that change are sent: the concurrent description is never overwritten.
				for (const r of puts) expect(Object.keys(JSON.parse(r.body).data.attributes).sort()).toEqual(['fixed_price', 'trial_period']);
			},
		},
		{
			name: '409 that never ends on one plan (continue on fail): its items fail with Elastic Path\'s message, the rest lands',
			setup: (p) => p.emulator.conflictOnWrite(seat(3), 1000),
			continueOnFail: true,
			failing: [seat(3)],
			errorPattern: /^Elastic Path returned 409 \(item \d+\): Write Conflict/,
			// 1 + 3 conflict retries for the pair, then (a 4xx refuses the combined change) each item alone: bounded.
			check: (p) => expect(matching(p, p.failOne).length).toBeLessThanOrEqual(12),
		},
		{
			name: 'token expires early in the run: n8n signs in again, the refused request is repeated, every item lands',
			setup: (p) => {
				p.emulator.settings.expireTokensAfterRequests = 4;
			},
			check: (p) => {
				expect(p.emulator.log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
				expect(p.emulator.tokenRequests).toBeGreaterThanOrEqual(2);
				// One sign-in at the start, then at most one per request in flight when the token died (Concurrency 5).
				expect(p.emulator.tokenRequests).toBeLessThanOrEqual(1 + 5);
			},
		},
		{
			name: 'token expires in the middle of the writes: every item lands once',
			setup: (p) => {
				p.emulator.settings.expireTokensAfterRequests = 12;
			},
			options: { concurrency: 2 },
			check: (p) => {
				expect(p.emulator.log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
				expect(p.emulator.tokenRequests).toBeGreaterThanOrEqual(2);
				expect(p.emulator.tokenRequests).toBeLessThanOrEqual(1 + 2);
			},
		},
		{
			name: 'a token signed in before the run expires mid-run and the sign-in answers 503 once: the refused request is sent again, every item lands',
			signedIn: true,
			setup: (p) => {
				p.emulator.settings.expireTokensAfterRequests = 4;
			},
			faults: () => [{ method: 'POST', path: TOKEN, status: 503, body: { errors: [{ status: '503', title: 'Service Unavailable' }] }, times: 1 }],
			check: (p) => expect(matching(p, { method: 'POST', path: TOKEN })[0].status).toBe(503),
		},
	]);
});
