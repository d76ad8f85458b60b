import { CommvaultEmulator } from './emulator';
import { describeUndo } from '../drivers/undo';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new CommvaultEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const credentials = () => [{ id: 'commvault', name: 'Commvault account', type: 'commvaultApi', data: emulator.credential().data as Record<string, string> }];
const ORGS = Array.from({ length: 50 }, (_, i) => 100 + i);
/** Organizations whose plans the run changes: 50 more tenants, without plans yet. */
const addTenants = () => {
	for (const id of ORGS) {
		emulator.orgs.set(id, { id, connectName: `Tenant ${id}`, domainName: `tenant${id}`, description: `Tenant ${id}`, enabled: true, plans: [], defaultPlans: [] });
	}
};

describeUndo({
	node: 'Commvault',
	emulator,
	credentials,
	update: wf('updatePlans'),
	undo: wf('undo'),
	items: [
		{ orgId: 12, plans: ['Server Silver'] },
		{ orgId: 12, plans: ['Cloud Archive', 'Server Silver'] },
	],
	state: () => emulator.org(12),
	laterChange: () => {
		emulator.orgs.get(12)!.plans.push('Edge, Mobile & Remote');
		return 'plans';
	},
	writes: () => emulator.requests('PUT').length,
	many: {
		setup: addTenants,
		items: ORGS.flatMap((orgId) => [
			{ orgId, plans: ['Server Gold'] },
			{ orgId, plans: ['Laptop Standard'] },
			{ orgId, plans: ['Cloud Archive'] },
			{ orgId, plans: ['Server Silver'] },
		]),
		state: () => ORGS.map((id) => emulator.org(id)),
	},
	foreign: { orgId: 42, plans: [{ name: 'posts', expiration_date: null }], changes: [{ field: 'plans.posts', from: null, to: { expiration_date: null } }], outcome: 'updated' },
});

describe('Commvault: Undo Changes of both plan lists', () => {
	test('a plan associated and made a default plan: the default plan goes first, then the association', async () => {
		const before = emulator.org(14);
		const associated = jsonOf((await run(wf('updatePlans'), credentials(), [{ orgId: 14, plans: ['Server Gold'] }])).output('Commvault'));
		const defaulted = jsonOf((await run(wf('updateDefaultPlans'), credentials(), [{ orgId: 14, plans: ['Server Gold'] }])).output('Commvault'));
		expect(emulator.org(14)).toEqual({ plans: ['Server Gold'], defaultPlans: ['Server Gold'] });
		const result = await run(wf('undo'), credentials(), [...associated, ...defaulted]);
		expect(result.error?.message).toBeUndefined();
		expect(jsonOf(result.output('Commvault')).map((o) => o.outcome)).toEqual(['undone', 'undone']);
		expect(emulator.org(14)).toEqual(before);
	});
});
