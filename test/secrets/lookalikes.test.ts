// Resource data that looks like a credential to a pattern (issue 14): every emulator seeds plan, offering,
// option and property values such as "Basic Monthly", "Bearer Bundle", "token: 42" and "password=tiers".
// They pass through every operation of every node unchanged (Get, Get Many, each update, Dry Run, `changes`),
// a Get chained into an update writes them back as they were, and still no credential secret appears
// anywhere. (Partoo's resources hold only its 11 documented plan names and dates: nothing free to look alike.)
import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from '../emulators/blendvision-one';
import { CommvaultEmulator } from '../emulators/commvault';
import { EP_IDS, ElasticPathEmulator } from '../emulators/elastic-path';
import { InstellixEmulator, type Json } from '../emulators/instellix';
import type { Emulator } from '../emulators/base';
import { LOOKALIKES, LOOKALIKE_VALUES } from '../emulators/lookalikes';
import type { StoredCredential } from '../harness/credentials';
import type { RunResult, WorkflowJson } from '../harness/run';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../helpers';
import { expectNoSecretAnywhere } from './scan';

const blendVision = useEmulator(new BlendVisionOneEmulator());
const elasticPath = useEmulator(new ElasticPathEmulator());
const commvault = useEmulator(new CommvaultEmulator());
const instellix = useEmulator(new InstellixEmulator());

const fixture = (provider: string, name: string) => workflowFrom(`${__dirname}/../${provider}`, name);
const credential = (emulator: Emulator, id: string, name: string): StoredCredential[] => {
	const { type, data } = emulator.credential();
	return [{ id, name, type, data: data as StoredCredential['data'] }];
};
const dryRun = (workflow: WorkflowJson, node: string, parameters: IDataObject = {}) => {
	const params = workflow.nodes.find((n) => n.name === node)!.parameters as IDataObject;
	return withNode(workflow, node, { ...parameters, options: { ...((params.options as IDataObject) ?? {}), dryRun: true } });
};

/**
 * A workflow that runs `first`'s node, then the node of `second` named `node` on its output with
 * `parameters` (e.g. a new name built from the one read), as a user chains Get into Update.
 */
function chain(first: WorkflowJson, second: WorkflowJson, node: string, parameters: IDataObject): WorkflowJson {
	const workflow = structuredClone(first);
	const next = structuredClone(second.nodes.find((n) => n.name === node)!);
	next.name = `${node} (then)`;
	next.id = `${next.id}-then`;
	next.parameters = { ...next.parameters, ...parameters } as typeof next.parameters;
	workflow.nodes.push(next);
	workflow.connections[node] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	return workflow;
}

/** Every run ended well, none of its data was rewritten by redaction, and no credential secret shows anywhere. */
function expectCleanRuns(results: RunResult[], emulator: Emulator): void {
	for (const result of results) {
		expect(result.error?.message).toBeUndefined();
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('[redacted]');
	}
	expectNoSecretAnywhere(results, emulator.secrets());
}

/** The body of the first request a dry run shows. */
const shownBody = (result: RunResult, node: string) => (jsonOf(result.output(node))[0].request as IDataObject[])[0].body;

describe('Lookalike resource data: Instellix', () => {
	const NODE = 'Instellix';
	const creds = () => credential(instellix, 'instellix', 'Instellix account');
	const PLAN = 7000;

	test('Get, Get Many, a Get chained into Update, property and phase updates and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const seeded = instellix.plan(PLAN);
		expect(seeded.name).toBe(LOOKALIKES.basic);

		const get = await run(fixture('instellix', 'get'), creds(), [{ planId: PLAN }]);
		expect(jsonOf(get.output(NODE))).toEqual([seeded]);
		results.push(get);
		const getAll = await run(fixture('instellix', 'getAll'), creds(), [{ returnAll: true }]);
		expect(jsonOf(getAll.output(NODE)).find((p) => p.id === PLAN)).toEqual(seeded);
		results.push(getAll);

		// The user's own expression builds the new name from the one read.
		const renamed = await run(chain(fixture('instellix', 'get'), fixture('instellix', 'update'), NODE, { plan: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { name: '={{ $json.name }} v2' } }), creds(), [{ planId: PLAN }]);
		const [afterRename] = jsonOf(renamed.output(`${NODE} (then)`));
		expect(instellix.plan(PLAN).name).toBe(`${LOOKALIKES.basic} v2`);
		expect(afterRename.changes).toEqual([{ field: 'name', from: LOOKALIKES.basic, to: `${LOOKALIKES.basic} v2` }]);
		results.push(renamed);

		const property = await run(fixture('instellix', 'updateProperties'), creds(), [{ planId: PLAN, propertyIdent: 'pricing', propertyValue: `${LOOKALIKES.password}, ${LOOKALIKES.token}` }]);
		expect(instellix.plan(PLAN).properties).toEqual([
			{ ident: 'api_access', value: LOOKALIKES.token },
			{ ident: 'pricing', value: `${LOOKALIKES.password}, ${LOOKALIKES.token}` },
		]);
		expect(jsonOf(property.output(NODE))[0].changes).toEqual([
			{ field: 'properties.pricing.value', from: LOOKALIKES.password, to: `${LOOKALIKES.password}, ${LOOKALIKES.token}` },
		]);
		results.push(property);

		const phase = await run(fixture('instellix', 'updatePhase'), creds(), [{ planId: PLAN, phase: 'main', phaseName: `${LOOKALIKES.bearer} (annual)` }]);
		expect((instellix.plan(PLAN).phases as Json[])[0].name).toBe(`${LOOKALIKES.bearer} (annual)`);
		expect(jsonOf(phase.output(NODE))[0].changes).toEqual([{ field: 'phases.main.name', from: LOOKALIKES.bearer, to: `${LOOKALIKES.bearer} (annual)` }]);
		results.push(phase);

		const before = instellix.plan(PLAN);
		const dry = await run(dryRun(fixture('instellix', 'update'), NODE), creds(), [{ planId: PLAN, name: LOOKALIKES.token }]);
		expect(shownBody(dry, NODE)).toMatchObject({ name: LOOKALIKES.token, properties: before.properties });
		expect(instellix.plan(PLAN)).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, instellix);
	});
});

describe('Lookalike resource data: Elastic Path', () => {
	const NODE = 'Elastic Path Subscriptions';
	const creds = () => credential(elasticPath, 'elastic-path', 'Elastic Path account');
	const ids = { offeringId: EP_IDS.bundle, planId: EP_IDS.basicMonthly };
	const attributes = () => elasticPath.plan(EP_IDS.bundle, EP_IDS.basicMonthly)!.attributes;

	test('Get, Get Many, a Get chained into Update, an update and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const get = await run(fixture('elastic-path', 'get'), creds(), [ids]);
		expect(jsonOf(get.output(NODE))[0]).toMatchObject({ name: LOOKALIKES.basic, description: LOOKALIKES.token, external_ref: LOOKALIKES.password });
		results.push(get);
		const getAll = await run(fixture('elastic-path', 'getAll'), creds(), [{ offeringId: EP_IDS.bundle, returnAll: true }]);
		expect(jsonOf(getAll.output(NODE))).toMatchObject([{ name: LOOKALIKES.basic, description: LOOKALIKES.token, external_ref: LOOKALIKES.password }]);
		results.push(getAll);

		const chained = chain(fixture('elastic-path', 'get'), fixture('elastic-path', 'update'), NODE, {
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

		const update = await run(fixture('elastic-path', 'update'), creds(), [{ ...ids, externalRef: LOOKALIKES.bearer }]);
		expect(attributes().external_ref).toBe(LOOKALIKES.bearer);
		expect(jsonOf(update.output(NODE))[0]).toMatchObject({ name: `${LOOKALIKES.basic} v2`, external_ref: LOOKALIKES.bearer, changes: [{ field: 'external_ref', from: LOOKALIKES.password, to: LOOKALIKES.bearer }] });
		results.push(update);

		const before = structuredClone(attributes());
		const dry = await run(dryRun(fixture('elastic-path', 'update'), NODE), creds(), [{ ...ids, name: LOOKALIKES.basic, description: LOOKALIKES.password }]);
		expect(shownBody(dry, NODE)).toEqual({
			data: { id: EP_IDS.basicMonthly, type: 'subscription_offering_plan', attributes: { name: LOOKALIKES.basic, description: LOOKALIKES.password } },
		});
		expect(attributes()).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, elasticPath);
	});
});

describe('Lookalike resource data: BlendVision One', () => {
	const NODE = 'BlendVision One';
	const creds = () => credential(blendVision, 'blendvision', 'BlendVision One account');
	const ID = BV_IDS.lookalike;

	test('Get, Get Many, a Get chained into Update, plan changes and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const get = await run(fixture('blendvision-one', 'get'), creds(), [{ id: ID }]);
		const [org] = jsonOf(get.output(NODE));
		expect(org).toMatchObject({
			description: LOOKALIKES.password,
			business_setting: { category: LOOKALIKES.token },
			plans: [{ id: BV_PLANS.starter, name: 'Starter' }, { id: BV_PLANS.basicMonthly, name: LOOKALIKES.basic, group: LOOKALIKES.bearer }],
		});
		results.push(get);
		const getAll = await run(fixture('blendvision-one', 'getAll'), creds(), [{ name: 'Customer 128' }]);
		expect(jsonOf(getAll.output(NODE))).toMatchObject([{ id: ID, description: LOOKALIKES.password, business_setting: { category: LOOKALIKES.token } }]);
		results.push(getAll);

		const chained = chain(fixture('blendvision-one', 'get'), fixture('blendvision-one', 'update'), NODE, { subOrganization: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, planIds: [] });
		const next = chained.nodes.find((n) => n.name === `${NODE} (then)`)!;
		next.parameters.updateFields = { description: '={{ $json.description }} v2' };
		const described = await run(chained, creds(), [{ id: ID }]);
		expect(blendVision.subOrg(ID)).toMatchObject({ description: `${LOOKALIKES.password} v2`, business_setting: { category: LOOKALIKES.token } });
		expect(jsonOf(described.output(`${NODE} (then)`))[0].changes).toEqual([{ field: 'description', from: LOOKALIKES.password, to: `${LOOKALIKES.password} v2` }]);
		results.push(described);

		const plans = await run(fixture('blendvision-one', 'update'), creds(), [{ id: ID, planIds: [BV_PLANS.pro] }]);
		expect(blendVision.subOrg(ID).plan_ids).toEqual([BV_PLANS.starter, BV_PLANS.basicMonthly, BV_PLANS.pro]);
		expect(jsonOf(plans.output(NODE))[0]).toMatchObject({ plans: [{ name: 'Starter' }, { name: LOOKALIKES.basic, group: LOOKALIKES.bearer }, { name: 'Pro' }] });
		results.push(plans);

		const before = blendVision.subOrg(ID);
		const dry = await run(dryRun(fixture('blendvision-one', 'update'), NODE), creds(), [{ id: ID, description: LOOKALIKES.bearer }]);
		expect(shownBody(dry, NODE)).toMatchObject({ description: LOOKALIKES.bearer, business_setting: { category: LOOKALIKES.token } });
		expect(blendVision.subOrg(ID)).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, blendVision);
	});
});

describe('Lookalike resource data: Commvault', () => {
	const NODE = 'Commvault';
	const creds = () => credential(commvault, 'commvault', 'Commvault account');
	const ORG = 16;
	const names = (list: unknown) => (list as Array<{ planName: string }>).map((p) => p.planName);

	test('Get, Get Many, a Get chained into Update Plans, default plans and a dry run leave them as they are', async () => {
		const results: RunResult[] = [];
		const get = await run(fixture('commvault', 'get'), creds(), [{ orgId: ORG }]);
		const [org] = jsonOf(get.output(NODE));
		expect(org.name).toBe('Basic Monthly Ltd');
		expect(names(org.plans)).toEqual([LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token]);
		results.push(get);
		const getAll = await run(fixture('commvault', 'getAll'), creds());
		expect(jsonOf(getAll.output(NODE)).find((o) => o.id === ORG)).toMatchObject({ name: 'Basic Monthly Ltd', description: 'Basic Monthly Ltd tenant' });
		results.push(getAll);

		// Replace with the plans read plus one more: every name goes back exactly as read.
		const chained = chain(fixture('commvault', 'get'), fixture('commvault', 'updatePlans'), NODE, {
			organization: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			mode: 'replace',
			plans: `={{ [...$json.plans.map((p) => p.planName), ${JSON.stringify(LOOKALIKES.password)}] }}`,
			removeUnlisted: false,
		});
		const replaced = await run(chained, creds(), [{ orgId: ORG }]);
		expect(commvault.org(ORG).plans.sort()).toEqual([...LOOKALIKE_VALUES].sort());
		expect(names(jsonOf(replaced.output(`${NODE} (then)`))[0].plans).sort()).toEqual([...LOOKALIKE_VALUES].sort());
		results.push(replaced);

		const defaults = await run(fixture('commvault', 'updateDefaultPlans'), creds(), [{ orgId: ORG, plans: [LOOKALIKES.token] }]);
		expect(commvault.org(ORG).defaultPlans).toEqual([LOOKALIKES.basic, LOOKALIKES.token]);
		expect(jsonOf(defaults.output(NODE))[0].changes).toEqual([{ field: 'defaultPlans', from: [LOOKALIKES.basic], to: [LOOKALIKES.basic, LOOKALIKES.token] }]);
		results.push(defaults);

		const before = commvault.org(ORG);
		const dry = await run(dryRun(fixture('commvault', 'updatePlans'), NODE, { mode: 'replace' }), creds(), [{ orgId: ORG, plans: [LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token], removeUnlisted: true }]);
		const body = String(shownBody(dry, NODE));
		for (const name of [LOOKALIKES.basic, LOOKALIKES.bearer, LOOKALIKES.token]) expect(body).toContain(`planName="${name}"`);
		expect(commvault.org(ORG)).toEqual(before);
		results.push(dry);

		expectCleanRuns(results, commvault);
	});
});
