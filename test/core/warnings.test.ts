// n8n's log gets no warning from our node: a bulk run at Concurrency 20 has many items pausing at once (before
// the confirming read), and each pause used to add its own abort listener to the run's signal, which Node
// reports as `MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]` once an execution has
// more than ten.
import { getEventListeners } from 'node:events';
import vm from 'node:vm';

import { pause } from '../../nodes/core/pause';
import { PartooEmulator } from '../partoo/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new PartooEmulator());
// An account with a raised limit (Partoo's 300 a minute would make this a 10-minute run): pacing off.
const addOrUpdate = withNode(workflowFrom(`${__dirname}/../partoo`, 'addOrUpdate'), 'Partoo', { options: { concurrency: 20, rateLimit: 0 } });
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }];
/** Node's own process, which emits the warnings (jest hands tests a copy whose `on` never hears them). */
const nodeProcess = vm.runInThisContext('process') as NodeJS.Process;
const ORGS = Array.from({ length: 1000 }, (_, i) => 20_000 + i);

test('a 1,000-item run at Concurrency 20 prints no warning, and every plan is there', async () => {
	for (const [i, org_id] of ORGS.entries()) emulator.addOrg({ org_id, name: `Bakery ${String(i).padStart(4, '0')}`, plans: [] });
	emulator.latencyMs = 2;
	emulator.rateLimit = { limit: 10_000, windowMs: 60_000 };
	const warnings: string[] = [];
	const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
	nodeProcess.on('warning', onWarning);
	try {
		const result = await run(
			addOrUpdate,
			credential(),
			ORGS.map((orgId) => ({ orgId, plans: ['webhooks'], contractEnd: '2027-06-30' })),
		);
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result.output('Partoo'));
		expect(outputs).toHaveLength(ORGS.length);
		expect(outputs.filter((out) => out.outcome !== 'updated')).toEqual([]);
		// Node emits a warning on the next tick: let it arrive.
		await new Promise((resolve) => setImmediate(resolve));
	} finally {
		nodeProcess.off('warning', onWarning);
	}
	expect(warnings).toEqual([]);
	expect(ORGS.filter((org) => emulator.plans(org).map((p) => p.name).join() !== 'webhooks')).toEqual([]);
}, 120_000);

test('pause: fifty waits on one signal add one abort listener; an abort ends them all at once with its reason', async () => {
	const stop = new AbortController();
	const started = Date.now();
	const waits = Array.from({ length: 50 }, async () => await pause(60_000, stop.signal).catch((error: Error) => error.message));
	expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
	stop.abort(new Error('Execution cancelled'));
	expect(await Promise.all(waits)).toEqual(Array(50).fill('Execution cancelled'));
	expect(Date.now() - started).toBeLessThan(1000);
	// A wait on a signal already aborted ends at once, and waits that end on time leave nothing behind.
	await expect(pause(60_000, stop.signal)).rejects.toThrow('Execution cancelled');
	const other = new AbortController();
	await Promise.all([pause(5, other.signal), pause(10, other.signal)]);
	expect(getEventListeners(other.signal, 'abort')).toHaveLength(1);
});
