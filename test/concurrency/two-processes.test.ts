// Two n8n processes in one test: the second gets its own copy of every module (jest.isolateModules), so its
// turns and shared facts are its own, as in a second queue-mode worker. Executions of both change one
// resource at the same moment; only the confirming read and the re-apply stand between them and a lost
// change (with Confirm Write off, runs of these tests lost 5 of Partoo's 11 plans, 10 of BlendVision One's 20,
// 11 of Instellix's 20 properties). The real thing runs in test/queue (two workers); this is the fast version.
import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BV_TOKENS, BlendVisionOneEmulator } from '../blendvision-one/emulator';
import { InstellixEmulator } from '../instellix/emulator';
import { PARTOO_PLAN_NAMES, PartooEmulator } from '../partoo/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import type * as Registry from '../support/harness/registry';
import type * as Harness from '../support/harness/run';
import type * as Settle from '../../nodes/core/settle';
import type * as Turns from '../../nodes/core/turns';
import type * as Watch from '../../nodes/core/watch';
import { takeTurn } from '../../nodes/core/turns';
import { runWorkflow } from '../support/harness/run';
import { useEmulator, workflowFrom } from '../support/helpers';
import { bvAddOn } from '../support/crm-burst';
import { falseUpdates, outputsOf } from '../drivers/history';

// The second process starts each test fresh too (the first one's state is reset by useEmulator).
beforeEach(() => {
	secondSettle.resetSettle();
	secondWatch.resetWatches();
});

let secondProcess!: typeof Harness.runWorkflow;
let secondTurns!: typeof Turns;
let secondSettle!: typeof Settle;
let secondWatch!: typeof Watch;
jest.isolateModules(() => {
	/* eslint-disable @typescript-eslint/no-require-imports */
	secondProcess = (require('../support/harness/run') as typeof Harness).runWorkflow;
	// Load the second process's node types now: modules required later come from the first process's registry.
	(require('../support/harness/registry') as typeof Registry).registry();
	secondTurns = require('../../nodes/core/turns') as typeof Turns;
	secondSettle = require('../../nodes/core/settle') as typeof Settle;
	secondWatch = require('../../nodes/core/watch') as typeof Watch;
	/* eslint-enable @typescript-eslint/no-require-imports */
});

test('the second process has turns of its own', async () => {
	const release = await takeTurn('org 44', 1000);
	// Held in the first process; the second does not see it.
	(await secondTurns.takeTurn('org 44', 10))();
	release();
});

const partoo = useEmulator(new PartooEmulator());
const bv = useEmulator(new BlendVisionOneEmulator());
const instellix = useEmulator(new InstellixEmulator());
const wf = (provider: string, name: string) => workflowFrom(`${__dirname}/../${provider}`, name);

/** `count` executions at the same moment, every other one in the second process. */
async function acrossTwoProcesses(count: number, workflow: Harness.WorkflowJson, credentials: StoredCredential[], item: (i: number) => IDataObject) {
	return await Promise.all(
		Array.from({ length: count }, (_, i) => (i % 2 === 0 ? runWorkflow : secondProcess)(workflow, { credentials, items: [item(i)] })),
	);
}

describe('two processes change one resource at the same moment', () => {
	test('Partoo: 11 executions (one per plan Partoo has), every plan there', async () => {
		partoo.latencyMs = 20;
		const results = await acrossTwoProcesses(11, wf('partoo', 'addOrUpdate'), [{ ...partoo.credential(), id: 'partoo' }], (i) => ({
			orgId: 44,
			plans: [PARTOO_PLAN_NAMES[i]],
			contractEnd: '2027-06-30',
		}));
		const outputs = outputsOf(results, 'Partoo');
		expect(partoo.plans(44).map((p) => p.name).sort()).toEqual([...PARTOO_PLAN_NAMES].sort());
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
	});

	test('BlendVision One: 20 executions, every plan there', async () => {
		bv.addAssignablePlans(Array.from({ length: 20 }, (_, i) => ({ id: bvAddOn(i), name: `Add-on ${i}` })));
		bv.latencyMs = 20;
		const { type, data } = bv.credential();
		const credentials = [{ id: 'blendvision', name: 'BV', type, data: { ...data, apiToken: BV_TOKENS.owner, orgId: BV_IDS.org } }];
		const results = await acrossTwoProcesses(20, wf('blendvision-one', 'update'), credentials, (i) => ({ id: BV_IDS.acme, planIds: [bvAddOn(i)] }));
		outputsOf(results, 'BlendVision One');
		expect(bv.subOrg(BV_IDS.acme).plan_ids.sort()).toEqual([BV_PLANS.starter, BV_PLANS.pro, ...Array.from({ length: 20 }, (_, i) => bvAddOn(i))].sort());
	});

	test('Instellix: 20 executions, every property there', async () => {
		instellix.latencyMs = 20;
		const results = await acrossTwoProcesses(20, wf('instellix', 'updateProperties'), [{ ...instellix.credential(), id: 'instellix' }], (i) => ({
			planId: 4711,
			propertyIdent: `deal_${i + 1}`,
			propertyValue: `Deal ${i + 1} won`,
		}));
		outputsOf(results, 'Instellix');
		const idents = (instellix.plan(4711).properties as Array<{ ident: string }>).map((p) => p.ident);
		expect(Array.from({ length: 20 }, (_, i) => `deal_${i + 1}`).filter((d) => !idents.includes(d))).toEqual([]);
	});
});

// A slow writer: each write lands 400 ms after it is sent (a busy host's event loop, a retry, pacing), far past
// the fixed 100 ms pause before the confirming read of earlier versions. An older copy read while another
// process's write was on its way then lands after that write was confirmed. Earlier versions lost plans here
// and answered "updated" for them; now the pause follows the gaps this process sees, and later reads and one
// later confirmation put back what an older copy undid.
describe('two processes change one resource at the same moment, and every write lands 400 ms late', () => {
	const slowWrites = (emulator: { injectFault: (f: object) => void }, method: string, path: string | RegExp) =>
		emulator.injectFault({ method, path, applyFirst: true, holdMs: 400, times: 1000 });

	test('Partoo: 11 executions, every plan there, every answer true', async () => {
		partoo.latencyMs = 20;
		slowWrites(partoo, 'POST', '/v2/org/44/plans');
		const results = await acrossTwoProcesses(11, wf('partoo', 'addOrUpdate'), [{ ...partoo.credential(), id: 'partoo' }], (i) => ({
			orgId: 44,
			plans: [PARTOO_PLAN_NAMES[i]],
			contractEnd: '2027-06-30',
		}));
		const outputs = outputsOf(results, 'Partoo');
		const plans = partoo.plans(44);
		const held = (field: string) => {
			const plan = plans.find((p) => `plans.${p.name}` === field);
			return plan ? { expiration_date: plan.expiration_date } : null;
		};
		expect(falseUpdates(outputs, held, PARTOO_PLAN_NAMES.map((n) => `plans.${n}`))).toEqual([]);
		expect(plans.map((p) => p.name).sort()).toEqual([...PARTOO_PLAN_NAMES].sort());
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
		for (const o of outputs) expect(o.confirmedAfterMs).toEqual(expect.any(Number));
	});

	test('BlendVision One: 20 executions, every plan there, every answer true', async () => {
		bv.addAssignablePlans(Array.from({ length: 20 }, (_, i) => ({ id: bvAddOn(i), name: `Add-on ${i}` })));
		bv.latencyMs = 20;
		slowWrites(bv, 'PATCH', `/bv/org/v1/sub-orgs/${BV_IDS.acme}`);
		const { type, data } = bv.credential();
		const credentials = [{ id: 'blendvision', name: 'BV', type, data: { ...data, apiToken: BV_TOKENS.owner, orgId: BV_IDS.org } }];
		const results = await acrossTwoProcesses(20, wf('blendvision-one', 'update'), credentials, (i) => ({ id: BV_IDS.acme, planIds: [bvAddOn(i)] }));
		const outputs = outputsOf(results, 'BlendVision One');
		const held = bv.subOrg(BV_IDS.acme).plan_ids;
		expect(Array.from({ length: 20 }, (_, i) => bvAddOn(i)).filter((id) => !held.includes(id))).toEqual([]);
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
	});

	test('Instellix: 20 executions, every property there, every answer true', async () => {
		instellix.latencyMs = 20;
		slowWrites(instellix, 'PUT', '/v2/plans/4711');
		const results = await acrossTwoProcesses(20, wf('instellix', 'updateProperties'), [{ ...instellix.credential(), id: 'instellix' }], (i) => ({
			planId: 4711,
			propertyIdent: `deal_${i + 1}`,
			propertyValue: `Deal ${i + 1} won`,
		}));
		const outputs = outputsOf(results, 'Instellix');
		const idents = (instellix.plan(4711).properties as Array<{ ident: string }>).map((p) => p.ident);
		expect(Array.from({ length: 20 }, (_, i) => `deal_${i + 1}`).filter((d) => !idents.includes(d))).toEqual([]);
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
	});
});

// A write that meets a 429 (or a 5xx) is sent again after the wait the provider asks for. Sent as it was, it
// would be a copy of the resource as read before the wait: another process's change confirmed meanwhile would
// be undone long after any confirming read (Partoo asks for 60 s after its per-minute limit). After the wait
// the node reads the resource again; if it changed, the write is made anew from the fresh read.
describe('a write that waited for Retry-After is not sent again as an older copy', () => {
	test('Partoo: the other process\'s plan, confirmed during the wait, is still there, and both answers are true', async () => {
		partoo.latencyMs = 20;
		partoo.injectFault({ method: 'POST', path: '/v2/org/44/plans', status: 429, headers: { 'Retry-After': '2' }, body: { errors: { json: 'Too many requests' } } });
		const results = await acrossTwoProcesses(2, wf('partoo', 'addOrUpdate'), [{ ...partoo.credential(), id: 'partoo' }], (i) => ({
			orgId: 44,
			plans: [PARTOO_PLAN_NAMES[i]],
			contractEnd: '2027-06-30',
		}));
		const outputs = outputsOf(results, 'Partoo');
		expect(partoo.plans(44).map((p) => p.name).sort()).toEqual([PARTOO_PLAN_NAMES[0], PARTOO_PLAN_NAMES[1]].sort());
		expect(outputs.map((o) => o.outcome)).toEqual(['updated', 'updated']);
		// The write that waited was made from a fresh read: no change needed writing twice.
		expect(outputs.map((o) => o.reapplied ?? 0)).toEqual([0, 0]);
	});
});
