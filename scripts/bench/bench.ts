// `npm run bench`: prints figures (it is not a test). See docs/BENCHMARKS.md for what each figure means.
//
//   npm run bench                                   full run (under 30 min on 2 cores), writes docs/BENCHMARKS.md
//   npm run bench -- --provider partoo --quick      one provider, 100 ms, Concurrency 10, short runs
//   npm run bench -- --help                         every option
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

import { step } from '../../test/support/n8n/n8n';
import { EmulatorProcess, PROVIDERS, type ProviderKey } from './control';
import { limitsSection } from './limits';
import { requestPathCosts } from './profile';
import { type N8nRunFigures, type N8nWorkflowSpec, RealN8n, workflowId } from './realn8n';
import { type BenchResults, type Cell, type GridRow, type Machine, type Variant, VARIANTS, perThousand, printResults, writeDocs } from './report';
import { type Batching, type GenericCredential, WORKLOADS, type Workload, itemsFor } from './workloads';

const HELP = `npm run bench -- [options]

  --provider a,b        providers: ${PROVIDERS.join(', ')} (default: all)
  --latency 25,100      latencies the emulators add to every request, ms (default: 25,100,250)
  --concurrency 1,5     concurrency levels (default: 1,5,10,20)
  --seconds S           how long each grid run should take, to size its items (default: 6)
  --lead-items N        items of the lead runs at 100 ms, Concurrency 10 (default: 1000)
  --only SECTIONS       grid, lead, profile (default: all three); or limits alone: the runs under the
                        providers' documented limits (about 20 min; writes its figures into the docs when
                        it runs 1,000 updates, or with --write-docs)
  --limit-items N       updates per run of the limits section (default: 1000)
  --quick               100 ms, Concurrency 10, runs of about 3 s, lead runs of 200 items
  --write-docs          write docs/BENCHMARKS.md and docs/benchmarks/ (default only for a full run)
  --no-write-docs       never write them
  --render FILE         only redraw the tables and docs/BENCHMARKS.md from a results.json
  --merge FILE          put this run's rows into a results.json (replacing those of the same providers,
                        sections, latencies and concurrencies, noting the re-run), then redraw the docs
`;

/** The lead table's cell: latency and concurrency of the 1,000-item runs. */
export const LEAD = { latencyMs: 100, concurrency: 10 };

/** Assumed CPU per request of n8n's main thread (ms), to size runs that CPU bounds rather than latency. */
const CPU_MS_PER_REQUEST = { ours: 4, http: 6 };

interface Options {
	providers: ProviderKey[];
	latencies: number[];
	concurrencies: number[];
	seconds: number;
	leadItems: number;
	limitItems: number;
	sections: Set<string>;
	writeDocs: boolean;
}

function parseArgs(argv: string[]): Options {
	const value = (name: string): string | undefined => {
		const i = argv.indexOf(name);
		if (i < 0) return undefined;
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
		return v;
	};
	const known = new Set(['--provider', '--latency', '--concurrency', '--seconds', '--lead-items', '--only', '--quick', '--write-docs', '--no-write-docs', '--help', '--render', '--merge', '--limit-items']);
	for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`Unknown option ${arg}\n\n${HELP}`);
	const quick = argv.includes('--quick');
	const numbers = (name: string, fallback: number[]) => value(name)?.split(',').map(Number) ?? fallback;
	const providers = (value('--provider')?.split(',') ?? PROVIDERS).map((p) => {
		const match = PROVIDERS.find((k) => k.toLowerCase() === p.trim().toLowerCase());
		if (!match) throw new Error(`Unknown provider "${p}": use ${PROVIDERS.join(', ')}`);
		return match;
	});
	const concurrencies = numbers('--concurrency', quick ? [10] : [1, 5, 10, 20]);
	for (const c of concurrencies) if (!Number.isInteger(c) || c < 1 || c > 50) throw new Error(`Concurrency ${c} is not a whole number from 1 to 50`);
	const latencies = numbers('--latency', quick ? [100] : [25, 100, 250]);
	for (const l of latencies) if (!Number.isInteger(l) || l < 0) throw new Error(`Latency ${l} is not a whole number of ms`);
	const sections = new Set(value('--only')?.split(',') ?? ['grid', 'lead', 'profile']);
	for (const s of sections) if (!['grid', 'lead', 'profile', 'limits'].includes(s)) throw new Error(`Unknown section ${s}`);
	if (sections.has('limits') && sections.size > 1) throw new Error('Run the limits section alone: --only limits');
	const limitItems = Number(value('--limit-items') ?? 1000);
	const full = !quick && ['--provider', '--latency', '--concurrency', '--seconds', '--lead-items', '--only'].every((a) => !argv.includes(a));
	return {
		providers,
		latencies,
		concurrencies,
		seconds: Number(value('--seconds') ?? (quick ? 3 : 6)),
		leadItems: Number(value('--lead-items') ?? (quick ? 200 : 1000)),
		limitItems,
		sections,
		writeDocs: !argv.includes('--no-write-docs') && (argv.includes('--write-docs') || full || (sections.has('limits') && limitItems === 1000)),
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

/** Items for a run of about `seconds`: from the requests per item, the latency, C, n8n's CPU per request and a store's rate. */
export function itemsForRun(workload: Workload, variant: Variant, concurrency: number, latencyMs: number, seconds: number): number {
	const requests = variant === 'ours' ? workload.requestsPerItem.ours : variant === 'oursConfirmOff' ? workload.requestsPerItem.oursConfirmOff : workload.requestsPerItem.http;
	const cpu = requests * (variant === 'http' ? CPU_MS_PER_REQUEST.http : CPU_MS_PER_REQUEST.ours);
	const latencyBound = concurrency === 1 ? requests * latencyMs + cpu : (requests * latencyMs) / concurrency;
	const rateBound = workload.storeRatePerSecond ? (requests * 1000) / (workload.storeRatePerSecond * 0.9) : 0;
	const perItemMs = Math.max(latencyBound, cpu, rateBound);
	return Math.max(8, Math.min(2000, Math.round((seconds * 1000) / perItemMs)));
}

function genericCredentials(emulators: EmulatorProcess, providers: ProviderKey[]): GenericCredential[] {
	return providers.map((p) => WORKLOADS[p].httpCredential(emulators.emulators[p])).filter((c): c is GenericCredential => c !== undefined);
}

function specFor(provider: ProviderKey, variant: Variant, concurrency: number, latencyMs: number): N8nWorkflowSpec {
	const workload = WORKLOADS[provider];
	if (variant === 'http') {
		return { id: workflowId(provider, 'http', `l${latencyMs}`, concurrency), workload, side: 'http', concurrency, batching: batchingFor(workload, concurrency, latencyMs) };
	}
	const off = variant === 'oursConfirmOff';
	return {
		id: workflowId(provider, 'ours', off ? 'off' : 'on', concurrency),
		workload,
		side: 'ours',
		concurrency,
		batching: batchingFor(workload, concurrency, latencyMs),
		nodeOptions: off ? { confirmWrite: false } : {},
	};
}

/** One planned run: a cell's variant, its items and the resources they use. */
interface PlannedRun {
	section: 'grid' | 'lead';
	provider: ProviderKey;
	latencyMs: number;
	concurrency: number;
	variant: Variant;
	items: number;
	first: number;
}

/** Confirm Write off is measured at the lead table's latency only (it saves the same request at the others). */
function variantsAt(latencyMs: number): Variant[] {
	return latencyMs === LEAD.latencyMs ? [...VARIANTS] : ['ours', 'http'];
}

function plan(options: Options): { runs: PlannedRun[]; resources: Record<ProviderKey, number> } {
	const next = Object.fromEntries(PROVIDERS.map((p) => [p, 0])) as Record<ProviderKey, number>;
	const take = (provider: ProviderKey, items: number) => {
		const first = next[provider];
		next[provider] += items;
		return first;
	};
	const runs: PlannedRun[] = [];
	const lead = options.sections.has('lead');
	for (const latencyMs of options.sections.has('grid') ? options.latencies : []) {
		for (const provider of options.providers) {
			for (const concurrency of options.concurrencies) {
				// The lead runs are this cell, with more items.
				if (lead && latencyMs === LEAD.latencyMs && concurrency === LEAD.concurrency) continue;
				for (const variant of variantsAt(latencyMs)) {
					const items = itemsForRun(WORKLOADS[provider], variant, concurrency, latencyMs, options.seconds);
					runs.push({ section: 'grid', provider, latencyMs, concurrency, variant, items, first: take(provider, items) });
				}
			}
		}
	}
	if (lead) {
		for (const provider of options.providers) {
			for (const variant of VARIANTS) {
				runs.push({ section: 'lead', provider, ...LEAD, variant, items: options.leadItems, first: take(provider, options.leadItems) });
			}
		}
	}
	return { runs, resources: next };
}

async function main(): Promise<void> {
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
	const options = parseArgs(process.argv.slice(2));
	if (options.sections.has('limits')) {
		await limitsSection(options.limitItems, options.writeDocs, (install) => machine(execFileSync(install.node, ['--version'], { encoding: 'utf8' }).trim(), install.version));
		return;
	}
	const started = Date.now();
	const { runs, resources } = plan(options);
	const warmups = options.providers.flatMap((provider) => VARIANTS.map((variant) => ({ provider, variant })));
	const profiled = options.sections.has('profile') ? options.providers.flatMap((provider) => (['ours', 'http'] as const).map((variant) => ({ provider, variant }))) : [];
	const WARMUP_ITEMS = 10;
	const PROFILE = { items: 200, latencyMs: 25, concurrency: 10 };
	const need = Math.max(...PROVIDERS.map((p) => resources[p])) + warmups.length * WARMUP_ITEMS + profiled.length * PROFILE.items + 100;
	step(
		`benchmark: ${options.providers.join(', ')}; latency ${options.latencies.join(', ')} ms; concurrency ${options.concurrencies.join(', ')}; ` +
			`${[...options.sections].join(', ')}; ${runs.length} measured runs, ${need} resources per provider`,
	);
	const emulators = await EmulatorProcess.start(need);
	const n8n = RealN8n.prepare(emulators);
	const results: BenchResults = {
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		machine: machine(),
		latencies: options.sections.has('grid') ? options.latencies : [],
		concurrencies: options.concurrencies,
		seconds: options.seconds,
		leadItems: options.leadItems,
		grid: [],
		lead: [],
		profiles: {},
		loadBefore: load(),
		loadAfter: 0,
		durationMs: 0,
	};
	const stopAll = async () => {
		await n8n.stop();
		await emulators.stop();
	};
	process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
	const setLatency = async (ms: number) => {
		for (const p of options.providers) await emulators.latency(p, ms);
	};
	try {
		results.machine = machine(execFileSync(n8n.install.node, ['--version'], { encoding: 'utf8' }).trim(), n8n.install.version);
		const specs = new Map<string, N8nWorkflowSpec>();
		const add = (spec: N8nWorkflowSpec) => specs.set(spec.id, spec);
		for (const r of runs) add(specFor(r.provider, r.variant, r.concurrency, r.latencyMs));
		for (const w of warmups) add(specFor(w.provider, w.variant, 10, LEAD.latencyMs));
		for (const p of profiled) add(specFor(p.provider, p.variant, PROFILE.concurrency, PROFILE.latencyMs));
		await n8n.start([...specs.values()], genericCredentials(emulators, options.providers));

		// Resources for the warm-up and profile runs come after the measured runs' ones.
		const spare = Object.fromEntries(PROVIDERS.map((p) => [p, resources[p]])) as Record<ProviderKey, number>;
		const spareItems = (provider: ProviderKey, count: number) => {
			const items = itemsFor(provider, count, spare[provider]);
			spare[provider] += count;
			return items;
		};

		// Warm-up: every provider's workflows once (tokens, plan catalogs, the store's currencies, JIT), unmeasured.
		step('warming up: every provider, our node and the HTTP Request workflow, 10 items each');
		await setLatency(0);
		for (const w of warmups) {
			const { figures } = await n8n.run(specFor(w.provider, w.variant, 10, LEAD.latencyMs), spareItems(w.provider, WARMUP_ITEMS));
			if (figures.runError || figures.lost) throw new Error(`warm-up of ${w.provider} (${w.variant}) failed: ${figures.runError ?? figures.problems.join('; ')}`);
		}

		let latency = -1;
		let row: GridRow | undefined;
		for (const [n, r] of runs.entries()) {
			if (r.latencyMs !== latency) {
				latency = r.latencyMs;
				await setLatency(latency);
			}
			if (!row || row.provider !== r.provider || row.latencyMs !== r.latencyMs || row.concurrency !== r.concurrency || (r.section === 'lead') !== Boolean(row.lead)) {
				row = { provider: r.provider, latencyMs: r.latencyMs, concurrency: r.concurrency, batching: batchingFor(WORKLOADS[r.provider], r.concurrency, r.latencyMs), load: [load(), load()], lead: r.section === 'lead' };
				(r.section === 'lead' ? results.lead : results.grid).push(row);
			}
			const spec = specFor(r.provider, r.variant, r.concurrency, r.latencyMs);
			const { figures } = await n8n.run(spec, itemsFor(r.provider, r.items, r.first));
			row[r.variant] = cellOf(WORKLOADS[r.provider], figures, r.concurrency, r.latencyMs);
			row.load[1] = load();
			printCell(n + 1, runs.length, r, row[r.variant] as Cell);
		}

		if (profiled.length) {
			await setLatency(PROFILE.latencyMs);
			for (const p of profiled) {
				step(`${p.provider}: CPU profile of n8n's main thread, ${p.variant === 'ours' ? 'our node' : 'HTTP Request'}, ${PROFILE.items} items at ${PROFILE.latencyMs} ms, Concurrency ${PROFILE.concurrency}`);
				const spec = specFor(p.provider, p.variant, PROFILE.concurrency, PROFILE.latencyMs);
				const { figures, profile } = await n8n.run(spec, spareItems(p.provider, PROFILE.items), { profile: true });
				if (!profile) continue;
				const costs = requestPathCosts(profile, figures);
				(results.profiles[p.provider] ??= {})[p.variant] = costs;
				step(`  ${costs.cpuMsPerRequest.toFixed(2)} ms CPU per request (${figures.requests} requests, ${figures.items} items)`);
			}
		}
	} finally {
		results.loadAfter = load();
		results.durationMs = Date.now() - started;
		await stopAll();
	}
	printResults(results);
	step(`done in ${((Date.now() - started) / 60000).toFixed(1)} min`);
	const merge = process.argv.indexOf('--merge');
	if (merge >= 0) {
		const file = process.argv[merge + 1];
		const merged = mergeResults(JSON.parse(readFileSync(file, 'utf8')) as BenchResults, results, options);
		writeFileSync(file, `${JSON.stringify(merged, null, 1)}\n`);
		step(`merged into ${file}; wrote ${writeDocs(merged).join(', ')}`);
	} else if (options.writeDocs) {
		step(`wrote ${writeDocs(results).join(', ')}`);
	}
}

/** A run's figures with its time per 1,000 updates and its limit. */
function cellOf(workload: Workload, figures: N8nRunFigures, concurrency: number, latencyMs: number): Cell {
	return { figures, ...perThousand(workload, figures, concurrency, latencyMs) };
}

function printCell(n: number, total: number, r: PlannedRun, cell: Cell): void {
	const f = cell.figures;
	step(
		`[${n}/${total}] ${r.provider} ${r.latencyMs} ms C${r.concurrency} ${r.variant}: ${f.items} items in ${(f.nodesMs / 1000).toFixed(2)} s ` +
			`-> ${(cell.perThousandMs / 1000).toFixed(1)} s per 1,000 (limit ${(cell.limitPerThousandMs / 1000).toFixed(1)} s, ${(cell.perThousandMs / cell.limitPerThousandMs).toFixed(2)}x); ` +
			`${f.requests} requests (${f.tokenRequests} token), ${f.lost} lost${f.errorItems ? `, ${f.errorItems} error items` : ''}${f.runError ? `, error: ${f.runError.slice(0, 200)}` : ''}`,
	);
}

/** A full run's results with a partial re-run's rows in place of the same providers', latencies' and concurrencies' rows. */
function mergeResults(base: BenchResults, rerun: BenchResults, options: Options): BenchResults {
	const ran = new Set(options.providers);
	const replaced = (row: GridRow) => ran.has(row.provider) && options.latencies.includes(row.latencyMs) && options.concurrencies.includes(row.concurrency);
	const order = (a: GridRow, b: GridRow) => a.latencyMs - b.latencyMs || PROVIDERS.indexOf(a.provider) - PROVIDERS.indexOf(b.provider) || a.concurrency - b.concurrency;
	const out: BenchResults = { ...base, profiles: { ...base.profiles } };
	if (options.sections.has('grid')) out.grid = [...base.grid.filter((r) => !replaced(r)), ...rerun.grid].sort(order);
	if (options.sections.has('lead')) out.lead = [...base.lead.filter((r) => !ran.has(r.provider)), ...rerun.lead].sort(order);
	if (options.sections.has('profile')) for (const p of ran) if (rerun.profiles[p]) out.profiles[p] = rerun.profiles[p];
	out.reruns = [...(base.reruns ?? []), { command: rerun.command, date: rerun.machine.date, providers: [...ran], sections: [...options.sections] }];
	return out;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
