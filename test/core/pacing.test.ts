import { Pacer } from '../../nodes/core/pacing';
import { ElasticPathEmulator, EP_IDS } from '../emulators/elastic-path';
import type { StoredCredential } from '../harness/credentials';
import { run, useEmulator, withNode, workflowFrom } from '../helpers';

describe('Pacer', () => {
	test('never lets more than `limit` requests start within any window, handing out slots in order', async () => {
		const pacer = new Pacer({ limit: 3, windowMs: 300 });
		const starts: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 9 }, async () => {
				await pacer.acquire('org-1');
				starts.push(Date.now() - t0);
			}),
		);
		starts.sort((a, b) => a - b);
		for (let i = 3; i < starts.length; i++) expect(starts[i] - starts[i - 3]).toBeGreaterThanOrEqual(295);
		expect(starts[8]).toBeGreaterThanOrEqual(590);
		expect(pacer.waitedMs).toBeGreaterThan(0);
	});

	test('a caller that wakes late moves its own window: the request `limit` places later waits for it', async () => {
		const pacer = new Pacer({ limit: 2, windowMs: 200 });
		const t0 = Date.now();
		await pacer.acquire('k'); // slot 1 at t0
		await pacer.acquire('k'); // slot 2 at t0: two per window
		const third = pacer.acquire('k'); // slot 3 planned a window after slot 1 (~230 ms)
		const busyUntil = Date.now() + 400; // the event loop is busy past it, so it wakes late
		while (Date.now() < busyUntil);
		await third;
		const thirdStarted = Date.now() - t0;
		await pacer.acquire('k'); // slot 4: slots 1 and 2 have left the window, no wait
		await pacer.acquire('k'); // slot 5: a window after slot 3's real start, not its planned one
		expect(thirdStarted).toBeGreaterThanOrEqual(400);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(thirdStarted + 200);
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
