// Rounds of simultaneous changes to ONE resource per provider (Partoo, BlendVision One, Instellix) through real
// n8n processes, shared by the two-instance e2e test (regular mode) and the queue-mode suite (two workers).
// Three emulators of its own (150 ms latency), one webhook workflow per provider answering with the node's
// output, and per round a fresh resource at each provider (new to every process, so a round never meets the
// nodes' 30 s watch over an earlier round's changes: a reset would look like an older copy to it). In each
// round the first two writes per provider meet a 429 with Retry-After: 1: writes held a second after their
// read (before the node checked the resource after the wait, their copies landed a second later as older
// copies; now each is made anew if the resource changed); busy processes load the host's CPU. Counted per provider: changes lost (not at
// the provider after the round), untrue answers ("updated" for a change that is not there), failed calls,
// requests and time per update, answers that repaired, re-applied or were superseded.
import { type ChildProcess, spawn } from 'node:child_process';

import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from '../blendvision-one/emulator';
import { InstellixEmulator } from '../instellix/emulator';
import { PARTOO_PLAN_NAMES, PartooEmulator } from '../partoo/emulator';
import { bvAddOn } from './crm-burst';
import { CONTENTION_CREDENTIAL_IDS, CONTENTION_PROVIDERS, type ContentionProvider, contentionWebhookPath } from './contention-workflows';
import type { Emulator } from './emulator';
import { step } from './n8n/n8n';

export { CONTENTION_PROVIDERS, type ContentionProvider, contentionWebhookRegistered, contentionWorkflow } from './contention-workflows';

export interface ContentionSettings {
	rounds: number;
	/** Simultaneous calls per provider per round, each its own change (at most 10: Partoo has 11 plans). */
	calls: number;
	latencyMs: number;
	/** Busy processes (`for(;;){}`) on the host during the rounds. */
	loadProcesses: number;
}

export interface ContentionAnswer {
	provider: ContentionProvider;
	r: number;
	i: number;
	/** The n8n base URL the call went to. */
	url: string;
	/** HTTP status; 0 when no answer came. */
	status: number;
	body: Record<string, unknown>;
	ms: number;
}

export interface ProviderTally {
	lost: number;
	untrue: number;
	failed: number;
	calls: number;
	requests: number;
	ms: number[];
	repaired: number;
	reapplied: number;
	superseded: number;
}

/** Where call i of a round for a provider goes: the base URL of an n8n serving the contention webhooks. */
export type ContentionRoute = (provider: ContentionProvider, i: number) => string;

// One resource per round (round `rounds` for the calls without contention).
const partooOrg = (r: number) => 5000 + r;
const bvSubOrg = (r: number) => `9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e60${String(r).padStart(2, '0')}`;
const instellixPlan = (r: number) => 4800 + r;

export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const round1 = (n: number) => Math.round(n * 10) / 10;

export class Contention {
	readonly partoo = new PartooEmulator();
	readonly bv = new BlendVisionOneEmulator();
	readonly instellix = new InstellixEmulator();
	readonly emulators: Record<ContentionProvider, Emulator> = { partoo: this.partoo, blendVisionOne: this.bv, instellix: this.instellix };
	readonly settings: ContentionSettings;
	private readonly load: ChildProcess[] = [];

	constructor(settings: Partial<ContentionSettings> & { rounds: number }) {
		this.settings = { calls: 10, latencyMs: 150, loadProcesses: 2, ...settings };
	}

	async start(): Promise<void> {
		for (const e of Object.values(this.emulators)) await e.start();
	}

	async stop(): Promise<void> {
		this.stopLoad();
		await Promise.all(Object.values(this.emulators).map((e) => e.stop()));
	}

	/** The three workflows' n8n credentials, pointing at this instance's emulators (after start()). */
	credentials() {
		return CONTENTION_PROVIDERS.map((p) => ({ id: CONTENTION_CREDENTIAL_IDS[p], ...this.emulators[p].credential() }));
	}

	/** Call i of round r for a provider: its own change on the one resource. */
	payload(provider: ContentionProvider, r: number, i: number) {
		return {
			partoo: { orgId: partooOrg(r), plans: [PARTOO_PLAN_NAMES[i]], contractEnd: `2027-${String((r % 12) + 1).padStart(2, '0')}-28` },
			blendVisionOne: { id: bvSubOrg(r), planIds: [bvAddOn(i)] },
			instellix: { planId: instellixPlan(r), ident: `deal_${r}_${i}`, value: `Deal ${r}-${i} won` },
		}[provider];
	}

	/** Whether call i of round r's change is at the provider now. */
	holds(provider: ContentionProvider, r: number, i: number): boolean {
		if (provider === 'partoo') return this.partoo.plans(partooOrg(r)).some((p) => p.name === PARTOO_PLAN_NAMES[i] && p.expiration_date === this.payload('partoo', r, i).contractEnd);
		if (provider === 'blendVisionOne') return this.bv.subOrg(bvSubOrg(r)).plan_ids.includes(bvAddOn(i));
		const properties = this.instellix.plan(instellixPlan(r)).properties as Array<{ ident: string; value: string }>;
		return properties.some((p) => p.ident === `deal_${r}_${i}` && p.value === `Deal ${r}-${i} won`);
	}

	/** What the provider holds of round r's resource, in short (for a failure message). */
	held(provider: ContentionProvider, r: number): string {
		if (provider === 'partoo') return `plans ${JSON.stringify(this.partoo.plans(partooOrg(r)).map((p) => `${p.name} ${p.expiration_date ?? ''}`))}`;
		if (provider === 'blendVisionOne') {
			const addOns = Array.from({ length: this.settings.calls }, (_, i) => bvAddOn(i));
			const label = (id: string) => (addOns.includes(id) ? `add-on of call ${addOns.indexOf(id)}` : id === BV_PLANS.starter ? 'starter' : id);
			return `plan_ids ${JSON.stringify(this.bv.subOrg(bvSubOrg(r)).plan_ids.map(label))}`;
		}
		const properties = this.instellix.plan(instellixPlan(r)).properties as Array<{ ident: string; value: string }>;
		return `properties ${JSON.stringify(properties.map((p) => `${p.ident}=${p.value}`))}`;
	}

	async call(url: string, provider: ContentionProvider, r: number, i: number): Promise<ContentionAnswer> {
		const started = Date.now();
		const res = await fetch(`${url}/webhook/${contentionWebhookPath(provider)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(this.payload(provider, r, i)),
			signal: AbortSignal.timeout(300_000),
		}).catch((error: unknown) => ({ status: 0, text: async () => String(error) }));
		const text = await res.text();
		let body: Record<string, unknown> = { text };
		try {
			body = JSON.parse(text) as Record<string, unknown>;
		} catch {
			// keep the text
		}
		return { provider, r, i, url, status: res.status, body, ms: Date.now() - started };
	}

	/** Requests a provider's emulator received, sign-ins aside. */
	requests(provider: ContentionProvider): number {
		return this.emulators[provider].log.filter((l) => !l.path.includes('oauth2') && !l.path.includes('/token')).length;
	}

	/** The seed, latency, the burst's plans, and a fresh resource per round (and one more) at each provider. */
	prepare(): void {
		const { rounds, calls, latencyMs } = this.settings;
		for (const e of Object.values(this.emulators)) {
			e.resetAll();
			e.latencyMs = latencyMs;
		}
		this.bv.addAssignablePlans(Array.from({ length: calls }, (_, i) => ({ id: bvAddOn(i), name: `Add-on ${i + 1}` })));
		for (let r = 0; r <= rounds; r++) {
			this.partoo.addOrg({ org_id: partooOrg(r), name: `Round ${r} Retail`, plans: [] });
			this.bv.add({ id: bvSubOrg(r), name: `Round ${r} Media`, parent_id: BV_IDS.north, owner_email: `owner@round${r}.example`, plan_ids: [BV_PLANS.starter] });
			this.instellix.addPlan({ ...this.instellix.plan(4711), id: instellixPlan(r), name: `Round ${r} Monthly` });
		}
	}

	/** Without contention: `count` calls one at a time per provider to one n8n, on the spare resource, no load. */
	async withoutContention(url: string, count = 6) {
		const figures: Record<string, { requestsPerUpdate: number; msPerUpdate: number }> = {};
		const failed: ContentionAnswer[] = [];
		for (const p of CONTENTION_PROVIDERS) {
			const before = this.requests(p);
			const answers: ContentionAnswer[] = [];
			for (let i = 0; i < count; i++) answers.push(await this.call(url, p, this.settings.rounds, i));
			failed.push(...answers.filter((a) => a.status !== 200));
			figures[p] = { requestsPerUpdate: round1((this.requests(p) - before) / count), msPerUpdate: percentile(answers.map((a) => a.ms), 50) };
		}
		return { figures, failed, calls: count * CONTENTION_PROVIDERS.length };
	}

	startLoad(): void {
		for (let n = 0; n < this.settings.loadProcesses; n++) this.load.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
	}

	stopLoad(): void {
		for (const child of this.load.splice(0)) if (child.pid && child.exitCode === null) child.kill('SIGKILL');
	}

	/** Why an answer counts as lost, untrue or failed: the call, its answer and what the provider holds. */
	private describe(a: ContentionAnswer, what: string): string {
		const { outcome, changes, superseded, repaired, reapplied, confirmedAfterMs, message, error, text } = a.body;
		const answer = JSON.stringify({ outcome, changes, superseded, repaired, reapplied, confirmedAfterMs, message, error, text });
		return `round ${a.r} ${a.provider} call ${a.i} (${a.url}): ${what}; answered ${a.status} ${answer.slice(0, 1200)}; the provider holds ${this.held(a.provider, a.r)}`;
	}

	/**
	 * The rounds, under CPU load: per round, the 429 slow-writer faults, then all calls of all providers at the
	 * same moment, each to `route(provider, i)`; after the round, every call's change is looked for.
	 */
	async withContention(route: ContentionRoute) {
		const { rounds, calls } = this.settings;
		const per = Object.fromEntries(
			CONTENTION_PROVIDERS.map((p) => [p, { lost: 0, untrue: 0, failed: 0, calls: 0, requests: 0, ms: [], repaired: 0, reapplied: 0, superseded: 0 }]),
		) as unknown as Record<ContentionProvider, ProviderTally>;
		const problems = { untrue: [] as string[], lost: [] as string[], failed: [] as string[] };
		const answers: ContentionAnswer[] = [];
		this.startLoad();
		try {
			for (let r = 0; r < rounds; r++) {
				// The first two writes of a round meet a 429 (Retry-After: 1 s): sent again a second after their read,
				// as they were only if the resource is still as read.
				const busy = { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too many requests' }, times: 2 };
				this.partoo.injectFault({ method: 'POST', path: `/v2/org/${partooOrg(r)}/plans`, ...busy });
				this.bv.injectFault({ method: 'PATCH', path: `/bv/org/v1/sub-orgs/${bvSubOrg(r)}`, ...busy });
				this.instellix.injectFault({ method: 'PUT', path: `/v2/plans/${instellixPlan(r)}`, ...busy });
				const before = Object.fromEntries(CONTENTION_PROVIDERS.map((p) => [p, this.requests(p)]));
				const started = Date.now();
				const round = await Promise.all(CONTENTION_PROVIDERS.flatMap((p) => Array.from({ length: calls }, (_, i) => this.call(route(p, i), p, r, i))));
				for (const a of round) {
					const f = per[a.provider];
					f.calls++;
					f.ms.push(a.ms);
					const there = this.holds(a.provider, r, a.i);
					if (a.status !== 200) {
						f.failed++;
						problems.failed.push(this.describe(a, 'failed'));
						if (f.failed === 1) step(`${a.provider} call ${a.i} failed: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
					}
					if (!there) {
						f.lost++;
						problems.lost.push(this.describe(a, 'the change is not there'));
					}
					if (a.body.outcome === 'updated' && !there) {
						f.untrue++;
						problems.untrue.push(this.describe(a, 'answered "updated", the change is not there'));
					}
					if (a.body.repaired) f.repaired++;
					if (a.body.reapplied) f.reapplied++;
					if (a.body.outcome === 'superseded') f.superseded++;
				}
				answers.push(...round);
				for (const p of CONTENTION_PROVIDERS) per[p].requests += this.requests(p) - before[p];
				step(`round ${r + 1}/${rounds}: ${Date.now() - started} ms; lost ${CONTENTION_PROVIDERS.map((p) => `${p} ${per[p].lost}`).join(', ')}`);
			}
		} finally {
			this.stopLoad();
		}
		for (const line of [...problems.untrue, ...problems.lost, ...problems.failed]) step(line);
		const figures = Object.fromEntries(
			CONTENTION_PROVIDERS.map((p) => {
				const { ms, requests: count, ...rest } = per[p];
				return [p, { ...rest, requestsPerUpdate: round1(count / per[p].calls), msP50: percentile(ms, 50), msP95: percentile(ms, 95) }];
			}),
		);
		const { latencyMs, loadProcesses } = this.settings;
		return { per, problems, answers, figures, settings: { rounds, callsPerProviderPerRound: calls, latencyMs, loadProcesses } };
	}
}
