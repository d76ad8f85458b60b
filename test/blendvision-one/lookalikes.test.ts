// Lookalike resource data (issue 14), blendvision-one: the driver is test/drivers/lookalikes.ts.
import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from './emulator';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { LOOKALIKES, chain, credential, dryRun, expectCleanRuns, shownBody } from '../drivers/lookalikes';

const wf = (name: string) => workflowFrom(__dirname, name);
const blendVision = useEmulator(new BlendVisionOneEmulator());

describe('Lookalike resource data: BlendVision One', () => {
	const NODE = 'BlendVision One';
	const creds = () => credential(blendVision, 'blendvision', 'BlendVision One account');
	const ID = BV_IDS.lookalike;

	test('Get, Get Many, a Get chained into Update, plan changes and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const get = await run(wf('get'), creds(), [{ id: ID }]);
		const [org] = jsonOf(get.output(NODE));
		expect(org).toMatchObject({
			description: LOOKALIKES.password,
			business_setting: { category: LOOKALIKES.token },
			plans: [{ id: BV_PLANS.starter, name: 'Starter' }, { id: BV_PLANS.basicMonthly, name: LOOKALIKES.basic, group: LOOKALIKES.bearer }],
		});
		results.push(get);
		const getAll = await run(wf('getAll'), creds(), [{ name: 'Customer 128' }]);
		expect(jsonOf(getAll.output(NODE))).toMatchObject([{ id: ID, description: LOOKALIKES.password, business_setting: { category: LOOKALIKES.token } }]);
		results.push(getAll);

		const chained = chain(wf('get'), wf('update'), NODE, { subOrganization: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, planIds: [] });
		const next = chained.nodes.find((n) => n.name === `${NODE} (then)`)!;
		next.parameters.updateFields = { description: '={{ $json.description }} v2' };
		const described = await run(chained, creds(), [{ id: ID }]);
		expect(blendVision.subOrg(ID)).toMatchObject({ description: `${LOOKALIKES.password} v2`, business_setting: { category: LOOKALIKES.token } });
		expect(jsonOf(described.output(`${NODE} (then)`))[0].changes).toEqual([{ field: 'description', from: LOOKALIKES.password, to: `${LOOKALIKES.password} v2` }]);
		results.push(described);

		const plans = await run(wf('update'), creds(), [{ id: ID, planIds: [BV_PLANS.pro] }]);
		expect(blendVision.subOrg(ID).plan_ids).toEqual([BV_PLANS.starter, BV_PLANS.basicMonthly, BV_PLANS.pro]);
		expect(jsonOf(plans.output(NODE))[0]).toMatchObject({ plans: [{ name: 'Starter' }, { name: LOOKALIKES.basic, group: LOOKALIKES.bearer }, { name: 'Pro' }] });
		results.push(plans);

		const before = blendVision.subOrg(ID);
		const dry = await run(dryRun(wf('update'), NODE), creds(), [{ id: ID, description: LOOKALIKES.bearer }]);
		expect(shownBody(dry, NODE)).toMatchObject({ description: LOOKALIKES.bearer, business_setting: { category: LOOKALIKES.token } });
		expect(blendVision.subOrg(ID)).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, blendVision);
	});
});
