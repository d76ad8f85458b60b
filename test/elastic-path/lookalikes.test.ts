// Lookalike resource data (issue 14), elastic-path: the driver is test/drivers/lookalikes.ts.
import { EP_IDS, ElasticPathEmulator } from './emulator';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { LOOKALIKES, chain, credential, dryRun, expectCleanRuns, shownBody } from '../drivers/lookalikes';

const wf = (name: string) => workflowFrom(__dirname, name);
const elasticPath = useEmulator(new ElasticPathEmulator());

describe('Lookalike resource data: Elastic Path', () => {
	const NODE = 'Elastic Path Subscriptions';
	const creds = () => credential(elasticPath, 'elastic-path', 'Elastic Path account');
	const ids = { offeringId: EP_IDS.bundle, planId: EP_IDS.basicMonthly };
	const attributes = () => elasticPath.plan(EP_IDS.bundle, EP_IDS.basicMonthly)!.attributes;

	test('Get, Get Many, a Get chained into Update, an update and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const get = await run(wf('get'), creds(), [ids]);
		expect(jsonOf(get.output(NODE))[0]).toMatchObject({ name: LOOKALIKES.basic, description: LOOKALIKES.token, external_ref: LOOKALIKES.password });
		results.push(get);
		const getAll = await run(wf('getAll'), creds(), [{ offeringId: EP_IDS.bundle, returnAll: true }]);
		expect(jsonOf(getAll.output(NODE))).toMatchObject([{ name: LOOKALIKES.basic, description: LOOKALIKES.token, external_ref: LOOKALIKES.password }]);
		results.push(getAll);

		const chained = chain(wf('get'), wf('update'), NODE, {
			offering: { __rl: true, mode: 'id', value: '={{ $json.offeringId }}' },
			plan: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		});
		const next = chained.nodes.find((n) => n.name === `${NODE} (then)`)!;
		next.parameters.updateFields = { name: '={{ $json.name }} v2', description: '={{ $json.description }} ({{ $json.external_ref }})' };
		const renamed = await run(chained, creds(), [ids]);
		expect(attributes()).toMatchObject({ name: `${LOOKALIKES.basic} v2`, description: `${LOOKALIKES.token} (${LOOKALIKES.password})`, external_ref: LOOKALIKES.password });
		expect(jsonOf(renamed.output(`${NODE} (then)`))[0].changes).toEqual([
			{ field: 'name', from: LOOKALIKES.basic, to: `${LOOKALIKES.basic} v2` },
			{ field: 'description', from: LOOKALIKES.token, to: `${LOOKALIKES.token} (${LOOKALIKES.password})` },
		]);
		results.push(renamed);

		const update = await run(wf('update'), creds(), [{ ...ids, externalRef: LOOKALIKES.bearer }]);
		expect(attributes().external_ref).toBe(LOOKALIKES.bearer);
		expect(jsonOf(update.output(NODE))[0]).toMatchObject({ name: `${LOOKALIKES.basic} v2`, external_ref: LOOKALIKES.bearer, changes: [{ field: 'external_ref', from: LOOKALIKES.password, to: LOOKALIKES.bearer }] });
		results.push(update);

		const before = structuredClone(attributes());
		const dry = await run(dryRun(wf('update'), NODE), creds(), [{ ...ids, name: LOOKALIKES.basic, description: LOOKALIKES.password }]);
		expect(shownBody(dry, NODE)).toEqual({
			data: { id: EP_IDS.basicMonthly, type: 'subscription_offering_plan', attributes: { name: LOOKALIKES.basic, description: LOOKALIKES.password } },
		});
		expect(attributes()).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, elasticPath);
	});
});
