// The fault matrix (issue 8): one engine, one profile per provider (test/faults/<provider>.test.ts).
//
// Every scenario runs the provider's multi-item update (items spread over several resources, some sharing
// one) against its emulator with faults injected, then checks the emulator's STATE:
//   - every item is either correct in the emulator (its resource equals the state a fault-free run of the
//     same items produces, computed once per file) or comes back as a clear per-item error
//     (output item with `error` naming the item and `details.itemIndex`/`details.description`);
//   - resources whose items failed are exactly as they were (no half-applied or foreign change);
//   - resources no item names are untouched, and the provider's "nothing not named is removed" invariant holds;
//   - changes that are not safe to send twice (Commvault ADD/DELETE, BlendVision's owner switch) reached
//     the provider's handler exactly once (once per change of the fault-free run).
// Each scenario gets its own emulator (its own port, state, faults and request log), so the scenarios of a
// file run at the same time (test.concurrent): most of their time is spent waiting out backoffs and timeouts.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Emulator, Fault, LoggedRequest } from '../support/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import type { RunResult, WorkflowJson } from '../support/harness/run';
import { run, withNode } from '../support/helpers';

export interface RequestMatch {
	method: string;
	path: RegExp;
}

export interface Profile<E extends Emulator = Emulator> {
	/** Provider name for test titles and for the error messages ("Partoo returned 503 (item 2): …"). */
	provider: string;
	emulator: E;
	/** Name of the provider node in the workflow. */
	node: string;
	workflow: WorkflowJson;
	credentials: () => StoredCredential[];
	/** The multi-item run: several resources, some named by more than one item. */
	items: IDataObject[];
	/** The resource an item changes (items with the same key share one read and one write). */
	key: (item: IDataObject) => string;
	/** Resources no item names: they must stay exactly as they were. */
	untouched: string[];
	/** The resource as the emulator holds it, without server-side timestamps. */
	state: (key: string) => unknown;
	/** Requests that change something (writes) and requests that only read. */
	writes: RequestMatch;
	reads: RequestMatch;
	/** A request that only the items of `failOne.key` cause (for faults aimed at one resource). */
	failOne: { key: string; method: string; path: RegExp };
	/** Non-idempotent changes that reached the provider's handler, one string per change (e.g. Commvault's ADDs). */
	applied?: () => string[];
	/** "Nothing the user did not name is removed / added": returns the problems for one resource. */
	invariant?: (key: string, before: unknown, after: unknown, items: IDataObject[]) => string[];
	/** Sign-in requests (token or login), for token-expiry scenarios. */
	signIns?: () => number;
	/**
	 * Signs in outside the run and returns the credential fields holding the session, so a run can start
	 * with a valid token and its first sign-in is a refresh (for faults on the sign-in endpoint mid-run).
	 */
	signIn?: () => Promise<Record<string, string>>;
}

export interface Scenario<E extends Emulator = Emulator> {
	name: string;
	/** Faults to inject before the run. */
	faults?: (p: Profile<E>) => Fault[];
	/** Other emulator settings for this scenario (token expiry, conflicts, latency). */
	setup?: (p: Profile<E>) => void | Promise<void>;
	/** Start the run with a session signed in beforehand (`Profile.signIn`), as a run that follows another would. */
	signedIn?: boolean;
	/** Node options (maxRetries, timeout, concurrency, rateLimit). */
	options?: IDataObject;
	continueOnFail?: boolean;
	/** Resources whose items are expected to fail for good (the rest must succeed). */
	failing?: string[];
	/** What a failing item's error must say (besides naming the item). */
	errorPattern?: RegExp;
	/** The expected state of some resources, when it is not the fault-free run's (e.g. a concurrent change). */
	expected?: (key: string, faultFree: unknown) => unknown;
	/** Further assertions. */
	check?: (p: Profile<E>, result: RunResult, context: ScenarioContext) => void;
}

export interface ScenarioContext {
	before: Map<string, unknown>;
	expected: Map<string, unknown>;
	faultFreeApplied: string[];
	items: IDataObject[];
}

const clone = <T>(value: T): T => structuredClone(value);

/** Whether a logged request reached the emulator's real handler (no fault, or a fault served after it). */
export function reachedHandler(entry: LoggedRequest): boolean {
	if (!entry.fault) return true;
	return (JSON.parse(entry.fault) as Fault).applyFirst === true;
}

export function matching(p: Pick<Profile, 'emulator'>, match: RequestMatch): LoggedRequest[] {
	return p.emulator.log.filter((r) => r.method === match.method && match.path.test(r.path));
}

/** The error an output item carries: a clear per-item error names the item, the HTTP status or cause, and a fix. */
export function expectItemError(json: IDataObject, itemIndex: number, pattern?: RegExp): void {
	expect(typeof json.error).toBe('string');
	const message = json.error as string;
	expect(message).toMatch(new RegExp(`\\(item ${itemIndex}\\)|in item ${itemIndex}\\b`));
	if (pattern) expect(message).toMatch(pattern);
	const details = json.details as IDataObject | undefined;
	expect(details).toMatchObject({ itemIndex });
	expect(String(details?.description ?? '')).not.toBe('');
	expect(json.outcome).toBeUndefined();
}

const touchedKeys = (p: Profile<Emulator>) => [...new Set(p.items.map(p.key))];

function snapshot(p: Profile<Emulator>, keys: string[]): Map<string, unknown> {
	return new Map(keys.map((k) => [k, clone(p.state(k))]));
}

interface Reference {
	expected: Map<string, unknown>;
	applied: string[];
}

/** The fault-free run of the items on a fresh emulator: the state every scenario must reach. */
async function referenceRun<E extends Emulator>(create: () => E, profileOf: (emulator: E) => Profile<E>): Promise<Reference> {
	const emulator = create();
	await emulator.start();
	try {
		emulator.resetAll();
		const p = profileOf(emulator);
		const keys = touchedKeys(p);
		const before = snapshot(p, keys);
		const result = await run(p.workflow, p.credentials(), p.items);
		if (result.error) throw new Error(`The fault-free run failed: ${result.error.message}`);
		const out = result.output(p.node).map((o) => o.json);
		if (out.length !== p.items.length || out.some((o) => o.outcome !== 'updated')) {
			throw new Error(`The fault-free run did not update every item: ${JSON.stringify(out.map((o) => o.outcome ?? o.error))}`);
		}
		const expected = snapshot(p, keys);
		for (const key of keys) {
			// The reference itself: every resource changed, and the provider's invariant holds.
			if (JSON.stringify(expected.get(key)) === JSON.stringify(before.get(key))) throw new Error(`The fault-free run left ${key} unchanged`);
			const problems = p.invariant?.(key, before.get(key), expected.get(key), p.items.filter((i) => p.key(i) === key)) ?? [];
			if (problems.length) throw new Error(`The fault-free run broke the invariant: ${problems.join('; ')}`);
		}
		return { expected, applied: p.applied?.() ?? [] };
	} finally {
		await emulator.stop();
	}
}

/**
 * Registers the fault matrix of one provider: one concurrent test per scenario, each on a fresh emulator
 * from `create` (reset, then described by `profileOf`), compared with one fault-free reference run.
 */
export function describeFaultMatrix<E extends Emulator>(create: () => E, profileOf: (emulator: E) => Profile<E>, scenarios: Scenario<E>[]): void {
	let reference: Promise<Reference> | undefined;

	test.concurrent.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
		reference ??= referenceRun(create, profileOf);
		const { expected, applied: faultFreeApplied } = await reference;
		const emulator = create();
		await emulator.start();
		try {
			emulator.resetAll();
			await runScenario(profileOf(emulator), s, expected, faultFreeApplied);
		} finally {
			await emulator.stop();
		}
	});
}

async function runScenario<E extends Emulator>(p: Profile<E>, s: Scenario<E>, expected: Map<string, unknown>, faultFreeApplied: string[]): Promise<void> {
	const keys = touchedKeys(p);
	const all = [...keys, ...p.untouched];
	const before = snapshot(p, all);
	let credentials = p.credentials();
	if (s.signedIn) {
		const session = await p.signIn!();
		credentials = credentials.map((c) => ({ ...c, data: { ...c.data, ...session } }));
		p.emulator.log.length = 0;
	}
	await s.setup?.(p);
	for (const fault of s.faults?.(p) ?? []) p.emulator.injectFault(fault);
	const node = p.workflow.nodes.find((n) => n.name === p.node)!;
	const options = { ...((node.parameters.options as IDataObject | undefined) ?? {}), ...(s.options ?? {}) };
	const workflow = withNode(p.workflow, p.node, { options }, s.continueOnFail ? { onError: 'continueRegularOutput' } : {});

	const result = await run(workflow, credentials, p.items);

	const failing = new Set(s.failing ?? []);
	const expectedOf = (key: string) => (s.expected ? s.expected(key, expected.get(key)) : expected.get(key));
	const context: ScenarioContext = { before, expected, faultFreeApplied, items: p.items };

	if (s.continueOnFail || failing.size === 0) {
		// Every input has its output item, in order, each either a success or its own clear error.
		expect(result.error?.message).toBeUndefined();
		const out: INodeExecutionData[] = result.output(p.node);
		expect(out).toHaveLength(p.items.length);
		out.forEach((o, i) => {
			expect(o.pairedItem).toEqual({ item: i });
			if (failing.has(p.key(p.items[i]))) {
				expectItemError(o.json, i, s.errorPattern);
			} else {
				expect(o.json.error).toBeUndefined();
				expect(['updated', 'unchanged']).toContain(o.json.outcome);
			}
		});
		for (const key of keys) {
			expect({ key, state: p.state(key) }).toEqual({ key, state: failing.has(key) ? before.get(key) : expectedOf(key) });
		}
	} else {
		// Without "continue on fail" the run stops with the first error, which names an item of a failing resource.
		expect(result.error).toBeDefined();
		const message = String(result.error?.message);
		const named = /\(item (\d+)\)|in item (\d+)\b/.exec(message);
		expect(named).not.toBeNull();
		const index = Number(named![1] ?? named![2]);
		expect(failing.has(p.key(p.items[index]))).toBe(true);
		if (s.errorPattern) expect(message).toMatch(s.errorPattern);
		expect(String(result.error?.description ?? '')).not.toBe('');
		// Items that did not get to run leave their resource as it was; none is half-changed.
		for (const key of keys) {
			const now = p.state(key);
			if (failing.has(key)) expect({ key, state: now }).toEqual({ key, state: before.get(key) });
			else expect([before.get(key), expectedOf(key)]).toContainEqual(now);
		}
	}

	for (const key of p.untouched) expect({ key, state: p.state(key) }).toEqual({ key, state: before.get(key) });
	for (const key of keys) {
		const problems = p.invariant?.(key, before.get(key), p.state(key), p.items.filter((i) => p.key(i) === key)) ?? [];
		expect({ key, problems }).toEqual({ key, problems: [] });
	}

	// Non-idempotent changes: none reached the provider twice; with nothing failing, each exactly once.
	if (p.applied) {
		const applied = p.applied();
		expect(applied.filter((a, i) => applied.indexOf(a) !== i)).toEqual([]);
		for (const a of applied) expect(faultFreeApplied).toContain(a);
		if (failing.size === 0 && !s.expected) expect([...applied].sort()).toEqual([...faultFreeApplied].sort());
	}

	s.check?.(p, result, context);
}

// ---------------------------------------------------------------------------------------------
// Scenarios every provider goes through

/** A fault's answer and the next identical request (same method, path and body) after it. */
export function retryOf(p: Pick<Profile, 'emulator'>, status: number, match: RequestMatch): { first: LoggedRequest; next: LoggedRequest } {
	const log = p.emulator.log;
	const at = log.findIndex((r) => r.status === status && r.fault && r.method === match.method && match.path.test(r.path));
	if (at < 0) throw new Error(`No ${status} was served`);
	const first = log[at];
	const next = log.slice(at + 1).find((r) => r.method === first.method && r.path === first.path && r.body === first.body);
	if (!next) throw new Error('The request was not sent again');
	return { first, next };
}

/** Milliseconds between a fault's answer and the next identical request. */
export function retryGap(p: Pick<Profile, 'emulator'>, status: number, match: RequestMatch): number {
	const { first, next } = retryOf(p, status, match);
	return next.at - first.at;
}

/**
 * A Retry-After header holding an HTTP date `aheadMs` after the moment the fault is served (a getter, read
 * when the emulator logs and sends the answer), however long the run took to get there.
 */
function retryAfterDate(aheadMs: number): Record<string, string> {
	return Object.defineProperty({}, 'Retry-After', { enumerable: true, get: () => new Date(Date.now() + aheadMs).toUTCString() });
}

/** That the identical request came again no earlier than the HTTP date the fault's Retry-After named. */
function expectRetryAfterDate(p: Pick<Profile, 'emulator'>, match: RequestMatch): void {
	const { first, next } = retryOf(p, 429, match);
	const until = Date.parse(String((JSON.parse(first.fault!) as Fault).headers?.['Retry-After']));
	// The date was well ahead when the 429 was served, so waiting for it is visible.
	expect(until - first.at).toBeGreaterThan(300);
	expect(next.at).toBeGreaterThanOrEqual(until - 20);
}

const TIMEOUT_MS = 1000;
const SLOW_MS = 1600;

/** The scenarios every provider goes through; `failOneKey` is the resource its profile's `failOne` aims at. */
export function commonScenarios<E extends Emulator>(errorName: string, failOneKey: string): Scenario<E>[] {
	const w = (p: Profile<E>) => ({ method: p.writes.method, path: p.writes.path });
	const r = (p: Profile<E>) => ({ method: p.reads.method, path: p.reads.path });
	const one = (p: Profile<E>) => ({ method: p.failOne.method, path: p.failOne.path });
	return [
		{
			name: '429 burst on writes with Retry-After in seconds: waited for, then every item lands',
			faults: (p) => [{ ...w(p), status: 429, headers: { 'Retry-After': '1' }, body: { error: 'Too Many Requests' }, times: 2 }],
			check: (p) => expect(retryGap(p, 429, w(p))).toBeGreaterThanOrEqual(900),
		},
		{
			name: '429 burst on reads with Retry-After as an HTTP date: waited for, then every item lands',
			faults: (p) => [{ ...r(p), status: 429, headers: retryAfterDate(2000), body: { error: 'Too Many Requests' }, times: 2 }],
			check: (p) => expectRetryAfterDate(p, r(p)),
		},
		{
			name: '429 that never ends on one resource (Max Retries 2, continue on fail): its items fail clearly, the rest lands',
			faults: (p) => [{ ...one(p), status: 429, headers: { 'Retry-After': '0' }, body: { error: 'Too Many Requests' }, times: 1000 }],
			options: { maxRetries: 2 },
			continueOnFail: true,
			failing: [failOneKey],
			errorPattern: new RegExp(`^${errorName} returned 429 \\(item \\d+\\)`),
			check: (p) => expect(matching(p, one(p)).length).toBeGreaterThanOrEqual(3),
		},
		{
			name: '500 on writes before they land: retried, every change lands once',
			faults: (p) => [{ ...w(p), status: 500, body: { error: 'Internal Server Error' }, times: 2 }],
		},
		{
			name: '502 on reads: retried, every item lands',
			faults: (p) => [{ ...r(p), status: 502, body: 'Bad Gateway', times: 2 }],
		},
		{
			name: '503 on writes after they landed: no change is applied twice, every item lands',
			faults: (p) => [{ ...w(p), status: 503, body: { error: 'Service Unavailable' }, applyFirst: true, times: 2 }],
		},
		{
			name: '503 that never ends on one resource (Max Retries 1, continue on fail): its items fail clearly, the rest lands',
			faults: (p) => [{ ...one(p), status: 503, body: { error: 'Service Unavailable' }, times: 1000 }],
			options: { maxRetries: 1 },
			continueOnFail: true,
			failing: [failOneKey],
			errorPattern: new RegExp(`^${errorName} returned 503 \\(item \\d+\\)`),
		},
		{
			name: '503 that never ends on one resource (Max Retries 1, no continue on fail): the run stops naming an item of it, nothing is half-changed',
			faults: (p) => [{ ...one(p), status: 503, body: { error: 'Service Unavailable' }, times: 1000 }],
			options: { maxRetries: 1 },
			failing: [failOneKey],
			errorPattern: new RegExp(`^${errorName} returned 503 \\(item \\d+\\)`),
		},
		{
			name: 'connection reset on writes before they land: retried, every change lands once',
			faults: (p) => [{ ...w(p), dropConnection: true, times: 2 }],
		},
		{
			name: 'connection reset on writes after they landed: no change is applied twice, every item lands',
			faults: (p) => [{ ...w(p), dropConnection: true, applyFirst: true, times: 2 }],
		},
		{
			name: 'connection reset on reads: retried, every item lands',
			faults: (p) => [{ ...r(p), dropConnection: true, times: 2 }],
		},
		{
			name: `write slower than Timeout (${TIMEOUT_MS} ms) that did not land: retried, lands once`,
			faults: (p) => [{ ...w(p), delayMs: SLOW_MS, times: 1 }],
			options: { timeout: TIMEOUT_MS },
		},
		{
			name: `write slower than Timeout (${TIMEOUT_MS} ms) that landed: not applied twice, every item lands`,
			faults: (p) => [{ ...w(p), delayMs: SLOW_MS, applyFirst: true, times: 1 }],
			options: { timeout: TIMEOUT_MS },
		},
		{
			name: 'read slower than Timeout: retried, every item lands',
			faults: (p) => [{ ...r(p), delayMs: SLOW_MS, times: 1 }],
			options: { timeout: TIMEOUT_MS },
		},
		{
			name: 'one resource that never answers in time (Max Retries 1, continue on fail): its items say so, the rest lands',
			faults: (p) => [{ ...one(p), delayMs: 1300, times: 1000 }],
			options: { timeout: TIMEOUT_MS, maxRetries: 1 },
			continueOnFail: true,
			failing: [failOneKey],
			errorPattern: new RegExp(`^${errorName} did not answer in time \\(item \\d+\\)`),
		},
		{
			name: 'a bad day: 429, 502, resets and a slow answer at once (continue on fail): every item lands once',
			faults: (p) => [
				{ ...r(p), status: 429, headers: { 'Retry-After': '0' }, body: {}, times: 2 },
				{ ...w(p), status: 502, body: 'Bad Gateway', times: 1 },
				{ ...w(p), dropConnection: true, applyFirst: true, times: 1 },
				{ ...r(p), dropConnection: true, times: 1 },
				{ ...w(p), delayMs: SLOW_MS, applyFirst: true, times: 1 },
			],
			options: { timeout: TIMEOUT_MS },
			continueOnFail: true,
		},
	];
}

/** Plan-list invariant: after ⊆ before ∪ named-to-add, and after ⊇ before − named-to-remove. */
export function listInvariant(before: string[], after: string[], added: string[], removed: string[]): string[] {
	const problems: string[] = [];
	for (const name of before) if (!after.includes(name) && !removed.includes(name)) problems.push(`"${name}" was removed but not named`);
	for (const name of after) if (!before.includes(name) && !added.includes(name)) problems.push(`"${name}" was added but not named`);
	return problems;
}
