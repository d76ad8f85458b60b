// Partoo's rate limit: 300 requests a minute for the organization of the API key (developers.partoo.co,
// guides/api/getting-started/api-fundamentals/rate-limits), 429 with `Retry-After: 60`. A bulk run over many
// organizations shares that one budget. The window is scaled down (node and emulator alike) so a run takes
// seconds: 300 requests per 3 s stands for 300 per minute, and the 429's Retry-After for 60 s is 3 s.
import { partooApi } from '../../nodes/Partoo/api';
import { PartooEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';
import { atOnce } from '../drivers/history';

const emulator = useEmulator(new PartooEmulator());
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }];
const LIMIT = 300;
const WINDOW_MS = 3000;
/** 200 organizations: the emulator's 150 customers (1000-1149) and 50 more. */
const ORGS = Array.from({ length: 200 }, (_, n) => 1000 + n);
const addOrUpdate = withNode(workflowFrom(__dirname, 'addOrUpdate'), 'Partoo', { options: { concurrency: 20 } });
const item = (orgId: number) => ({ orgId, plans: ['posts'], contractEnd: '2027-06-30' });

const documentedWindow = partooApi.rateLimit!.windowMs;
beforeEach(() => {
	partooApi.rateLimit!.windowMs = WINDOW_MS;
	emulator.rateLimit = { limit: LIMIT, windowMs: WINDOW_MS };
	emulator.retryAfterSeconds = WINDOW_MS / 1000;
	for (let n = 150; n < 200; n++) {
		emulator.addOrg({ org_id: 1000 + n, name: `Customer ${n}`, plans: [{ name: 'presence_management', subscription_date: '2025-01-01', expiration_date: null }] });
	}
});
afterEach(() => {
	partooApi.rateLimit!.windowMs = documentedWindow;
});

/** The most requests the emulator answered within any window. */
function busiestWindow(): number {
	const times = emulator.log.map((r) => r.at).sort((a, b) => a - b);
	let peak = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= WINDOW_MS) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

function expectEveryUpdateLanded(): void {
	const missing = ORGS.filter((orgId) => emulator.plans(orgId).find((p) => p.name === 'posts')?.expiration_date !== '2027-06-30');
	expect(missing).toEqual([]);
	// Nothing else changed: each keeps the plan it had.
	expect(ORGS.filter((orgId) => !emulator.plans(orgId).some((p) => p.name === 'presence_management'))).toEqual([]);
}

describe('Partoo: one budget per API key', () => {
	test('a bulk run over 200 organizations stays under the key\'s limit: every update lands, no 429, in about requests ÷ rate', async () => {
		const started = Date.now();
		const result = await run(addOrUpdate, credential(), ORGS.map(item));
		const wallMs = Date.now() - started;
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output('Partoo'));
		expect(out.filter((o) => o.outcome !== 'updated')).toEqual([]);
		expect(out).toHaveLength(200);
		expectEveryUpdateLanded();

		// A read, the write and the confirming read per organization: 600 requests, none refused.
		const requests = emulator.log.length;
		expect(requests).toBe(600);
		expect(emulator.log.filter((r) => r.status === 429)).toHaveLength(0);
		expect(busiestWindow()).toBeLessThanOrEqual(LIMIT);
		// 600 requests at 300 a window: the first 300 go at once, the next 300 a window after the first ones'
		// answers, so at least one window. Alone on this machine the run takes about requests ÷ rate (two
		// windows, 6 s); the rest of the bound is n8n's CPU for 600 requests on a loaded, shared 2-core machine.
		expect(wallMs).toBeGreaterThanOrEqual(WINDOW_MS);
		expect(wallMs).toBeLessThan(3 * (requests / LIMIT) * WINDOW_MS + 10_000);
		// The second 300 were not held back longer than a window (plus the time to answer): no waiting beyond
		// what the limit asks.
		const sorted = emulator.log.map((r) => r.at).sort((a, b) => a - b);
		expect(sorted[LIMIT] - sorted[0]).toBeLessThan(WINDOW_MS * 1.01 + 10 + 3000);
		process.stderr.write(`Partoo bulk: ${ORGS.length} organizations, ${requests} requests, ${wallMs} ms wall, busiest ${WINDOW_MS} ms window ${busiestWindow()} requests, 429s 0\n`);
	}, 60_000);

	test('two executions at once with the same key share its budget (pacing is per key in the process)', async () => {
		const halves = [ORGS.slice(0, 100), ORGS.slice(100)];
		const results = await atOnce(2, (i) => run(addOrUpdate, credential(), halves[i].map(item)));
		expect(results.map((r) => r.error?.message)).toEqual([undefined, undefined]);
		expectEveryUpdateLanded();
		expect(emulator.log.filter((r) => r.status === 429)).toHaveLength(0);
		expect(busiestWindow()).toBeLessThanOrEqual(LIMIT);
	}, 60_000);

	test('"Rate Limit" states the share of the key this workflow may use (or a limit Partoo raised): the node paces to it', async () => {
		const share = withNode(addOrUpdate, 'Partoo', { options: { concurrency: 20, rateLimit: 150 } });
		const result = await run(share, credential(), ORGS.slice(0, 100).map(item));
		expect(result.error).toBeUndefined();
		expect(emulator.log).toHaveLength(300);
		expect(busiestWindow()).toBeLessThanOrEqual(150);
		expect(busiestWindow()).toBeGreaterThan(100);
	}, 60_000);
});
