// `npm run bench -- --only limits`: bulk runs against emulators that enforce each provider's documented
// limit (Partoo 300 requests a minute per API key, Retry-After 60; Elastic Path 100 requests a second per
// store, 25 on a development store). Per provider: our node with its defaults, the HTTP Request workflow as
// a careful user builds it (Batching at the documented rate, Retry On Fail on), and two executions of our
// node started together on one account. BlendVision One, Commvault and Instellix document no limit.
// Partoo's three runs use three API keys (the limit is per key) and run at the same time; Elastic Path's
// limit is the store's, so its runs go one after the other, alongside Partoo's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { EP_STORE_LIMITS } from '../../test/elastic-path/emulator';
import { type N8nInstall, step } from '../../test/support/n8n/n8n';
import { EmulatorProcess, type LogEntry, type ProviderKey } from './control';
import { BENCH_PARTOO_KEYS } from './ids';
import { type LimitCase, type LimitRun, type LimitsResults, type LimitVariant, limitMinimums, renderLimits } from './limits-report';
import { type N8nRunFigures, type N8nWorkflowSpec, RealN8n } from './realn8n';
import { type BenchResults, writeDocs as writeReport } from './report';
import { type Batching, type GenericCredential, WORKLOADS, itemsFor } from './workloads';

export const LIMIT_LATENCY_MS = 100;

/** Retry On Fail as a careful user sets it: the most tries and the longest wait n8n's editor allows. */
const RETRY = { maxTries: 5, waitBetweenTries: 5000 };

interface CaseSpec {
	provider: ProviderKey;
	store?: 'production' | 'development';
	limit: { limit: number; windowMs: number; per: string };
	retryAfterSeconds?: number;
	/** Our node's options besides its defaults (a development store's Rate Limit). */
	ourOptions: IDataObject;
	/** The HTTP Request node's Batching: the documented rate per second. */
	batching: Batching;
}

export const LIMIT_CASES: CaseSpec[] = [
	{ provider: 'partoo', limit: { limit: 300, windowMs: 60_000, per: 'minute per API key' }, retryAfterSeconds: 60, ourOptions: {}, batching: { batchSize: 5, batchInterval: 1000 } },
	{ provider: 'elasticPath', store: 'production', limit: { ...EP_STORE_LIMITS.production, per: 'second per store' }, ourOptions: {}, batching: { batchSize: 100, batchInterval: 1000 } },
	{ provider: 'elasticPath', store: 'development', limit: { ...EP_STORE_LIMITS.development, per: 'second per store' }, ourOptions: { rateLimit: 25 }, batching: { batchSize: 25, batchInterval: 1000 } },
];

const code = (c: CaseSpec) => `${c.provider === 'partoo' ? 'pt' : 'ep'}${c.store === 'development' ? 'd' : 'p'}`;

/** Partoo's runs each get their own API key (credentials imported with the workflows). */
export function limitCredentials(emulators: EmulatorProcess): GenericCredential[] {
	const { url } = emulators.emulators.partoo;
	const ours = (id: string, apiKey: string): GenericCredential => ({ id, name: `Partoo limits ${id}`, type: 'partooApi', data: { apiKey, environment: 'custom', baseUrl: `${url}/v2` } });
	return [
		ours('benchPtLimOurs01', BENCH_PARTOO_KEYS.ours),
		ours('benchPtLimTwo001', BENCH_PARTOO_KEYS.two),
		{ id: 'benchPtLimHttp01', name: 'Partoo limits header auth', type: 'httpHeaderAuth', data: { name: 'x-apikey', value: BENCH_PARTOO_KEYS.http } },
	];
}

/** The workflows of one case: ours, the HTTP Request workflow, and the two executions of ours. */
export function limitSpecs(c: CaseSpec, emulators: EmulatorProcess): Record<'ours' | 'oursC20' | 'http' | 'twoA' | 'twoB', N8nWorkflowSpec> {
	const workload = WORKLOADS[c.provider];
	const partoo = c.provider === 'partoo';
	const cred = (id: string) => (partoo ? { id, name: `Partoo limits ${id}` } : undefined);
	const base = { workload, concurrency: 5, batching: c.batching, answerAtOnce: true } as const;
	const ours = (id: string, credential: string): N8nWorkflowSpec => ({ ...base, id: `benchlim${code(c)}${id}`.padEnd(16, '0'), side: 'ours', defaults: true, nodeOptions: c.ourOptions, ourCredential: cred(credential) });
	return {
		ours: ours('ours', 'benchPtLimOurs01'),
		// Concurrency 20: as many requests in flight as reach Elastic Path's limit at 100 ms (the default 5 do not).
		oursC20: { ...ours('c20', 'benchPtLimOurs01'), nodeOptions: { ...c.ourOptions, concurrency: 20 } },
		twoA: ours('twoa', 'benchPtLimTwo001'),
		twoB: ours('twob', 'benchPtLimTwo001'),
		http: {
			...base,
			id: `benchlim${code(c)}http`.padEnd(16, '0'),
			side: 'http',
			retry: RETRY,
			httpCredential: partoo ? limitCredentials(emulators)[2] : undefined,
		},
	};
}

/** The requests of a run: those naming one of its resources, and (Elastic Path) the store-wide ones sent meanwhile. */
function logOf(emulators: EmulatorProcess, provider: ProviderKey, items: IDataObject[], from: number): () => Promise<LogEntry[]> {
	const ids = new Set(items.map((i) => String(provider === 'partoo' ? i.orgId : i.planId)));
	return async () =>
		(await emulators.log(provider)).filter((e) => e.at >= from && (e.path.split('/').some((part) => ids.has(part)) || (provider === 'elasticPath' && !e.path.includes('/plans/'))));
}

function runOf(variant: LimitVariant, executions: N8nRunFigures[], starts: number[], c: CaseSpec, latencyMs: number): LimitRun {
	const end = Math.max(...executions.map((f, i) => starts[i] + (f.execMs ?? Number.NaN)));
	const counted = executions.reduce((n, f) => n + f.requests - f.rateLimited - f.tokenRequests, 0);
	return { variant, executions, wallMs: end - Math.min(...starts), ...limitMinimums(counted, c.limit, latencyMs) };
}

/** Runs one case's three runs; Partoo's at the same time (three keys), Elastic Path's one after the other. */
async function runCase(c: CaseSpec, n8n: RealN8n, emulators: EmulatorProcess, items: number, next: (count: number) => IDataObject[]): Promise<LimitCase> {
	const specs = limitSpecs(c, emulators);
	await emulators.rateLimit(c.provider, c.limit.limit, c.limit.windowMs);
	const name = `${WORKLOADS[c.provider].label}${c.store ? ` (${c.store} store)` : ''}`;
	// Each run starts on an empty window: runs of one account (Elastic Path's store) wait a window between them.
	const quiet = async () => await new Promise((resolve) => setTimeout(resolve, c.provider === 'partoo' ? 0 : c.limit.windowMs + 1000));
	const one = async (variant: 'ours' | 'oursC20' | 'http'): Promise<LimitRun> => {
		await quiet();
		const batch = next(items);
		const { started, finish } = await n8n.startLong(specs[variant], batch);
		const figures = await finish(logOf(emulators, c.provider, batch, started));
		const run = runOf(variant, [figures], [started], c, LIMIT_LATENCY_MS);
		step(`${name} ${variant}: ${line(run)}`);
		return run;
	};
	const two = async (): Promise<LimitRun> => {
		await quiet();
		const batches = [next(items), next(items)];
		const runs = await Promise.all([n8n.startLong(specs.twoA, batches[0]), n8n.startLong(specs.twoB, batches[1])]);
		const executions = await Promise.all(runs.map((r, i) => r.finish(logOf(emulators, c.provider, batches[i], r.started))));
		const run = runOf('two', executions, runs.map((r) => r.started), c, LIMIT_LATENCY_MS);
		step(`${name} two executions: ${line(run)}`);
		return run;
	};
	const runs = c.provider === 'partoo' ? await Promise.all([one('ours'), one('http'), two()]) : [await one('ours'), await one('oursC20'), await one('http'), await two()];
	return { provider: c.provider, store: c.store, label: name, limit: c.limit, retryAfterSeconds: c.retryAfterSeconds, batching: c.batching, retry: RETRY, items, runs };
}

function line(run: LimitRun): string {
	return run.executions
		.map((f) => `${f.items} items in ${((f.execMs ?? Number.NaN) / 1000).toFixed(1)} s (nodes ${(f.nodesMs / 1000).toFixed(1)} s), ${f.requests} requests, ${f.rateLimited}×429, ${f.lost} lost, ${f.errorItems} error items${f.runError ? `, error: ${f.runError.slice(0, 160)}` : ''}`)
		.join(' | ')
		.concat(`; minimum ${(run.minimumRateMs / 1000).toFixed(1)} s (requests ÷ rate), ${(run.minimumWindowMs / 1000).toFixed(1)} s (sliding window)`);
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

/** Runs the section: Partoo's case alongside Elastic Path's two, one after the other. */
export async function runLimits(
	n8n: RealN8n,
	emulators: EmulatorProcess,
	items: number,
	spare: (provider: ProviderKey, count: number) => number,
): Promise<Omit<LimitsResults, 'command' | 'machine' | 'durationMs'>> {
	const uptimeBefore = uptime();
	step(`limits: ${items} updates per run at ${LIMIT_LATENCY_MS} ms; load: ${uptimeBefore}`);
	for (const p of ['partoo', 'elasticPath'] as const) await emulators.latency(p, LIMIT_LATENCY_MS);
	const next = (provider: ProviderKey) => (count: number) => itemsFor(provider, count, spare(provider, count));
	const [partoo, ...ep] = await Promise.all([
		runCase(LIMIT_CASES[0], n8n, emulators, items, next('partoo')),
		(async () => [await runCase(LIMIT_CASES[1], n8n, emulators, items, next('elasticPath')), await runCase(LIMIT_CASES[2], n8n, emulators, items, next('elasticPath'))])(),
	]);
	return { date: new Date().toISOString(), latencyMs: LIMIT_LATENCY_MS, items, uptime: [uptimeBefore, uptime()], cases: [partoo, ...ep.flat()] };
}

/** Resources each provider's runs need: warm-ups, then every case's four runs of `items` (ours, HTTP, two). */
const WARMUP_ITEMS = 10;

/**
 * The whole section in a started emulator process and a prepared n8n: imports the section's workflows and
 * starts n8n, warms up our node and the HTTP Request workflow at 0 ms (the emulators' own keys, Partoo's
 * limit still lifted), then runs the cases.
 */
export async function benchLimits(n8n: RealN8n, emulators: EmulatorProcess, items: number): Promise<Omit<LimitsResults, 'command' | 'machine' | 'durationMs'>> {
	const warm = (['partoo', 'elasticPath'] as const).flatMap((provider) =>
		(['ours', 'http'] as const).map((side): N8nWorkflowSpec => ({ id: `benchlimwarm${provider.slice(0, 2)}${side[0]}`.padEnd(16, '0'), workload: WORKLOADS[provider], side, concurrency: 5, batching: { batchSize: 10, batchInterval: 0 } })),
	);
	const measured = LIMIT_CASES.flatMap((c) => Object.values(limitSpecs(c, emulators)).filter((s) => c.provider !== 'partoo' || !s.id.includes('c20')));
	const generic = [WORKLOADS.partoo.httpCredential(emulators.emulators.partoo), WORKLOADS.elasticPath.httpCredential(emulators.emulators.elasticPath)].filter((g): g is GenericCredential => g !== undefined);
	await n8n.start([...warm, ...measured], [...generic, ...limitCredentials(emulators)]);
	const next: Record<string, number> = { partoo: 0, elasticPath: 0 };
	const spare = (provider: ProviderKey, count: number) => {
		const first = next[provider];
		next[provider] += count;
		return first;
	};
	step('warming up: our node and the HTTP Request workflow, Partoo and Elastic Path, 10 items each');
	for (const spec of warm) {
		const { provider } = spec.workload;
		const { figures } = await n8n.run(spec, itemsFor(provider, WARMUP_ITEMS, spare(provider, WARMUP_ITEMS)));
		if (figures.runError || figures.lost) throw new Error(`warm-up of ${spec.id} failed: ${figures.runError ?? figures.problems.join('; ')}`);
	}
	return await runLimits(n8n, emulators, items, spare);
}

/** Resources per provider the section needs (Elastic Path: two stores of four runs). */
export const limitResources = (items: number) => 10 * items + 4 * WARMUP_ITEMS + 100;

/** `npm run bench -- --only limits`: prints the table; with `writeDocs`, its figures go into the published results (`limits`), the rest of them kept. */
export async function limitsSection(items: number, writeDocs: boolean, machine: (install: N8nInstall) => LimitsResults['machine']): Promise<void> {
	const started = Date.now();
	const emulators = await EmulatorProcess.start(limitResources(items));
	const n8n = RealN8n.prepare(emulators);
	const stopAll = async () => {
		await n8n.stop();
		await emulators.stop();
	};
	process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
	let limits: LimitsResults;
	try {
		const figures = await benchLimits(n8n, emulators, items);
		limits = { command: `npm run bench -- ${process.argv.slice(2).join(' ')}`, machine: machine(n8n.install), ...figures, durationMs: Date.now() - started };
	} finally {
		await stopAll();
	}
	process.stdout.write(`\n${renderLimits(limits)}\n`);
	if (!writeDocs) return;
	const file = path.resolve(__dirname, '../../docs/benchmarks/results.json');
	const published = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
	step(`wrote ${writeReport({ ...published, limits }).join(', ')}`);
}
