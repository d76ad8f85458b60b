// Lookalike resource data (issue 14), instellix: the driver is test/drivers/lookalikes.ts.
import { InstellixEmulator, type Json } from './emulator';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { LOOKALIKES, chain, credential, dryRun, expectCleanRuns, shownBody } from '../drivers/lookalikes';

const wf = (name: string) => workflowFrom(__dirname, name);
const instellix = useEmulator(new InstellixEmulator());

describe('Lookalike resource data: Instellix', () => {
	const NODE = 'Instellix';
	const creds = () => credential(instellix, 'instellix', 'Instellix account');
	const PLAN = 7000;

	test('Get, Get Many, a Get chained into Update, property and phase updates and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const seeded = instellix.plan(PLAN);
		expect(seeded.name).toBe(LOOKALIKES.basic);

		const get = await run(wf('get'), creds(), [{ planId: PLAN }]);
		expect(jsonOf(get.output(NODE))).toEqual([seeded]);
		results.push(get);
		const getAll = await run(wf('getAll'), creds(), [{ returnAll: true }]);
		expect(jsonOf(getAll.output(NODE)).find((p) => p.id === PLAN)).toEqual(seeded);
		results.push(getAll);

		// The user's own expression builds the new name from the one read.
		const renamed = await run(chain(wf('get'), wf('update'), NODE, { plan: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { name: '={{ $json.name }} v2' } }), creds(), [{ planId: PLAN }]);
		const [afterRename] = jsonOf(renamed.output(`${NODE} (then)`));
		expect(instellix.plan(PLAN).name).toBe(`${LOOKALIKES.basic} v2`);
		expect(afterRename.changes).toEqual([{ field: 'name', from: LOOKALIKES.basic, to: `${LOOKALIKES.basic} v2` }]);
		results.push(renamed);

		const property = await run(wf('updateProperties'), creds(), [{ planId: PLAN, propertyIdent: 'pricing', propertyValue: `${LOOKALIKES.password}, ${LOOKALIKES.token}` }]);
		expect(instellix.plan(PLAN).properties).toEqual([
			{ ident: 'api_access', value: LOOKALIKES.token },
			{ ident: 'pricing', value: `${LOOKALIKES.password}, ${LOOKALIKES.token}` },
		]);
		expect(jsonOf(property.output(NODE))[0].changes).toEqual([
			{ field: 'properties.pricing.value', from: LOOKALIKES.password, to: `${LOOKALIKES.password}, ${LOOKALIKES.token}` },
		]);
		results.push(property);

		const phase = await run(wf('updatePhase'), creds(), [{ planId: PLAN, phase: 'main', phaseName: `${LOOKALIKES.bearer} (annual)` }]);
		expect((instellix.plan(PLAN).phases as Json[])[0].name).toBe(`${LOOKALIKES.bearer} (annual)`);
		expect(jsonOf(phase.output(NODE))[0].changes).toEqual([{ field: 'phases.main.name', from: LOOKALIKES.bearer, to: `${LOOKALIKES.bearer} (annual)` }]);
		results.push(phase);

		const before = instellix.plan(PLAN);
		const dry = await run(dryRun(wf('update'), NODE), creds(), [{ planId: PLAN, name: LOOKALIKES.token }]);
		expect(shownBody(dry, NODE)).toMatchObject({ name: LOOKALIKES.token, properties: before.properties });
		expect(instellix.plan(PLAN)).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, instellix);
	});
});
