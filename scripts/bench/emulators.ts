// The benchmark's emulator process: every provider emulator on 127.0.0.1 (free ports), each seeded with
// the benchmark's resources on top of its own seed data (again after every /__emulator/reset). Runs in a
// child process of scripts/bench/bench.ts, so the emulators' CPU is not counted as the node's.
// Prints one line `BENCH_EMULATORS {json}` (base URLs and credentials) once listening; SIGTERM stops it.
// BENCH_RESOURCES (environment) sets how many resources each emulator holds (default 1,000); the real-n8n
// runs never reset the emulators (a reset would also void the tokens n8n holds), they clear the request log
// (POST /__emulator/clear-log) and give each run resources no earlier run touched.
import type { Emulator } from '../../test/support/emulator';
import { BV_IDS, BV_PLANS, type BlendVisionOneEmulator } from '../../test/blendvision-one/emulator';
import type { CommvaultEmulator } from '../../test/commvault/emulator';
import { EP_IDS, type ElasticPathEmulator } from '../../test/elastic-path/emulator';
import { createEmulators } from '../../test/support/emulators';
import { individualPlan } from '../../test/support/customers';
import type { InstellixEmulator } from '../../test/instellix/emulator';
import type { PartooEmulator } from '../../test/partoo/emulator';
import { BENCH, BENCH_PARTOO_KEYS, benchIds } from './ids';

const RESOURCES = Math.min(Number(process.env.BENCH_RESOURCES ?? BENCH.resources), BENCH.maxResources);

function seedPartoo(e: PartooEmulator): void {
	// An account whose limit Partoo raised (the runs use Rate Limit 0): the benchmark measures n8n's cost per
	// request, not Partoo's 300 requests a minute per key (tested in test/partoo/rate-limit.test.ts).
	// The limits section (scripts/bench/limits.ts) sets the documented limit back (POST /__emulator/rate-limit).
	e.rateLimit = { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 };
	Object.values(BENCH_PARTOO_KEYS).forEach((key, n) => {
		e.users.set(key, { id: `5f0c1a2b3c4d5e6f7a8b9d${String(n).padStart(2, '0')}`, org_id: 1, role: 'PROVIDER', provider: 'acme', email: `bench${n}@acme.example` });
	});
	for (let n = 0; n < RESOURCES; n++) {
		e.addOrg({
			org_id: benchIds.partooOrg(n),
			name: `Bench org ${n}`,
			plans: [{ name: 'presence_management', subscription_date: '2025-01-01', expiration_date: null }],
		});
	}
}

function seedBlendVision(e: BlendVisionOneEmulator): void {
	for (let n = 0; n < RESOURCES; n++) {
		e.add({
			id: benchIds.bvSubOrg(n),
			name: `Bench sub-org ${n}`,
			parent_id: BV_IDS.south,
			owner_email: `owner@bench-${n}.example`,
			plan_ids: [BV_PLANS.starter],
		});
	}
}

function seedElasticPath(e: ElasticPathEmulator): void {
	// The newer API's single-plan GET (the older one makes every read list the offering's plans page by page).
	e.settings.singlePlanGet = true;
	const seats = e.offerings.get(EP_IDS.seats);
	if (!seats) throw new Error('Elastic Path seed has no seats offering');
	const template = seats.plans[0];
	const plans = Array.from({ length: RESOURCES }, (_, n) => {
		const plan = structuredClone(template);
		plan.id = benchIds.epPlan(n);
		plan.attributes.name = `Bench tier ${n}`;
		plan.attributes.fixed_price = { USD: { amount: 1000 + n, includes_tax: false } };
		return plan;
	});
	const resource = structuredClone(seats.resource);
	resource.id = benchIds.epOffering;
	resource.attributes.name = 'Bench offering';
	e.offerings.set(benchIds.epOffering, { resource, plans });
}

function seedCommvault(e: CommvaultEmulator): void {
	for (let n = 0; n < RESOURCES; n++) {
		const id = benchIds.commvaultOrg(n);
		e.orgs.set(id, {
			id,
			connectName: `Bench company ${n}`,
			domainName: `bench${n}`,
			description: `Bench company ${n} tenant`,
			enabled: true,
			plans: ['Server Gold'],
			defaultPlans: ['Server Gold'],
		});
	}
}

function seedInstellix(e: InstellixEmulator): void {
	for (let n = 0; n < RESOURCES; n++) e.addPlan(individualPlan(benchIds.instellixPlan(n), `Bench plan ${n}`));
}

/** Where an emulator keeps its request limit (Partoo: per API key; Elastic Path: per store), if it has one. */
function rateLimitOf(emulator: Emulator): { limit: number; windowMs: number } | undefined {
	if (emulator.name === 'partoo') return (emulator as PartooEmulator).rateLimit;
	if (emulator.name === 'elastic-path') return (emulator as ElasticPathEmulator).settings.rateLimit;
	return undefined;
}

/**
 * Adds POST /__emulator/clear-log (an empty request log; state, tokens and latency kept) and, for the
 * emulators that enforce a limit, POST /__emulator/rate-limit `{ limit, windowMs }` (Partoo's 300 per minute
 * per key, Elastic Path's 100 per second per store or a development store's 25).
 */
function controlEndpoints(emulator: Emulator): void {
	const target = emulator as unknown as { controlExtra: (method: string, path: string, body: Record<string, unknown>) => unknown };
	const own = target.controlExtra.bind(emulator);
	target.controlExtra = (method, path, body) => {
		if (method === 'POST' && path === '/__emulator/clear-log') {
			emulator.log.length = 0;
			return { status: 200, body: { cleared: true } };
		}
		const limit = rateLimitOf(emulator);
		if (method === 'POST' && path === '/__emulator/rate-limit' && limit) {
			Object.assign(limit, { limit: Number(body.limit), windowMs: Number(body.windowMs) });
			return { status: 200, body: limit };
		}
		return own(method, path, body);
	};
}

async function main(): Promise<void> {
	const emulators = createEmulators();
	const seeds: Record<string, (e: never) => void> = {
		partoo: seedPartoo,
		blendVisionOne: seedBlendVision,
		elasticPath: seedElasticPath,
		commvault: seedCommvault,
		instellix: seedInstellix,
	};
	const started: Record<string, { url: string; credential: unknown }> = {};
	for (const [key, emulator] of Object.entries(emulators) as Array<[string, Emulator]>) {
		const seed = seeds[key] as (e: Emulator) => void;
		emulator.afterReset = () => seed(emulator);
		controlEndpoints(emulator);
		emulator.afterReset();
		const url = await emulator.start(0);
		started[key] = { url, credential: emulator.credential() };
	}
	process.stdout.write(`BENCH_EMULATORS ${JSON.stringify(started)}\n`);
	const stop = async () => {
		await Promise.all(Object.values(emulators).map((e) => e.stop()));
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
	// Stop with the parent: the benchmark closes our stdin when it ends (or dies).
	process.stdin.on('end', () => void stop());
	process.stdin.resume();
}

void main();
