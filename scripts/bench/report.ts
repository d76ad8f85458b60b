// Tables (Markdown, printed and written into docs/BENCHMARKS.md between its result markers), the
// chart (docs/benchmarks/concurrency.svg, drawn here without dependencies) and the raw results
// (docs/benchmarks/results.json).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { ProviderKey } from './control';
import type { InProcessFigures } from './inprocess';
import type { OurCodeFigures } from './ourcode';
import type { ProfileSummary } from './profile';
import type { N8nRunFigures } from './realn8n';
import { type Batching, WORKLOADS } from './workloads';

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

export interface ConcurrencyRow {
	provider: ProviderKey;
	concurrency: number;
	inProcess: InProcessFigures;
	limitMs: number;
	ours?: N8nRunFigures;
	oursLimitMs?: number;
	http?: N8nRunFigures;
	httpLimitMs?: number;
	batching: Batching;
	/** 1-minute load average before and after the row's runs. */
	load: [number, number];
}

export interface SameOrgRow {
	provider: ProviderKey;
	items: number;
	resources: number;
	inProcess: InProcessFigures;
	ours?: N8nRunFigures;
	http?: N8nRunFigures;
	load: number;
}

export interface PacingRow {
	rateLimit: number;
	items: number;
	organizations: number;
	concurrency: number;
	figures: InProcessFigures;
	load: number;
}

export interface BenchResults {
	command: string;
	machine: Machine;
	latencyMs: number;
	items: number;
	concurrency: ConcurrencyRow[];
	sameOrg: SameOrgRow[];
	pacing: PacingRow[];
	profiles: Partial<Record<ProviderKey, { figures: InProcessFigures; summary: ProfileSummary }>>;
	ourCode: Partial<Record<ProviderKey, OurCodeFigures>>;
	loadBefore: number;
	loadAfter: number;
	/** Partial runs merged in afterwards (`--merge`): their rows replace the full run's. */
	reruns?: Array<{ command: string; date: string; providers: ProviderKey[]; sections: string[] }>;
}

const ROOT = path.resolve(__dirname, '../..');
export const DOC = path.join(ROOT, 'docs/BENCHMARKS.md');
const DOC_DIR = path.join(ROOT, 'docs/benchmarks');
const START = '<!-- bench:results:start (written by npm run bench) -->';
const END = '<!-- bench:results:end -->';

const sec = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b || Number.isNaN(a) ? '–' : `${(a / b).toFixed(2)}×`);
const label = (p: ProviderKey) => WORKLOADS[p].label;

function table(head: string[], rows: string[][]): string {
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function failures(f: { lost: number; errorItems: number; runError?: string } | undefined): string {
	if (!f) return '–';
	const parts = [`${f.lost} lost`];
	if (f.errorItems) parts.push(`${f.errorItems} error items`);
	if (f.runError) parts.push(`run failed: ${f.runError.replace(/\|/g, '/').slice(0, 80)}`);
	return parts.join(', ');
}

/** CPU of the benchmark process (the node) and of the emulator process over the run's wall time. */
function coresBusy(f: InProcessFigures): string {
	if (f.emulatorCpuMs === undefined || !f.wallMs) return '–';
	return `${((f.cpuMs + f.emulatorCpuMs) / f.wallMs).toFixed(2)} (${(f.cpuMs / f.wallMs).toFixed(2)} + ${(f.emulatorCpuMs / f.wallMs).toFixed(2)})`;
}

/** Groups of profile categories for the CPU table. */
const CPU_GROUPS: Array<{ name: string; match: (category: string) => boolean }> = [
	{ name: 'our code', match: (c) => c.startsWith('our ') },
	{ name: 'n8n parameters and expressions', match: (c) => ['n8n-workflow', 'other: luxon', 'other: @n8n/tournament', 'other: lodash', 'other: @n8n/expression-runtime'].includes(c) },
	{ name: 'HTTP (axios, Node http/net)', match: (c) => ['axios', 'Node http/net', 'other: proxy-from-env', 'other: @n8n/backend-network'].includes(c) },
	{ name: 'n8n-core and harness', match: (c) => ['n8n-core', 'test harness', 'other: @n8n/di'].includes(c) },
	{ name: 'GC', match: (c) => c === 'garbage collection' },
];

export function cpuShares(summary: ProfileSummary): Array<{ name: string; share: number }> {
	const total = summary.byCategory.reduce((a, c) => a + c.ms, 0) || 1;
	const out = CPU_GROUPS.map((g) => ({ name: g.name, share: summary.byCategory.filter((c) => g.match(c.category)).reduce((a, c) => a + c.ms, 0) / total }));
	out.push({ name: 'other (Node core, V8)', share: 1 - out.reduce((a, g) => a + g.share, 0) });
	return out;
}

export function renderTables(r: BenchResults): string {
	const parts: string[] = [];
	const m = r.machine;
	parts.push(
		`Run of ${m.date.slice(0, 16).replace('T', ' ')} UTC: \`${r.command}\`. Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; ` +
			`benchmark and in-process runs on Node ${m.node}${m.n8nVersion ? `, real n8n ${m.n8nVersion} on Node ${m.n8nNode}` : ''}. ` +
			`Latency injected by the emulators: ${r.latencyMs} ms per request. 1-minute load average ${r.loadBefore} at the start, ${r.loadAfter} at the end ` +
			`(the machine is shared; each row shows its own).`,
	);
	for (const rerun of r.reruns ?? []) {
		parts.push(
			`Re-run of ${rerun.date.slice(0, 16).replace('T', ' ')} UTC, same machine: \`${rerun.command}\`; its rows (${rerun.providers.map(label).join(', ')}: ${rerun.sections.join(', ')}) replace those of the run above.`,
		);
	}

	if (r.concurrency.length) {
		parts.push('### Concurrency: our nodes in-process (CPU figures)');
		parts.push(
			table(
				['Provider', 'C', 'Items', 'Requests', 'Token requests', 'Limit', 'Wall (node)', 'Ratio to limit', 'CPU / item', 'Cores busy (node + emulators)', 'Outcome', 'Load'],
				r.concurrency.map((row) => [
					label(row.provider),
					String(row.concurrency),
					String(row.inProcess.items),
					String(row.inProcess.requests),
					String(row.inProcess.tokenRequests),
					sec(row.limitMs),
					sec(row.inProcess.nodeMs),
					ratio(row.inProcess.nodeMs, row.limitMs),
					`${(row.inProcess.cpuMs / row.inProcess.items).toFixed(2)} ms`,
					coresBusy(row.inProcess),
					failures(row.inProcess) + (row.inProcess.rateLimited ? `, ${row.inProcess.rateLimited}×429` : ''),
					`${row.load[0]}→${row.load[1]}`,
				]),
			),
		);
		const withN8n = r.concurrency.filter((row) => row.ours || row.http);
		if (withN8n.length) {
			parts.push('### Concurrency: real n8n, our node against the HTTP Request node');
			parts.push(
				table(
					['Provider', 'C', 'Ours: time', 'requests (token)', 'ratio to limit', 'HTTP Request: time', 'requests (token)', 'ratio to its limit', 'Ours / HTTP Request', 'Ours: outcome', 'HTTP Request: outcome', 'Batching (size / interval)'],
					withN8n.map((row) => [
						label(row.provider),
						String(row.concurrency),
						sec(row.ours?.nodesMs),
						row.ours ? `${row.ours.requests} (${row.ours.tokenRequests})` : '–',
						ratio(row.ours?.nodesMs, row.oursLimitMs),
						sec(row.http?.nodesMs),
						row.http ? `${row.http.requests} (${row.http.tokenRequests})` : '–',
						ratio(row.http?.nodesMs, row.httpLimitMs),
						ratio(row.ours?.nodesMs, row.http?.nodesMs),
						failures(row.ours) + (row.ours?.rateLimited ? `, ${row.ours.rateLimited}×429` : ''),
						failures(row.http) + (row.http?.rateLimited ? `, ${row.http.rateLimited}×429` : ''),
						`${row.batching.batchSize} / ${row.batching.batchInterval} ms`,
					]),
				),
			);
		}
	}

	const cpuProviders = [...new Set([...Object.keys(r.ourCode), ...Object.keys(r.profiles)])] as ProviderKey[];
	if (cpuProviders.length) {
		parts.push('### CPU per item: the whole node run, our code alone, and where the rest goes');
		const groups = [...CPU_GROUPS.map((g) => g.name), 'other (Node core, V8)'];
		parts.push(
			table(
				['Provider', 'Whole run in-process (C 10)', 'Our code alone: process CPU (replay)', 'Our code alone: main thread (replay)', ...groups.map((g) => `profile: ${g}`)],
				cpuProviders.map((provider) => {
					const row = r.concurrency.find((c) => c.provider === provider && c.concurrency === 10) ?? r.concurrency.find((c) => c.provider === provider);
					const perItem = row ? row.inProcess.cpuMs / row.inProcess.items : Number.NaN;
					const ours = r.ourCode[provider];
					const summary = r.profiles[provider]?.summary;
					const shares = summary ? cpuShares(summary) : [];
					return [
						label(provider),
						`${perItem.toFixed(2)} ms`,
						ours ? `${ours.cpuMsPerItem.toFixed(3)} ms${ours.replayed !== ours.recorded ? ` (replay ${ours.replayed}/${ours.recorded})` : ''}` : '–',
						ours?.mainThreadMsPerItem !== undefined ? `${ours.mainThreadMsPerItem.toFixed(3)} ms` : '–',
						...groups.map((g) => {
							const sh = shares.find((x) => x.name === g);
							return sh ? `${(perItem * sh.share).toFixed(2)} ms (${Math.round(sh.share * 100)} %)` : '–';
						}),
					];
				}),
			),
		);
		const profiled = cpuProviders.filter((p) => r.profiles[p]);
		if (profiled.length) {
			parts.push('Heaviest functions by self time in each profile (a run of up to 500 items at Concurrency 10):');
			for (const provider of profiled) {
				const summary = r.profiles[provider]?.summary as ProfileSummary;
				parts.push(`- ${label(provider)}: ${summary.topFunctions.slice(0, 6).map((f) => `\`${f.name}\` ${f.ms.toFixed(0)} ms`).join(', ')}`);
			}
		}
	}

	if (r.sameOrg.length) {
		parts.push('### Same-organization bulk (1,000 items over 100 resources, Concurrency 10)');
		parts.push(
			table(
				['Provider', 'Items / resources', 'Ours: requests (in-process)', 'outputs (pairedItem ok)', 'items lost', 'time in-process / n8n', 'HTTP Request (naive): requests', 'items lost', 'time (n8n)'],
				r.sameOrg.map((row) => [
					label(row.provider),
					`${row.items} / ${row.resources}`,
					`${row.inProcess.requests} (${row.inProcess.tokenRequests} token)`,
					`${row.inProcess.outputs} (${row.inProcess.pairingErrors === 0 ? 'yes' : `${row.inProcess.pairingErrors} wrong`})`,
					`${row.inProcess.lost}${row.ours ? ` (n8n: ${row.ours.lost})` : ''}`,
					`${sec(row.inProcess.nodeMs)} / ${sec(row.ours?.nodesMs)}`,
					row.http ? `${row.http.requests} (${row.http.tokenRequests} token)` : '–',
					row.http ? String(row.http.lost) : '–',
					sec(row.http?.nodesMs),
				]),
			),
		);
	}

	if (r.pacing.length) {
		parts.push('### Pacing: Partoo Get under the emulator\'s real limit (300 requests per minute per organization)');
		parts.push(
			table(
				['Rate Limit option', 'Items', 'Organizations', 'C', 'Wall', 'Requests sent', '429 received', 'Failed items', 'Load'],
				r.pacing.map((row) => [
					row.rateLimit === 0 ? '0 (no pacing)' : `${row.rateLimit} (default)`,
					String(row.items),
					String(row.organizations),
					String(row.concurrency),
					sec(row.figures.nodeMs),
					String(row.figures.requests),
					String(row.figures.rateLimited),
					`${row.figures.errorItems}${row.figures.runError ? ` (run failed: ${row.figures.runError.slice(0, 80)})` : ''}`,
					String(row.load),
				]),
			),
		);
	}
	return parts.join('\n\n');
}

export function printResults(r: BenchResults): void {
	process.stdout.write(`\n${renderTables(r)}\n`);
}

// ---------------------------------------------------------------------------------------------------
// Chart: wall time against concurrency, one panel per provider (log scale), our node and the HTTP
// Request node in real n8n, our node in-process, and the limit.

const SERIES = [
	{ key: 'limit', name: 'limit: ceil(requests / C) × latency', color: '#888', dash: '4 3' },
	{ key: 'inProcess', name: 'our node, in-process', color: '#7fb3e0', dash: '2 2' },
	{ key: 'ours', name: 'our node, real n8n', color: '#1f6fb2', dash: '' },
	{ key: 'http', name: 'HTTP Request node, real n8n', color: '#e07b20', dash: '' },
] as const;

export function chartSvg(r: BenchResults): string {
	const providers = [...new Set(r.concurrency.map((row) => row.provider))];
	const concurrencies = [...new Set(r.concurrency.map((row) => row.concurrency))].sort((a, b) => a - b);
	const panelW = 250;
	const panelH = 210;
	const pad = { left: 48, top: 34, bottom: 36 };
	const width = Math.max(providers.length * panelW + 20, SERIES.length * 240 + 20);
	const height = panelH + pad.top + pad.bottom + 60;
	const values = (row: ConcurrencyRow): Record<string, number | undefined> => ({
		limit: row.limitMs,
		inProcess: row.inProcess.nodeMs,
		ours: row.ours?.nodesMs,
		http: row.http?.nodesMs,
	});
	const all = r.concurrency.flatMap((row) => Object.values(values(row))).filter((v): v is number => v !== undefined && v > 0 && Number.isFinite(v));
	const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all) / 1000)));
	const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all) / 1000)));
	const y = (ms: number) => pad.top + panelH - ((Math.log10(ms / 1000) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * panelH;
	const out: string[] = [];
	out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
	out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
	providers.forEach((provider, p) => {
		const x0 = 10 + p * panelW + pad.left;
		const w = panelW - pad.left - 14;
		const x = (i: number) => x0 + (concurrencies.length === 1 ? w / 2 : (i / (concurrencies.length - 1)) * w);
		out.push(`<text x="${x0 + w / 2}" y="20" text-anchor="middle" font-weight="bold" font-size="12">${label(provider)}</text>`);
		out.push(`<rect x="${x0}" y="${pad.top}" width="${w}" height="${panelH}" fill="none" stroke="#ccc"/>`);
		for (let d = lo; d <= hi + 1e-9; d *= 10) {
			const yy = y(d * 1000);
			out.push(`<line x1="${x0}" x2="${x0 + w}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
			out.push(`<text x="${x0 - 4}" y="${yy + 4}" text-anchor="end" fill="#555">${d >= 1 ? d : d.toFixed(1)} s</text>`);
		}
		concurrencies.forEach((c, i) => out.push(`<text x="${x(i)}" y="${pad.top + panelH + 14}" text-anchor="middle" fill="#555">${c}</text>`));
		out.push(`<text x="${x0 + w / 2}" y="${pad.top + panelH + 28}" text-anchor="middle" fill="#555">Concurrency</text>`);
		const rows = concurrencies.map((c) => r.concurrency.find((row) => row.provider === provider && row.concurrency === c));
		for (const s of SERIES) {
			const points = rows
				.map((row, i) => (row ? [x(i), values(row)[s.key]] : undefined))
				.filter((pt): pt is [number, number] => pt !== undefined && pt[1] !== undefined && pt[1] > 0 && Number.isFinite(pt[1]))
				.map(([px, ms]) => [px, y(ms)]);
			if (!points.length) continue;
			out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${points.map((pt) => pt.map((v) => v.toFixed(1)).join(',')).join(' ')}"/>`);
			for (const [px, py] of points) out.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2.5" fill="${s.color}"/>`);
		}
	});
	const legendY = pad.top + panelH + 50;
	SERIES.forEach((s, i) => {
		const lx = 20 + i * 240;
		out.push(`<line x1="${lx}" x2="${lx + 26}" y1="${legendY}" y2="${legendY}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
		out.push(`<text x="${lx + 32}" y="${legendY + 4}">${s.name}</text>`);
	});
	out.push(`<text x="20" y="${legendY + 22}" fill="#555">Wall time of ${r.items} items (log scale), ${r.latencyMs} ms latency per request; the limit is our node's (its requests); Elastic Path's also counts the store's 100 requests per second.</text>`);
	out.push('</svg>');
	return `${out.join('\n')}\n`;
}

/**
 * Writes the results JSON, the chart and the tables into docs/BENCHMARKS.md (between its result markers;
 * the text around them is kept). Returns the files written.
 */
export function writeDocs(r: BenchResults): string[] {
	mkdirSync(DOC_DIR, { recursive: true });
	const written: string[] = [];
	const json = path.join(DOC_DIR, 'results.json');
	writeFileSync(json, `${JSON.stringify(r, null, 1)}\n`);
	written.push(path.relative(ROOT, json));
	if (r.concurrency.length) {
		const svg = path.join(DOC_DIR, 'concurrency.svg');
		writeFileSync(svg, chartSvg(r));
		written.push(path.relative(ROOT, svg));
	}
	const body = `${START}\n\n${renderTables(r)}\n\n${END}`;
	const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	const next = start >= 0 && end > start ? `${current.slice(0, start)}${body}${current.slice(end + END.length)}` : `${current.trimEnd()}\n\n${body}\n`;
	writeFileSync(DOC, next);
	written.push(path.relative(ROOT, DOC));
	return written;
}
