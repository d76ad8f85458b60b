// Partoo: many executions at once on one organization (the plan list is written whole).
import { PARTOO_PLAN_NAMES, PartooEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { run, useEmulator, withNode, workflowFrom } from '../support/helpers';
import { atOnce, falseUpdates, outputsOf, serialHistory } from '../drivers/history';

const emulator = useEmulator(new PartooEmulator());
const addOrUpdate = workflowFrom(__dirname, 'addOrUpdate');
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }];
const ORG = 44; // starts without plans
const date = (i: number) => `2027-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;

describe('Partoo: executions at once on one organization', () => {
	test('20 executions, each adding a plan: every plan is there, and the reports form one serial history', async () => {
		emulator.latencyMs = 20;
		// Partoo documents 11 plan names, so 20 executions cannot all name different plans: execution i adds plan
		// i % 11 with its own expiry date. Plans 9 and 10 have one writer each; plans 0-8 have two, asking for
		// different dates: one of the two dates must win, and the reports must say which.
		const results = await atOnce(20, (i) => run(addOrUpdate, credential(), [{ orgId: ORG, plans: [PARTOO_PLAN_NAMES[i % 11]], contractEnd: date(i) }]));
		const outputs = outputsOf(results, 'Partoo');
		const plans = emulator.plans(ORG);
		const held = (field: string) => {
			const plan = plans.find((p) => `plans.${p.name}` === field);
			return plan ? { expiration_date: plan.expiration_date } : null;
		};

		expect(plans.map((p) => p.name).sort()).toEqual([...PARTOO_PLAN_NAMES].sort());
		for (const i of [9, 10]) expect(plans.find((p) => p.name === PARTOO_PLAN_NAMES[i])?.expiration_date).toBe(date(i));
		for (let i = 0; i < 9; i++) expect([date(i), date(i + 11)]).toContain(plans.find((p) => p.name === PARTOO_PLAN_NAMES[i])?.expiration_date);
		const fields = PARTOO_PLAN_NAMES.map((name) => `plans.${name}`);
		expect(fields.flatMap((field) => serialHistory(field, null, held(field), outputs))).toEqual([]);
		expect(falseUpdates(outputs, held, ['plans.booking_links', 'plans.webhooks'])).toEqual([]);
	});
});

describe('Partoo: another process writes an older copy of the list between our write and our confirming read', () => {
	const plan = (name: string, expiration_date: string | null = null) => ({ name, subscription_date: '2025-01-01', expiration_date });
	/** Organization 42 as another process read it before our write, with that process's own plan added. */
	const staleCopy = () => [plan('presence_management', '2026-01-01'), plan('review_management'), plan('posts')];
	const overwrite = (plans: () => ReturnType<typeof staleCopy>, times = 1) =>
		emulator.injectFault({ method: 'POST', path: '/v2/org/42/plans', applyFirst: true, times, afterApply: () => (emulator.orgs.get(42)!.plans = plans()) });
	const addWebhooks = [{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' }];

	test('our change is written again and both changes are kept; the output says so', async () => {
		overwrite(staleCopy);
		const result = await run(addOrUpdate, credential(), addWebhooks);
		const [out] = outputsOf([result], 'Partoo');
		expect(emulator.plans(42).map((p) => p.name)).toEqual(['presence_management', 'review_management', 'posts', 'webhooks']);
		expect(out).toMatchObject({ outcome: 'updated', reapplied: 1, changes: [{ field: 'plans.webhooks', from: null, to: { expiration_date: '2027-06-30' } }] });
		expect(out.plans).toEqual(emulator.plans(42));
		// Read, write, confirming read (reverted), read in a new turn, write again, confirming read (landed), and,
		// as another process was seen writing the organization, one later confirmation.
		expect(emulator.log.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'GET', 'POST', 'GET', 'GET']);
		expect(out.confirmedAfterMs).toBeGreaterThanOrEqual(1000);
	});

	test('overwritten every time: after writing it 7 times the item fails with a clear error, never "updated"', async () => {
		overwrite(staleCopy, 10);
		const result = await run(addOrUpdate, credential(), addWebhooks);
		expect(result.error?.message).toBe('The change to organization 42 was overwritten again after being written 7 times (item 0)');
		expect(result.error?.description).toContain('plans.webhooks');
		expect(emulator.requests('POST')).toHaveLength(7);
		// With "continue on fail" the item is an error item, not an "updated" one.
		const continuing = withNode(addOrUpdate, 'Partoo', {}, { onError: 'continueRegularOutput' });
		emulator.resetAll();
		overwrite(staleCopy, 10);
		const [item] = outputsOf([await run(continuing, credential(), addWebhooks)], 'Partoo');
		expect(item.outcome).toBeUndefined();
		expect(item.error).toBe('The change to organization 42 was overwritten again after being written 7 times (item 0)');
	});

	// Two CRM deals of one customer asking for the same plan, both in this process (queue-mode runs answered
	// the first "superseded, now null" and left the plan to chance): the second deal wrote the same value, so
	// the plan gone again is an older copy's doing, not a newer change.
	test('two executions here add the same plan and an older copy removes it after each write: both put it back, both "updated"', async () => {
		overwrite(staleCopy, 2);
		const [first, second] = await Promise.all([run(addOrUpdate, credential(), addWebhooks), run(addOrUpdate, credential(), addWebhooks)]);
		const outputs = outputsOf([first, second], 'Partoo');
		expect(emulator.plans(42).map((p) => p.name)).toEqual(['presence_management', 'review_management', 'posts', 'webhooks']);
		expect(emulator.plans(42).find((p) => p.name === 'webhooks')?.expiration_date).toBe('2027-06-30');
		for (const out of outputs) {
			expect(out).toMatchObject({ outcome: 'updated', changes: [{ field: 'plans.webhooks', from: null, to: { expiration_date: '2027-06-30' } }] });
			expect(out.superseded).toBeUndefined();
		}
	});

	test('writing it again meets a 429 and the organization changes during the wait: made anew, nothing of the other change lost', async () => {
		overwrite(staleCopy);
		emulator.injectFault({ method: 'POST', path: '/v2/org/42/plans', status: 429, headers: { 'Retry-After': '1' }, body: { errors: { json: 'Too many requests' } } });
		// During the wait, another process adds a plan of its own.
		const added = new Promise<void>((resolve) => {
			const timer = setInterval(() => {
				if (!emulator.log.some((r) => r.status === 429)) return;
				clearInterval(timer);
				emulator.orgs.get(42)!.plans.push(plan('messages', '2027-03-31'));
				resolve();
			}, 10);
		});
		const result = await run(addOrUpdate, credential(), addWebhooks);
		await added;
		const [out] = outputsOf([result], 'Partoo');
		expect(emulator.plans(42).map((p) => p.name)).toEqual(['presence_management', 'review_management', 'posts', 'messages', 'webhooks']);
		expect(out).toMatchObject({ outcome: 'updated', changes: [{ field: 'plans.webhooks', from: null, to: { expiration_date: '2027-06-30' } }] });
		// The copy that met the 429 was never sent again: after the 429, a read found the change, and the write was made anew.
		const after429 = emulator.log.slice(emulator.log.findIndex((r) => r.status === 429) + 1).map((r) => r.method);
		expect(after429.slice(0, 2)).toEqual(['GET', 'GET']);
	});

	test('another writer set our plan to another date since: reported as superseded, not written over', async () => {
		overwrite(() => [...staleCopy(), plan('webhooks', '2028-01-31')]);
		const result = await run(addOrUpdate, credential(), addWebhooks);
		const [out] = outputsOf([result], 'Partoo');
		expect(emulator.plans(42).find((p) => p.name === 'webhooks')?.expiration_date).toBe('2028-01-31');
		expect(out).toMatchObject({
			outcome: 'superseded',
			changes: [],
			superseded: [{ field: 'plans.webhooks', from: null, to: { expiration_date: '2027-06-30' }, now: { expiration_date: '2028-01-31' } }],
		});
		expect(emulator.requests('POST')).toHaveLength(1);
	});

	test('one plan reverted and the other set to another date since: a clear error, the other writer\'s date kept', async () => {
		overwrite(() => [...staleCopy(), plan('webhooks', '2028-01-31')]);
		const result = await run(addOrUpdate, credential(), [{ orgId: 42, plans: ['webhooks', 'booking_links'], contractEnd: '2027-06-30' }]);
		expect(result.error?.message).toBe('Another writer undid part of the change to organization 42 and changed related fields since (item 0)');
		expect(emulator.plans(42).find((p) => p.name === 'webhooks')?.expiration_date).toBe('2028-01-31');
		expect(emulator.requests('POST')).toHaveLength(1);
	});

	test('writing it again waits for the turn no longer than Timeout, and then says the change is not there', async () => {
		overwrite(staleCopy);
		// A second execution takes the turn right after our write and holds it for 2 s (a slow write).
		emulator.injectFault({ method: 'POST', path: '/v2/org/42/plans', applyFirst: true, delayMs: 2000 });
		const impatient = withNode(addOrUpdate, 'Partoo', { options: { timeout: 1000 } }, { onError: 'continueRegularOutput' });
		const [ours, other] = await Promise.all([
			run(impatient, credential(), addWebhooks),
			run(addOrUpdate, credential(), [{ orgId: 42, plans: ['messages'], contractEnd: '' }]),
		]);
		const [item] = outputsOf([ours], 'Partoo');
		expect(item.error).toMatch(/^Another execution was still changing organization 42 after \d+ ms \(item 0\)$/);
		expect((item.details as { description: string }).description).toContain('was written, then undone by an older copy from another process, and is not there now');
		expect(other.error).toBeUndefined();
		expect(emulator.plans(42).map((p) => p.name)).not.toContain('webhooks');
	});

	test('with Confirm Write off the write is not read back (one process needs no confirmation)', async () => {
		overwrite(staleCopy);
		const noConfirm = withNode(addOrUpdate, 'Partoo', { options: { confirmWrite: false } });
		await run(noConfirm, credential(), addWebhooks);
		expect(emulator.log.map((r) => r.method)).toEqual(['GET', 'POST']);
	});
});

describe('Partoo: waiting for the turn on an organization', () => {
	const item = (orgId: number, plan: string) => ({ orgId, plans: [plan], contractEnd: '2027-06-30' });
	const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	test('a wait longer than the node\'s Timeout ends in a clear error for the item, and nothing of it is sent', async () => {
		// The first execution's write takes 1.5 s to be answered; the second allows 1 s (Timeout).
		emulator.injectFault({ method: 'POST', path: '/v2/org/42/plans', applyFirst: true, delayMs: 1500 });
		const slow = run(addOrUpdate, credential(), [item(42, 'posts')]);
		await pause(100);
		const impatient = withNode(addOrUpdate, 'Partoo', { options: { timeout: 1000 } }, { onError: 'continueRegularOutput' });
		const [waited] = outputsOf([await run(impatient, credential(), [item(42, 'webhooks')])], 'Partoo');
		expect(waited.error).toMatch(/^Another execution was still changing organization 42 after \d+ ms \(item 0\)$/);
		expect((waited.details as { description: string }).description).toContain('Raise "Timeout"');
		expect((await slow).error).toBeUndefined();
		expect(emulator.plans(42).map((p) => p.name)).not.toContain('webhooks');
		expect(emulator.requests('POST')).toHaveLength(1);
	});

	test('an execution that fails gives up its waits at once; the turn it held passes on', async () => {
		// Another execution holds organization 43 for 1.5 s.
		emulator.injectFault({ method: 'POST', path: '/v2/org/43/plans', applyFirst: true, delayMs: 1500 });
		const holder = run(addOrUpdate, credential(), [item(43, 'booking_links')]);
		await pause(100);
		// This one has three organizations: 1000 is quick, 43 must wait, 44's write is refused after 200 ms.
		emulator.injectFault({ method: 'POST', path: '/v2/org/44/plans', status: 400, delayMs: 200, body: { errors: { json: { plans: 'Refused' } } } });
		const started = Date.now();
		const failing = await run(addOrUpdate, credential(), [item(1000, 'posts'), item(43, 'posts'), item(44, 'posts')]);
		expect(failing.error?.message).toBe('Partoo returned 400 (item 2): plans: Refused');
		// It did not wait for organization 43 (1.5 s) once item 2 had failed.
		expect(Date.now() - started).toBeLessThan(1200);
		expect((await holder).error).toBeUndefined();
		expect(emulator.plans(43).map((p) => p.name)).toEqual(['posts', 'messages', 'webhooks', 'booking_links']);
		// A third execution gets organization 44 at once: the failed one released it.
		const after = await run(addOrUpdate, credential(), [item(44, 'webhooks')]);
		expect(after.error).toBeUndefined();
	});
});
