// A process keeps watching what it changed: an older copy that another process writes after our change was
// confirmed is found by the next read of the resource in this process, by any execution, and undone with that
// execution's write, which says so (`repaired`). No request of its own.
import { PartooEmulator } from '../partoo/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';

const partoo = useEmulator(new PartooEmulator());
const addOrUpdate = workflowFrom(`${__dirname}/../partoo`, 'addOrUpdate');
const credential = (): StoredCredential[] => [{ ...partoo.credential(), id: 'partoo', name: 'Partoo account' }];
const plan = (name: string, expiration_date: string | null = null) => ({ name, subscription_date: '2025-01-01', expiration_date });

test('a confirmed plan that an older copy removed later is put back by the next execution\'s write, which says so', async () => {
	const first = await run(addOrUpdate, credential(), [{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' }]);
	const [out1] = jsonOf(first.output('Partoo'));
	expect(out1).toMatchObject({ outcome: 'updated', confirmedAfterMs: expect.any(Number) });
	// Another process, slowed between its read and its write, lands its older copy (with its own plan) now.
	const org = partoo.orgs.get(42)!;
	const stale = org.plans.filter((p) => p.name !== 'webhooks');
	org.plans = [...stale, plan('posts', '2026-12-31')];
	partoo.log.length = 0;

	const second = await run(addOrUpdate, credential(), [{ orgId: 42, plans: ['booking_links'], contractEnd: '2027-01-31' }]);
	const [out2] = jsonOf(second.output('Partoo'));
	const names = partoo.plans(42).map((p) => p.name);
	expect(names).toEqual(expect.arrayContaining(['webhooks', 'posts', 'booking_links']));
	expect(partoo.plans(42).find((p) => p.name === 'webhooks')?.expiration_date).toBe('2027-06-30');
	expect(out2).toMatchObject({
		outcome: 'updated',
		changes: [{ field: 'plans.booking_links', from: null, to: { expiration_date: '2027-01-31' } }],
		repaired: [{ field: 'plans.webhooks.expiration_date', from: null, to: '2027-06-30' }],
	});
	// One read, one write carrying both, and its confirmations: no request for the repair itself.
	expect(partoo.requests('POST')).toHaveLength(1);
});

test('a plan someone else set to another date since is not written over', async () => {
	await run(addOrUpdate, credential(), [{ orgId: 42, plans: ['webhooks'], contractEnd: '2027-06-30' }]);
	const org = partoo.orgs.get(42)!;
	org.plans = org.plans.map((p) => (p.name === 'webhooks' ? { ...p, expiration_date: '2028-01-31' } : p));
	const second = await run(addOrUpdate, credential(), [{ orgId: 42, plans: ['booking_links'], contractEnd: '2027-01-31' }]);
	const [out2] = jsonOf(second.output('Partoo'));
	expect(partoo.plans(42).find((p) => p.name === 'webhooks')?.expiration_date).toBe('2028-01-31');
	expect(out2.repaired).toBeUndefined();
});
