// Two n8n instances (regular mode, each its own SQLite and user folder, the package installed the self-hoster
// way) on one account of Partoo, BlendVision One and Instellix, 150 ms provider latency, a CPU load generator
// on the host (so each instance's event loop lags as on a busy worker). Each round sends, at the same moment,
// 10 webhook calls per provider for ONE resource (one organization, one sub-organization, one plan), each call
// its own change, alternating between the instances. Counted: changes lost (not at the provider after the
// round), untrue answers ("updated" for a change that is not there), failed calls, requests and time per
// update; first without contention (one call at a time). In each round the first two writes per provider
// meet a 429 with Retry-After: 1, so their copies, read before, land a second later: slow writers, as behind
// a provider's rate limit or a much busier worker. Figures: docs/CONCURRENCY.md.
//
// TWO_INSTANCES_ROUNDS (default 10), TWO_INSTANCES_LOAD (busy processes, default 2).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from '../blendvision-one/emulator';
import { InstellixEmulator } from '../instellix/emulator';
import { PARTOO_PLAN_NAMES, PartooEmulator } from '../partoo/emulator';
import { bvAddOn } from '../support/crm-burst';
import type { Emulator } from '../support/emulator';
import { type N8nServer, n8nCli, startN8n, step, writeImportFile } from '../support/n8n/n8n';
import { freePort } from '../queue/lib/services';
import { e2eState, freshUserFolder } from './lib/state';

const ROUNDS = Number(process.env.TWO_INSTANCES_ROUNDS ?? 10);
const CALLS = 10;
const LATENCY_MS = 150;
const LOAD = Number(process.env.TWO_INSTANCES_LOAD ?? 2);
// One resource per round (and one for the calls without contention), each new to both instances: a round
// does not meet the watch over the last one's changes (an emulator reset would look like an older copy).
const partooOrg = (r: number) => 5000 + r;
const bvSubOrg = (r: number) => `9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e60${String(r).padStart(2, '0')}`;
const instellixPlan = (r: number) => 4800 + r;

const partoo = new PartooEmulator();
const bv = new BlendVisionOneEmulator();
const instellix = new InstellixEmulator();
const emulators: Record<Provider, Emulator> = { partoo, blendVisionOne: bv, instellix };
type Provider = 'partoo' | 'blendVisionOne' | 'instellix';
const PROVIDERS: Provider[] = ['partoo', 'blendVisionOne', 'instellix'];
const { install } = e2eState();
const instances: N8nServer[] = [];
const load: ChildProcess[] = [];

/** Webhook → provider node (answering with the node's output), one workflow per provider. */
function workflow(provider: Provider) {
	const node = {
		partoo: {
			type: 'n8n-nodes-plan-provisioning.partoo',
			credentials: { partooApi: { id: 'partooTwoInst01', name: 'Partoo' } },
			parameters: {
				resource: 'organizationPlan',
				operation: 'addOrUpdate',
				organization: { __rl: true, mode: 'id', value: '={{ $json.body.orgId }}' },
				plans: '={{ $json.body.plans }}',
				expirationDate: '={{ $json.body.contractEnd }}',
			},
		},
		blendVisionOne: {
			type: 'n8n-nodes-plan-provisioning.blendVisionOne',
			credentials: { blendVisionOneApi: { id: 'bvOneTwoInst001', name: 'BlendVision One' } },
			parameters: {
				resource: 'subOrganization',
				operation: 'update',
				subOrganization: { __rl: true, mode: 'id', value: '={{ $json.body.id }}' },
				planMode: 'add',
				planIds: '={{ $json.body.planIds }}',
			},
		},
		instellix: {
			type: 'n8n-nodes-plan-provisioning.instellix',
			credentials: { instellixApi: { id: 'instellixTwoIn1', name: 'Instellix' } },
			parameters: {
				resource: 'plan',
				operation: 'update',
				plan: { __rl: true, mode: 'id', value: '={{ $json.body.planId }}' },
				properties: { set: [{ ident: '={{ $json.body.ident }}', value: '={{ $json.body.value }}' }] },
			},
		},
	}[provider];
	const id = `twoInst${provider.slice(0, 6)}000000`.slice(0, 16);
	return {
		id,
		name: `Two instances: ${provider}`,
		nodes: [
			{ id: `${id}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path: `two/${provider}`, responseMode: 'lastNode', options: {} } },
			{ id: `${id}-node`, name: 'Provider', typeVersion: 1, position: [220, 0], ...node },
		],
		connections: { Webhook: { main: [[{ node: 'Provider', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const credentials = () => [
	{ id: 'partooTwoInst01', ...partoo.credential() },
	{ id: 'bvOneTwoInst001', ...bv.credential() },
	{ id: 'instellixTwoIn1', ...instellix.credential() },
];

/** Call i of round r for a provider: its own change on the one resource. */
const payload = (provider: Provider, r: number, i: number) =>
	({
		partoo: { orgId: partooOrg(r), plans: [PARTOO_PLAN_NAMES[i]], contractEnd: `2027-${String((r % 12) + 1).padStart(2, '0')}-28` },
		blendVisionOne: { id: bvSubOrg(r), planIds: [bvAddOn(i)] },
		instellix: { planId: instellixPlan(r), ident: `deal_${r}_${i}`, value: `Deal ${r}-${i} won` },
	})[provider];

/** Whether call i of round r's change is at the provider now. */
function holds(provider: Provider, r: number, i: number): boolean {
	if (provider === 'partoo') return partoo.plans(partooOrg(r)).some((p) => p.name === PARTOO_PLAN_NAMES[i] && p.expiration_date === payload('partoo', r, i).contractEnd);
	if (provider === 'blendVisionOne') return bv.subOrg(bvSubOrg(r)).plan_ids.includes(bvAddOn(i));
	const properties = instellix.plan(instellixPlan(r)).properties as Array<{ ident: string; value: string }>;
	return properties.some((p) => p.ident === `deal_${r}_${i}` && p.value === `Deal ${r}-${i} won`);
}

interface Answer {
	provider: Provider;
	i: number;
	status: number;
	body: Record<string, unknown>;
	ms: number;
}

async function call(instance: N8nServer, provider: Provider, r: number, i: number): Promise<Answer> {
	const started = Date.now();
	const res = await fetch(`${instance.url}/webhook/two/${provider}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload(provider, r, i)),
		signal: AbortSignal.timeout(300_000),
	}).catch((error: unknown) => ({ status: 0, text: async () => String(error) }));
	const text = await res.text();
	let body: Record<string, unknown> = { text };
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// keep the text
	}
	return { provider, i, status: res.status, body, ms: Date.now() - started };
}

/** The seed, latency, the burst's plans, and a fresh resource per round at each provider. */
function prepare(): void {
	for (const e of Object.values(emulators)) {
		e.resetAll();
		e.latencyMs = LATENCY_MS;
	}
	bv.addAssignablePlans(Array.from({ length: CALLS }, (_, i) => ({ id: bvAddOn(i), name: `Add-on ${i + 1}` })));
	for (let r = 0; r <= ROUNDS; r++) {
		partoo.addOrg({ org_id: partooOrg(r), name: `Round ${r} Retail`, plans: [] });
		bv.add({ id: bvSubOrg(r), name: `Round ${r} Media`, parent_id: BV_IDS.north, owner_email: `owner@round${r}.example`, plan_ids: [BV_PLANS.starter] });
		instellix.addPlan({ ...instellix.plan(4711), id: instellixPlan(r), name: `Round ${r} Monthly` });
	}
}

/**
 * Waits until an instance serves a workflow's production webhook: a GET (which starts nothing) is answered
 * "not registered for GET" once the POST webhook is there, "not registered" before.
 */
async function webhookRegistered(instance: N8nServer, provider: Provider): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const res = await fetch(`${instance.url}/webhook/two/${provider}`).catch(() => undefined);
		const text = (await res?.text().catch(() => '')) ?? '';
		if (res?.ok || /POST request|for GET/i.test(text)) return;
		if (Date.now() > deadline) throw new Error(`${instance.url} did not register the ${provider} webhook: ${text.slice(0, 300)}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const requests = (provider: Provider) => emulators[provider].log.filter((l) => !l.path.includes('oauth2') && !l.path.includes('/token')).length;

beforeAll(async () => {
	for (const e of Object.values(emulators)) await e.start();
	const ports = [await freePort(), await freePort()];
	const first = freshUserFolder(ports[0]);
	const second = freshUserFolder(ports[1]);
	// Each instance starts a task-runner broker (default port 5679): one port each.
	first.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	second.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	const dir = path.join(first.dir, 'import');
	mkdirSync(dir, { recursive: true });
	for (const p of PROVIDERS) writeImportFile(dir, `${p}.json`, workflow(p));
	// Both instances: the same account (credentials) and workflows, each in a database of its own.
	const setUp = async (user: typeof first) => {
		const file = writeImportFile(user.dir, 'credentials.json', credentials());
		for (const args of [
			['import:credentials', `--input=${file}`],
			['import:workflow', '--separate', `--input=${dir}`],
			...PROVIDERS.map((p) => ['publish:workflow', `--id=${workflow(p).id}`]),
		]) {
			const result = await n8nCli(install, user.env, args);
			if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
		}
	};
	await Promise.all([setUp(first), setUp(second)]);
	step('starting two n8n instances');
	const started = await Promise.allSettled([startN8n(install, first.env), startN8n(install, second.env)]);
	for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
	for (const s of started) if (s.status === 'rejected') throw s.reason;
	for (const instance of instances) for (const p of PROVIDERS) await webhookRegistered(instance, p);
}, 600_000);

afterAll(async () => {
	for (const child of load) if (child.pid) process.kill(child.pid, 'SIGKILL');
	await Promise.all(instances.map((i) => i.stop()));
	await Promise.all(Object.values(emulators).map((e) => e.stop()));
});

test(`${ROUNDS} rounds of ${CALLS} simultaneous changes per provider on one resource over two instances under CPU load: none lost, no untrue answer`, async () => {
	const figures: Record<string, unknown> = {};
	// Without contention: one call at a time, on one instance, no load.
	prepare();
	const quiet: Record<string, { requestsPerUpdate: number; msPerUpdate: number }> = {};
	const quietBefore = Object.fromEntries(PROVIDERS.map((p) => [p, requests(p)]));
	for (const p of PROVIDERS) {
		const answers: Answer[] = [];
		for (let i = 0; i < 6; i++) answers.push(await call(instances[0], p, ROUNDS, i));
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		quiet[p] = { requestsPerUpdate: Math.round(((requests(p) - quietBefore[p]) / 6) * 10) / 10, msPerUpdate: percentile(answers.map((a) => a.ms), 50) };
	}
	figures.withoutContention = quiet;
	// The second instance answers too.
	for (const p of PROVIDERS) expect((await call(instances[1], p, ROUNDS, 6)).status).toBe(200);

	for (let n = 0; n < LOAD; n++) load.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
	const per: Record<Provider, { lost: number; untrue: number; failed: number; calls: number; requests: number; ms: number[]; repaired: number; reapplied: number; superseded: number }> = {
		partoo: { lost: 0, untrue: 0, failed: 0, calls: 0, requests: 0, ms: [], repaired: 0, reapplied: 0, superseded: 0 },
		blendVisionOne: { lost: 0, untrue: 0, failed: 0, calls: 0, requests: 0, ms: [], repaired: 0, reapplied: 0, superseded: 0 },
		instellix: { lost: 0, untrue: 0, failed: 0, calls: 0, requests: 0, ms: [], repaired: 0, reapplied: 0, superseded: 0 },
	};
	const untrue: string[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		// Slow writers too: the first two writes of a round meet a 429 (Retry-After: 1 s) and land their copy,
		// read before, a second later.
		const busy = { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too many requests' }, times: 2 };
		partoo.injectFault({ method: 'POST', path: `/v2/org/${partooOrg(r)}/plans`, ...busy });
		bv.injectFault({ method: 'PATCH', path: `/bv/org/v1/sub-orgs/${bvSubOrg(r)}`, ...busy });
		instellix.injectFault({ method: 'PUT', path: `/v2/plans/${instellixPlan(r)}`, ...busy });
		const before = Object.fromEntries(PROVIDERS.map((p) => [p, requests(p)]));
		const started = Date.now();
		const answers = await Promise.all(PROVIDERS.flatMap((p) => Array.from({ length: CALLS }, (_, i) => call(instances[i % 2], p, r, i))));
		for (const a of answers) {
			const f = per[a.provider];
			f.calls++;
			f.ms.push(a.ms);
			const there = holds(a.provider, r, a.i);
			if (a.status !== 200) {
				f.failed++;
				if (f.failed === 1) step(`${a.provider} call ${a.i} failed: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
			}
			if (!there) f.lost++;
			if (a.body.outcome === 'updated' && !there) {
				f.untrue++;
				untrue.push(`round ${r} ${a.provider} call ${a.i}: answered "updated", the change is not there`);
			}
			if (a.body.repaired) f.repaired++;
			if (a.body.reapplied) f.reapplied++;
			if (a.body.outcome === 'superseded') f.superseded++;
		}
		for (const p of PROVIDERS) per[p].requests += requests(p) - before[p];
		step(`round ${r + 1}/${ROUNDS}: ${Date.now() - started} ms; lost ${PROVIDERS.map((p) => `${p} ${per[p].lost}`).join(', ')}`);
	}
	figures.withContention = Object.fromEntries(
		PROVIDERS.map((p) => {
			const { ms, requests: count, ...rest } = per[p];
			return [p, { ...rest, requestsPerUpdate: Math.round((count / per[p].calls) * 10) / 10, msP50: percentile(ms, 50), msP95: percentile(ms, 95) }];
		}),
	);
	figures.settings = { rounds: ROUNDS, callsPerProviderPerRound: CALLS, latencyMs: LATENCY_MS, loadProcesses: LOAD };
	step(`two instances: ${JSON.stringify(figures)}`);
	expect(untrue).toEqual([]);
	expect(PROVIDERS.map((p) => [p, per[p].lost, per[p].failed])).toEqual(PROVIDERS.map((p) => [p, 0, 0]));
});
