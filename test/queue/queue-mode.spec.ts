// n8n in queue mode, end to end (npm run test:queue): Debian's Redis and PostgreSQL started by the suite on
// loopback ports of their own, an n8n main and two `n8n worker` processes (n8n 2.40.7, Node 24), each with its
// own user folder holding the packed package installed the self-hoster way, one shared encryption key. The
// "CRM deal won" webhook flow (examples/crm-deal-won.json: Webhook → all five provider nodes) is imported and
// published through the main; the provider emulators run in this process with 250 customers.
//
// 1. A burst of CRM calls (one customer each): every change lands exactly once, both workers run jobs.
// 2. 20 bursts of 20 calls for ONE customer, each deal with its own plans, spread over both workers: every call
//    completes, every change lands and every answer is true (the node confirms its writes and re-applies what
//    the other worker's older copy undid); losses are counted and published (docs/BENCHMARKS.md).
// 3. 10 rounds of 10 simultaneous changes per provider (Partoo, BlendVision One, Instellix) on ONE resource,
//    150 ms latency, a CPU load generator on the host, 429s on writes (test/support/contention.ts, as the
//    two-instance e2e test runs it over two regular-mode instances): no change lost, no untrue "updated".
// 4. A worker is SIGKILLed in the middle of a burst: every call completes or is reported failed, no change is
//    doubled or half-applied inside a provider; what n8n does with the interrupted executions (no automatic
//    retry; its Retry has nothing to run); a resend from the CRM completes them without doubling anything.
// 5. A worker without the package: the exact error n8n gives, and nothing reaches a provider.
//
// Figures (wall times, executions per worker, requests per provider) are printed at the end (docs/QUEUE.md).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { N8nRest, ROOT, createUserFolder, ensureN8n, packPackage, step, writeImportFile } from '../support/n8n/n8n';
import { EMULATOR_CREDENTIAL_IDS, createEmulators } from '../support/emulators';
import { type CustomerEmulators, MAX_CUSTOMERS, crmApplied, crmPayload } from '../support/customers';
import { type N8nProcess, type Shared, cli, killHard, mainEnv, startMain, startWorker, workerExecutions } from './lib/cluster';
import {
	PROVIDERS,
	type Provider,
	type ResourceOutcome,
	appliedPrefix,
	customerOutcome,
	peakRates,
	resourceOf,
	resourceState,
	statusCounts,
	writesByResource,
} from './lib/ledger';
import { ensureQueueDeps, startPostgres, startRedis } from './lib/services';
import { addBurstPlans, burstPayload, burstProblems } from '../support/crm-burst';
import { WATCH_MS } from '../../nodes/core/watch';
import { CONTENTION_PROVIDERS, Contention, contentionWebhookRegistered, contentionWorkflow } from '../support/contention';

/** CRM calls per burst, each for a different customer (0 … BURST-1); the customers above are never called. */
const BURST = Number(process.env.QUEUE_BURST ?? 200);
if (!Number.isInteger(BURST) || BURST < 20 || BURST >= MAX_CUSTOMERS) {
	throw new Error(`QUEUE_BURST must be a whole number from 20 to ${MAX_CUSTOMERS - 1} (the emulators hold ${MAX_CUSTOMERS} customers), not ${process.env.QUEUE_BURST}`);
}
/** Bursts of simultaneous calls for one customer (each deal with its own plans), and calls per burst. */
const SAME_CUSTOMER_RUNS = Number(process.env.QUEUE_SAME_CUSTOMER_RUNS ?? 20);
const SAME_CUSTOMER_CALLS = 20;
/** Emulator latency during those bursts, so that reads and writes of the two workers overlap as with a real API. */
const SAME_CUSTOMER_LATENCY_MS = Number(process.env.QUEUE_SAME_CUSTOMER_LATENCY_MS ?? 20);
/** `n8n worker --concurrency`: the most executions one worker runs at once (n8n's default is 10). */
const WORKER_CONCURRENCY = 10;
const WORKFLOW_ID = 'exCrmDealWon0001';
/**
 * The contention rounds: emulators of their own (never reset by resetEmulators, on base URLs the CRM tests do
 * not use, so neither side meets the workers' watch over the other's changes), a fresh resource per round.
 */
const contention = new Contention({
	rounds: Number(process.env.QUEUE_CONTENTION_ROUNDS ?? 10),
	calls: 10,
	latencyMs: 150,
	loadProcesses: Number(process.env.QUEUE_CONTENTION_LOAD ?? 2),
});
const CONTENTION_WORKFLOW_IDS = CONTENTION_PROVIDERS.map((p) => contentionWorkflow(p).id);

const emulatorsByKey = createEmulators({ customers: MAX_CUSTOMERS });
const emulators = emulatorsByKey as unknown as CustomerEmulators;
/** The same seed, never started: what every customer looks like before any call. */
const pristine = createEmulators({ customers: MAX_CUSTOMERS }) as unknown as CustomerEmulators;

const cleanups: Array<{ name: string; run: () => Promise<void> | void }> = [];
const figures: Record<string, unknown> = {};
let work = '';
let shared: Shared;
let main: N8nProcess;
let workers: N8nProcess[] = [];
/** When the last CRM call was answered: each change it confirmed is watched by its worker until WATCH_MS later. */
let lastCrmAnswerAt = 0;

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs: number, message: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(message);
		await sleep(50);
	}
}

interface Call {
	n: number;
	/** HTTP status; 0 when no answer came (network error or the suite's 5-minute bound). */
	status: number;
	body: Record<string, unknown> | string;
	ms: number;
}

/** One CRM "deal won" call for customer `n` to the main's production webhook (`body`: another deal of theirs). */
async function dealWon(n: number, payload: unknown = crmPayload(n).body): Promise<Call> {
	const started = Date.now();
	try {
		const res = await fetch(`${main.url}/webhook/crm/deal-won`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(300_000),
		});
		const text = await res.text();
		let body: Call['body'] = text;
		try {
			body = JSON.parse(text) as Record<string, unknown>;
		} catch {
			// keep the text
		}
		return { n, status: res.status, body, ms: Date.now() - started };
	} catch (error) {
		return { n, status: 0, body: String(error), ms: Date.now() - started };
	} finally {
		lastCrmAnswerAt = Date.now();
	}
}

/** Executions of the CRM workflow in PostgreSQL (n8n's own record), newer than `afterId`. */
function executions(afterId = 0): Array<{ id: number; status: string; mode: string; retryOf: string }> {
	return shared.postgres
		.query(`SELECT id, status, mode, coalesce("retryOf", '') FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' AND id > ${afterId} ORDER BY id`)
		.map(([id, status, mode, retryOf]) => ({ id: Number(id), status, mode, retryOf }));
}

const lastExecutionId = () => Math.max(0, ...executions().map((e) => e.id));

/**
 * The executions newer than `afterId` once n8n has recorded how each ended. The main answers a failed webhook
 * call before it writes the execution's final status, so right after the last answer some may still read `new`.
 */
async function settledExecutions(afterId: number, count: number): Promise<ReturnType<typeof executions>> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const runs = executions(afterId);
		if (runs.length >= count && runs.every((r) => !['new', 'running'].includes(r.status))) return runs;
		if (Date.now() > deadline) return runs;
		await sleep(500);
	}
}

/** Executions of the contention workflows in PostgreSQL, newer than `afterId`. */
function contentionExecutions(afterId = 0): Array<{ id: number; status: string; mode: string }> {
	const ids = CONTENTION_WORKFLOW_IDS.map((id) => `'${id}'`).join(', ');
	return shared.postgres
		.query(`SELECT id, status, mode FROM execution_entity WHERE "workflowId" IN (${ids}) AND id > ${afterId} ORDER BY id`)
		.map(([id, status, mode]) => ({ id: Number(id), status, mode }));
}

/** The contention executions newer than `afterId`, once n8n has recorded how each ended. */
async function settledContentionExecutions(afterId: number, count: number): Promise<ReturnType<typeof contentionExecutions>> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const runs = contentionExecutions(afterId);
		if ((runs.length >= count && runs.every((r) => !['new', 'running'].includes(r.status))) || Date.now() > deadline) return runs;
		await sleep(500);
	}
}

function countBy<T>(values: T[], key: (v: T) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const v of values) out[key(v)] = (out[key(v)] ?? 0) + 1;
	return out;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Requests each emulator received, by method and status (e.g. "PUT 200": 200). */
function requestsPerProvider(): Record<Provider, Record<string, number>> {
	return Object.fromEntries(PROVIDERS.map((p) => [p, countBy(emulators[p].log, (r) => `${r.method} ${r.status}`)])) as Record<Provider, Record<string, number>>;
}

/**
 * Waits until the workers no longer watch the previous CRM test's changes (nodes/core/watch.ts): a reset of
 * the emulators is a change made elsewhere, and a worker that reads a resource it changed within WATCH_MS puts
 * its change back (a plan the reset removed, written again, and refused by the provider). Only what is left
 * of WATCH_MS since the last CRM answer (the contention test between does not touch these emulators).
 */
async function afterTheWatch(): Promise<void> {
	await sleep(Math.max(0, lastCrmAnswerAt + WATCH_MS + 1000 - Date.now()));
}

function resetEmulators(): void {
	for (const emulator of Object.values(emulatorsByKey)) emulator.resetAll();
	// The burst sends about 600 Partoo requests a minute with one key over two workers, each pacing to the
	// node's 300: the suite stands for an account whose limit Partoo raised (the limit itself is tested in
	// test/partoo/rate-limit.test.ts).
	emulators.partoo.rateLimit = { limit: 1000, windowMs: 60_000 };
}

/** Customers outside `customers` whose state differs from the seed at some provider. */
function changedOutside(customers: Set<number>): string[] {
	const changed: string[] = [];
	for (const n of range(0, MAX_CUSTOMERS)) {
		if (customers.has(n)) continue;
		for (const p of PROVIDERS) if (resourceState(emulators, p, n) !== resourceState(pristine, p, n)) changed.push(`customer ${n} at ${p}`);
	}
	return changed;
}

/** Resources of `customers` whose applied-write count is not `expected(n)`; and writes to anything else. */
function writeProblems(customers: number[], expected: (n: number, p: Provider) => number | 'atMostOne'): string[] {
	const writes = writesByResource(emulators);
	const problems: string[] = [];
	for (const p of PROVIDERS) {
		const known = new Set<string>();
		for (const n of customers) {
			const id = resourceOf(p, n);
			known.add(id);
			const applied = writes[p].get(id)?.applied ?? 0;
			const want = expected(n, p);
			if (want === 'atMostOne' ? applied > 1 : applied !== want) problems.push(`${p} ${id} (customer ${n}): ${applied} applied writes, expected ${want}`);
		}
		for (const [id, count] of writes[p]) if (!known.has(id)) problems.push(`${p} ${id}: ${count.applied} writes to a resource outside the burst`);
	}
	return problems;
}

function writeTotals(): Record<Provider, { sent: number; applied: number }> {
	const writes = writesByResource(emulators);
	return Object.fromEntries(
		PROVIDERS.map((p) => [p, [...writes[p].values()].reduce((a, c) => ({ sent: a.sent + c.sent, applied: a.applied + c.applied }), { sent: 0, applied: 0 })]),
	) as Record<Provider, { sent: number; applied: number }>;
}

beforeAll(async () => {
	const setupStarted = Date.now();
	const deps = ensureQueueDeps();
	const install = ensureN8n();
	work = mkdtempSync(path.join(os.tmpdir(), 'plan-provisioning-queue-'));
	cleanups.push({ name: `remove ${work}`, run: () => rmSync(work, { recursive: true, force: true }) });

	// The package as a self-hoster gets it, installed into each process's own user folder.
	const tgz = packPackage(path.join(work, 'pack'));
	const prepared = path.join(work, 'prepared-nodes');
	const [mainFolder, worker1Folder, worker2Folder] = ['main', 'worker-1', 'worker-2'].map(
		(name) => createUserFolder(tgz, { dir: path.join(work, name), prepared }).dir,
	);

	const redis = await startRedis(deps, path.join(work, 'redis'));
	cleanups.push({ name: 'redis-server', run: redis.stop });
	const postgres = await startPostgres(deps, path.join(work, 'postgres'));
	cleanups.push({ name: 'postgres', run: postgres.stop });
	for (const emulator of Object.values(emulatorsByKey)) await emulator.start();
	cleanups.push({ name: 'emulators', run: async () => void (await Promise.all(Object.values(emulatorsByKey).map((e) => e.stop()))) });
	await contention.start();
	cleanups.push({ name: 'contention emulators and load', run: () => contention.stop() });

	shared = { install, redis, postgres, encryptionKey: `queue-suite-${process.pid}-${Date.now()}` };
	const env = await mainEnv(shared, mainFolder);
	const credentials = writeImportFile(work, 'credentials.json', [
		...Object.entries(emulatorsByKey).map(([key, e]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...e.credential() })),
		...contention.credentials(),
	]);
	const workflows = path.join(work, 'workflows');
	for (const p of CONTENTION_PROVIDERS) writeImportFile(workflows, `contention-${p}.json`, contentionWorkflow(p));
	cpSync(path.join(ROOT, 'examples/crm-deal-won.json'), path.join(workflows, 'crm-deal-won.json'));
	step('importing the credentials, the CRM and the contention workflows through the main, publishing them');
	await cli(shared, env, ['import:credentials', `--input=${credentials}`]);
	await cli(shared, env, ['import:workflow', '--separate', `--input=${workflows}`]);
	for (const id of [WORKFLOW_ID, ...CONTENTION_WORKFLOW_IDS]) await cli(shared, env, ['publish:workflow', `--id=${id}`]);

	main = await startMain(shared, mainFolder, env);
	cleanups.push({ name: 'n8n main', run: () => main.stop() });
	for (const p of CONTENTION_PROVIDERS) await contentionWebhookRegistered(main.url, p);
	workers = await Promise.all([startWorker(shared, 'worker-1', worker1Folder, WORKER_CONCURRENCY), startWorker(shared, 'worker-2', worker2Folder, WORKER_CONCURRENCY)]);
	for (const worker of workers) cleanups.push({ name: `n8n ${worker.name}`, run: () => worker.stop() });
	figures.setupSeconds = (Date.now() - setupStarted) / 1000;
	step(`queue-mode cluster up: main ${main.url}, 2 workers, Redis :${redis.port}, PostgreSQL :${postgres.port}`);
}, 20 * 60_000);

afterAll(async () => {
	process.stderr.write(`\nQUEUE MODE FIGURES\n${JSON.stringify(figures, null, 2)}\n`);
	const failures: string[] = [];
	for (const cleanup of cleanups.reverse()) {
		try {
			await cleanup.run();
		} catch (error) {
			failures.push(`${cleanup.name}: ${String(error)}`);
		}
	}
	if (failures.length > 0) throw new Error(`Teardown failed:\n${failures.join('\n')}`);
}, 5 * 60_000);

test(`a burst of ${BURST} CRM calls: every change lands exactly once, and both workers run executions`, async () => {
	resetEmulators();
	const before = lastExecutionId();
	const startedBefore = workers.map((w) => workerExecutions(w).started.length);

	const t0 = Date.now();
	const calls = await Promise.all(range(0, BURST).map((n) => dealWon(n)));
	const wallMs = Date.now() - t0;

	// Every call answered 200 with every provider's outcome (the CRM example's answer): the deal was applied everywhere.
	expect(calls.filter((c) => c.status !== 200).map((c) => `customer ${c.n}: ${c.status} ${JSON.stringify(c.body).slice(0, 300)}`)).toEqual([]);
	const notUpdated = (body: unknown) => {
		const { result, providers } = body as { result?: string; providers?: Record<string, { outcome?: string }> };
		return result !== 'applied' || Object.keys(providers ?? {}).length !== 5 || Object.values(providers ?? {}).some((p) => p.outcome !== 'updated');
	};
	expect(calls.filter((c) => notUpdated(c.body)).map((c) => `customer ${c.n}: ${JSON.stringify(c.body).slice(0, 300)}`)).toEqual([]);

	// Every customer of the burst shows the deal at all five providers, nothing it did not name was removed…
	expect(range(0, BURST).flatMap((n) => crmApplied(emulators, n).map((p) => `customer ${n}: ${p}`))).toEqual([]);
	// …no customer outside the burst changed…
	expect(changedOutside(new Set(range(0, BURST)))).toEqual([]);
	// …and each customer's resource got exactly one applied write at each provider (retries after a 429 or a
	// network error would show as more writes sent than applied; no write went anywhere else).
	expect(writeProblems(range(0, BURST), () => 1)).toEqual([]);

	// n8n's own record: one successful webhook execution per call.
	const runs = await settledExecutions(before, BURST);
	expect(countBy(runs, (r) => `${r.mode} ${r.status}`)).toEqual({ 'webhook success': BURST });

	// Both workers ran executions, and together exactly the burst's.
	const perWorker = workers.map((w, i) => workerExecutions(w).started.slice(startedBefore[i]));
	for (const ids of perWorker) expect(ids.length).toBeGreaterThan(0);
	expect(perWorker.flat().map(Number).sort((a, b) => a - b)).toEqual(runs.map((r) => r.id));

	const latencies = calls.map((c) => c.ms);
	figures.burst = {
		calls: BURST,
		wallSeconds: wallMs / 1000,
		executionsPerSecond: Number((BURST / (wallMs / 1000)).toFixed(2)),
		callLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
		executionsPerWorker: Object.fromEntries(workers.map((w, i) => [w.name, perWorker[i].length])),
		requestsPerProvider: requestsPerProvider(),
		writesPerProvider: writeTotals(),
		peakRates: peakRates(emulators),
	};
}, 15 * 60_000);

test(`${SAME_CUSTOMER_RUNS} bursts of ${SAME_CUSTOMER_CALLS} CRM calls for ONE customer over both workers: every deal's change lands (losses counted per run)`, async () => {
	await afterTheWatch();
	const runs: Array<{ customer: number; failedCalls: string[]; problems: string[]; wallMs: number; writesSent: Record<Provider, number> }> = [];
	for (let r = 0; r < SAME_CUSTOMER_RUNS; r++) {
		resetEmulators();
		addBurstPlans(emulators, SAME_CUSTOMER_CALLS);
		for (const p of PROVIDERS) emulators[p].latencyMs = SAME_CUSTOMER_LATENCY_MS;
		const n = r % MAX_CUSTOMERS;
		const t0 = Date.now();
		const calls = await Promise.all(range(0, SAME_CUSTOMER_CALLS).map((i) => dealWon(n, burstPayload(n, i))));
		const wallMs = Date.now() - t0;
		const writes = writesByResource(emulators);
		runs.push({
			customer: n,
			failedCalls: calls.filter((c) => c.status !== 200).map((c) => `${c.status} ${JSON.stringify(c.body).slice(0, 300)}`),
			problems: burstProblems(emulators, n, SAME_CUSTOMER_CALLS, calls.filter((c) => c.status === 200).map((c) => c.body as Record<string, unknown>), false),
			wallMs,
			writesSent: Object.fromEntries(PROVIDERS.map((p) => [p, writes[p].get(resourceOf(p, n))?.sent ?? 0])) as Record<Provider, number>,
		});
		step(`same-customer burst ${r + 1}/${SAME_CUSTOMER_RUNS}: ${wallMs} ms, ${runs[r].failedCalls.length} failed calls, ${runs[r].problems.length} problems`);
	}
	for (const p of PROVIDERS) emulators[p].latencyMs = 0;
	figures.sameCustomer = {
		runs: SAME_CUSTOMER_RUNS,
		callsPerRun: SAME_CUSTOMER_CALLS,
		latencyMs: SAME_CUSTOMER_LATENCY_MS,
		runsWithALostChange: runs.filter((r) => r.problems.length > 0).length,
		lostChanges: runs.reduce((a, r) => a + r.problems.length, 0),
		failedCalls: runs.reduce((a, r) => a + r.failedCalls.length, 0),
		wallMs: runs.map((r) => r.wallMs),
		writesSentPerRun: runs.map((r) => r.writesSent),
		problems: runs.flatMap((r) => r.problems.map((p) => `customer ${r.customer}: ${p}`)),
		failures: runs.flatMap((r) => r.failedCalls),
	};
	// Every call completes, nothing is lost, every answer is true (before the confirmation about half were
	// lost; before a field set to the same value by two deals counted as one writer's, 3 in 400 answered
	// "superseded" for a plan an older copy had removed).
	expect(runs.flatMap((r) => r.failedCalls)).toEqual([]);
	expect(runs.flatMap((r) => r.problems.map((p) => `customer ${r.customer}: ${p}`))).toEqual([]);
}, 30 * 60_000);

test(`${contention.settings.rounds} rounds of ${contention.settings.calls} simultaneous changes per provider on one resource over two queue-mode workers under CPU load (${contention.settings.latencyMs} ms latency): none lost, no untrue answer`, async () => {
	// The contention emulators and resources are this test's own: no wait for the watch over the CRM tests.
	const startedBefore = workers.map((w) => workerExecutions(w).started.length);
	const before = Math.max(0, ...contentionExecutions().map((e) => e.id));
	const t0 = Date.now();

	// Without contention: one call at a time through the main, no load.
	contention.prepare();
	const quiet = await contention.withoutContention(main.url);
	expect(quiet.failed).toEqual([]);

	// Under load: every call to the main's production webhooks; n8n hands the executions to the workers.
	const { per, problems, answers, figures: withContention, settings } = await contention.withContention(() => main.url);
	const wallMs = Date.now() - t0;

	// n8n's record: one execution per call, and both workers ran some of them.
	const calls = quiet.calls + answers.length;
	const runs = await settledContentionExecutions(before, calls);
	const ids = new Set(runs.map((r) => String(r.id)));
	const perWorker = workers.map((w, i) => workerExecutions(w).started.slice(startedBefore[i]).filter((id) => ids.has(id)));
	figures.contention = {
		withoutContention: quiet.figures,
		withContention,
		settings,
		wallSeconds: wallMs / 1000,
		executionsPerWorker: Object.fromEntries(workers.map((w, i) => [w.name, perWorker[i].length])),
		n8nExecutionStatuses: countBy(runs, (r) => `${r.mode} ${r.status}`),
		problems,
	};
	step(`queue-mode contention: ${JSON.stringify({ withContention, wallSeconds: wallMs / 1000 })}`);

	expect(problems).toEqual({ untrue: [], lost: [], failed: [] });
	expect(CONTENTION_PROVIDERS.map((p) => [p, { lost: per[p].lost, untrue: per[p].untrue, failed: per[p].failed }])).toEqual(
		CONTENTION_PROVIDERS.map((p) => [p, { lost: 0, untrue: 0, failed: 0 }]),
	);
	expect(countBy(runs, (r) => `${r.mode} ${r.status}`)).toEqual({ 'webhook success': calls });
	for (const ran of perWorker) expect(ran.length).toBeGreaterThan(0);
	expect(perWorker.flat().length).toBe(calls);
}, 30 * 60_000);

test('a worker killed (SIGKILL) mid-burst: every call completes or is reported failed, nothing is doubled or half-applied in a provider', async () => {
	await afterTheWatch();
	resetEmulators();
	const [survivor, victim] = workers;
	const before = lastExecutionId();
	const victimStartedBefore = workerExecutions(victim).started.length;
	const survivorStartedBefore = workerExecutions(survivor).started.length;

	const t0 = Date.now();
	const pending = range(0, BURST).map((n) => dealWon(n));
	// Kill the victim while it is in the middle of executions (started, not finished), with calls still waiting.
	const inFlight = () => {
		const { started, finished } = workerExecutions(victim);
		const mine = started.slice(victimStartedBefore);
		return { started: mine.length, running: mine.filter((id) => !finished.includes(id)).length };
	};
	await until(() => inFlight().started >= 5 && inFlight().running >= 3, 180_000, `worker-2 did not start executions within 3 minutes:\n${victim.log().slice(-2000)}`);
	const atKill = inFlight();
	await killHard(victim);
	const killedAtMs = Date.now() - t0;
	step(`SIGKILLed ${victim.name} ${killedAtMs} ms into the burst, ${atKill.running} of its executions running`);

	const calls = await Promise.all(pending);
	const wallMs = Date.now() - t0;
	const survivorRan = workerExecutions(survivor).started.length - survivorStartedBefore;
	const ok = calls.filter((c) => c.status === 200);
	const failed = calls.filter((c) => c.status !== 200);

	// Every call got an answer: 200, or n8n's failure answer for a webhook whose execution failed.
	expect(calls.filter((c) => c.status === 0).map((c) => `customer ${c.n}: ${JSON.stringify(c.body)}`)).toEqual([]);
	expect(countBy(failed, (c) => `${c.status} ${JSON.stringify(c.body)}`)).toEqual(
		failed.length > 0 ? { '500 {"message":"Error in workflow"}': failed.length } : {},
	);
	// The kill hit executions in flight; only the victim's jobs failed (at most its concurrency).
	expect(failed.length).toBeGreaterThan(0);
	expect(failed.length).toBeLessThanOrEqual(WORKER_CONCURRENCY);

	// n8n's record agrees: one execution per call (nothing was retried automatically), each `success` or `error`,
	// an `error` for each failed call. (The one way the two can differ: a worker that dies after saving a
	// successful execution but before its job completes; its call is reported failed, the execution `success`.)
	const runs = await settledExecutions(before, BURST);
	expect(runs).toHaveLength(BURST);
	const failedIds = runs.filter((r) => r.status === 'error').map((r) => String(r.id));
	expect(runs.filter((r) => !['success', 'error'].includes(r.status))).toEqual([]);
	expect(failedIds.length).toBeGreaterThan(0);
	expect(failedIds.length).toBeLessThanOrEqual(failed.length);
	// The survivor never ran one of the failed executions.
	expect(workerExecutions(survivor).started.filter((id) => failedIds.includes(id))).toEqual([]);
	const victimLog = workerExecutions(victim);
	// Why, in n8n's words (main log): Bull found the job stalled and n8n allows no stalled retry.
	expect(main.log()).toContain('job stalled more than maxStalledCount');

	// Provider state. Completed calls: the deal at all five providers.
	expect(ok.flatMap((c) => crmApplied(emulators, c.n).map((p) => `customer ${c.n}: ${p}`))).toEqual([]);
	// Failed calls: each provider shows either the seed or the whole deal (never anything else), and the ones
	// showing the deal are the first k nodes of the chain: the execution stopped between (or inside) nodes.
	const outcomes = new Map<number, Record<Provider, ResourceOutcome>>(failed.map((c) => [c.n, customerOutcome(emulators, pristine, c.n)]));
	expect([...outcomes].filter(([, o]) => appliedPrefix(o) < 0).map(([n, o]) => `customer ${n}: ${JSON.stringify(o)}`)).toEqual([]);
	expect(changedOutside(new Set(range(0, BURST)))).toEqual([]);
	// No resource was written twice.
	expect(writeProblems(range(0, BURST), () => 'atMostOne')).toEqual([]);
	const prefixes = countBy([...outcomes.values()], (o) => String(appliedPrefix(o)));

	// n8n's Retry of such an execution: the failed execution keeps no run data (the stalled job's error replaced
	// it), so the retry has nothing to run; it ends in `error` at once and sends nothing to any provider.
	const rest = new N8nRest(main.url);
	await rest.login();
	const logSizes = PROVIDERS.map((p) => emulators[p].log.length);
	const retries: Array<{ status: string; retryOf?: string }> = [];
	for (const id of failedIds) retries.push(await rest.request<{ status: string; retryOf?: string }>('POST', `/executions/${id}/retry`, { loadWorkflow: false }));
	expect(retries.map((r) => r.status)).toEqual(failedIds.map(() => 'error'));
	expect(PROVIDERS.map((p) => emulators[p].log.length)).toEqual(logSizes);

	// The CRM resends the failed calls: each completes, and since every node reads before it writes and skips
	// what is already there, every resource of the burst ends with the deal and exactly one applied write.
	const resent = await Promise.all(failed.map((c) => dealWon(c.n)));
	expect(resent.filter((c) => c.status !== 200).map((c) => `customer ${c.n}: ${c.status} ${JSON.stringify(c.body).slice(0, 300)}`)).toEqual([]);
	expect(range(0, BURST).flatMap((n) => crmApplied(emulators, n).map((p) => `customer ${n}: ${p}`))).toEqual([]);
	expect(writeProblems(range(0, BURST), () => 1)).toEqual([]);
	expect(changedOutside(new Set(range(0, BURST)))).toEqual([]);

	const failedLatencies = failed.map((c) => c.ms);
	figures.killedWorker = {
		calls: BURST,
		killedAfterMs: killedAtMs,
		victimRunningAtKill: atKill.running,
		completed: ok.length,
		reportedFailed: failed.length,
		failedCallsAnsweredAfterMs: { min: Math.min(...failedLatencies), max: Math.max(...failedLatencies) },
		wallSeconds: wallMs / 1000,
		executionsPerWorker: {
			[survivor.name]: survivorRan,
			[`${victim.name} (killed)`]: victimLog.started.length - victimStartedBefore,
		},
		n8nExecutionStatuses: countBy(runs, (r) => r.status),
		failedCustomersByProvidersApplied: prefixes,
		n8nRetryStatuses: countBy(retries, (r) => r.status),
		resentCalls: resent.length,
		writesPerProviderAfterResend: writeTotals(),
	};
}, 15 * 60_000);

test('a worker without the package fails the executions it takes with "Unrecognized node type", and nothing reaches a provider', async () => {
	resetEmulators();
	// Only a worker without the package is left to take jobs.
	await Promise.all(workers.map((w) => w.stop()));
	const bare = path.join(work, 'worker-bare');
	mkdirSync(bare, { recursive: true });
	const worker = await startWorker(shared, 'worker-bare', bare, WORKER_CONCURRENCY);
	cleanups.push({ name: 'n8n worker-bare', run: () => worker.stop() });
	const before = lastExecutionId();

	const call = await dealWon(BURST);
	expect({ status: call.status, body: call.body }).toEqual({ status: 500, body: { message: 'Error in workflow' } });
	const runs = await settledExecutions(before, 1);
	expect(runs.map((r) => r.status)).toEqual(['error']);
	const error = 'Unrecognized node type: n8n-nodes-plan-provisioning.partoo';
	expect(worker.log()).toContain(`${error} (execution ${runs[0].id})`);
	expect(main.log()).toContain(`Problem with execution ${runs[0].id}: ${error}. Aborting.`);
	// The worker started without a word about the missing package, and no provider saw a request.
	expect(worker.log().slice(0, worker.log().indexOf('Worker started execution'))).not.toContain('plan-provisioning');
	expect(PROVIDERS.map((p) => statusCounts(emulators, p))).toEqual(PROVIDERS.map(() => ({})));
	figures.workerWithoutPackage = { httpStatus: call.status, body: call.body, workerLog: `${error} (execution ${runs[0].id})` };
}, 10 * 60_000);
