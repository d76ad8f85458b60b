// What the protection against concurrent executions costs (issue 15), per provider, in requests and wall
// time, without and with contention, at two latencies: prints a table (docs/BENCHMARKS.md quotes it).
//
//   npx ts-node --transpile-only scripts/bench/protection.ts [--latency 25,100] [--runs 10] [--burst 20]
//
// Without contention: `runs` single-item executions one after the other, each on another customer (a process
// that has run the node before: plan catalogs, currencies, sessions are known), median wall time per
// execution and requests per update. With contention: `burst` executions at the same moment on ONE resource,
// each a different change: wall time until the last ends, requests per execution, changes lost. Each with
// Confirm Write on (the default) and off. In-process (the test harness: n8n-core's WorkflowExecute) against
// the emulators, which add the latency to every answer.
//
// With --two-processes N: the burst N times per provider, every other execution in a second "process" (a second
// copy of every module of the package and the harness, so turns of its own, as a second queue-mode worker):
// changes lost and executions failed per run, with Confirm Write on and off.
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { addBurstPlans, bvAddOn, commvaultPlan, partooPlan } from '../../test/support/crm-burst';
import type { Emulator } from '../../test/support/emulator';
import { BV_PLANS } from '../../test/blendvision-one/emulator';
import { type CustomerEmulators, customer } from '../../test/support/customers';
import { EP_IDS } from '../../test/elastic-path/emulator';
import { createEmulators } from '../../test/support/emulators';
import { TestCredentialsHelper } from '../../test/support/harness/credentials';
import type * as Registry from '../../test/support/harness/registry';
import { registry } from '../../test/support/harness/registry';
import type * as Harness from '../../test/support/harness/run';
import { type WorkflowJson, loadWorkflow, runWorkflow } from '../../test/support/harness/run';
import { forgetAllPacing } from '../../nodes/core/pacing';
import { forgetAllShared } from '../../nodes/core/shared';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const LATENCIES = arg('latency', '25,100').split(',').map(Number);
const RUNS = Number(arg('runs', '10'));
const BURST = Number(arg('burst', '20'));
const TWO_PROCESSES = Number(arg('two-processes', '0'));
const SIGN_IN = /\/oauth\/access_token$|\/oauth2\/token$|\/Login$/;
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN'];

type Key = keyof CustomerEmulators;
interface Workload {
	key: Key;
	label: string;
	workflow: string;
	node: string;
	single: (k: number) => IDataObject;
	burst: (i: number) => IDataObject;
	/** Changes of the burst not in the provider's state. */
	lost: (e: CustomerEmulators) => number;
	/** How many different changes the burst has (Partoo's plans, a store's currencies); default the burst. */
	distinct?: number;
}

const wf = (provider: string, name: string) => `${__dirname}/../../test/${provider}/workflows/${name}.json`;
const c0 = customer(0);
const WORKLOADS: Workload[] = [
	{
		key: 'partoo',
		label: 'Partoo (add a plan)',
		workflow: wf('partoo', 'addOrUpdate'),
		node: 'Partoo',
		single: (k) => ({ orgId: customer(k + 1).partooOrgId, plans: ['webhooks'], contractEnd: '2027-06-30' }),
		burst: (i) => ({ orgId: c0.partooOrgId, plans: [partooPlan(i)], contractEnd: '2027-06-30' }),
		lost: (e) => new Set(Array.from({ length: BURST }, (_, i) => partooPlan(i)).filter((p) => !e.partoo.plans(c0.partooOrgId).some((q) => q.name === p))).size,
		distinct: 10,
	},
	{
		key: 'blendVisionOne',
		label: 'BlendVision One (add a plan)',
		workflow: wf('blendvision-one', 'update'),
		node: 'BlendVision One',
		single: (k) => ({ id: customer(k + 1).blendVisionSubOrgId, planIds: [BV_PLANS.enterprise] }),
		burst: (i) => ({ id: c0.blendVisionSubOrgId, planIds: [bvAddOn(i)] }),
		lost: (e) => Array.from({ length: BURST }, (_, i) => bvAddOn(i)).filter((p) => !e.blendVisionOne.subOrg(c0.blendVisionSubOrgId).plan_ids.includes(p)).length,
	},
	{
		key: 'elasticPath',
		label: 'Elastic Path (set a price)',
		workflow: wf('elastic-path', 'update'),
		node: 'Elastic Path Subscriptions',
		single: (k) => ({ offeringId: EP_IDS.seats, planId: EP_IDS.seat(k + 2), prices: [{ currency: 'EUR', amount: 900 + k, includesTax: true }] }),
		burst: (i) => ({ offeringId: EP_IDS.seats, planId: EP_IDS.seat(1), prices: [{ currency: CURRENCIES[i % 10], amount: 1000 + (i % 10), includesTax: true }] }),
		lost: (e) => {
			const prices = (e.elasticPath.plan(EP_IDS.seats, EP_IDS.seat(1))?.attributes.fixed_price ?? {}) as Record<string, { amount: number }>;
			return CURRENCIES.slice(0, Math.min(BURST, 10)).filter((code, i) => prices[code]?.amount !== 1000 + i).length;
		},
		distinct: 10,
	},
	{
		key: 'commvault',
		label: 'Commvault (associate a plan)',
		workflow: wf('commvault', 'updatePlans'),
		node: 'Commvault',
		single: (k) => ({ orgId: customer(k + 1).commvaultOrgId, plans: ['Cloud Archive'] }),
		burst: (i) => ({ orgId: c0.commvaultOrgId, plans: [commvaultPlan(i)] }),
		lost: (e) => Array.from({ length: BURST }, (_, i) => commvaultPlan(i)).filter((p) => !e.commvault.org(c0.commvaultOrgId).plans.includes(p)).length,
	},
	{
		key: 'instellix',
		label: 'Instellix (set a property)',
		workflow: wf('instellix', 'updateProperties'),
		node: 'Instellix',
		single: (k) => ({ planId: customer(k + 1).instellixPlanId, propertyIdent: 'crm_deal', propertyValue: `deal-${k}` }),
		burst: (i) => ({ planId: c0.instellixPlanId, propertyIdent: `deal_${i + 1}`, propertyValue: `Deal ${i + 1} won` }),
		lost: (e) => {
			const idents = (e.instellix.plan(c0.instellixPlanId).properties as Array<{ ident: string }>).map((p) => p.ident);
			return Array.from({ length: BURST }, (_, i) => `deal_${i + 1}`).filter((p) => !idents.includes(p)).length;
		},
	},
];

/**
 * A second copy of the harness and of every module of the package (its own turns and shared facts), as a
 * second n8n process would have; libraries (n8n-core, n8n-workflow) stay shared, as they hold no such state.
 */
function secondProcess(): typeof runWorkflow {
	registry(); // the first process's node types, loaded before the copy is made
	const root = path.resolve(__dirname, '../..');
	const ours = (key: string) => key.startsWith(root) && !key.includes(`${path.sep}node_modules${path.sep}`);
	const first = Object.entries(require.cache).filter(([key]) => ours(key));
	for (const [key] of first) delete require.cache[key];
	/* eslint-disable @typescript-eslint/no-require-imports */
	const second = (require('../../test/support/harness/run') as typeof Harness).runWorkflow;
	(require('../../test/support/harness/registry') as typeof Registry).registry();
	/* eslint-enable @typescript-eslint/no-require-imports */
	for (const [key, module] of first) require.cache[key] = module;
	return second;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const withConfirm = (workflow: WorkflowJson, node: string, confirm: boolean): WorkflowJson => {
	const copy = structuredClone(workflow);
	const n = copy.nodes.find((x) => x.name === node)!;
	n.parameters = { ...n.parameters, options: { ...((n.parameters.options as IDataObject) ?? {}), confirmWrite: confirm } };
	return copy;
};

async function measure(emulators: CustomerEmulators, w: Workload, latencyMs: number, confirm: boolean, setupOnly = false) {
	const all = Object.values(emulators) as Emulator[];
	const emulator = emulators[w.key] as Emulator;
	const workflow = withConfirm(loadWorkflow(w.workflow), w.node, confirm);
	const node = workflow.nodes.find((n) => n.name === w.node)!;
	const credentials = [{ ...emulator.credential(), id: Object.values(node.credentials ?? {})[0].id as string }];
	const prepare = () => {
		for (const e of all) e.resetAll();
		forgetAllShared();
		forgetAllPacing();
		addBurstPlans(emulators, BURST);
		emulators.elasticPath.currencies = CURRENCIES.map((code) => ({ code, enabled: true, default: code === 'USD' }));
		emulators.elasticPath.settings.rateLimit = { limit: 100_000, windowMs: 1000 };
		emulator.latencyMs = latencyMs;
	};
	const apiRequests = () => emulator.log.filter((r) => !SIGN_IN.test(r.path)).length;
	const execute = async (item: IDataObject, helper: TestCredentialsHelper, run = runWorkflow) => {
		const result = await run(workflow, { credentials, items: [item], credentialsHelper: helper });
		if (result.error) throw new Error(`${w.label}: ${result.error.message}`);
		return result.output(w.node)[0]?.json ?? {};
	};

	if (setupOnly) return { single: undefined, burst: undefined, prepare, execute };
	prepare();
	const helper = new TestCredentialsHelper();
	await execute(w.single(RUNS), helper); // a process that has run the node before
	emulator.log.length = 0;
	const times: number[] = [];
	for (let k = 0; k < RUNS; k++) {
		const t0 = performance.now();
		await execute(w.single(k), helper);
		times.push(performance.now() - t0);
	}
	const single = { msPerUpdate: median(times), requestsPerUpdate: apiRequests() / RUNS };

	prepare();
	const burstHelper = new TestCredentialsHelper();
	await execute(w.single(RUNS + 1), burstHelper);
	emulator.log.length = 0;
	const t0 = performance.now();
	const failures = (await Promise.allSettled(Array.from({ length: BURST }, (_, i) => execute(w.burst(i), burstHelper)))).filter((r) => r.status === 'rejected');
	const burst = { wallMs: performance.now() - t0, requestsPerExecution: apiRequests() / BURST, lost: w.lost(emulators), failed: failures.length };
	return { single, burst, prepare, execute };
}

/** The burst `times` times, every other execution in the second process: lost changes, failed executions, writes again. */
async function acrossProcesses(emulators: CustomerEmulators, w: Workload, latencyMs: number, confirm: boolean, second: typeof runWorkflow, times: number) {
	const { prepare, execute } = await measure(emulators, w, latencyMs, confirm, true);
	const totals = { runsWithLoss: 0, lost: 0, failed: 0, reapplied: 0, superseded: 0 };
	for (let r = 0; r < times; r++) {
		prepare();
		const helpers = [new TestCredentialsHelper(), new TestCredentialsHelper()];
		// One execution per different change, so no change is made twice (a lost one would not show).
		const count = Math.min(BURST, w.distinct ?? BURST);
		const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => execute(w.burst(i), helpers[i % 2], i % 2 ? second : runWorkflow)));
		const lost = w.lost(emulators);
		totals.lost += lost;
		if (lost > 0) totals.runsWithLoss++;
		for (const result of results) {
			if (result.status === 'rejected') totals.failed++;
			else {
				totals.reapplied += Number(result.value.reapplied ?? 0);
				if (result.value.outcome === 'superseded') totals.superseded++;
			}
		}
	}
	return totals;
}

async function main(): Promise<void> {
	const emulators = createEmulators({ customers: 60 }) as unknown as CustomerEmulators;
	for (const e of Object.values(emulators) as Emulator[]) await e.start();
	const rows: string[] = [];
	try {
		if (TWO_PROCESSES > 0) {
			await twoProcessRows(emulators, rows);
			return;
		}
		for (const latency of LATENCIES) {
			for (const w of WORKLOADS) {
				for (const confirm of [true, false]) {
					const { single, burst } = await measure(emulators, w, latency, confirm);
					if (!single || !burst) continue;
					const row = `| ${w.label} | ${latency} | ${confirm ? 'on' : 'off'} | ${single.requestsPerUpdate.toFixed(1)} | ${Math.round(single.msPerUpdate)} | ${Math.round(burst.wallMs)} | ${burst.requestsPerExecution.toFixed(1)} | ${burst.lost}${burst.failed ? ` (${burst.failed} failed)` : ''} |`;
					rows.push(row);
					process.stderr.write(`${row}\n`);
				}
			}
		}
	} finally {
		for (const e of Object.values(emulators) as Emulator[]) await e.stop();
	}
	console.log(`\nProtection cost (runs ${RUNS}, burst ${BURST}, ${new Date().toISOString()}, ${process.version})\n`);
	console.log('| Provider (change) | Latency (ms) | Confirm Write | Requests per update | ms per update | Burst: wall ms | Burst: requests per execution | Burst: changes lost |');
	console.log('|---|---|---|---|---|---|---|---|');
	for (const row of rows) console.log(row);
}

async function twoProcessRows(emulators: CustomerEmulators, rows: string[]): Promise<void> {
	const second = secondProcess();
	for (const latency of LATENCIES) {
		for (const w of WORKLOADS) {
			for (const confirm of [true, false]) {
				const t = await acrossProcesses(emulators, w, latency, confirm, second, TWO_PROCESSES);
				const row = `| ${w.label} | ${latency} | ${confirm ? 'on' : 'off'} | ${Math.min(BURST, w.distinct ?? BURST)} | ${t.runsWithLoss} of ${TWO_PROCESSES} | ${t.lost} | ${t.failed} | ${t.reapplied} | ${t.superseded} |`;
				rows.push(row);
				process.stderr.write(`${row}\n`);
			}
		}
	}
	console.log(`\nTwo processes, ${TWO_PROCESSES} bursts per row (${new Date().toISOString()}, ${process.version})\n`);
	console.log('| Provider (change) | Latency (ms) | Confirm Write | Executions per burst | Bursts with a lost change | Changes lost | Executions failed | Writes again | Superseded |');
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) console.log(row);
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
