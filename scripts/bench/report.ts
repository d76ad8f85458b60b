// Tables (Markdown, printed and written into docs/BENCHMARKS.md between its markers: the lead table at the
// top of the page, the results further down) and the raw results (docs/benchmarks/results.json).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { ProviderKey } from './control';
import type { RequestPathCosts } from './profile';
import { type LimitsResults, limitBound, renderLimits } from './limits-report';
import type { N8nRunFigures } from './realn8n';
import { type Batching, WORKLOADS, type Workload } from './workloads';

export interface Machine {
	cpu: string;
	cores: number;
	ramGb: number;
	os: string;
	node: string;
	n8nNode?: string;
	n8nVersion?: string;
	date: string;
}

/** Our node with its defaults (Confirm Write on), our node with Confirm Write off, the HTTP Request workflow. */
export type Variant = 'ours' | 'oursConfirmOff' | 'http';
export const VARIANTS: readonly Variant[] = ['ours', 'oursConfirmOff', 'http'];

export interface Cell {
	figures: N8nRunFigures;
	/** Time per 1,000 updates from the run's throughput: its nodes' time × 1,000 / items (ms). */
	perThousandMs: number;
	/** The least time 1,000 such updates can take: rounds of C requests of one latency each, or the store's rate (ms). */
	limitPerThousandMs: number;
	/** Requests per item, token requests left out. */
	requestsPerItem: number;
}

export interface GridRow {
	provider: ProviderKey;
	latencyMs: number;
	concurrency: number;
	batching: Batching;
	/** 1-minute load average before and after the row's runs. */
	load: [number, number];
	/** A lead run (1,000 items) rather than a grid run sized by time. */
	lead?: boolean;
	ours?: Cell;
	oursConfirmOff?: Cell;
	http?: Cell;
}

export interface BenchResults {
	command: string;
	machine: Machine;
	latencies: number[];
	concurrencies: number[];
	/** What each grid run was sized to take (s). */
	seconds: number;
	leadItems: number;
	grid: GridRow[];
	lead: GridRow[];
	profiles: Partial<Record<ProviderKey, Partial<Record<'ours' | 'http', RequestPathCosts>>>>;
	loadBefore: number;
	loadAfter: number;
	durationMs: number;
	/** Partial runs merged in afterwards (`--merge`): their rows replace the full run's. */
	reruns?: Array<{ command: string; date: string; providers: ProviderKey[]; sections: string[] }>;
	/** `--only limits`: the runs under the providers' documented limits (kept when other sections are re-run). */
	limits?: LimitsResults;
}

/** Time per 1,000 updates and its limit, from one run's figures. */
export function perThousand(workload: Workload, f: N8nRunFigures, concurrency: number, latencyMs: number): Omit<Cell, 'figures'> {
	const requestsPerItem = (f.requests - f.tokenRequests) / Math.max(1, f.items);
	const requests = Math.round(requestsPerItem * 1000);
	let limit = Math.ceil(requests / concurrency) * latencyMs;
	if (workload.storeRatePerSecond) limit = Math.max(limit, Math.floor(Math.max(0, requests - 1) / workload.storeRatePerSecond) * 1000);
	return { perThousandMs: (f.nodesMs * 1000) / Math.max(1, f.items), limitPerThousandMs: limit, requestsPerItem };
}

const ROOT = path.resolve(__dirname, '../..');
export const DOC = path.join(ROOT, 'docs/BENCHMARKS.md');
const DOC_DIR = path.join(ROOT, 'docs/benchmarks');
const MARKERS = {
	lead: ['<!-- bench:lead:start (written by npm run bench) -->', '<!-- bench:lead:end -->'],
	results: ['<!-- bench:results:start (written by npm run bench) -->', '<!-- bench:results:end -->'],
	limits: ['<!-- bench:limits:start (written by npm run bench -- --only limits) -->', '<!-- bench:limits:end -->'],
} as const;

/** The 1.15× of the issue: at this latency and above, a run should take at most this times its limit. */
export const LIMIT_TARGET = { ratio: 1.15, fromLatencyMs: 100 };

const label = (p: ProviderKey) => WORKLOADS[p].label;
const sec = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '–' : ms >= 100_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);
const times = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b || Number.isNaN(a) ? '–' : `${(a / b).toFixed(2)}×`);
const reqs = (c: Cell | undefined) => (c ? (Math.round(c.requestsPerItem * 100) / 100).toString() : '–');

function table(head: string[], rows: string[][]): string {
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function outcome(c: Cell | undefined): string {
	if (!c) return '';
	const f = c.figures;
	const parts: string[] = [];
	if (f.lost) parts.push(`${f.lost} lost`);
	if (f.errorItems) parts.push(`${f.errorItems} error items`);
	if (f.rateLimited) parts.push(`${f.rateLimited}×429`);
	if (f.runError) parts.push(`failed: ${f.runError.replace(/\|/g, '/').slice(0, 80)}`);
	return parts.join(', ');
}

/** The grid's row for a cell, or the lead run's when the grid left that cell to it. */
function cellRow(r: BenchResults, provider: ProviderKey, latencyMs: number, concurrency: number): GridRow | undefined {
	const match = (row: GridRow) => row.provider === provider && row.latencyMs === latencyMs && row.concurrency === concurrency;
	return r.grid.find(match) ?? r.lead.find(match);
}

export function renderLead(r: BenchResults): string {
	if (!r.lead.length) return '_No lead runs in this benchmark run._';
	const rows = r.lead.map((row) => [
		label(row.provider),
		limitBound(r.limits, row.provider),
		`${reqs(row.ours)} / ${reqs(row.oursConfirmOff)} / ${reqs(row.http)}`,
		sec(row.ours?.perThousandMs),
		sec(row.oursConfirmOff?.perThousandMs),
		sec(row.http?.perThousandMs),
		times(row.ours?.perThousandMs, row.http?.perThousandMs),
		times(row.oursConfirmOff?.perThousandMs, row.http?.perThousandMs),
	]);
	const first = r.lead[0];
	return [
		table(
			[
				'Provider',
				"1,000 updates under the provider's documented limit: ours (default)",
				'Requests per update: ours / *Confirm Write* off / HTTP Request',
				'No limit (our overhead): ours (default)',
				'ours, *Confirm Write* off',
				'HTTP Request node',
				'ours ÷ HTTP Request',
				'*Confirm Write* off ÷ HTTP Request',
			],
			rows,
		),
		`${r.leadItems.toLocaleString('en-US')} updates, each to another resource, at ${first.latencyMs} ms latency per request and *Concurrency* ${first.concurrency} ` +
			`(the HTTP Request node: ${first.concurrency} items per batch, one batch per ${first.latencyMs} ms), in a real n8n ${r.machine.n8nVersion ?? ''}; ` +
			`nothing lost in any run unless the [results](#results) say so. ${runLine(r)}`,
		...(r.limits
			? [
					`**Where a provider documents a limit, the first column is what a run takes**: 1,000 updates of our node with its defaults (*Concurrency* 5, *Rate Limit* the documented one) against emulators that enforce Partoo's 300 requests a minute per API key and Elastic Path's 100 a second per store (25 on a development store), ` +
						`${oursClean(r.limits) ? 'no 429 met, every update there' : 'with 429s or lost updates: see the table'} ([under the providers' documented limits](#under-the-providers-documented-limits), run of ${r.limits.date.slice(0, 10)}). ` +
						'The other times come from runs without a limit: they measure our own overhead, and are what a run takes where no limit is documented (BlendVision One, Commvault, Instellix).',
				]
			: []),
	].join('\n\n');
}

/** Whether every run of our node under the limits met no 429 and lost nothing. */
const oursClean = (l: LimitsResults) => l.cases.every((c) => c.runs.filter((run) => run.variant !== 'http').every((run) => run.executions.every((f) => !f.rateLimited && !f.lost && !f.runError)));

function runLine(r: BenchResults): string {
	const m = r.machine;
	return `Run of ${m.date.slice(0, 16).replace('T', ' ')} UTC, \`${r.command}\`, ${Math.round(r.durationMs / 60000)} min; ${m.cpu}, ${m.cores} cores.`;
}

/** A list of cells in words: the misses, or "all but" the cells that hold when those are fewer. */
function cells(all: GridRow[], missed: GridRow[], name: (row: GridRow) => string): string {
	if (!missed.length) return 'none';
	if (missed.length === all.length) return 'all';
	const held = all.filter((row) => !missed.includes(row));
	return missed.length > held.length ? `all but ${held.map(name).join(', ')}` : missed.map(name).join(', ');
}

/** Per target: in how many cells it holds, per latency, and which cells miss it. */
function targets(r: BenchResults): string[][] {
	const rows = [...r.grid, ...r.lead.filter((l) => !r.grid.some((g) => g.provider === l.provider && g.latencyMs === l.latencyMs && g.concurrency === l.concurrency))];
	const perLatency = (all: GridRow[], missed: GridRow[]) =>
		[...new Set(all.map((row) => row.latencyMs))]
			.sort((a, b) => a - b)
			.map((l) => `${all.filter((row) => row.latencyMs === l && !missed.includes(row)).length} of ${all.filter((row) => row.latencyMs === l).length} at ${l} ms`)
			.join(', ');
	const out: string[][] = [];
	for (const variant of ['ours', 'oursConfirmOff'] as const) {
		const who = variant === 'ours' ? 'Ours (default)' : 'Ours, *Confirm Write* off';
		const vsHttp = rows.filter((row) => row[variant] && row.http);
		const slower = vsHttp.filter((row) => (row[variant] as Cell).perThousandMs > (row.http as Cell).perThousandMs);
		out.push([
			`${who} at most the HTTP Request node's time`,
			perLatency(vsHttp, slower),
			cells(vsHttp, slower, (row) => `${label(row.provider)} ${row.latencyMs} ms C${row.concurrency} (${times(row[variant]?.perThousandMs, row.http?.perThousandMs)})`),
		]);
		const high = rows.filter((row) => row[variant] && row.latencyMs >= LIMIT_TARGET.fromLatencyMs);
		const far = high.filter((row) => (row[variant] as Cell).perThousandMs > LIMIT_TARGET.ratio * (row[variant] as Cell).limitPerThousandMs);
		out.push([
			`${who} within ${LIMIT_TARGET.ratio}× of its limit at ${LIMIT_TARGET.fromLatencyMs} ms and above`,
			perLatency(high, far),
			cells(high, far, (row) => `${label(row.provider)} ${row.latencyMs} ms C${row.concurrency} (${times(row[variant]?.perThousandMs, row[variant]?.limitPerThousandMs)})`),
		]);
	}
	return out;
}

export function renderTables(r: BenchResults): string {
	const parts: string[] = [];
	const m = r.machine;
	parts.push(
		`Run of ${m.date.slice(0, 16).replace('T', ' ')} UTC: \`${r.command}\` (${Math.round(r.durationMs / 60000)} min). Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; ` +
			`benchmark on Node ${m.node}${m.n8nVersion ? `, real n8n ${m.n8nVersion} on Node ${m.n8nNode}` : ''}. 1-minute load average ${r.loadBefore} at the start, ${r.loadAfter} at the end ` +
			`(each row shows its own). Grid runs sized to take about ${r.seconds} s each; lead runs ${r.leadItems.toLocaleString('en-US')} items.`,
	);
	for (const rerun of r.reruns ?? []) {
		parts.push(
			`Re-run of ${rerun.date.slice(0, 16).replace('T', ' ')} UTC, same machine: \`${rerun.command}\`; its rows (${rerun.providers.map(label).join(', ')}: ${rerun.sections.join(', ')}) replace those of the run above.`,
		);
	}

	if (r.grid.length || r.lead.length) {
		parts.push('### Targets');
		parts.push(table(['Target', 'Holds in (cells)', 'Misses (time ÷ HTTP Request, or ÷ limit)'], targets(r)));
	}

	for (const latencyMs of [...new Set([...r.latencies, ...r.lead.map((l) => l.latencyMs)])].sort((a, b) => a - b)) {
		const withOff = [...r.grid, ...r.lead].some((row) => row.latencyMs === latencyMs && row.oursConfirmOff);
		const rows: string[][] = [];
		for (const provider of [...new Set([...r.grid, ...r.lead].map((row) => row.provider))]) {
			for (const concurrency of [...new Set([...r.concurrencies, ...r.lead.map((l) => l.concurrency)])].sort((a, b) => a - b)) {
				const row = cellRow(r, provider, latencyMs, concurrency);
				if (!row) continue;
				const items = VARIANTS.filter((v) => withOff || v !== 'oursConfirmOff').map((v) => row[v]?.figures.items ?? '–');
				rows.push([
					label(provider),
					String(concurrency),
					items.join(' / '),
					sec(row.ours?.perThousandMs),
					times(row.ours?.perThousandMs, row.ours?.limitPerThousandMs),
					...(withOff ? [sec(row.oursConfirmOff?.perThousandMs), times(row.oursConfirmOff?.perThousandMs, row.oursConfirmOff?.limitPerThousandMs)] : []),
					sec(row.http?.perThousandMs),
					times(row.http?.perThousandMs, row.http?.limitPerThousandMs),
					times(row.ours?.perThousandMs, row.http?.perThousandMs),
					...(withOff ? [times(row.oursConfirmOff?.perThousandMs, row.http?.perThousandMs)] : []),
					VARIANTS.filter((v) => withOff || v !== 'oursConfirmOff').map((v) => reqs(row[v])).join(' / '),
					VARIANTS.map((v) => outcome(row[v])).filter((o) => o).join('; ') || 'nothing lost',
					`${row.load[0]}→${row.load[1]}`,
				]);
			}
		}
		if (!rows.length) continue;
		parts.push(`### ${latencyMs} ms per request: time for 1,000 updates`);
		const variants = withOff ? 'ours / *Confirm Write* off / HTTP Request' : 'ours / HTTP Request';
		parts.push(
			table(
				[
					'Provider',
					'C',
					`Items run (${variants})`,
					'Ours',
					'÷ limit',
					...(withOff ? ['*Confirm Write* off', '÷ limit'] : []),
					'HTTP Request',
					'÷ limit',
					'Ours ÷ HTTP',
					...(withOff ? ['Off ÷ HTTP'] : []),
					`Requests per item (${variants})`,
					'Outcome',
					'Load',
				],
				rows,
			),
		);
	}

	const profiled = Object.keys(r.profiles) as ProviderKey[];
	if (profiled.length) {
		parts.push("### n8n's CPU per request (profile of n8n's main thread during the measured nodes)");
		const any = Object.values(r.profiles).flatMap((p) => Object.values(p ?? {}))[0] as RequestPathCosts;
		const rows: string[][] = [];
		for (const provider of profiled) {
			for (const side of ['ours', 'http'] as const) {
				const c = r.profiles[provider]?.[side];
				if (!c) continue;
				rows.push([
					`${label(provider)}, ${side === 'ours' ? 'ours' : 'HTTP Request'}`,
					`${c.cpuMsPerRequest.toFixed(2)} ms`,
					`${Math.round(c.busy * 100)} %`,
					...c.groups.map((g) => (g.msPerRequest >= 0.005 ? `${g.msPerRequest.toFixed(2)}` : '–')),
					...c.steps.map((s) => (s.msPerRequest >= 0.005 ? `${s.msPerRequest.toFixed(2)}` : '–')),
				]);
			}
		}
		parts.push(
			table(
				['Run', 'CPU per request', 'Thread busy', ...any.groups.map((g) => `${g.name} (ms)`), ...any.steps.map((s) => `in: ${s.name} (ms)`)],
				rows,
			),
		);
		parts.push('Heaviest functions by self time (ms per request):');
		for (const provider of profiled) {
			for (const side of ['ours', 'http'] as const) {
				const c = r.profiles[provider]?.[side];
				if (c) parts.push(`- ${label(provider)}, ${side === 'ours' ? 'ours' : 'HTTP Request'}: ${c.top.slice(0, 6).map((t) => `\`${t.name}\` ${t.msPerRequest.toFixed(2)}`).join(', ')}`);
			}
		}
	}
	return parts.join('\n\n');
}

export function printResults(r: BenchResults): void {
	process.stdout.write(`\n${renderLead(r)}\n\n${renderTables(r)}\n`);
}

function replaceBetween(doc: string, [start, end]: readonly [string, string], body: string): string {
	const from = doc.indexOf(start);
	const to = doc.indexOf(end);
	const block = `${start}\n\n${body}\n\n${end}`;
	return from >= 0 && to > from ? `${doc.slice(0, from)}${block}${doc.slice(to + end.length)}` : `${doc.trimEnd()}\n\n${block}\n`;
}

/**
 * Writes the results JSON and the tables into docs/BENCHMARKS.md (between its markers; the text around them
 * is kept). Returns the files written.
 */
export function writeDocs(r: BenchResults): string[] {
	mkdirSync(DOC_DIR, { recursive: true });
	const json = path.join(DOC_DIR, 'results.json');
	// A run without the limits section keeps the published limits figures.
	if (!r.limits && existsSync(json)) r.limits = (JSON.parse(readFileSync(json, 'utf8')) as BenchResults).limits;
	writeFileSync(json, `${JSON.stringify(r, null, 1)}\n`);
	// The chart of the earlier benchmark (one latency) has no counterpart in this one.
	rmSync(path.join(DOC_DIR, 'concurrency.svg'), { force: true });
	let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
	doc = replaceBetween(doc, MARKERS.lead, renderLead(r));
	doc = replaceBetween(doc, MARKERS.results, renderTables(r));
	if (r.limits) doc = replaceBetween(doc, MARKERS.limits, renderLimits(r.limits));
	writeFileSync(DOC, doc);
	return [path.relative(ROOT, json), path.relative(ROOT, DOC)];
}
