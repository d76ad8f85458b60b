import * as n8nWorkflow from 'n8n-workflow';

import { PARTOO_KEYS, PartooEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { listSearch, testCredential } from '../support/harness/methods';
import { expectNoSecrets, jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new PartooEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);

function credential(apiKey = PARTOO_KEYS.provider): StoredCredential[] {
	const { type, data } = emulator.credential();
	// A trailing slash on the base URL is tolerated.
	return [{ id: 'partoo', name: 'Partoo account', type, data: { ...data, apiKey, baseUrl: `${data.baseUrl}/` } }];
}
const writes = () => emulator.requests('POST');
const realSleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = (orgId: number) => emulator.plans(orgId).map((p) => p.name);
/** A request of another workflow on the same key, counted in the rate limit's window. */
const takeOneRequest = async () => {
	const res = await fetch(`${emulator.baseUrl}/v2/org/42/plans`, { headers: { 'x-APIKey': PARTOO_KEYS.provider } });
	expect(res.status).toBe(200);
	emulator.log.length = 0;
};

describe('Partoo: Get', () => {
	test('returns the organization plans with their dates', async () => {
		const result = await run(wf('get'), credential(), [{ orgId: 42 }]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('Partoo'))).toEqual([
			{
				orgId: 42,
				plans: [
					{ name: 'presence_management', subscription_date: '2025-01-01', expiration_date: '2026-01-01' },
					{ name: 'review_management', subscription_date: '2025-01-01', expiration_date: null },
				],
			},
		]);
		expect(result.output('Partoo')[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Partoo: Add or Update', () => {
	test('adds a plan and keeps every plan not named (state checked in the emulator)', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' }]);
		expect(result.error).toBeUndefined();
		expect(emulator.plans(42)).toEqual([
			{ name: 'presence_management', subscription_date: '2025-01-01', expiration_date: '2026-01-01' },
			{ name: 'review_management', subscription_date: '2025-01-01', expiration_date: null },
			{ name: 'webhooks', subscription_date: expect.any(String), expiration_date: '2027-06-30' },
		]);
		const [out] = jsonOf(result.output('Partoo'));
		expect(out.outcome).toBe('updated');
		expect(out.changes).toEqual([{ field: 'plans.webhooks', from: null, to: { expiration_date: '2027-06-30' } }]);
		// Read, write the full list, and (Confirm Write, on by default) read again after a pause: the output is
		// what Partoo holds, including the subscription date Partoo set for the new plan.
		expect(emulator.log.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
		expect(out.plans).toEqual(emulator.plans(42));
		// The body holds the complete list, without the read-only subscription_date.
		expect(JSON.parse(writes()[0].body)).toEqual({
			plans: [{ name: 'presence_management', expiration_date: '2026-01-01' }, { name: 'review_management' }, { name: 'webhooks', expiration_date: '2027-06-30' }],
		});
	});

	test('with Confirm Write off: one read and one write, and the output is the list as sent', async () => {
		const noConfirm = withNode(wf('addOrUpdate'), 'Partoo', { options: { confirmWrite: false } });
		const result = await run(noConfirm, credential(), [{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' }]);
		expect(result.error).toBeUndefined();
		const [out] = jsonOf(result.output('Partoo'));
		expect(out.outcome).toBe('updated');
		// The node does not read again after the write (it sent the full list); Partoo sets the new plan's
		// subscription date, which the output leaves null until the next Get.
		expect(out.plans).toEqual(emulator.plans(42).map((p) => (p.name === 'webhooks' ? { ...p, subscription_date: null } : p)));
		expect(emulator.requests('GET')).toHaveLength(1);
		expect(writes()).toHaveLength(1);
	});

	test('updates the expiration of an existing plan; "Never Expires" removes it', async () => {
		await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: 'presence_management', contractEnd: '', neverExpires: true }]);
		expect(emulator.plans(42).find((p) => p.name === 'presence_management')).toEqual({
			name: 'presence_management',
			subscription_date: '2025-01-01',
			expiration_date: null,
		});
		expect(names(42)).toEqual(['presence_management', 'review_management']);
	});

	test('an existing plan keeps its expiry when the item sets none; only new plans start without one', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['presence_management', 'posts'], contractEnd: '' }]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.plans(42)).toEqual([
			{ name: 'presence_management', subscription_date: '2025-01-01', expiration_date: '2026-01-01' },
			{ name: 'review_management', subscription_date: '2025-01-01', expiration_date: null },
			{ name: 'posts', subscription_date: expect.any(String), expiration_date: null },
		]);
		expect(jsonOf(result.output('Partoo'))[0].changes).toEqual([{ field: 'plans.posts', from: null, to: { expiration_date: null } }]);
	});

	test('"Never Expires" removes the expiry of the named plans; together with a date it is refused before anything is sent', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 43, plans: ['messages', 'posts'], neverExpires: true }]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.plans(43).map((p) => [p.name, p.expiration_date])).toEqual([['posts', null], ['messages', null], ['webhooks', null]]);
		expect(jsonOf(result.output('Partoo'))[0].changes).toEqual([{ field: 'plans.messages.expiration_date', from: '2027-03-31', to: null }]);
		emulator.log.length = 0;
		const both = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['posts'], contractEnd: '2027-06-30', neverExpires: true }]);
		expect(both.error?.message).toBe('Invalid "Never Expires" in item 0: it is on while "Expiration Date" is 2027-06-30');
		expect(both.error?.description).toContain('Either clear "Expiration Date" or switch off "Never Expires"');
		expect(emulator.log).toHaveLength(0);
	});

	test('accepts n8n dates, ISO date-times and epoch milliseconds', async () => {
		const items = [
			{ orgId: 1000, plans: ['posts'], contractEnd: '2027-01-15T23:00:00+02:00' },
			{ orgId: 1001, plans: ['posts'], contractEnd: Date.UTC(2027, 1, 20) },
		];
		const result = await run(wf('addOrUpdate'), credential(), items);
		expect(result.error).toBeUndefined();
		expect(emulator.plans(1000).find((p) => p.name === 'posts')?.expiration_date).toBe('2027-01-15');
		expect(emulator.plans(1001).find((p) => p.name === 'posts')?.expiration_date).toBe('2027-02-20');
		const luxon = withNode(wf('addOrUpdate'), 'Partoo', { expirationDate: "={{ DateTime.fromISO('2028-03-01T10:00:00Z') }}" });
		await run(luxon, credential(), [{ orgId: 1002, plans: ['posts'] }]);
		expect(emulator.plans(1002).find((p) => p.name === 'posts')?.expiration_date).toBe('2028-03-01');
	});

	test('reads ISO 8601 basic dates as dates (what many CRMs send), not as epoch seconds', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 1000, plans: ['posts'], contractEnd: '20270615' }]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.plans(1000).find((p) => p.name === 'posts')?.expiration_date).toBe('2027-06-15');
		expect(jsonOf(result.output('Partoo'))[0].changes).toEqual([{ field: 'plans.posts', from: null, to: { expiration_date: '2027-06-15' } }]);
	});

	test('refuses a number written as text (epoch seconds? milliseconds?) before sending anything', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 1000, plans: ['posts'], contractEnd: String(Date.UTC(2027, 5, 15)) }]);
		expect(result.error?.message).toBe(`Invalid "Expiration Date" in item 0: "${Date.UTC(2027, 5, 15)}" is a number written as text: it could be epoch seconds, epoch milliseconds or a compact date, so it is not guessed`);
		expect(result.error?.description).toContain('{{ Number($json.closedate) }}');
		expect(emulator.log).toHaveLength(0);
		expect(names(1000)).not.toContain('posts');
	});

	test('an expiration date in the past is sent as given and flagged in the item\'s warnings', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [
			{ orgId: 1000, plans: ['posts'], contractEnd: '2020-01-31' },
			{ orgId: 1001, plans: ['posts'], contractEnd: '2099-01-31' },
		]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.plans(1000).find((p) => p.name === 'posts')?.expiration_date).toBe('2020-01-31');
		const [past, future] = jsonOf(result.output('Partoo'));
		expect(past.warnings).toEqual(['"Expiration Date" is 2020-01-31, a day in the past: it was sent as given, so the plans have already expired.']);
		expect(past.outcome).toBe('updated');
		expect('warnings' in future).toBe(false);
	});

	test('a change that changes nothing skips the write and says so', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['review_management'], contractEnd: '' }]);
		expect(writes()).toHaveLength(0);
		const [out] = jsonOf(result.output('Partoo'));
		expect(out).toMatchObject({ outcome: 'unchanged', changes: [] });
	});

	test('two items for the same organization both land, with one read and one write', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [
			{ orgId: 42, plans: ['posts'], contractEnd: '2027-01-01' },
			{ orgId: 43, plans: ['posts'], contractEnd: '2027-02-02' },
			{ orgId: 42, plans: ['messages'], contractEnd: '2027-03-03' },
		]);
		expect(result.error).toBeUndefined();
		expect(names(42)).toEqual(['presence_management', 'review_management', 'posts', 'messages']);
		// One read and one write for both items, then the one read that confirms the write.
		expect(emulator.requests(undefined, '/v2/org/42/plans').map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
		const out = jsonOf(result.output('Partoo'));
		expect(out.map((o) => o.orgId)).toEqual([42, 43, 42]);
		expect(out[0].changes).toEqual([{ field: 'plans.posts', from: null, to: { expiration_date: '2027-01-01' } }]);
		expect(out[2].changes).toEqual([{ field: 'plans.messages', from: null, to: { expiration_date: '2027-03-03' } }]);
		expect(result.output('Partoo').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Partoo: Remove', () => {
	test('removes only the named plans', async () => {
		const result = await run(wf('remove'), credential(), [{ orgId: 43, plans: ['messages'] }]);
		expect(result.error).toBeUndefined();
		expect(names(43)).toEqual(['posts', 'webhooks']);
		expect(jsonOf(result.output('Partoo'))[0].changes).toEqual([
			{ field: 'plans.messages', from: { expiration_date: '2027-03-31' }, to: null },
		]);
	});

	test('removing a plan the organization does not have changes nothing', async () => {
		const result = await run(wf('remove'), credential(), [{ orgId: 43, plans: ['booking_links'] }]);
		expect(writes()).toHaveLength(0);
		expect(jsonOf(result.output('Partoo'))[0].outcome).toBe('unchanged');
	});
});

describe('Partoo: Replace All', () => {
	test('refuses to remove plans that are not listed unless told to, and names them', async () => {
		const result = await run(wf('replaceAll'), credential(), [{ orgId: 43, plans: ['posts'], contractEnd: '' }]);
		expect(result.error?.message).toBe(
			'Change refused for "Plans" in item 0: Replace All would remove plans organization 43 has but that are not listed: messages, webhooks',
		);
		expect(result.error?.description).toContain('Remove Plans Not Listed');
		expect(writes()).toHaveLength(0);
		expect(names(43)).toEqual(['posts', 'messages', 'webhooks']);
	});

	test('replaces the whole list when "Remove Plans Not Listed" is on', async () => {
		const result = await run(wf('replaceAll'), credential(), [
			{ orgId: 43, plans: ['posts', 'booking_links'], contractEnd: '2028-01-01', removeUnlisted: true },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.plans(43)).toEqual([
			{ name: 'posts', subscription_date: '2025-01-01', expiration_date: '2028-01-01' },
			{ name: 'booking_links', subscription_date: expect.any(String), expiration_date: '2028-01-01' },
		]);
	});

	test('plans that stay keep their expiry unless the item sets one; new plans start without one', async () => {
		const result = await run(wf('replaceAll'), credential(), [{ orgId: 43, plans: ['posts', 'messages', 'booking_links'], contractEnd: '', removeUnlisted: true }]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.plans(43)).toEqual([
			{ name: 'posts', subscription_date: '2025-01-01', expiration_date: null },
			{ name: 'messages', subscription_date: '2025-01-01', expiration_date: '2027-03-31' },
			{ name: 'booking_links', subscription_date: expect.any(String), expiration_date: null },
		]);
		const never = await run(wf('replaceAll'), credential(), [{ orgId: 43, plans: ['posts', 'messages', 'booking_links'], neverExpires: true }]);
		expect(never.error?.message).toBeUndefined();
		expect(emulator.plans(43).map((p) => p.expiration_date)).toEqual([null, null, null]);
		expect(jsonOf(never.output('Partoo'))[0].changes).toEqual([{ field: 'plans.messages.expiration_date', from: '2027-03-31', to: null }]);
	});

	test('needs no toggle when nothing is removed', async () => {
		const result = await run(wf('replaceAll'), credential(), [
			{ orgId: 42, plans: ['presence_management', 'review_management', 'posts'], contractEnd: '' },
		]);
		expect(result.error).toBeUndefined();
		expect(names(42)).toEqual(['presence_management', 'review_management', 'posts']);
		expect(emulator.plans(42)[0].expiration_date).toBe('2026-01-01');
	});
});

describe('Partoo: input errors are caught before anything is sent', () => {
	test.each([
		[{ orgId: 'abc', plans: ['posts'] }, 'Invalid "Organization" in item 0: "abc" is not in the expected form'],
		[{ orgId: '5f0c1a2b3c4d5e6f7a8b9c0d', plans: ['posts'] }, 'Invalid "Organization" in item 0'],
		[{ orgId: 42, plans: ['posts', 'gold_plan'] }, 'Invalid "Plans" in item 0: "gold_plan" is not valid'],
		[{ orgId: 42, plans: [] }, 'Invalid "Plans" in item 0: no value was chosen'],
		[{ orgId: 42, plans: ['posts'], contractEnd: 'next tuesday' }, 'Invalid "Expiration Date" in item 0: "next tuesday" is not a date that can be read'],
		[{ orgId: 42, plans: ['posts'], contractEnd: '2027-02-30' }, 'Invalid "Expiration Date" in item 0'],
	])('%j', async (item, message) => {
		const result = await run(wf('addOrUpdate'), credential(), [item]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toBeTruthy();
		expect(emulator.log).toHaveLength(0);
	});

	test('the unknown plan message lists the valid plan names', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: 'gold' }]);
		expect(result.error?.description).toContain('presence_management, review_management, posts');
	});

	test('one bad item stops the run before any request when not continuing on fail', async () => {
		const result = await run(wf('addOrUpdate'), credential(), [
			{ orgId: 42, plans: ['posts'] },
			{ orgId: 'x', plans: ['posts'] },
		]);
		expect(result.error?.message).toContain('in item 1');
		expect(emulator.log).toHaveLength(0);
	});
});

describe('Partoo: continue on fail', () => {
	test('gives one error item per bad input and processes the rest', async () => {
		const workflow = withNode(wf('addOrUpdate'), 'Partoo', {}, { onError: 'continueRegularOutput' });
		const result = await run(workflow, credential(), [
			{ orgId: 42, plans: ['posts'] },
			{ orgId: 42, plans: ['nope'] },
			{ orgId: 999999, plans: ['posts'] },
			{ orgId: 43, plans: ['booking_links'], contractEnd: 'soon' },
			{ orgId: 43, plans: ['booking_links'] },
		]);
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output('Partoo'));
		expect(out).toHaveLength(5);
		expect(out[0].outcome).toBe('updated');
		expect(out[1].error).toContain('Invalid "Plans" in item 1');
		expect(out[2].error).toBe('Partoo returned 404 (item 2): Resource not found');
		expect(out[2].details).toMatchObject({ httpCode: '404', itemIndex: 2 });
		expect(out[3].error).toContain('Invalid "Expiration Date" in item 3');
		expect(out[4].outcome).toBe('updated');
		expect(names(42)).toContain('posts');
		expect(names(43)).toContain('booking_links');
		expect(result.output('Partoo').map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	test('routes failed items to the error output with "Continue (using error output)"', async () => {
		const workflow = withNode(wf('addOrUpdate'), 'Partoo', {}, { onError: 'continueErrorOutput' });
		const result = await run(workflow, credential(), [{ orgId: 42, plans: ['posts'] }, { orgId: 999999, plans: ['posts'] }]);
		const runData = result.run.data.resultData.runData.Partoo[0].data!.main;
		expect(runData[0]).toHaveLength(1);
		expect(runData[1]).toHaveLength(1);
		expect(runData[1]![0].json.error).toContain('404');
	});
});

describe('Partoo: Dry Run', () => {
	test('returns the changes and the exact request, and sends no write', async () => {
		const workflow = withNode(wf('replaceAll'), 'Partoo', { options: { dryRun: true } });
		const result = await run(workflow, credential(), [{ orgId: 43, plans: ['posts'], removeUnlisted: true }]);
		expect(writes()).toHaveLength(0);
		expect(names(43)).toEqual(['posts', 'messages', 'webhooks']);
		const [out] = jsonOf(result.output('Partoo'));
		expect(out.outcome).toBe('dryRun');
		expect(out.request).toEqual([
			{ method: 'POST', url: `${emulator.baseUrl}/v2/org/43/plans`, body: { plans: [{ name: 'posts' }] } },
		]);
		expect(out.changes).toEqual([
			{ field: 'plans.messages', from: { expiration_date: '2027-03-31' }, to: null },
			{ field: 'plans.webhooks', from: { expiration_date: null }, to: null },
		]);
		expect(out.plans).toEqual([{ name: 'posts', subscription_date: '2025-01-01', expiration_date: null }]);
	});
});

describe('Partoo: provider errors and retries', () => {
	test('429 is retried after the Retry-After delay, then succeeds', async () => {
		emulator.injectFault({ method: 'POST', status: 429, headers: { 'Retry-After': '1' }, body: { errors: { json: 'Too many requests' } } });
		const started = Date.now();
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['posts'] }]);
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(writes().map((r) => r.status)).toEqual([429, 200]);
		expect(names(42)).toContain('posts');
	});

	// Windows of two requests: a write that met a 429 is sent again after the wait only behind a read that finds
	// the organization as read before (two requests), so a window of one request would never let it through.
	test('the real per-organization rate limit answers 429 and the node waits it out', async () => {
		emulator.rateLimit = { limit: 2, windowMs: 1500 };
		await takeOneRequest();
		emulator.retryAfterSeconds = 2;
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['posts'] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		expect(names(42)).toContain('posts');
	});

	test('the rate limit\'s 429 carries Partoo\'s documented Retry-After: 60, and the node waits the 60 s', async () => {
		// Two requests per organization per 300 ms, one taken already; the 429 still says 60 s, as Partoo documents.
		emulator.rateLimit = { limit: 2, windowMs: 300 };
		await takeOneRequest();
		const waits: number[] = [];
		// The node's sleeps are shortened (not the waits it asks for), so the test does not take a minute.
		const original = Object.getOwnPropertyDescriptor(n8nWorkflow, 'sleep')!;
		Object.defineProperty(n8nWorkflow, 'sleep', {
			configurable: true,
			get: () => async (ms: number) => {
				waits.push(ms);
				await realSleep(Math.min(ms, 400));
			},
		});
		try {
			const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['posts'] }]);
			expect(result.error?.message).toBeUndefined();
		} finally {
			Object.defineProperty(n8nWorkflow, 'sleep', original);
		}
		const limited = emulator.log.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		expect(writes().map((r) => r.status)).toEqual([429, 200]);
		expect(waits.filter((ms) => ms >= 60_000)).toHaveLength(limited.length);
		expect(Math.min(...waits.filter((ms) => ms >= 1000))).toBeGreaterThanOrEqual(60_000);
		expect(names(42)).toContain('posts');
	});

	test('a Retry-After longer than "Max Wait for Retry-After" ends the retries at once and says how to allow it', async () => {
		emulator.rateLimit = { limit: 1, windowMs: 60_000 };
		const started = Date.now();
		const result = await run(withNode(wf('addOrUpdate'), 'Partoo', { options: { maxRetryAfter: 30, maxRetries: 5 } }), credential(), [{ orgId: 42, plans: ['posts'] }]);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(writes().map((r) => r.status)).toEqual([429]);
		expect(result.error?.message).toBe('Partoo returned 429 (item 0): Too many requests. Partoo asked to wait 60 s before retrying (Retry-After)');
		expect(result.error?.description).toContain('Raise "Max Wait for Retry-After" to 60 or more');
		expect(result.error?.description).not.toContain('Max Retries');
		expect(names(42)).not.toContain('posts');
	});

	test('502 and a dropped connection are retried (the write is a full list, so safe to repeat)', async () => {
		emulator.injectFault({ method: 'GET', status: 502, body: 'Bad Gateway' });
		emulator.injectFault({ method: 'POST', dropConnection: true, applyFirst: true });
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['posts'] }]);
		expect(result.error).toBeUndefined();
		expect(names(42)).toEqual(['presence_management', 'review_management', 'posts']);
	});

	test('gives up after Max Retries with the provider status', async () => {
		emulator.injectFault({ method: 'GET', status: 503, times: 10, body: 'Service Unavailable' });
		const workflow = withNode(wf('get'), 'Partoo', { options: { maxRetries: 1 } });
		const result = await run(workflow, credential(), [{ orgId: 42 }]);
		expect(result.error?.message).toBe('Partoo returned 503 (item 0): Service Unavailable');
		expect(emulator.requests('GET')).toHaveLength(2);
	});

	test('401 keeps Partoo\'s message and says how to fix it', async () => {
		const result = await run(wf('get'), credential('ptk_WRONG_0000000000000000'), [{ orgId: 42 }]);
		expect(result.error?.message).toBe('Partoo returned 401 (item 0): User not authenticated');
		expect(result.error?.description).toContain('Partoo API" credential');
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
	});

	test('403 for a key that is not a PROVIDER', async () => {
		const result = await run(wf('get'), credential(PARTOO_KEYS.orgAdmin), [{ orgId: 42 }]);
		expect(result.error?.message).toBe('Partoo returned 403 (item 0): Operation not allowed');
		expect(result.error?.description).toContain('PROVIDER role');
	});

	test('404 for an organization the key cannot see', async () => {
		const result = await run(wf('get'), credential(), [{ orgId: 9000 }]);
		expect(result.error?.message).toBe('Partoo returned 404 (item 0): Resource not found');
		expect(result.error?.description).toContain('Check the organization ID');
	});

	test('a 400 from Partoo keeps the field-level message', async () => {
		emulator.injectFault({ method: 'POST', status: 400, body: { errors: { json: { plans: { '0': { name: ['Must be one of: a, b.'] } } } } } });
		const result = await run(wf('addOrUpdate'), credential(), [{ orgId: 42, plans: ['posts'] }]);
		expect(result.error?.message).toBe('Partoo returned 400 (item 0): plans.0.name: Must be one of: a, b.');
	});
});

describe('Partoo: secrets', () => {
	test('the API key appears in no output, error or log, whatever happens', async () => {
		const key = PARTOO_KEYS.provider;
		const ok = await run(withNode(wf('replaceAll'), 'Partoo', { options: { dryRun: true } }), credential(), [{ orgId: 42, plans: ['posts'], removeUnlisted: true }]);
		expectNoSecrets(ok, [key]);
		emulator.injectFault({ status: 500, times: 20, body: { errors: { json: `echo x-APIKey: ${key}` } } });
		const failed = await run(withNode(wf('get'), 'Partoo', { options: { maxRetries: 0 } }), credential(), [{ orgId: 42 }]);
		expect(failed.error?.message).toBe('Partoo returned 500 (item 0): echo x-APIKey: [redacted]');
		// n8n logged the error: the scan below covers real log lines.
		expect(failed.logs.join('\n')).toContain('Partoo returned 500');
		expectNoSecrets(failed, [key]);
		const bad = await run(wf('get'), credential('ptk_SECRET_BAD_KEY_123456'), [{ orgId: 42 }]);
		expectNoSecrets(bad, ['ptk_SECRET_BAD_KEY_123456']);
	});
});

describe('Partoo: organization list and credential test', () => {
	test('"From list" searches by name and pages through Partoo\'s pages', async () => {
		const [cred] = credential();
		const first = await listSearch('partoo', 'searchOrganizations', cred);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Fast Retailer (42)', value: '42' });
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('partoo', 'searchOrganizations', cred, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(53);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await listSearch('partoo', 'searchOrganizations', cred, 'bakery');
		expect(filtered.results).toEqual([{ name: 'Slow & Steady <Bakery> (43)', value: '43' }]);
	});

	test('the credential test calls /user/me and fails on a wrong key', async () => {
		const [cred] = credential();
		expect(await testCredential('partoo', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential('partoo', { ...cred, data: { ...cred.data, apiKey: 'wrong-key-1234' } });
		expect(bad.status).toBe('Error');
		expect(emulator.requests('GET', '/v2/user/me').map((r) => r.status)).toEqual([200, 401]);
	});
});
