// The turn registry (nodes/core/turns.ts): first come, first served per key; bounded waits; waiters that
// give up leave the queue; nothing is kept once nobody holds, awaits or watches a key.
import { TurnTimeout, activeTurnKeys, noteWrite, takeTurn, unwatchWrites, watchWrites, writtenByOthers } from '../../nodes/core/turns';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => expect(activeTurnKeys()).toBe(0));

test('turns on one key are taken in arrival order; other keys do not wait', async () => {
	const order: string[] = [];
	const worker = async (key: string, name: string) => {
		const release = await takeTurn(key, 5000);
		order.push(`${name} in`);
		await pause(20);
		order.push(`${name} out`);
		release();
	};
	await Promise.all([worker('org 42', 'a'), worker('org 42', 'b'), worker('org 43', 'x'), worker('org 42', 'c')]);
	expect(order.filter((e) => !e.startsWith('x'))).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
	// x did not wait for a, b, c.
	expect(order.indexOf('x in')).toBeLessThan(order.indexOf('a out'));
});

test('a wait longer than the timeout ends in TurnTimeout, and the next waiter is not held up by it', async () => {
	const release = await takeTurn('plan 7', 5000);
	const late = takeTurn('plan 7', 50);
	const patient = takeTurn('plan 7', 5000);
	await expect(late).rejects.toBeInstanceOf(TurnTimeout);
	await expect(late).rejects.toThrow(/waited \d+ ms/);
	release();
	(await patient)();
});

test('a waiter whose execution is cancelled leaves the queue at once with the signal\'s reason', async () => {
	const release = await takeTurn('sub-org 9', 5000);
	const cancel = new AbortController();
	const started = Date.now();
	const cancelled = takeTurn('sub-org 9', 5000, cancel.signal);
	const next = takeTurn('sub-org 9', 5000);
	cancel.abort(new Error('Execution was cancelled'));
	await expect(cancelled).rejects.toThrow('Execution was cancelled');
	expect(Date.now() - started).toBeLessThan(1000);
	release();
	(await next)();
	// An already aborted signal does not even queue.
	await expect(takeTurn('sub-org 9', 5000, cancel.signal)).rejects.toThrow('Execution was cancelled');
});

test('a holder that fails gives the turn to the next at once (release in finally)', async () => {
	const failing = (async () => {
		const release = await takeTurn('org 1', 5000);
		try {
			await pause(10);
			throw new Error('write refused');
		} finally {
			release();
		}
	})();
	const started = Date.now();
	const next = takeTurn('org 1', 5000);
	await expect(failing).rejects.toThrow('write refused');
	(await next)();
	expect(Date.now() - started).toBeLessThan(1000);
});

test('a watcher learns which fields other writers changed after its own write, and only while it watches', async () => {
	const me = {};
	const other = {};
	const release = await takeTurn('org 5', 5000);
	noteWrite('org 5', other, () => [{ path: 'plans.posts', to: true }]); // before I watch: not mine to know
	watchWrites('org 5', me);
	noteWrite('org 5', me, () => [{ path: 'plans.webhooks', to: true }]);
	release();
	expect(writtenByOthers('org 5', me)).toEqual(new Map());
	const again = await takeTurn('org 5', 5000);
	noteWrite('org 5', other, () => [{ path: 'plans.webhooks', to: null }, { path: 'plans.messages', to: true }]);
	noteWrite('org 5', other, () => [{ path: 'plans.webhooks', to: true }]);
	again();
	// Each field with the value the last of them wrote.
	expect(writtenByOthers('org 5', me)).toEqual(new Map<string, unknown>([['plans.webhooks', true], ['plans.messages', true]]));
	unwatchWrites('org 5', me);
	expect(writtenByOthers('org 5', me)).toEqual(new Map());
});

test('a thousand executions on a hundred keys: every turn taken once, nothing left behind', async () => {
	const held = new Map<string, number>();
	let overlaps = 0;
	await Promise.all(
		Array.from({ length: 1000 }, async (_, n) => {
			const key = `org ${n % 100}`;
			const release = await takeTurn(key, 10_000);
			if (held.get(key)) overlaps++;
			held.set(key, 1);
			await pause(1);
			held.set(key, 0);
			release();
		}),
	);
	expect(overlaps).toBe(0);
});

test('an urgent waiter (a re-apply) goes before the waiters that have not written yet', async () => {
	const order: string[] = [];
	const release = await takeTurn('plan 9', 5000);
	const take = async (name: string, urgent = false) => {
		const done = await takeTurn('plan 9', 5000, undefined, urgent);
		order.push(name);
		done();
	};
	const all = [take('first'), take('second'), take('re-apply', true), take('second re-apply', true)];
	release();
	await Promise.all(all);
	expect(order).toEqual(['re-apply', 'second re-apply', 'first', 'second']);
});
