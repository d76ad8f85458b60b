// Lookalike resource data (issue 14), commvault: the driver is test/drivers/lookalikes.ts.
import { CommvaultEmulator } from './emulator';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { LOOKALIKES, LOOKALIKE_VALUES, chain, credential, dryRun, expectCleanRuns, shownBody } from '../drivers/lookalikes';

const wf = (name: string) => workflowFrom(__dirname, name);
const commvault = useEmulator(new CommvaultEmulator());

describe('Lookalike resource data: Commvault', () => {
	const NODE = 'Commvault';
	const creds = () => credential(commvault, 'commvault', 'Commvault account');
	const ORG = 16;
	const names = (list: unknown) => (list as Array<{ planName: string }>).map((p) => p.planName);

	test('Get, Get Many, a Get chained into Update Plans, default plans and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const get = await run(wf('get'), creds(), [{ orgId: ORG }]);
		const [org] = jsonOf(get.output(NODE));
		expect(org.name).toBe('Basic Monthly Ltd');
		expect(names(org.plans)).toEqual([LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token]);
		results.push(get);
		const getAll = await run(wf('getAll'), creds());
		expect(jsonOf(getAll.output(NODE)).find((o) => o.id === ORG)).toMatchObject({ name: 'Basic Monthly Ltd', description: 'Basic Monthly Ltd tenant' });
		results.push(getAll);

		// Replace with the plans read plus one more: every name goes back exactly as read.
		const chained = chain(wf('get'), wf('updatePlans'), NODE, {
			organization: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			mode: 'replace',
			plans: `={{ [...$json.plans.map((p) => p.planName), ${JSON.stringify(LOOKALIKES.password)}] }}`,
			removeUnlisted: false,
		});
		const replaced = await run(chained, creds(), [{ orgId: ORG }]);
		expect(commvault.org(ORG).plans.sort()).toEqual([...LOOKALIKE_VALUES].sort());
		expect(names(jsonOf(replaced.output(`${NODE} (then)`))[0].plans).sort()).toEqual([...LOOKALIKE_VALUES].sort());
		results.push(replaced);

		const defaults = await run(wf('updateDefaultPlans'), creds(), [{ orgId: ORG, plans: [LOOKALIKES.token] }]);
		expect(commvault.org(ORG).defaultPlans).toEqual([LOOKALIKES.basic, LOOKALIKES.token]);
		expect(jsonOf(defaults.output(NODE))[0].changes).toEqual([{ field: 'defaultPlans', from: [LOOKALIKES.basic], to: [LOOKALIKES.basic, LOOKALIKES.token] }]);
		results.push(defaults);

		const before = commvault.org(ORG);
		const dry = await run(dryRun(wf('updatePlans'), NODE, { mode: 'replace' }), creds(), [{ orgId: ORG, plans: [LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token], removeUnlisted: true }]);
		const body = String(shownBody(dry, NODE));
		for (const name of [LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token]) expect(body).toContain(`planName="${name}"`);
		expect(commvault.org(ORG)).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, commvault);
	});
});
