// Commvault: many executions at once on one organization (ADD and DELETE are deltas; OVERWRITE is whole).
import { CommvaultEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { run, useEmulator, withNode, workflowFrom } from '../support/helpers';
import { atOnce, falseUpdates, outputsOf, serialHistory } from '../drivers/history';

const emulator = useEmulator(new CommvaultEmulator());
const updatePlans = workflowFrom(__dirname, 'updatePlans');
const NODE = 'Commvault';
const credential = (): StoredCredential[] => [{ id: 'commvault', name: 'Commvault account', type: 'commvaultApi', data: emulator.credential().data as Record<string, string> }];
const ORG = 14; // starts without plans

/** Twenty more plans in the CommServe, as a service provider offers them to its tenants. */
const TENANT_PLANS = Array.from({ length: 20 }, (_, i) => `Tenant Backup ${String(i + 1).padStart(2, '0')}`);
function addTenantPlans(): void {
	TENANT_PLANS.forEach((planName, i) => emulator.plans.set(planName, { planId: 100 + i, planName, subtype: 33554437 }));
}

describe('Commvault: executions at once on one organization', () => {
	test('20 executions, each associating its own plan: every plan is there, and every report is true', async () => {
		addTenantPlans();
		emulator.latencyMs = 20;
		const results = await atOnce(20, (i) => run(updatePlans, credential(), [{ orgId: ORG, plans: [TENANT_PLANS[i]] }]));
		const outputs = outputsOf(results, NODE);

		expect([...emulator.org(ORG).plans].sort()).toEqual(TENANT_PLANS);
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
		// Each execution's change names its own plan as added to the list it read.
		outputs.forEach((o, i) => expect((o.changes as Array<{ to: string[] }>)[0].to).toContain(TENANT_PLANS[i]));
		expect(falseUpdates(outputs, () => undefined, [])).toEqual([]);
	});

	test('20 executions, half adding a plan, half replacing the list (OVERWRITE): the reports form one serial history', async () => {
		addTenantPlans();
		emulator.orgs.get(ORG)!.plans = ['Server Gold'];
		emulator.latencyMs = 20;
		const replace = withNode(updatePlans, NODE, { mode: 'replace' });
		// Replace with removal allowed makes the named plans the only ones: it contradicts the additions of the
		// other executions. Whatever order they run in, each report must start from the list the one before left.
		const results = await atOnce(20, (i) =>
			i % 2 === 0
				? run(updatePlans, credential(), [{ orgId: ORG, plans: [TENANT_PLANS[i]] }])
				: run(replace, credential(), [{ orgId: ORG, plans: ['Server Gold', TENANT_PLANS[i]], removeUnlisted: true }]),
		);
		const outputs = outputsOf(results, NODE);
		const plans = [...emulator.org(ORG).plans].sort();
		expect(plans).toContain('Server Gold');
		expect(serialHistory('plans', ['Server Gold'], plans, outputs)).toEqual([]);
	});
});

describe('Commvault: another process writes an older list between our OVERWRITE and our confirming read', () => {
	test('a Replace whose list another Replace overwrote fails clearly; Associate (ADD) is not read back', async () => {
		const replace = withNode(updatePlans, NODE, { mode: 'replace' });
		// Another process read organization 12 before our write and replaced its list with one plan more.
		emulator.injectFault({
			method: 'PUT',
			applyFirst: true,
			afterApply: () => (emulator.orgs.get(12)!.plans = ['Server Gold', 'Laptop Standard', 'Server Silver']),
		});
		const result = await run(replace, credential(), [{ orgId: 12, plans: ['Server Gold', 'Cloud Archive'], removeUnlisted: true }]);
		// Writing ours again would remove Server Silver, which the other writer set since: the node stops.
		expect(result.error?.message).toBe('Another writer undid part of the change to organization 12 and changed related fields since (item 0)');
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard', 'Server Silver']);

		// ADD names only its own plans: read, write, nothing more (the plan list was read once already in this
		// process, by the run above).
		emulator.resetAll();
		await run(updatePlans, credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(emulator.log.filter((r) => !r.path.endsWith('/Login')).map((r) => `${r.method} ${r.path.split('/').slice(3).join('/')}`)).toEqual([
			'GET Organization/12',
			'PUT Organization',
		]);
	});
});
