import { DateTime } from 'luxon';
import type { INode } from 'n8n-workflow';

import { clone, cloneSharing, deepEqual, diff } from '../../nodes/core/changes';
import { isBeforeToday, parseDate, toIsoDate, toRfc3339 } from '../../nodes/core/dates';
import { paginate } from '../../nodes/core/paginate';
import { runPool } from '../../nodes/core/pool';
import { Redactor } from '../../nodes/core/redact';
import { backoffDelay, parseRetryAfter, planRetry } from '../../nodes/core/retry';
import { DEFAULT_TRANSPORT_SETTINGS } from '../../nodes/core/transport';

const node: INode = { id: '1', name: 'Node', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

describe('diff', () => {
	test('reports field paths, additions and removals as null', () => {
		expect(diff({ plans: { a: { exp: null } } }, { plans: { a: { exp: '2027-01-01' }, b: { exp: null } } })).toEqual([
			{ field: 'plans.a.exp', from: null, to: '2027-01-01' },
			{ field: 'plans.b', from: null, to: { exp: null } },
		]);
		expect(diff({ ids: ['a', 'b'] }, { ids: ['a'] })).toEqual([{ field: 'ids', from: ['a', 'b'], to: ['a'] }]);
		expect(diff({ a: 1 }, { a: 1 })).toEqual([]);
	});

	test('deepEqual treats a missing key like undefined but not like null', () => {
		expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(deepEqual({ a: null }, {})).toBe(false);
		expect(deepEqual([1, { x: 2 }], [1, { x: 2 }])).toBe(true);
	});

	test('clone copies deeply with JSON semantics', () => {
		const when = new Date('2027-01-01T00:00:00.000Z');
		const source = { a: [1, { b: 'x' }, undefined], c: { d: null, e: undefined }, when, dt: DateTime.fromISO('2027-01-01', { zone: 'utc' }) };
		const copy = clone(source);
		expect(copy).toEqual(JSON.parse(JSON.stringify(source)));
		expect(copy.a).not.toBe(source.a);
		expect(copy.a[1]).not.toBe(source.a[1]);
		expect('e' in copy.c).toBe(false);
		expect(copy.when).toBe('2027-01-01T00:00:00.000Z');
		(copy.a[1] as { b: string }).b = 'changed';
		expect((source.a[1] as { b: string }).b).toBe('x');
		expect(clone(undefined)).toBeUndefined();
	});

	test('cloneSharing copies everything but the shared lookups', () => {
		const state = { org: { plans: ['a'] }, catalog: [{ id: 'a' }] };
		const copy = cloneSharing(state, 'catalog');
		expect(copy).toEqual(state);
		expect(copy.catalog).toBe(state.catalog);
		expect(copy.org).not.toBe(state.org);
		expect(copy.org.plans).not.toBe(state.org.plans);
	});
});

describe('dates', () => {
	const read = (value: unknown) => parseDate(value, node, 3, 'Contract Start');
	const ms = Date.UTC(2026, 5, 30, 12);
	test.each([
		// ISO 8601, extended and basic
		['2026-06-30', '2026-06-30', '2026-06-30T00:00:00Z'],
		['20260630', '2026-06-30', '2026-06-30T00:00:00Z'],
		['20260630T120000Z', '2026-06-30', '2026-06-30T12:00:00Z'],
		['20260630T1200+0200', '2026-06-30', '2026-06-30T10:00:00Z'],
		['2026-06-30T23:30:00-05:00', '2026-06-30', '2026-07-01T04:30:00Z'],
		['2026-06-30T12:00:00.123Z', '2026-06-30', '2026-06-30T12:00:00Z'],
		// HubSpot: epoch milliseconds as a number (date properties at midnight UTC), and ISO
		[Date.UTC(2026, 5, 30), '2026-06-30', '2026-06-30T00:00:00Z'],
		[ms, '2026-06-30', '2026-06-30T12:00:00Z'],
		['2026-06-30T12:00:00.000Z', '2026-06-30', '2026-06-30T12:00:00Z'],
		// Salesforce: dates, and date-times with an offset without a colon
		['2026-06-30T12:00:00.000+0000', '2026-06-30', '2026-06-30T12:00:00Z'],
		// Pipedrive: dates, and "YYYY-MM-DD HH:MM:SS" (UTC) for date-times
		['2026-06-30 12:00:00', '2026-06-30', '2026-06-30T12:00:00Z'],
		// JavaScript and n8n (luxon) dates
		[new Date(ms), '2026-06-30', '2026-06-30T12:00:00Z'],
		[DateTime.fromISO('2026-06-30T08:00:00', { zone: 'Europe/Paris' }), '2026-06-30', '2026-06-30T06:00:00Z'],
		['Tue, 30 Jun 2026 12:00:00 GMT', '2026-06-30', '2026-06-30T12:00:00Z'],
	])('%p', (input, isoDate, rfc3339) => {
		const parsed = read(input)!;
		expect(toIsoDate(parsed)).toBe(isoDate);
		expect(toRfc3339(parsed)).toBe(rfc3339);
	});

	test('a basic date is a calendar day, like YYYY-MM-DD', () => {
		expect(read('20270615')).toEqual(read('2027-06-15'));
		expect(read('20270615')!.dateOnly).toBe(true);
	});

	test('empty means no date', () => {
		expect(read('')).toBeUndefined();
		expect(read(null)).toBeUndefined();
		expect(read('   ')).toBeUndefined();
	});

	test.each(['next week', '2026-13-01', '2026-02-30', '20260230', '31/12/2026', '06/30/2026', { year: 2026 }, true, '0001-01-01'])(
		'rejects %p naming the field and item',
		(input) => {
			expect(() => read(input)).toThrow(/Invalid "Contract Start" in item 3/);
		},
	);

	test.each([
		// Numbers written as text are never an epoch: seconds, milliseconds or a compact date?
		[String(ms), /is a number written as text/],
		[String(ms / 1000), /is a number written as text/],
		['202706', /is a number written as text/],
		['2027', /is a number written as text/],
		// A JavaScript number is epoch milliseconds only for an instant in the years 2000 to 2100.
		[ms / 1000, /is outside the years 2000 to 2100 as epoch milliseconds/],
		[20270615, /is outside the years 2000 to 2100 as epoch milliseconds/],
		[253_402_300_800_001, /is outside the years 2000 to 2100 as epoch milliseconds/],
		// A month is not a day.
		['2027-06', /names no day/],
	])('refuses the ambiguous %p and lists the formats that work', (input, problem) => {
		let error: Error & { description?: string } = new Error('not thrown');
		try {
			read(input);
		} catch (e) {
			error = e as Error & { description?: string };
		}
		expect(error.message).toMatch(/^Invalid "Contract Start" in item 3: /);
		expect(error.message).toMatch(problem);
		expect(error.description).toContain('20270615');
		expect(error.description).toContain('epoch milliseconds as a number');
	});

	test('isBeforeToday compares calendar days', () => {
		const today = DateTime.utc();
		expect(isBeforeToday(read(today.minus({ days: 1 }).toISODate())!)).toBe(true);
		expect(isBeforeToday(read(today.toISODate())!)).toBe(false);
		expect(isBeforeToday(read(today.plus({ days: 1 }).toISODate())!)).toBe(false);
	});
});

describe('retry timing', () => {
	test('Retry-After in seconds or as an HTTP date', () => {
		expect(parseRetryAfter('60')).toBe(60_000);
		expect(parseRetryAfter('1.5')).toBe(1500);
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	test('a Retry-After the node may wait for is honoured in full (60 s: 60 000 ms, not a give-up), a longer one is not', () => {
		const settings = DEFAULT_TRANSPORT_SETTINGS;
		expect(settings.maxRetryAfterMs).toBeGreaterThanOrEqual(120_000);
		for (const random of [() => 0, () => 1]) {
			const plan = planRetry(0, 60_000, settings, random);
			expect('waitMs' in plan && plan.waitMs >= 60_000 && plan.waitMs <= 60_100).toBe(true);
		}
		expect(planRetry(2, 120_000, settings, () => 1)).toEqual({ waitMs: 120_100 });
		expect(planRetry(0, 120_001, settings)).toEqual({ retryAfterMs: 120_001 });
		expect(planRetry(0, 300_000, { ...settings, maxRetryAfterMs: 600_000 }, () => 0)).toEqual({ waitMs: 300_000 });
		// Without Retry-After: our own backoff, capped.
		expect(planRetry(20, undefined, settings, () => 1)).toEqual({ waitMs: settings.backoffCapMs });
	});

	test('backoff doubles, is capped, and is jittered within [half, full]', () => {
		const settings = { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 100, backoffCapMs: 1000 };
		expect(backoffDelay(0, settings, () => 0)).toBe(50);
		expect(backoffDelay(0, settings, () => 1)).toBe(100);
		expect(backoffDelay(2, settings, () => 1)).toBe(400);
		expect(backoffDelay(10, settings, () => 1)).toBe(1000);
		expect(backoffDelay(10, settings, () => 0)).toBe(500);
	});
});

describe('Redactor', () => {
	test('removes known secrets in plain, URL-encoded, form-encoded and Base64 forms', () => {
		const r = new Redactor();
		r.addSecret('s3cr3t/pass word');
		const text = `pw=s3cr3t/pass word enc=${encodeURIComponent('s3cr3t/pass word')} form=s3cr3t%2Fpass+word b64=${Buffer.from('s3cr3t/pass word').toString('base64')}`;
		expect(r.redactText(text)).toBe('pw=[redacted] enc=[redacted] form=[redacted] b64=[redacted]');
	});

	test('guesses nothing: data that looks like a credential is kept, in texts and in values', () => {
		const r = new Redactor({ tokenPatterns: [{ pattern: /\bQSDK\s+[0-9a-f]{6,}/g, replacement: 'QSDK [redacted]' }] });
		r.addSecret('abcd1234');
		const data = { name: 'Basic Monthly', group: 'Bearer Bundle', properties: [{ ident: 'a', value: 'token: 42' }, { ident: 'b', value: 'password=tiers' }], authorization: 'Basic Monthly' };
		expect(r.redactValue(data)).toEqual(data);
		for (const text of ['Basic Monthly', 'Bearer Bundle', 'token: 42', 'password=tiers', '{"client_secret":"zzzzzz"}']) {
			expect(r.redactText(text)).toBe(text);
			expect(r.redactMessage(text)).toBe(text);
		}
	});

	test("credential-shaped values the run does not hold (HTTP schemes, the provider's token shapes) leave error messages, not data", () => {
		const r = new Redactor({ tokenPatterns: [{ pattern: /\bQSDK\s+[0-9a-f]{6,}/g, replacement: 'QSDK [redacted]' }] });
		expect(r.redactMessage('Session QSDK 0123456789abcdef expired')).toBe('Session QSDK [redacted] expired');
		expect(r.redactMessage('Authorization: Bearer isx_at_80a0e794e7aa6f8bc275 and Basic aXN4LWNhbmFyeTpzZWNyZXQx==')).toBe('Authorization: Bearer [redacted] and Basic [redacted]');
		expect(r.redactMessage('Plan "Basic Monthly" of "Bearer Bundle" (Bearer Bundle2027) is full')).toBe('Plan "Basic Monthly" of "Bearer Bundle" (Bearer Bundle2027) is full');
		expect(r.redactValue({ note: 'QSDK 0123456789abcdef', auth: 'Bearer isx_at_80a0e794e7aa6f8bc275' })).toEqual({ note: 'QSDK 0123456789abcdef', auth: 'Bearer isx_at_80a0e794e7aa6f8bc275' });
	});

	test('an error body: its message texts lose credential shapes, its data fields only the known secrets', () => {
		const r = new Redactor();
		r.addSecret('abcd1234');
		const body = {
			status: 'BAD_REQUEST',
			message: 'upstream said: Bearer isx_at_80a0e794e7aa6f8bc275',
			errors: [{ fieldName: 'name', error: 'Basic aXN4LWNhbmFyeTpzZWNyZXQx== refused', rejectedValue: 'Bearer isx_at_80a0e794e7aa6f8bc275 abcd1234' }],
		};
		expect(r.redactErrorBody(body)).toEqual({
			status: 'BAD_REQUEST',
			message: 'upstream said: Bearer [redacted]',
			errors: [{ fieldName: 'name', error: 'Basic [redacted] refused', rejectedValue: 'Bearer isx_at_80a0e794e7aa6f8bc275 [redacted]' }],
		});
	});

	test('masks credential headers (HTTP ones and the provider\'s) where headers are shown', () => {
		const r = new Redactor({ secretHeaders: ['x-APIKey', 'Authtoken'] });
		r.addSecret('abcd1234');
		expect(r.maskHeaders({ Authorization: 'x', 'X-ApiKey': 'y', authtoken: 'QSDK z', Accept: 'json', 'X-Echo': 'k abcd1234' })).toEqual({
			Authorization: '[redacted]',
			'X-ApiKey': '[redacted]',
			authtoken: '[redacted]',
			Accept: 'json',
			'X-Echo': 'k [redacted]',
		});
	});

	test('a secret learnt later, containing an earlier one, is removed whole; text without secrets is kept', () => {
		const r = new Redactor();
		r.addSecret('abcd1234');
		expect(r.redactText('plain words only')).toBe('plain words only');
		r.addSecret('xxabcd1234yy');
		expect(r.redactText('k=xxabcd1234yy and abcd1234')).toBe('k=[redacted] and [redacted]');
	});

	test('redactValue never changes its input, and returns a new top level', () => {
		const r = new Redactor();
		r.addSecret('abcd1234');
		const input = { clean: { list: [1, 'two'] }, dirty: { list: ['x abcd1234'] } };
		const out = r.redactValue(input);
		expect(out).toEqual({ clean: { list: [1, 'two'] }, dirty: { list: ['x [redacted]'] } });
		expect(input.dirty.list[0]).toBe('x abcd1234');
		expect(out.clean).toBe(input.clean);
		expect(out).not.toBe(input);
		const clean = { a: { b: 1 } };
		expect(r.redactValue(clean)).not.toBe(clean);
		expect(r.redactValue(clean)).toEqual(clean);
	});
});

describe('pool', () => {
	test('runs the first task alone, then at most N at once, and stops starting tasks on request', async () => {
		let running = 0;
		let peak = 0;
		const order: number[] = [];
		let peakDuringFirst = 0;
		await runPool(20, 4, async (i) => {
			running++;
			peak = Math.max(peak, running);
			if (i === 0) peakDuringFirst = running;
			await new Promise((r) => setTimeout(r, 5));
			order.push(i);
			running--;
		});
		expect(peakDuringFirst).toBe(1);
		expect(peak).toBe(4);
		expect(order).toHaveLength(20);

		const started: number[] = [];
		await runPool(
			20,
			2,
			async (i) => {
				started.push(i);
				await new Promise((r) => setTimeout(r, 1));
			},
			() => started.length >= 5,
		);
		expect(started.length).toBeLessThan(8);
	});
});

describe('paginate', () => {
	test('stops at the limit or when the provider has no more', async () => {
		const pages = [[1, 2, 3], [4, 5, 6], [7]];
		const fetch = async (page: number) => ({ items: pages[page] ?? [], hasMore: page < pages.length - 1 });
		expect(await paginate(fetch)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(await paginate(fetch, 4)).toEqual([1, 2, 3, 4]);
	});
});
