// The queue-mode suite's bookkeeping (test/queue/lib/ledger.ts), checked in the unit suite against the real
// CRM workflow run through the harness: it recognises every write the nodes send, and it does fail on a
// doubled write, a doubled plan and a half-applied chain. Also the claim the queue-mode docs rest on: sending
// the same deal again changes nothing and writes nothing.
import path from 'node:path';

import { EMULATOR_CREDENTIAL_IDS, createEmulators } from '../support/emulators';
import { type CustomerEmulators, crmPayload } from '../support/customers';
import type { StoredCredential } from '../support/harness/credentials';
import { loadWorkflow } from '../support/harness/run';
import { jsonOf, run } from '../support/helpers';
import { PROVIDERS, appliedPrefix, customerOutcome, peakInWindow, resourceOf, resourceState, writesByResource } from './lib/ledger';

const byKey = createEmulators({ customers: 10 });
const emulators = byKey as unknown as CustomerEmulators;
const pristine = createEmulators({ customers: 10 }) as unknown as CustomerEmulators;
const workflow = loadWorkflow(path.join(__dirname, '../../examples/crm-deal-won.json'));

beforeAll(async () => {
	for (const e of Object.values(byKey)) await e.start();
});
beforeEach(() => Object.values(byKey).forEach((e) => e.resetAll()));
afterAll(async () => {
	await Promise.all(Object.values(byKey).map((e) => e.stop()));
});

const credentials = (): StoredCredential[] => Object.entries(byKey).map(([key, e]) => ({ id: EMULATOR_CREDENTIAL_IDS[key], ...e.credential() }));
const dealWon = async (n: number) => {
	const result = await run(workflow, credentials(), [crmPayload(n)]);
	expect(result.error).toBeUndefined();
	return jsonOf(result.output('Instellix Plan'))[0];
};
const applied = (n: number) => PROVIDERS.map((p) => writesByResource(emulators)[p].get(resourceOf(p, n))?.applied ?? 0);

test('one deal: one applied write per provider for that customer, none elsewhere; the whole chain shows the deal', async () => {
	await dealWon(1);
	expect(applied(1)).toEqual([1, 1, 1, 1, 1]);
	expect(PROVIDERS.map((p) => [...writesByResource(emulators)[p].keys()])).toEqual(PROVIDERS.map((p) => [resourceOf(p, 1)]));
	const outcome = customerOutcome(emulators, pristine, 1);
	expect(outcome).toEqual({ partoo: 'applied', blendVisionOne: 'applied', elasticPath: 'applied', commvault: 'applied', instellix: 'applied' });
	expect(appliedPrefix(outcome)).toBe(5);
	expect(appliedPrefix(customerOutcome(emulators, pristine, 2))).toBe(0);
});

test('the same deal sent again (a CRM resend) writes nothing and changes nothing', async () => {
	await dealWon(3);
	const state = PROVIDERS.map((p) => resourceState(emulators, p, 3));
	const again = await dealWon(3);
	expect(again.outcome).toBe('unchanged');
	expect(applied(3)).toEqual([1, 1, 1, 1, 1]);
	expect(PROVIDERS.map((p) => resourceState(emulators, p, 3))).toEqual(state);
});

test('a doubled change, a gap in the chain and a second write are caught', async () => {
	await dealWon(4);
	// Doubled: Commvault lists the deal's plan twice.
	emulators.commvault.orgs.get(1004)!.plans.push('Cloud Archive');
	expect(customerOutcome(emulators, pristine, 4).commvault).toBe('other');
	expect(appliedPrefix(customerOutcome(emulators, pristine, 4))).toBe(-1);
	// A gap: Commvault (4th node) shows the deal but Partoo (1st) does not.
	emulators.commvault.orgs.get(1005)!.plans.push('Cloud Archive');
	expect(customerOutcome(emulators, pristine, 5)).toMatchObject({ partoo: 'pristine', commvault: 'applied' });
	expect(appliedPrefix(customerOutcome(emulators, pristine, 5))).toBe(-1);
	// A second applied write to the same organization.
	const write = emulators.partoo.log.find((r) => r.method === 'POST')!;
	emulators.partoo.log.push({ ...write });
	expect(applied(4)[0]).toBe(2);
});

test('peakInWindow counts the most requests inside any window', () => {
	const at = (ms: number) => ({ method: 'GET', path: '/', query: {}, headers: {}, body: '', status: 200, at: ms });
	// [500, 1500) holds 500, 999 and 1000; 1500 starts the next window.
	expect(peakInWindow([at(0), at(500), at(999), at(1000), at(1500), at(3000)], 1000)).toBe(3);
	expect(peakInWindow([at(1000), at(0), at(10), at(20), at(30)], 1000)).toBe(4);
	expect(peakInWindow([], 1000)).toBe(0);
});
