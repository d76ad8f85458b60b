import type { IDataObject } from 'n8n-workflow';

import { CONFLICT_RETRIES } from '../../nodes/ElasticPath/actions/offeringPlan/resource';
import { EP_CLIENTS, EP_IDS, ElasticPathEmulator, SEAT_PLANS } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { TestCredentialsHelper } from '../support/harness/credentials';
import { listSearch, testCredential } from '../support/harness/methods';
import { expectNoSecrets, jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new ElasticPathEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const NODE = 'Elastic Path Subscriptions';
const { streaming, seats, empty, monthly, annual, partner } = EP_IDS;
const MISSING = '00000000-0000-4000-8000-00000000dead';

function credential(data: IDataObject = {}): StoredCredential[] {
	const { type, data: base } = emulator.credential();
	// A trailing "/v2/" on the custom base URL is tolerated.
	return [{ id: 'elastic-path', name: 'Elastic Path account', type, data: { ...base, baseUrl: `${base.baseUrl}/v2/`, ...data } as never }];
}
const out = (result: Awaited<ReturnType<typeof run>>) => jsonOf(result.output(NODE));
const puts = () => emulator.requests('PUT');
const apiCalls = () => emulator.log.filter((r) => r.path.startsWith('/v2/'));
const attributes = (planId = monthly, offeringId = streaming) => emulator.plan(offeringId, planId)!.attributes as IDataObject;
const update = (item: IDataObject) => ({ offeringId: streaming, planId: monthly, ...item });
const SEED_MONTHLY = {
	external_ref: 'abc123',
	name: 'Monthly',
	description: 'A monthly subscription.',
	billing_interval_type: 'month',
	billing_frequency: 1,
	trial_period: 7,
	plan_length: 12,
	end_behavior: 'close',
	can_pause: false,
	can_resume: false,
	can_cancel: false,
	base_price_percentage: 90,
	fixed_price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true } },
};
const withoutStamps = (a: IDataObject) => {
	const { created_at: _c, updated_at: _u, ...rest } = a;
	return rest;
};

describe('Elastic Path: Get', () => {
	test('older API (seed doc): no GET for one plan, so the plan is found in the offering\'s list', async () => {
		const result = await run(wf('get'), credential(), [{ offeringId: streaming, planId: monthly }]);
		expect(result.error).toBeUndefined();
		const [plan] = out(result);
		expect(plan).toMatchObject({ id: monthly, offeringId: streaming, type: 'subscription_offering_plan', planModel: 'billing', ...SEED_MONTHLY });
		expect(plan.meta).toMatchObject({ owner: 'store', active_plan: null });
		expect(result.output(NODE)[0].pairedItem).toEqual({ item: 0 });
		expect(apiCalls().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /v2/subscriptions/offerings/${streaming}/plans/${monthly} 405`,
			`GET /v2/subscriptions/offerings/${streaming}/plans 200`,
		]);
	});

	test('older API answering 404 to that GET: same fallback; later items go straight to the list', async () => {
		emulator.settings.singleGetMissingStatus = 404;
		const result = await run(wf('get'), credential(), [
			{ offeringId: streaming, planId: monthly },
			{ offeringId: seats, planId: EP_IDS.seat(150) },
		]);
		expect(result.error).toBeUndefined();
		expect(out(result).map((p) => p.name)).toEqual(['Monthly', 'Seat tier 150']);
		expect(emulator.requests('GET', /\/plans\/[^/]+$/)).toHaveLength(1);
		// Seat 150 is on the second page of 100.
		expect(emulator.requests('GET', `/v2/subscriptions/offerings/${seats}/plans`).map((r) => r.query['page[offset]'])).toEqual(['0', '100']);
	});

	test('newer API: GET for one plan, product-like plan model', async () => {
		emulator.useSpec('2026');
		const result = await run(wf('get'), credential(), [{ offeringId: streaming, planId: monthly }]);
		expect(result.error).toBeUndefined();
		expect(out(result)[0]).toMatchObject({ id: monthly, planModel: 'product', sku: 'STREAM-M', price_units: { unit: 'month', amount: 1 } });
		expect(apiCalls().map((r) => r.path)).toEqual([`/v2/subscriptions/offerings/${streaming}/plans/${monthly}`]);
	});

	test('IDs are accepted in upper case', async () => {
		const result = await run(wf('get'), credential(), [{ offeringId: streaming.toUpperCase(), planId: monthly.toUpperCase() }]);
		expect(out(result)[0].id).toBe(monthly);
	});
});

describe('Elastic Path: Get Many', () => {
	test('Return All pages through the offering with page[limit]=100 and page[offset]', async () => {
		const result = await run(wf('getAll'), credential(), [{ offeringId: seats, returnAll: true }]);
		expect(result.error).toBeUndefined();
		const plans = out(result);
		expect(plans).toHaveLength(SEAT_PLANS);
		expect(plans[0]).toMatchObject({ id: EP_IDS.seat(1), offeringId: seats, name: 'Seat tier 001', planModel: 'billing' });
		expect(plans[249].name).toBe('Seat tier 250');
		expect(new Set(plans.map((p) => p.id)).size).toBe(SEAT_PLANS);
		expect(apiCalls().map((r) => r.query)).toEqual([
			{ 'page[limit]': '100', 'page[offset]': '0' },
			{ 'page[limit]': '100', 'page[offset]': '100' },
			{ 'page[limit]': '100', 'page[offset]': '200' },
		]);
		expect(result.output(NODE).every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit asks only for what it needs', async () => {
		const small = await run(wf('getAll'), credential(), [{ offeringId: seats, limit: 30 }]);
		expect(out(small)).toHaveLength(30);
		expect(apiCalls().map((r) => r.query)).toEqual([{ 'page[limit]': '30', 'page[offset]': '0' }]);
		emulator.log.length = 0;
		const large = await run(wf('getAll'), credential(), [{ offeringId: seats, limit: 150 }]);
		expect(out(large).map((p) => p.name).slice(-1)).toEqual(['Seat tier 150']);
		expect(out(large)).toHaveLength(150);
		expect(apiCalls().map((r) => r.query['page[offset]'])).toEqual(['0', '100']);
	});

	test('stops on links.next = null when the API fills in links, and on an empty offering', async () => {
		emulator.settings.populateLinks = true;
		const result = await run(wf('getAll'), credential(), [
			{ offeringId: seats, returnAll: true },
			{ offeringId: empty, returnAll: true },
		]);
		expect(out(result)).toHaveLength(SEAT_PLANS);
		expect(apiCalls()).toHaveLength(4);
	});

	test('Limit must be a whole number from 1', async () => {
		const result = await run(wf('getAll'), credential(), [{ offeringId: seats, limit: 0 }]);
		expect(result.error?.message).toContain('Invalid "Limit" in item 0');
		expect(emulator.log).toHaveLength(0);
	});
});

describe('Elastic Path: Update (seed model)', () => {
	test('sends only the attributes named and leaves every other attribute untouched (emulator state)', async () => {
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly Pro', trialPeriod: 14, canPause: true })]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(1);
		expect(JSON.parse(puts()[0].body)).toEqual({
			data: { id: monthly, type: 'subscription_offering_plan', attributes: { name: 'Monthly Pro', trial_period: 14, can_pause: true } },
		});
		expect(withoutStamps(attributes())).toEqual({ ...SEED_MONTHLY, name: 'Monthly Pro', trial_period: 14, can_pause: true });
		const [plan] = out(result);
		expect(plan.outcome).toBe('updated');
		expect(plan.changes).toEqual([
			{ field: 'name', from: 'Monthly', to: 'Monthly Pro' },
			{ field: 'trial_period', from: 7, to: 14 },
			{ field: 'can_pause', from: false, to: true },
		]);
		expect(plan.name).toBe('Monthly Pro');
		expect(plan.updated_at).toBe(attributes().updated_at);
		// The PUT answer is the result: no re-read after the write (reads can be stale right after a write).
		const last = emulator.log[emulator.log.length - 1];
		expect(last.method).toBe('PUT');
	});

	test('every seed attribute can be set, with the documented enums', async () => {
		const result = await run(wf('update'), credential(), [
			update({
				name: 'Quarterly',
				description: 'Billed every three months.',
				externalRef: 'crm-4711',
				billingIntervalType: 'month',
				billingFrequency: 3,
				trialPeriod: 0,
				planLength: 4,
				endBehavior: 'roll',
				canPause: true,
				canResume: true,
				canCancel: true,
				basePricePercentage: 95.5,
				prices: [{ currency: 'EUR', amount: 2700, includesTax: true }],
			}),
		]);
		expect(result.error).toBeUndefined();
		expect(withoutStamps(attributes())).toEqual({
			external_ref: 'crm-4711',
			name: 'Quarterly',
			description: 'Billed every three months.',
			billing_interval_type: 'month',
			billing_frequency: 3,
			trial_period: 0,
			plan_length: 4,
			end_behavior: 'roll',
			can_pause: true,
			can_resume: true,
			can_cancel: true,
			base_price_percentage: 95.5,
			fixed_price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true }, EUR: { amount: 2700, includes_tax: true } },
		});
	});

	test('a fixed price on a plan with a base price percentage, or the reverse, is sent and flagged: which wins is undocumented', async () => {
		// Monthly has base_price_percentage 90: a new price is written, with a warning.
		const price = await run(wf('update'), credential(), [update({ prices: [{ currency: 'EUR', amount: 950, includesTax: true }] })]);
		expect(price.error?.message).toBeUndefined();
		expect(attributes().fixed_price).toMatchObject({ EUR: { amount: 950, includes_tax: true } });
		expect(out(price)[0].warnings).toEqual([
			'Plan "Monthly" now has both a fixed price (fixed_price: USD, GBP, EUR) and a base price percentage (90). Elastic Path does not document which one wins: check what a new subscription costs on a test store, or clear the one you do not want ("Clear Fields").',
		]);
		// Annual has fixed prices and no percentage: setting one is written, with the same warning.
		const percentage = await run(wf('update'), credential(), [update({ planId: annual, basePricePercentage: 80 })]);
		expect(attributes(annual).base_price_percentage).toBe(80);
		expect(out(percentage)[0].warnings).toEqual([expect.stringContaining('Plan "Annual" now has both a fixed price (fixed_price: USD, EUR) and a base price percentage (80).')]);
		// A change to neither, clearing the fixed prices, or a percentage on a plan without them, warns of nothing.
		const name = await run(wf('update'), credential(), [update({ name: 'Monthly (2027)' })]);
		const cleared = await run(wf('update'), credential(), [update({ planId: annual, clear: ['prices'] })]);
		const alone = await run(wf('update'), credential(), [update({ planId: annual, basePricePercentage: 70 })]);
		expect(attributes(annual)).toMatchObject({ fixed_price: null, base_price_percentage: 70 });
		for (const result of [name, cleared, alone]) expect(out(result)[0]).not.toHaveProperty('warnings');
	});

	test('a price for one currency keeps the other currencies\' prices', async () => {
		const result = await run(wf('update'), credential(), [update({ prices: [{ currency: 'usd', amount: 120 }] })]);
		expect(result.error).toBeUndefined();
		expect(attributes().fixed_price).toEqual({ USD: { amount: 120, includes_tax: false }, GBP: { amount: 90, includes_tax: true } });
		expect(JSON.parse(puts()[0].body).data.attributes).toEqual({
			fixed_price: { USD: { amount: 120, includes_tax: false }, GBP: { amount: 90, includes_tax: true } },
		});
		expect(out(result)[0].changes).toEqual([{ field: 'fixed_price.USD.amount', from: 100, to: 120 }]);
	});

	test('prices in Elastic Path\'s own map form, and from the "Prices" fields', async () => {
		await run(wf('update'), credential(), [update({ prices: { EUR: { amount: 2500, includes_tax: true } } })]);
		expect(attributes().fixed_price).toMatchObject({ EUR: { amount: 2500, includes_tax: true }, USD: { amount: 100 } });
		const fields = withNode(wf('update'), NODE, {
			pricesInput: 'fields',
			prices: { price: [{ currency: 'GBP', amount: 85, includesTax: true }] },
		});
		const result = await run(fields, credential(), [update({})]);
		expect(result.error).toBeUndefined();
		expect(attributes().fixed_price).toEqual({
			USD: { amount: 100, includes_tax: false },
			GBP: { amount: 85, includes_tax: true },
			EUR: { amount: 2500, includes_tax: true },
		});
	});

	test('Replace All Prices drops the currencies not listed, only when switched on', async () => {
		const result = await run(wf('update'), credential(), [update({ prices: [{ currency: 'EUR', amount: 2700, includesTax: true }], replacePrices: true })]);
		expect(result.error).toBeUndefined();
		expect(attributes().fixed_price).toEqual({ EUR: { amount: 2700, includes_tax: true } });
		expect(out(result)[0].changes).toEqual([
			{ field: 'fixed_price.USD', from: { amount: 100, includes_tax: false }, to: null },
			{ field: 'fixed_price.GBP', from: { amount: 90, includes_tax: true }, to: null },
			{ field: 'fixed_price.EUR', from: null, to: { amount: 2700, includes_tax: true } },
		]);
	});

	test('Clear Fields sends null for the chosen attributes only', async () => {
		const result = await run(wf('update'), credential(), [update({ clear: ['description', 'trial_period', 'prices'] })]);
		expect(result.error).toBeUndefined();
		expect(JSON.parse(puts()[0].body).data.attributes).toEqual({ description: null, trial_period: null, fixed_price: null });
		expect(withoutStamps(attributes())).toEqual({ ...SEED_MONTHLY, description: null, trial_period: null, fixed_price: null });
	});

	test('a change that changes nothing sends no write', async () => {
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly', prices: [{ currency: 'USD', amount: 100, includesTax: false }] })]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(0);
		expect(out(result)[0]).toMatchObject({ outcome: 'unchanged', changes: [] });
	});

	test('two items for the same plan: one read, one write with both changes', async () => {
		const result = await run(wf('update'), credential(), [
			update({ name: 'Monthly Plus' }),
			update({ offeringId: seats, planId: EP_IDS.seat(2), planLength: 24 }),
			update({ prices: [{ currency: 'EUR', amount: 950, includesTax: true }] }),
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.requests('PUT', `/v2/subscriptions/offerings/${streaming}/plans/${monthly}`)).toHaveLength(1);
		expect(attributes()).toMatchObject({ name: 'Monthly Plus', fixed_price: { EUR: { amount: 950 }, USD: { amount: 100 } } });
		expect(attributes(EP_IDS.seat(2), seats).plan_length).toBe(24);
		const items = out(result);
		expect(items[0].changes).toEqual([{ field: 'name', from: 'Monthly', to: 'Monthly Plus' }]);
		expect(items[2].changes).toEqual([{ field: 'fixed_price.EUR', from: null, to: { amount: 950, includes_tax: true } }]);
		expect(result.output(NODE).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a currency the store does not have is refused before writing, naming the store\'s currencies', async () => {
		const result = await run(wf('update'), credential(), [update({ prices: [{ currency: 'JPY', amount: 500 }] })]);
		expect(result.error?.message).toBe('Change refused for "Prices" in item 0: JPY is not configured in this store (its currencies: USD, EUR, GBP)');
		expect(result.error?.description).toContain('Settings > Currencies');
		expect(puts()).toHaveLength(0);
	});

	test('when the store\'s currencies cannot be read, Elastic Path\'s own validation message comes through', async () => {
		emulator.settings.currenciesReadable = false;
		const result = await run(wf('update'), credential(), [update({ prices: [{ currency: 'JPY', amount: 500 }] })]);
		expect(result.error?.message).toBe(
			'Elastic Path returned 400 (item 0): Validation Error: data.attributes.fixed_price.JPY: currency "JPY" is not enabled in this store',
		);
		expect(attributes().fixed_price).toEqual(SEED_MONTHLY.fixed_price);
	});

	test('attributes of the newer model are refused on a seed-model store, naming the model', async () => {
		const result = await run(wf('update'), credential(), [update({ sku: 'STREAM-M', name: 'Monthly X' })]);
		expect(result.error?.message).toBe(
			`Change refused for "SKU" in item 0: plan ${monthly} uses the older plan model, where each plan carries its own billing rules and fixed price, which has no SKU`,
		);
		expect(puts()).toHaveLength(0);
		expect(attributes().name).toBe('Monthly');
	});
});

describe('Elastic Path: Update (newer, product-like model)', () => {
	beforeEach(() => emulator.useSpec('2026'));

	test('updates name, SKU, prices and price units, keeping the other attributes and currencies', async () => {
		const result = await run(wf('update'), credential(), [
			update({ name: 'Monthly 2', sku: 'STREAM-M2', prices: [{ currency: 'EUR', amount: 899, includesTax: true }], priceUnitAmount: 2 }),
		]);
		expect(result.error).toBeUndefined();
		expect(JSON.parse(puts()[0].body).data.attributes).toEqual({
			name: 'Monthly 2',
			sku: 'STREAM-M2',
			price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true }, EUR: { amount: 899, includes_tax: true } },
			price_units: { unit: 'month', amount: 2 },
		});
		expect(attributes()).toMatchObject({
			main_image: 'https://cdn.example.com/monthly.png',
			description: 'A monthly subscription.',
			feature_configurations: { '7c0d2e1f-0000-4000-8000-000000000001': { type: 'access' } },
		});
		expect(out(result)[0]).toMatchObject({ planModel: 'product', name: 'Monthly 2', outcome: 'updated' });
		// Only the single-plan GET was used to read.
		expect(emulator.requests('GET', `/v2/subscriptions/offerings/${streaming}/plans`)).toHaveLength(0);
	});

	test('billing rules are refused with a message that says the store runs the newer model', async () => {
		const result = await run(wf('update'), credential(), [update({ billingIntervalType: 'year', planLength: 2 })]);
		expect(result.error?.message).toBe(
			`Change refused for "Billing Interval Type, Plan Length" in item 0: plan ${monthly} uses the newer, product-like plan model, where the billing rules are set on the offering's pricing options, which has no Billing Interval Type, Plan Length`,
		);
		expect(result.error?.description).toContain('pricing options');
		expect(puts()).toHaveLength(0);
	});

	test('price units need both parts when the plan has none yet', async () => {
		const result = await run(wf('update'), credential(), [update({ planId: annual, priceUnitAmount: 3 })]);
		expect(result.error?.message).toContain('Change refused for "Price Units" in item 0');
		const ok = await run(wf('update'), credential(), [update({ planId: annual, priceUnit: 'day', priceUnitAmount: 30 })]);
		expect(ok.error).toBeUndefined();
		expect(attributes(annual).price_units).toEqual({ unit: 'day', amount: 30 });
	});
});

describe('Elastic Path: input errors are caught before anything is sent', () => {
	test.each([
		[{ billingIntervalType: 'months' }, 'Invalid "Billing Interval Type" in item 0: "months" is not one of the allowed values', 'day, week, month, year'],
		[{ endBehavior: 'rolling' }, 'Invalid "End Behavior" in item 0: "rolling" is not one of the allowed values', 'roll, close'],
		[{ priceUnit: 'year' }, 'Invalid "Price Unit" in item 0', 'day, month'],
		[{ billingFrequency: 0 }, 'Invalid "Billing Frequency" in item 0: 0 is below the minimum of 1', ''],
		[{ billingFrequency: 1.5 }, 'Invalid "Billing Frequency" in item 0: 1.5 is not a whole number', ''],
		[{ trialPeriod: -1 }, 'Invalid "Trial Period" in item 0: -1 is below the minimum of 0', ''],
		[{ planLength: -3 }, 'Invalid "Plan Length" in item 0: -3 is below the minimum of 1', ''],
		[{ basePricePercentage: 120 }, 'Invalid "Base Price Percentage" in item 0: 120 is above the maximum of 100', ''],
		[{ basePricePercentage: -5 }, 'Invalid "Base Price Percentage" in item 0: -5 is below the minimum of 0', ''],
		[{ name: 'ab' }, 'Invalid "Name" in item 0: "ab" is shorter than 3 characters', ''],
		[{ externalRef: 'x'.repeat(2049) }, 'Invalid "External Reference" in item 0: it is 2049 characters long', ''],
		[{ mainImage: 'cdn/plan.png' }, 'Invalid "Main Image URL" in item 0: "cdn/plan.png" is not an http or https URL', ''],
		[{ prices: [{ currency: 'EUR', amount: -100 }] }, 'Invalid "Prices (JSON) > Amount" in item 0: -100 is negative', ''],
		[{ prices: [{ currency: 'EUR', amount: 27.5 }] }, 'Invalid "Prices (JSON) > Amount" in item 0: 27.5 is not a whole number', '2750'],
		[{ prices: [{ currency: 'XYZ', amount: 100 }] }, 'Invalid "Prices (JSON) > Currency" in item 0: "XYZ" is not an ISO 4217 currency code', 'USD, EUR or GBP'],
		[{ prices: [{ currency: 'EURO', amount: 100 }] }, 'Invalid "Prices (JSON) > Currency" in item 0: "EURO" is not an ISO 4217 currency code', ''],
		[{ prices: [{ currency: 'EUR', amount: 1 }, { currency: 'eur', amount: 2 }] }, 'Invalid "Prices (JSON) > Currency (price 2)" in item 0: EUR is listed more than once', ''],
		[{ prices: '[{"currency": "EUR"' }, 'Invalid "Prices (JSON)" in item 0: it is not valid JSON', ''],
		[{ replacePrices: true }, 'Invalid "Replace All Prices" in item 0: it is on but no price is listed', 'Clear Fields'],
		[{ name: 'New name', clear: ['description', 'name'] }, 'Invalid "Clear Fields" in item 0: "name" is not valid', ''],
		[{ description: 'x', clear: ['description'] }, 'Invalid "Clear Fields" in item 0: "Description" is both given a value and chosen to be cleared', ''],
		[{}, 'Invalid "Update Fields" in item 0: nothing to change was given', 'Add at least one field'],
		[{ offeringId: 'abc', name: 'Valid name' }, 'Invalid "Offering" in item 0: "abc" is not in the expected form', 'UUID'],
		[{ planId: '42', name: 'Valid name' }, 'Invalid "Plan" in item 0: "42" is not in the expected form', 'UUID'],
	])('%j', async (item, message, fix) => {
		const result = await run(wf('update'), credential(), [update(item as IDataObject)]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toContain(fix);
		expect(emulator.log).toHaveLength(0);
	});

	test('a bad item anywhere stops the run before the first request', async () => {
		const result = await run(wf('update'), credential(), [update({ name: 'Fine name' }), update({ prices: [{ currency: 'USD', amount: -1 }] })]);
		expect(result.error?.message).toContain('in item 1');
		expect(emulator.log).toHaveLength(0);
		expect(emulator.tokenRequests).toBe(0);
	});
});

describe('Elastic Path: token handling', () => {
	test('a 50-item run fetches exactly one token', async () => {
		emulator.settings.rateLimit = { limit: 10_000, windowMs: 1000 };
		const items = Array.from({ length: 50 }, (_, n) => update({ offeringId: seats, planId: EP_IDS.seat(n + 1), name: `Seat plan ${n + 1}` }));
		const result = await run(wf('update'), credential(), items);
		expect(result.error).toBeUndefined();
		expect(emulator.tokenRequests).toBe(1);
		expect(result.credentialsHelper.preAuthCalls.get('elasticPathApi')).toBe(1);
		expect(puts().map((r) => r.status)).toEqual(Array(50).fill(200));
		expect(attributes(EP_IDS.seat(50), seats).name).toBe('Seat plan 50');
		// The token is sent as a Bearer token; the token request is form-encoded, without /v2.
		const [tokenRequest] = emulator.requests('POST', '/oauth/access_token');
		expect(tokenRequest.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
			grant_type: 'client_credentials',
			client_id: EP_CLIENTS.store.clientId,
			client_secret: EP_CLIENTS.store.clientSecret,
		});
		expect(puts().every((r) => /^Bearer [0-9a-f]{40}$/.test(String(r.headers.authorization)))).toBe(true);
	});

	test('a token that expires in the middle of a run is replaced once and the run completes', async () => {
		emulator.settings.expireTokensAfterRequests = 10;
		const items = Array.from({ length: 20 }, (_, n) => update({ offeringId: seats, planId: EP_IDS.seat(n + 1), trialPeriod: 30 }));
		const workflow = withNode(wf('update'), NODE, { options: { concurrency: 1 } });
		const result = await run(workflow, credential(), items);
		expect(result.error).toBeUndefined();
		expect(emulator.tokenRequests).toBe(2);
		expect(emulator.log.filter((r) => r.status === 401)).toHaveLength(1);
		for (let n = 1; n <= 20; n++) expect(attributes(EP_IDS.seat(n), seats).trial_period).toBe(30);
	});

	test('expiry with parallel items also recovers', async () => {
		emulator.settings.expireTokensAfterRequests = 15;
		emulator.settings.rateLimit = { limit: 10_000, windowMs: 1000 };
		const items = Array.from({ length: 30 }, (_, n) => update({ offeringId: seats, planId: EP_IDS.seat(n + 1), canPause: false }));
		const result = await run(wf('update'), credential(), items);
		expect(result.error).toBeUndefined();
		expect(puts().filter((r) => r.status === 200)).toHaveLength(30);
		expect(emulator.tokenRequests).toBeGreaterThanOrEqual(2);
		expect(emulator.tokenRequests).toBeLessThanOrEqual(7);
	});

	test('a saved token is reused by the next run, and replaced after it expired', async () => {
		const helper = new TestCredentialsHelper();
		const first = await run(wf('get'), credential(), [{ offeringId: streaming, planId: monthly }], { credentialsHelper: helper });
		expect(first.error).toBeUndefined();
		const saved = helper.store.get('elastic-path')!.data.accessToken;
		expect(emulator.tokens.has(String(saved))).toBe(true);
		await run(wf('get'), [], [{ offeringId: streaming, planId: annual }], { credentialsHelper: helper });
		expect(emulator.tokenRequests).toBe(1);
		emulator.expireAllTokens();
		const third = await run(wf('get'), [], [{ offeringId: streaming, planId: annual }], { credentialsHelper: helper });
		expect(third.error).toBeUndefined();
		expect(emulator.tokenRequests).toBe(2);
		expect(helper.store.get('elastic-path')!.data.accessToken).not.toBe(saved);
	});

	test('wrong client secret: Elastic Path\'s refusal, explained, and nothing else is sent', async () => {
		const result = await run(wf('update'), credential({ clientSecret: 'not-the-secret-1234' }), [update({ name: 'Any name' })]);
		expect(result.error?.message).toBe(
			'Elastic Path request failed (item 0): Elastic Path login failed (HTTP 401): Unauthorized: Invalid client credentials. Check the client ID and client secret in the "Elastic Path API" credential, and that the key belongs to a store in the chosen region.',
		);
		expect(result.error?.description).toContain('Elastic Path API');
		expect(puts()).toHaveLength(0);
	});

	test('an unreachable base URL says so', async () => {
		const result = await run(wf('get'), credential({ baseUrl: 'http://127.0.0.1:9' }), [{ offeringId: streaming, planId: monthly }]);
		expect(result.error?.message).toBe(
			'Elastic Path request failed (item 0): Elastic Path login failed: could not reach http://127.0.0.1:9/oauth/access_token (the connection was refused). Check the region or base URL in the "Elastic Path API" credential.',
		);
	});

	test('a token Elastic Path still refuses after signing in again gives its 401 message', async () => {
		emulator.injectFault({ path: /^\/v2\//, status: 401, times: 2, body: { errors: [{ status: 401, title: 'Unauthorized', detail: 'Unable to validate access token' }] } });
		const result = await run(wf('get'), credential(), [{ offeringId: streaming, planId: monthly }]);
		expect(result.error?.message).toBe('Elastic Path returned 401 (item 0): Unauthorized: Unable to validate access token');
		expect(result.error?.description).toContain('even after the node signed in again');
		expect(emulator.tokenRequests).toBe(2);
	});
});

describe('Elastic Path: write conflicts and rate limits', () => {
	test('409: re-reads, re-applies on the fresh plan and writes again, keeping the other user\'s change', async () => {
		emulator.conflictOnWrite(monthly, 1, (plan) => {
			(plan.attributes.fixed_price as IDataObject).GBP = { amount: 95, includes_tax: true };
			plan.attributes.description = 'Changed by a colleague';
		});
		const result = await run(wf('update'), credential(), [update({ prices: [{ currency: 'USD', amount: 120 }] })]);
		expect(result.error).toBeUndefined();
		expect(puts().map((r) => r.status)).toEqual([409, 200]);
		expect(attributes()).toMatchObject({
			description: 'Changed by a colleague',
			fixed_price: { USD: { amount: 120, includes_tax: false }, GBP: { amount: 95, includes_tax: true } },
		});
		expect(JSON.parse(puts()[1].body).data.attributes.fixed_price.GBP).toEqual({ amount: 95, includes_tax: true });
	});

	test('409 every time: a bounded number of attempts, then a clear error', async () => {
		emulator.conflictOnWrite(monthly, 100);
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly Max' })]);
		expect(result.error?.message).toBe('Elastic Path returned 409 (item 0): Write Conflict');
		expect(result.error?.description).toContain('write conflict every time');
		expect(puts()).toHaveLength(CONFLICT_RETRIES + 1);
		expect(attributes().name).toBe('Monthly');
	});

	test('429 is retried after Retry-After when present, with backoff when not', async () => {
		emulator.injectFault({ method: 'PUT', status: 429, headers: { 'Retry-After': '1' }, body: { errors: [{ status: '429', title: 'Too Many Requests' }] } });
		emulator.injectFault({ method: 'GET', path: /\/plans$/, status: 429, body: { errors: [{ status: '429', title: 'Too Many Requests' }] } });
		const started = Date.now();
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly Rate' })]);
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(puts().map((r) => r.status)).toEqual([429, 200]);
		expect(attributes().name).toBe('Monthly Rate');
	});

	test('the store\'s own rate limit answers 429 and the node waits it out', async () => {
		emulator.settings.rateLimit = { limit: 3, windowMs: 1000 };
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly A' }), update({ planId: annual, name: 'Annual A' })]);
		expect(result.error).toBeUndefined();
		expect(emulator.log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		expect(attributes().name).toBe('Monthly A');
		expect(attributes(annual).name).toBe('Annual A');
	});

	test('the emulator enforces 100 requests a second per store, 25 on a development store', async () => {
		const { access_token: token } = (await (
			await fetch(`${emulator.baseUrl}/oauth/access_token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'client_credentials', client_id: EP_CLIENTS.store.clientId, client_secret: EP_CLIENTS.store.clientSecret }),
			})
		).json()) as { access_token: string };
		const burst = async (n: number) => {
			const answers = await Promise.all(
				Array.from({ length: n }, async () => (await fetch(`${emulator.baseUrl}/v2/subscriptions/offerings/${EP_IDS.seats}`, { headers: { authorization: `Bearer ${token}` } })).status),
			);
			return answers.filter((s) => s === 429).length;
		};
		expect(await burst(101)).toBe(1);
		await fetch(`${emulator.baseUrl}/__emulator/store`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ store: 'development' }) });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect(await burst(26)).toBe(1);
	});

	test('a 500 on the write is retried (a PUT of the same attributes is safe to repeat)', async () => {
		emulator.injectFault({ method: 'PUT', status: 500, applyFirst: true, body: { errors: [{ status: '500', title: 'Internal Server Error' }] } });
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly 500' })]);
		expect(result.error).toBeUndefined();
		expect(puts().map((r) => r.status)).toEqual([500, 200]);
		expect(attributes().name).toBe('Monthly 500');
	});
});

describe('Elastic Path: provider errors keep Elastic Path\'s message', () => {
	test('403 plan tenancy mismatch (the body even says "404")', async () => {
		const result = await run(wf('update'), credential(), [update({ planId: partner, name: 'Partner Plus' })]);
		expect(result.error?.message).toBe('Elastic Path returned 403 (item 0): Permission denied: Permission denied: plan tenancy mismatch');
		expect(result.error?.description).toContain('another owner');
		expect((result.error as { httpCode?: string }).httpCode).toBe('403');
	});

	test('404 for an unknown offering', async () => {
		const result = await run(wf('get'), credential(), [{ offeringId: MISSING, planId: monthly }]);
		expect(result.error?.message).toBe('Elastic Path returned 404 (item 0): Not Found: No offering found');
		expect(result.error?.description).toContain('Check the offering and plan IDs');
	});

	test('404 for an unknown plan, in the older API (from the list) and in the newer one', async () => {
		const older = await run(wf('get'), credential(), [{ offeringId: streaming, planId: MISSING }]);
		expect(older.error?.message).toBe(`Elastic Path has no plan ${MISSING} in offering ${streaming} (item 0)`);
		expect((older.error as { httpCode?: string }).httpCode).toBe('404');
		emulator.useSpec('2026');
		const newer = await run(wf('update'), credential(), [update({ planId: MISSING, name: 'Nope plan' })]);
		expect(newer.error?.message).toBe('Elastic Path returned 404 (item 0): Not Found: No plan found');
	});

	test('a 400 keeps the field named by Elastic Path, and several errors are all shown', async () => {
		emulator.injectFault({
			method: 'PUT',
			status: 400,
			body: {
				errors: [
					{ title: 'Validation Error', status: '400', detail: 'data.attributes.name: "name" is required' },
					{ title: 'Validation Error', status: 400, detail: 'data.attributes.plan_length: "plan_length" must be an integer', meta: { missing_ids: ['e7d50bd5-1833-43c0-9848-f9d325b08be8'] } },
				],
			},
		});
		const result = await run(wf('update'), credential(), [update({ name: 'Monthly 400' })]);
		expect(result.error?.message).toBe('Elastic Path returned 400 (item 0): Validation Error: data.attributes.name: "name" is required');
		expect(result.error?.description).toContain('"plan_length" must be an integer');
		expect(result.error?.description).toContain('Missing IDs: e7d50bd5-1833-43c0-9848-f9d325b08be8');
	});
});

describe('Elastic Path: continue on fail', () => {
	test('one error item per failed input; the other items are processed', async () => {
		const workflow = withNode(wf('update'), NODE, {}, { onError: 'continueRegularOutput' });
		const result = await run(workflow, credential(), [
			update({ name: 'Monthly OK' }),
			update({ endBehavior: 'closed' }),
			update({ planId: MISSING, name: 'Ghost' }),
			update({ planId: annual, sku: 'ANNUAL' }),
			update({ planId: partner, name: 'Partner' }),
			update({ planId: annual, canPause: true }),
		]);
		expect(result.error).toBeUndefined();
		const items = out(result);
		expect(items).toHaveLength(6);
		expect(items[0].outcome).toBe('updated');
		expect(items[1].error).toContain('Invalid "End Behavior" in item 1');
		expect(items[2].error).toBe(`Elastic Path has no plan ${MISSING} in offering ${streaming} (item 2)`);
		expect(items[2].details).toMatchObject({ httpCode: '404', itemIndex: 2 });
		expect(items[3].error).toContain('Change refused for "SKU" in item 3');
		expect(items[4].error).toContain('Elastic Path returned 403 (item 4)');
		expect(items[5]).toMatchObject({ outcome: 'updated', can_pause: true });
		expect(attributes().name).toBe('Monthly OK');
		expect(attributes(annual)).toMatchObject({ can_pause: true, name: 'Annual' });
		expect(result.output(NODE).map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
	});

	test('"Continue (using error output)" routes failed items to the error output', async () => {
		const workflow = withNode(wf('get'), NODE, {}, { onError: 'continueErrorOutput' });
		const result = await run(workflow, credential(), [{ offeringId: streaming, planId: monthly }, { offeringId: MISSING, planId: monthly }]);
		const main = result.run.data.resultData.runData[NODE][0].data!.main;
		expect(main[0]).toHaveLength(1);
		expect(main[1]).toHaveLength(1);
		expect(main[1]![0].json.error).toContain('404');
	});
});

describe('Elastic Path: Dry Run', () => {
	test('returns the changes and the exact PUT, and sends no write', async () => {
		const workflow = withNode(wf('update'), NODE, { options: { dryRun: true } });
		const result = await run(workflow, credential(), [update({ name: 'Monthly Dry', prices: [{ currency: 'EUR', amount: 2700, includesTax: true }] })]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(0);
		expect(withoutStamps(attributes())).toEqual(SEED_MONTHLY);
		const [plan] = out(result);
		expect(plan.outcome).toBe('dryRun');
		expect(plan.request).toEqual([
			{
				method: 'PUT',
				url: `${emulator.baseUrl}/v2/subscriptions/offerings/${streaming}/plans/${monthly}`,
				body: {
					data: {
						id: monthly,
						type: 'subscription_offering_plan',
						attributes: {
							name: 'Monthly Dry',
							fixed_price: { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true }, EUR: { amount: 2700, includes_tax: true } },
						},
					},
				},
			},
		]);
		expect(plan.changes).toEqual([
			{ field: 'name', from: 'Monthly', to: 'Monthly Dry' },
			{ field: 'fixed_price.EUR', from: null, to: { amount: 2700, includes_tax: true } },
		]);
		expect(plan.name).toBe('Monthly Dry');
	});
});

describe('Elastic Path: secrets', () => {
	test('the client secret and the tokens appear in no output, error or log, whatever happens', async () => {
		const secret = EP_CLIENTS.store.clientSecret;
		const tokens = () => [...emulator.tokens.keys()];
		const dry = await run(withNode(wf('update'), NODE, { options: { dryRun: true } }), credential(), [update({ name: 'Monthly Secret' })]);
		expectNoSecrets(dry, [secret, ...tokens()]);
		const ok = await run(wf('update'), credential(), [update({ name: 'Monthly Secret' })]);
		expectNoSecrets(ok, [secret, ...tokens()]);

		// Elastic Path echoing the request's Authorization header and the token in an error.
		const helper = new TestCredentialsHelper();
		await run(wf('getAll'), credential(), [{ offeringId: empty, returnAll: true }], { credentialsHelper: helper });
		const token = String(helper.store.get('elastic-path')!.data.accessToken);
		emulator.injectFault({
			status: 500,
			times: 20,
			body: { errors: [{ status: '500', title: 'Internal Server Error', detail: `Authorization: Bearer ${token}; token ${token}; secret ${secret}` }] },
		});
		const failed = await run(withNode(wf('get'), NODE, { options: { maxRetries: 0 } }), [], [{ offeringId: streaming, planId: monthly }], { credentialsHelper: helper });
		expect(failed.error?.message).toBe('Elastic Path returned 500 (item 0): Internal Server Error: Authorization: Bearer [redacted]; token [redacted]; secret [redacted]');
		expect(failed.logs.join('\n')).toContain('Elastic Path returned 500');
		expectNoSecrets(failed, [secret, token, ...tokens()]);
		emulator.clearFaults();

		const bad = await run(wf('get'), credential({ clientSecret: 'epcc_secret_WRONG_0000' }), [{ offeringId: streaming, planId: monthly }]);
		expect(bad.error).toBeDefined();
		expectNoSecrets(bad, ['epcc_secret_WRONG_0000']);
	});
});

describe('Elastic Path: lists and credential test', () => {
	test('"From list" offerings: 100 a page with the next offset as token, and a search by name', async () => {
		const [cred] = credential();
		const first = await listSearch('elasticPath', 'searchOfferings', cred);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Streaming Plus', value: streaming });
		expect(first.paginationToken).toBe('100');
		const second = await listSearch('elasticPath', 'searchOfferings', cred, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(24);
		expect(second.paginationToken).toBeUndefined();
		const found = await listSearch('elasticPath', 'searchOfferings', cred, 'business');
		expect(found.results).toEqual([{ name: 'Business Seats', value: seats }]);
		expect(emulator.requests('GET', '/v2/subscriptions/offerings').map((r) => r.query['page[limit]'])).toEqual(['100', '100', '100', '100']);
	});

	test('"From list" plans of the chosen offering, paginated, with their billing period', async () => {
		const [cred] = credential();
		const parameters = { resource: 'offeringPlan', operation: 'update', offering: { __rl: true, mode: 'list', value: seats } };
		const first = await listSearch('elasticPath', 'searchPlans', cred, undefined, undefined, parameters);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Seat tier 001 (every 1 month)', value: EP_IDS.seat(1) });
		const third = await listSearch('elasticPath', 'searchPlans', cred, undefined, '200', parameters);
		expect(third.results).toHaveLength(50);
		expect(third.paginationToken).toBeUndefined();
		const filtered = await listSearch('elasticPath', 'searchPlans', cred, 'tier 250', undefined, parameters);
		expect(filtered.results).toEqual([{ name: 'Seat tier 250 (every 1 month)', value: EP_IDS.seat(250) }]);
		await expect(listSearch('elasticPath', 'searchPlans', cred, undefined, undefined, { offering: { __rl: true, mode: 'list', value: '' } })).rejects.toThrow(
			'Choose the offering first',
		);
	});

	test('the credential test signs in and lists one offering; wrong secrets and regions fail', async () => {
		const [cred] = credential();
		expect(await testCredential('elasticPath', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests('GET', '/v2/subscriptions/offerings')[0].query).toEqual({ 'page[limit]': '1' });
		const bad = await testCredential('elasticPath', { ...cred, data: { ...cred.data, clientSecret: 'wrong-secret-5678' } });
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('Elastic Path login failed (HTTP 401)');
		expect(bad.message).not.toContain('wrong-secret-5678');
		const other = await testCredential('elasticPath', { ...cred, data: { ...cred.data, ...EP_CLIENTS.otherRegion } });
		expect(other.status).toBe('Error');
		expect(emulator.requests('POST', '/oauth/access_token').map((r) => r.status)).toEqual([200, 401, 401]);
	});
});
