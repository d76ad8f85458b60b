// The limits section's figures (scripts/bench/limits.ts): their shape in docs/benchmarks/results.json
// (`limits`) and their table on docs/BENCHMARKS.md.
import type { ProviderKey } from './control';
import type { N8nRunFigures } from './realn8n';
import type { Batching } from './workloads';

/** Our node with its defaults, the HTTP Request workflow, two executions of our node started together. */
export type LimitVariant = 'ours' | 'oursC20' | 'http' | 'two';

export interface LimitRun {
	variant: LimitVariant;
	/** One execution, or the two started together. */
	executions: N8nRunFigures[];
	/** From the first start to the last end (ms). */
	wallMs: number;
	/** Requests the provider counted (answered other than 429; tokens aside). */
	counted: number;
	/** counted ÷ the allowed rate (ms). */
	minimumRateMs: number;
	/** A sliding window lets the first `limit` go at once: (ceil(counted ÷ limit) − 1) windows, plus one round trip. */
	minimumWindowMs: number;
}

export interface LimitCase {
	provider: ProviderKey;
	store?: 'production' | 'development';
	label: string;
	limit: { limit: number; windowMs: number; per: string };
	retryAfterSeconds?: number;
	batching: Batching;
	retry: { maxTries: number; waitBetweenTries: number };
	/** Items per execution. */
	items: number;
	runs: LimitRun[];
}

export interface LimitsResults {
	command: string;
	/** As in the rest of the results (report.ts's Machine). */
	machine: { cpu: string; cores: number; n8nVersion?: string; n8nNode?: string };
	date: string;
	latencyMs: number;
	items: number;
	/** `uptime` before and after. */
	uptime: [string, string];
	durationMs: number;
	cases: LimitCase[];
}

export function limitMinimums(counted: number, limit: { limit: number; windowMs: number }, latencyMs: number): Pick<LimitRun, 'counted' | 'minimumRateMs' | 'minimumWindowMs'> {
	return {
		counted,
		minimumRateMs: (counted * limit.windowMs) / limit.limit,
		minimumWindowMs: Math.max(0, Math.ceil(counted / limit.limit) - 1) * limit.windowMs + latencyMs,
	};
}

const sec = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
const num = (n: number) => n.toLocaleString('en-US');

function outcome(f: N8nRunFigures): string {
	const parts = [`${num(f.lost)} lost`];
	if (f.errorItems) parts.push(`${num(f.errorItems)} error items`);
	parts.push(f.runError ? `**failed**: ${f.runError.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 90)}` : 'succeeded');
	return parts.join(', ');
}

const VARIANT_NAME: Record<LimitVariant, string> = {
	ours: 'ours (defaults: Concurrency 5)',
	oursC20: 'ours, Concurrency 20',
	http: 'HTTP Request (Batching, Retry On Fail)',
	two: 'ours, two executions at once',
};

/** The limits table of docs/BENCHMARKS.md. */
export function renderLimits(l: LimitsResults): string {
	const rows: string[] = [];
	for (const c of l.cases) {
		for (const run of c.runs) {
			const each = run.executions;
			rows.push(
				[
					`${c.label}: ${num(c.limit.limit)} per ${c.limit.per}`,
					VARIANT_NAME[run.variant],
					each.map((f) => num(f.items)).join(' + '),
					each.map((f) => num(f.requests - f.tokenRequests)).join(' + '),
					each.map((f) => num(f.rateLimited)).join(' + '),
					each.map(outcome).join('; '),
					each.length > 1 ? `${each.map((f) => sec(f.execMs ?? Number.NaN)).join(' and ')} (${sec(run.wallMs)} in all)` : sec(run.wallMs),
					`${sec(run.minimumRateMs)} / ${sec(run.minimumWindowMs)}`,
					`${(run.wallMs / run.minimumWindowMs).toFixed(2)}×`,
				].join(' | '),
			);
		}
	}
	const load = l.uptime.map((u) => `\`${u.replace(/^.*load average/, 'load average')}\``).join(' at the start, ');
	return [
		'| Provider: documented limit | Run | Updates | Requests | 429 met | Outcome (from the emulator state) | Time | Limit-bound minimum: requests ÷ rate / sliding window | Time ÷ sliding-window minimum |',
		'|---|---|---|---|---|---|---|---|---|',
		...rows.map((r) => `| ${r} |`),
		'',
		`Run of ${l.date.slice(0, 16).replace('T', ' ')} UTC: \`${l.command}\` (${(l.durationMs / 60000).toFixed(0)} min), ${l.latencyMs} ms latency per request, ` +
			`real n8n ${l.machine.n8nVersion ?? ''} on Node ${l.machine.n8nNode ?? ''}; ${l.machine.cpu}, ${l.machine.cores} cores, shared with other work: ${load} at the end.`,
	].join('\n');
}

/** For the lead table: 1,000 updates of our node under the provider's limit, per provider and store. */
export function limitBound(l: LimitsResults | undefined, provider: ProviderKey): string {
	const cases = l?.cases.filter((c) => c.provider === provider) ?? [];
	if (!cases.length) return 'no limit documented';
	return cases
		.map((c) => {
			const ours = c.runs.find((r) => r.variant === 'ours');
			const scale = 1000 / c.items;
			return `${ours ? sec(ours.wallMs * scale) : '–'}${c.store ? ` (${c.store} store)` : ''}`;
		})
		.join(', ');
}
