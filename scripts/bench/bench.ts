// `npm run bench`: prints figures (it is not a test). See docs/BENCHMARKS.md for what each figure means.
//
//   npm run bench                                  full run (~40 min on 2 cores), writes docs/BENCHMARKS.md
//   npm run bench -- --provider partoo --quick     one provider, 200 items, Concurrency 10
//   npm run bench -- --help                        every option
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

import type { IDataObject } from 'n8n-workflow';

import { step } from '../../test/support/n8n/n8n';
import { EmulatorProcess, PROVIDERS, type ProviderKey } from './control';
import { benchIds } from './ids';
import { type InProcessFigures, runInProcess } from './inprocess';
import { measureOurCode } from './ourcode';
import { Profiler, type ProfileSummary, summarise } from './profile';
import { type N8nRunFigures, type N8nWorkflowSpec, RealN8n, workflowId } from './realn8n';
import { type BenchResults, type ConcurrencyRow, type Machine, type PacingRow, type SameOrgRow, printResults, writeDocs } from './report';
import { type Batching, type GenericCredential, SAME_ORG_PROVIDERS, WORKLOADS, type Workload, itemsFor, sameOrgItems } from './workloads';

const HELP = `npm run bench -- [options]

  --provider a,b       providers: ${PROVIDERS.join(', ')} (default: all)
  --concurrency 1,5    concurrency levels (default: 1,5,10,20)
  --items N            items per concurrency run (default: 1000)
  --latency MS         latency the emulators add to every request (default: 25)
  --only SECTIONS      concurrency, sameorg, pacing (default: all three)
  --quick              200 items, Concurrency 10, pacing with 600 items (a few minutes)
  --no-n8n             only the in-process runs (no real n8n, no HTTP Request node)
  --no-profile         no CPU profile of the in-process runs
  --write-docs         write docs/BENCHMARKS.md and docs/benchmarks/ (default only for a full run)
  --no-write-docs      never write them
  --render FILE        only redraw the tables, chart and docs/BENCHMARKS.md from a results.json
  --merge FILE         put this run's rows into a results.json (replacing those of the same providers and
                       sections, noting the re-run), then redraw the docs from it
`;

interface Options {
	providers: ProviderKey[];
	concurrencies: number[];
	items: number;
	latencyMs: number;
	sections: Set<string>;
	pacingItems: number;
	pacingOrganizations: number;
	n8n: boolean;
	profile: boolean;
	writeDocs: boolean;
	full: boolean;
}

function parseArgs(argv: string[]): Options {
	const value = (name: string): string | undefined => {
		const i = argv.indexOf(name);
		if (i < 0) return undefined;
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
		return v;
	};
	const known = new Set(['--provider', '--concurrency', '--items', '--latency', '--only', '--quick', '--no-n8n', '--no-profile', '--write-docs', '--no-write-docs', '--help', '--render', '--merge']);
	for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`Unknown option ${arg}\n\n${HELP}`);
	const quick = argv.includes('--quick');
	const providers = (value('--provider')?.split(',') ?? PROVIDERS).map((p) => {
		const match = PROVIDERS.find((k) => k.toLowerCase() === p.trim().toLowerCase());
		if (!match) throw new Error(`Unknown provider "${p}": use ${PROVIDERS.join(', ')}`);
		return match;
	});
	const concurrencies = (value('--concurrency')?.split(',').map(Number) ?? (quick ? [10] : [1, 5, 10, 20])).map((c) => {
		if (!Number.isInteger(c) || c < 1 || c > 50) throw new Error(`Concurrency ${c} is not a whole number from 1 to 50`);
		return c;
	});
	const sections = new Set(value('--only')?.split(',') ?? ['concurrency', 'sameorg', 'pacing']);
	for (const s of sections) if (!['concurrency', 'sameorg', 'pacing'].includes(s)) throw new Error(`Unknown section ${s}`);
	const full = !quick && ['--provider', '--concurrency', '--items', '--latency', '--only', '--no-n8n'].every((a) => !argv.includes(a));
	return {
		providers,
		concurrencies,
		items: Number(value('--items') ?? (quick ? 200 : 1000)),
		latencyMs: Number(value('--latency') ?? 25),
		sections,
		pacingItems: quick ? 500 : 2000,
		pacingOrganizations: quick ? 1 : 4,
		n8n: !argv.includes('--no-n8n'),
		profile: !argv.includes('--no-profile'),
		writeDocs: !argv.includes('--no-write-docs') && (argv.includes('--write-docs') || full),
		full,
	};
}

function machine(n8nNode?: string, n8nVersion?: string): Machine {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		ramGb: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		n8nNode,
		n8nVersion,
		date: new Date().toISOString(),
	};
}

const load = () => Number(os.loadavg()[0].toFixed(2));

function batchingFor(workload: Workload, concurrency: number, latencyMs: number): Batching {
	// The HTTP Request node sleeps `batchInterval` after every `batchSize` items and does not wait for a
	// batch to answer, so "C per latency" keeps about C requests in flight. Under a store's rate limit a
	// user would space the batches to stay under it (90 % of it, for the network's jitter).
	const interval = workload.storeRatePerSecond ? Math.max(latencyMs, Math.ceil((concurrency * 1000) / (workload.storeRatePerSecond * 0.9))) : latencyMs;
	return { batchSize: concurrency, batchInterval: interval };
}

/** The bound no implementation can beat: latency x rounds of C requests (and the store's rate, if any). */
export function limitMs(workload: Workload, requests: number, tokenRequests: number, concurrency: number, latencyMs: number): number {
	const latencyBound = Math.ceil(requests / concurrency) * latencyMs;
	if (!workload.storeRatePerSecond) return latencyBound;
	const counted = requests - tokenRequests;
	const rateBound = Math.floor(Math.max(0, counted - 1) / workload.storeRatePerSecond) * 1000;
	return Math.max(latencyBound, rateBound);
}

function genericCredentials(workload: Workload, emulators: EmulatorProcess): GenericCredential[] {
	const credential = workload.httpCredential(emulators.emulators[workload.provider]);
	return credential ? [credential] : [];
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (process.argv.includes('--help')) {
		process.stdout.write(HELP);
		return;
	}
	const render = process.argv.indexOf('--render');
	if (render >= 0) {
		const saved = JSON.parse(readFileSync(process.argv[render + 1], 'utf8')) as BenchResults;
		printResults(saved);
		step(`wrote ${writeDocs(saved).join(', ')}`);
		return;
	}
	step(`benchmark: ${options.providers.join(', ')}; concurrency ${options.concurrencies.join(', ')}; ${options.items} items; latency ${options.latencyMs} ms; ${[...options.sections].join(', ')}`);
	const emulators = await EmulatorProcess.start();
	let n8n: RealN8n | undefined;
	const results: BenchResults = {
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		machine: machine(),
		latencyMs: options.latencyMs,
		items: options.items,
		concurrency: [],
		sameOrg: [],
		pacing: [],
		profiles: {},
		ourCode: {},
		loadBefore: load(),
		loadAfter: 0,
	};
	const stopAll = async () => {
		n8n?.cleanup();
		await emulators.stop();
	};
	process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
	try {
		if (options.n8n && (options.sections.has('concurrency') || options.sections.has('sameorg'))) {
			n8n = RealN8n.prepare(emulators);
			const n8nNode = execFileSync(n8n.install.node, ['--version'], { encoding: 'utf8' }).trim();
			results.machine = machine(n8nNode, n8n.install.version);
		}

		// Warm up every node in this process once (module loading, JIT), outside the figures.
		for (const provider of options.providers) {
			step(`warming up ${provider} in-process`);
			await runInProcess(emulators, WORKLOADS[provider], itemsFor(provider, 20), { concurrency: 5, latencyMs: 0 });
		}

		// Every workflow the real-n8n runs need, imported in one go.
		const specs: N8nWorkflowSpec[] = [];
		if (n8n) {
			for (const provider of options.providers) {
				const workload = WORKLOADS[provider];
				if (options.sections.has('concurrency')) {
					for (const c of options.concurrencies) {
						for (const side of ['ours', 'http'] as const) {
							specs.push({ id: workflowId(provider, side, 'c', c), workload, side, items: itemsFor(provider, options.items), concurrency: c, batching: batchingFor(workload, c, options.latencyMs) });
						}
					}
				}
				if (options.sections.has('sameorg') && SAME_ORG_PROVIDERS.includes(provider)) {
					for (const side of ['ours', 'http'] as const) {
						specs.push({ id: workflowId(provider, side, 's', 10), workload, side, items: sameOrgItems(provider, options.items), concurrency: 10, batching: batchingFor(workload, 10, options.latencyMs) });
					}
				}
			}
		}
		const measured = n8n && specs.length ? await n8n.importWorkflows(specs) : new Map<string, string[]>();
		const runN8n = async (id: string): Promise<N8nRunFigures | undefined> => {
			const spec = specs.find((s) => s.id === id);
			if (!n8n || !spec) return undefined;
			return await n8n.execute(spec, measured.get(id) ?? [], options.latencyMs, genericCredentials(spec.workload, emulators));
		};

		if (options.sections.has('concurrency')) {
			for (const provider of options.providers) {
				const workload = WORKLOADS[provider];
				for (const c of options.concurrencies) {
					step(`${provider}: ${options.items} items at Concurrency ${c}`);
					const loadBefore = load();
					const inProcess = await runInProcess(emulators, workload, itemsFor(provider, options.items), { concurrency: c, latencyMs: options.latencyMs });
					const ours = await runN8n(workflowId(provider, 'ours', 'c', c));
					const http = await runN8n(workflowId(provider, 'http', 'c', c));
					const row: ConcurrencyRow = {
						provider,
						concurrency: c,
						inProcess,
						limitMs: limitMs(workload, inProcess.requests, inProcess.tokenRequests, c, options.latencyMs),
						ours,
						oursLimitMs: ours ? limitMs(workload, ours.requests, ours.tokenRequests, c, options.latencyMs) : undefined,
						http,
						httpLimitMs: http ? limitMs(workload, http.requests, http.tokenRequests, c, options.latencyMs) : undefined,
						batching: batchingFor(workload, c, options.latencyMs),
						load: [loadBefore, load()],
					};
					results.concurrency.push(row);
					printRow(row);
				}
				step(`${provider}: CPU of our code alone (the run replayed without n8n's parameter and HTTP work), Concurrency 10`);
				// A replay sends nothing, so pacing would only make it wait: off where the provider has a limit.
				const replayOptions = workload.storeRatePerSecond ? { rateLimit: 0 } : {};
				const ours = await measureOurCode(emulators, workload, itemsFor(provider, options.items), 10, replayOptions);
				results.ourCode[provider] = ours;
				step(`  ${ours.cpuMsPerItem.toFixed(3)} ms CPU per item (process), ${ours.mainThreadMsPerItem.toFixed(3)} ms on the main thread`);
				if (options.profile) results.profiles[provider] = await profileRun(emulators, workload, options);
			}
		}

		if (options.sections.has('sameorg')) {
			for (const provider of options.providers.filter((p) => SAME_ORG_PROVIDERS.includes(p))) {
				const workload = WORKLOADS[provider];
				step(`${provider}: same-organization bulk, ${options.items} items over 100 resources, Concurrency 10`);
				const items = sameOrgItems(provider, options.items);
				const inProcess = await runInProcess(emulators, workload, items, { concurrency: 10, latencyMs: options.latencyMs });
				const ours = await runN8n(workflowId(provider, 'ours', 's', 10));
				const http = await runN8n(workflowId(provider, 'http', 's', 10));
				const row: SameOrgRow = { provider, items: items.length, resources: 100, inProcess, ours, http, load: load() };
				results.sameOrg.push(row);
				step(`  ours ${inProcess.requests} requests, ${inProcess.outputs} outputs, ${inProcess.lost} items lost; HTTP Request ${http?.requests ?? '-'} requests, ${http?.lost ?? '-'} items lost`);
			}
		}

		if (options.sections.has('pacing') && options.providers.includes('partoo')) {
			for (const rateLimit of [300, 0]) {
				const orgs = options.pacingOrganizations;
				step(`partoo: pacing, ${options.pacingItems} Get items over ${orgs} organization(s), Rate Limit ${rateLimit}`);
				const items = Array.from({ length: options.pacingItems }, (_, i): IDataObject => ({ orgId: benchIds.partooOrg(i % orgs) }));
				const getWorkload: Workload = {
					...WORKLOADS.partoo,
					parameters: (nodeOptions) => ({
						resource: 'organizationPlan',
						operation: 'get',
						organization: { __rl: true, mode: 'id', value: '={{ $json.orgId }}' },
						options: nodeOptions,
					}),
					verify: () => [],
				};
				// Continue on fail, so an item that runs out of retries is counted instead of stopping the run.
				const figures = await runInProcess(emulators, getWorkload, items, {
					concurrency: 10,
					latencyMs: options.latencyMs,
					nodeOptions: { rateLimit },
					nodeSettings: { onError: 'continueRegularOutput' },
				});
				const row: PacingRow = { rateLimit, items: items.length, organizations: orgs, concurrency: 10, figures, load: load() };
				results.pacing.push(row);
				step(`  ${(figures.nodeMs / 1000).toFixed(1)} s, ${figures.requests} requests, ${figures.rateLimited} answered 429, ${figures.errorItems} failed items${figures.runError ? `, error: ${figures.runError}` : ''}`);
			}
		}
	} finally {
		results.loadAfter = load();
		await stopAll();
	}
	printResults(results);
	const merge = process.argv.indexOf('--merge');
	if (merge >= 0) {
		const file = process.argv[merge + 1];
		const merged = mergeResults(JSON.parse(readFileSync(file, 'utf8')) as BenchResults, results, options);
		writeFileSync(file, `${JSON.stringify(merged, null, '\t')}\n`);
		step(`merged into ${file}; wrote ${writeDocs(merged).join(', ')}`);
	} else if (options.writeDocs) {
		const written = writeDocs(results);
		step(`wrote ${written.join(', ')}`);
	}
}

/** A full run's results with a partial re-run's rows in place of the same providers' and sections' rows. */
function mergeResults(base: BenchResults, rerun: BenchResults, options: Options): BenchResults {
	const ran = new Set(options.providers);
	const out: BenchResults = { ...base, profiles: { ...base.profiles }, ourCode: { ...base.ourCode } };
	if (options.sections.has('concurrency')) {
		const kept = base.concurrency.filter((r) => !ran.has(r.provider) || !options.concurrencies.includes(r.concurrency));
		out.concurrency = [...kept, ...rerun.concurrency].sort((a, b) => PROVIDERS.indexOf(a.provider) - PROVIDERS.indexOf(b.provider) || a.concurrency - b.concurrency);
		for (const p of ran) {
			if (rerun.profiles[p]) out.profiles[p] = rerun.profiles[p];
			if (rerun.ourCode[p]) out.ourCode[p] = rerun.ourCode[p];
		}
	}
	if (options.sections.has('sameorg')) out.sameOrg = [...base.sameOrg.filter((r) => !ran.has(r.provider)), ...rerun.sameOrg];
	if (options.sections.has('pacing') && ran.has('partoo')) out.pacing = rerun.pacing;
	out.reruns = [...(base.reruns ?? []), { command: rerun.command, date: rerun.machine.date, providers: [...ran], sections: [...options.sections] }];
	return out;
}

async function profileRun(emulators: EmulatorProcess, workload: Workload, options: Options): Promise<{ figures: InProcessFigures; summary: ProfileSummary }> {
	step(`${workload.provider}: CPU profile of an in-process run at Concurrency 10`);
	const profiler = new Profiler();
	await profiler.start();
	const figures = await runInProcess(emulators, workload, itemsFor(workload.provider, Math.min(options.items, 500)), { concurrency: 10, latencyMs: options.latencyMs });
	const file = `${os.tmpdir()}/plan-provisioning-bench-${workload.provider}.cpuprofile`;
	const summary = summarise(await profiler.stop(file));
	step(`  profile written to ${file}`);
	return { figures, summary };
}

function printRow(row: ConcurrencyRow): void {
	const s = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(2)} s`);
	const ip = row.inProcess;
	step(
		`  in-process ${s(ip.nodeMs)} (limit ${s(row.limitMs)}, ${(ip.nodeMs / row.limitMs).toFixed(2)}x), ${ip.requests} requests, ${ip.tokenRequests} token, ` +
			`${(ip.cpuMs / ip.items).toFixed(2)} ms CPU/item, ${ip.lost} lost, ${ip.errorItems} errors${ip.runError ? `, error: ${ip.runError}` : ''}; ` +
			`n8n: ours ${s(row.ours?.nodesMs)}, HTTP Request ${s(row.http?.nodesMs)} (${row.http?.requests ?? '-'} requests, ${row.http?.lost ?? '-'} lost)`,
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
