// The adaptive pause before a confirming read (settle.ts) and the watch over confirmed changes (watch.ts).
import type { IDataObject } from 'n8n-workflow';

import { leavesOf } from '../../nodes/core/fields';
import { GAP_WINDOW_MS, MAX_SETTLE_MS, SETTLE_MARGIN_MS, laterDelay, noteLag, noteReadToWrite, pauseNotingLag, resetSettle, settleDelay } from '../../nodes/core/settle';
import { WATCH_MS, isContended, needsRepair, noteConfirmed, noteOwnWrite, noteRead, repair, resetWatches, watchChange, watchedKeys } from '../../nodes/core/watch';

beforeEach(() => {
	resetSettle();
	resetWatches();
	jest.useRealTimers();
});

describe('the pause before the confirming read', () => {
	test('an idle process waits the margin alone', () => {
		expect(settleDelay()).toBe(SETTLE_MARGIN_MS);
	});

	test('it covers the longest recent read-to-write gap: the span less a request at each end', () => {
		const t = Date.now();
		// One request of 150 ms, then 360 ms of work on a busy event loop, then a write of 150 ms.
		noteReadToWrite(t - 660, 150, 1, t);
		expect(settleDelay()).toBe(SETTLE_MARGIN_MS + 360);
		// A read of two requests (a record, then its plans): the older copy was read at the first.
		resetSettle();
		noteReadToWrite(t - 600, 300, 2, t);
		expect(settleDelay()).toBe(SETTLE_MARGIN_MS + 300);
	});

	test('and the event loop\'s lag, which its own pauses measure', async () => {
		noteLag(250);
		expect(settleDelay()).toBe(SETTLE_MARGIN_MS + 250);
		resetSettle();
		const busy = pauseNotingLag(10, new AbortController().signal);
		const until = Date.now() + 120;
		while (Date.now() < until) {
			// A busy host: the timer fires late.
		}
		await busy;
		expect(settleDelay()).toBeGreaterThanOrEqual(SETTLE_MARGIN_MS + 100);
	});

	test('it is bounded, and forgets samples older than the window', () => {
		jest.useFakeTimers({ now: 1_000_000 });
		noteReadToWrite(Date.now() - 60_000, 100, 1, Date.now());
		expect(settleDelay()).toBe(MAX_SETTLE_MS);
		expect(laterDelay()).toBe(2 * MAX_SETTLE_MS);
		jest.setSystemTime(Date.now() + GAP_WINDOW_MS + 1);
		expect(settleDelay()).toBe(SETTLE_MARGIN_MS);
		expect(laterDelay()).toBe(1000);
	});
});

describe('the watch over confirmed changes', () => {
	type Org = { plans: string[]; note: string };
	const compare = (o: Org): IDataObject => ({ plans: [...o.plans].sort(), note: o.note });
	const addPlan = (plan: string) => (o: Org): Org => ({ ...o, plans: o.plans.includes(plan) ? o.plans : [...o.plans, plan] });
	const watchAdded = (key: string, plan: string) =>
		watchChange<Org>(key, [{ path: `plans[${JSON.stringify(plan)}]`, from: null, to: true }], addPlan(plan), compare);

	test('a later read that lost a watched change gets it back, and says which', () => {
		watchAdded('org 42', 'posts');
		const stale: Org = { plans: ['reviews', 'messages'], note: 'set elsewhere' };
		expect(needsRepair('org 42', stale)).toBe(true);
		const { state, repaired } = repair('org 42', stale);
		expect(state).toEqual({ plans: ['reviews', 'messages', 'posts'], note: 'set elsewhere' });
		expect(repaired).toEqual([{ path: 'plans["posts"]', from: null, to: true }]);
		// Still watched, and nothing to do while it holds.
		expect(repair('org 42', state).repaired).toEqual([]);
	});

	test('a value someone else set since is theirs: never written over, no longer watched', () => {
		watchChange<Org>('org 42', [{ path: 'note', from: 'old', to: 'ours' }], (o) => ({ ...o, note: 'ours' }), compare);
		const theirs: Org = { plans: [], note: 'theirs' };
		expect(repair('org 42', theirs)).toEqual({ state: theirs, repaired: [] });
		expect(needsRepair('org 42', { plans: [], note: 'old' })).toBe(false);
	});

	test('putting a change back that would also change anything else is not done', () => {
		// The change sets the note and adds a plan; the note was set to another value since, the plan is gone.
		watchChange<Org>(
			'org 42',
			[
				{ path: 'plans["posts"]', from: null, to: true },
				{ path: 'note', from: 'old', to: 'ours' },
			],
			(o) => ({ plans: [...o.plans, 'posts'], note: 'ours' }),
			compare,
		);
		const now: Org = { plans: [], note: 'theirs' };
		expect(repair('org 42', now)).toEqual({ state: now, repaired: [] });
	});

	test('a field this process wrote again since is that write\'s: the earlier change stops watching it', () => {
		watchAdded('org 42', 'posts');
		noteOwnWrite('org 42', ['plans["posts"]']);
		expect(needsRepair('org 42', { plans: [], note: '' })).toBe(false);
	});

	test('a field a write repaired stays watched by the change it belongs to', () => {
		watchAdded('org 42', 'posts');
		noteOwnWrite('org 42', ['plans["posts"]', 'plans["reviews"]'], new Set(['plans["posts"]']));
		expect(needsRepair('org 42', { plans: [], note: '' })).toBe(true);
	});

	test('for WATCH_MS, then the key is forgotten', () => {
		jest.useFakeTimers({ now: 1_000_000 });
		watchAdded('org 42', 'posts');
		jest.setSystemTime(Date.now() + WATCH_MS + 1);
		expect(needsRepair('org 42', { plans: [], note: '' })).toBe(false);
		watchAdded('org 43', 'posts');
		expect(watchedKeys()).toBe(1);
	});

	test('a read under the turn that differs from what this process knows, with no write of its own between: another process writes here', () => {
		const leaves = (o: Org) => leavesOf(compare(o));
		noteRead('org 42', leaves({ plans: ['posts'], note: '' }));
		expect(isContended('org 42')).toBe(false);
		const seq = noteOwnWrite('org 42', ['plans["reviews"]']);
		// Our own write changed it: not someone else's.
		noteConfirmed('org 42', leaves({ plans: ['posts', 'reviews'], note: '' }), seq);
		noteRead('org 42', leaves({ plans: ['posts', 'reviews'], note: '' }));
		expect(isContended('org 42')).toBe(false);
		noteRead('org 42', leaves({ plans: ['posts', 'reviews', 'messages'], note: '' }));
		expect(isContended('org 42')).toBe(true);
	});
});
