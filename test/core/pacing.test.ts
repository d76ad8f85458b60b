import { Pacer, activePacingKeys, forgetAllPacing } from '../../nodes/core/pacing';
import { ElasticPathEmulator, EP_IDS } from '../elastic-path/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { run, useEmulator, withNode, workflowFrom } from '../support/helpers';

describe('Pacer', () => {
	beforeEach(() => forgetAllPacing());
	const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

	test('starts a request only a window after the answer `limit` requests back, handing out slots in order', async () => {
		const pacer = new Pacer({ limit: 3, windowMs: 300 });
		const started: number[] = [];
		const answered: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 9 }, async (_, n) => {
				const done = await pacer.acquire('org-1');
				started[n] = Date.now() - t0;
				await pause(20); // the request
				answered[n] = Date.now() - t0;
				done();
			}),
		);
		for (let n = 3; n < 9; n++) expect(started[n]).toBeGreaterThanOrEqual(answered[n - 3] + 300);
		for (let n = 1; n < 9; n++) expect(started[n]).toBeGreaterThanOrEqual(started[n - 1]);
		expect(started[2]).toBeLessThan(100); // the first `limit` go at once
		expect(started[3]).toBeGreaterThanOrEqual(300); // the fourth waited a window
	});

	test('a slow request holds its place in the window until it is answered', async () => {
		const pacer = new Pacer({ limit: 2, windowMs: 200 });
		const t0 = Date.now();
		const fast = await pacer.acquire('k');
		fast(); // answered at once
		const slow = await pacer.acquire('k');
		const slowAnswered = pause(400).then(() => {
			slow(); // answered after 400 ms: the provider may have counted it as late as that
			return Date.now() - t0;
		});
		const third = await pacer.acquire('k'); // a window after the fast one
		const thirdStarted = Date.now() - t0;
		third();
		await pacer.acquire('k'); // a window after the slow one's answer, not after its start
		const fourthStarted = Date.now() - t0;
		expect(thirdStarted).toBeGreaterThanOrEqual(200);
		expect(thirdStarted).toBeLessThan(400);
		expect(fourthStarted).toBeGreaterThanOrEqual((await slowAnswered) + 200);
	});

	test('keys are paced separately, and no limit means no wait', async () => {
		const pacer = new Pacer({ limit: 1, windowMs: 10_000 });
		const t0 = Date.now();
		await pacer.acquire('a');
		await pacer.acquire('b');
		expect(Date.now() - t0).toBeLessThan(100);
		const off = new Pacer(undefined);
		for (let i = 0; i < 1000; i++) await off.acquire('x');
		expect(off.enabled).toBe(false);
	});

	test('executions share a key\'s window (a limit is the account\'s), and a key is forgotten once its window is empty', async () => {
		// Two executions' pacers (each its own instance, as each execution has its own transport).
		const first = new Pacer({ limit: 2, windowMs: 200 });
		const second = new Pacer({ limit: 2, windowMs: 200 });
		const t0 = Date.now();
		(await first.acquire('partoo|key-a'))();
		(await second.acquire('partoo|key-a'))();
		(await second.acquire('partoo|key-b'))(); // another key: no wait
		expect(Date.now() - t0).toBeLessThan(100);
		expect(activePacingKeys()).toBe(2);
		(await first.acquire('partoo|key-a'))(); // the third request of key a, whoever sends it, waits a window
		expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
		await pause(450);
		expect(activePacingKeys()).toBe(0);
	});
});

describe('pacing in a node (Elastic Path, 1-second windows)', () => {
	const emulator = useEmulator(new ElasticPathEmulator());
	const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'elastic-path', name: 'EP' }];
	const items = Array.from({ length: 40 }, (_, n) => ({ offeringId: EP_IDS.seats, planId: EP_IDS.seat(n + 1) }));
	const workflow = (rateLimit: number) => withNode(workflowFrom(`${__dirname}/../elastic-path`, 'get'), 'Elastic Path Subscriptions', { options: { concurrency: 20, rateLimit, maxRetries: 5 } });

	test('with the limit set, a burst stays under the provider limit: no 429', async () => {
		// The emulator also counts the sign-in request, which n8n sends (not the node), and a loaded machine
		// can delay one paced request into the next one's window: two more allowed than the node's 10.
		emulator.settings.rateLimit = { limit: 12, windowMs: 1000 };
		const result = await run(workflow(10), credential(), items);
		expect(result.error).toBeUndefined();
		expect(emulator.log.filter((r) => r.status === 429)).toHaveLength(0);
		expect(result.output('Elastic Path Subscriptions')).toHaveLength(40);
	});

	test('without pacing the same burst hits 429s (then recovers through retries)', async () => {
		emulator.settings.rateLimit = { limit: 12, windowMs: 1000 };
		const result = await run(workflow(0), credential(), items);
		expect(emulator.log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		expect(result.error).toBeUndefined();
	});
});
