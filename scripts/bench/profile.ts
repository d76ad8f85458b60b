// Where n8n's main thread spends its CPU on a benchmark run: a V8 sampling profile of the real n8n server
// (scripts/bench/n8n-profiler-hook.js), cut to the measured nodes' execution, then (1) its self time grouped
// by the code it belongs to and (2) the time spent inside the request path's steps (a sample counts for a
// step when the step's function is on its stack), each divided by the run's requests.
import type { N8nRunFigures } from './realn8n';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
	/** Added by the hook: epoch ms minus the profile's clock in ms, to cut the profile to the nodes' execution. */
	epochOffsetMs?: number;
}

/** Self-time groups, first match wins (by script URL, or V8's own entries). */
const GROUPS: Array<{ name: string; match: (url: string, fn: string) => boolean }> = [
	{ name: 'our node (the package)', match: (u) => u.includes('n8n-nodes-plan-provisioning') },
	{ name: 'HTTP Request, Set and Split Out nodes', match: (u) => u.includes('n8n-nodes-base') },
	{
		name: 'parameters and expressions (n8n-workflow, luxon, …)',
		match: (u) => ['n8n-workflow/', '@n8n/tournament', '/luxon/', '/lodash', '/recast/', 'esprima', '/ast-types/', '@n8n/expression', 'isolated-vm', 'jmespath'].some((s) => u.includes(s)),
	},
	{ name: 'credentials: database (TypeORM, SQLite)', match: (u) => ['/typeorm/', 'sqlite', '@n8n/db/'].some((s) => u.includes(s)) },
	{ name: 'credentials: decryption and helper (n8n)', match: (u) => ['credentials-helper', 'n8n-core/dist/encryption', 'n8n-core/dist/credentials', 'node:crypto', 'internal/crypto'].some((s) => u.includes(s)) },
	{
		name: 'HTTP (axios, Node http/net)',
		match: (u) => ['/axios/', 'follow-redirects', 'form-data', 'proxy-from-env', 'backend-network', 'node:_http', 'node:http', 'node:net', 'internal/http', 'internal/streams', 'internal/stream_base', 'node:stream', 'node:dns', 'internal/dns', 'internal/net'].some((s) => u.includes(s)),
	},
	{ name: 'n8n-core (execution engine, request helpers)', match: (u) => u.includes('n8n-core/') },
	{ name: 'garbage collection', match: (_u, f) => f === '(garbage collector)' },
	{ name: 'other (n8n, Node core, V8)', match: () => true },
];

/** Steps of n8n's request path: time with the function on the stack (its synchronous parts and resumptions). */
const STEPS: Array<{ name: string; match: (url: string, fn: string) => boolean }> = [
	{ name: 'read the credential (getCredentials: database, decryption, defaults)', match: (u, f) => (f === '_getCredentials' || f === 'getCredentials') && u.includes('n8n-core') },
	{ name: 'sign-in check (preAuthentication)', match: (u, f) => f === 'preAuthentication' && u.includes('credentials-helper') },
	{ name: 'apply the credential (authenticate)', match: (u, f) => f === 'authenticate' && u.includes('credentials-helper') },
	{ name: 'resolve parameters (getNodeParameter)', match: (u, f) => f === '_getNodeParameter' && u.includes('n8n-core') },
	{ name: 'axios', match: (u) => u.includes('/axios/') },
];

export interface RequestPathCosts {
	requests: number;
	items: number;
	/** CPU of the main thread during the measured nodes, per request and per item (ms). */
	cpuMsPerRequest: number;
	cpuMsPerItem: number;
	/** Measured nodes' time covered by the profile (ms), and the share of it the thread was busy. */
	windowMs: number;
	busy: number;
	groups: Array<{ name: string; msPerRequest: number; share: number }>;
	steps: Array<{ name: string; msPerRequest: number; share: number }>;
	top: Array<{ name: string; msPerRequest: number }>;
}

/** The profile's samples inside the measured nodes' execution, grouped and divided by the run's requests. */
export function requestPathCosts(profile: CpuProfile, figures: N8nRunFigures): RequestPathCosts {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const windows = figures.windows.map(([s, e]) => [s, e] as const);
	const inWindow = (epochMs: number) => windows.length === 0 || windows.some(([s, e]) => epochMs >= s && epochMs <= e);

	const groupUs = new Map<string, number>();
	const stepUs = new Map<string, number>();
	const fnUs = new Map<string, number>();
	let busyUs = 0;
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	let t = profile.startTime;
	for (let i = 0; i < samples.length; i++) {
		t += deltas[i] ?? 0;
		const us = deltas[i + 1] ?? deltas[i] ?? 0;
		if (profile.epochOffsetMs !== undefined && !inWindow(t / 1000 + profile.epochOffsetMs)) continue;
		const leaf = byId.get(samples[i]);
		if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
		busyUs += us;
		// Native code (no script URL: isolated-vm's expression calls, socket connects, …) counts for the script
		// that called it; V8's own entries (GC, program) stay what they are.
		let owner = leaf;
		if (!owner.callFrame.url && !owner.callFrame.functionName.startsWith('(')) {
			for (let id = parent.get(owner.id); id !== undefined; id = parent.get(id)) {
				const frame = byId.get(id);
				if (frame?.callFrame.url) {
					owner = frame;
					break;
				}
			}
		}
		const { url, functionName } = owner.callFrame;
		const group = GROUPS.find((g) => g.match(url, functionName))?.name as string;
		groupUs.set(group, (groupUs.get(group) ?? 0) + us);
		const where = leaf.callFrame.url ? `${leaf.callFrame.url.split('/node_modules/').pop() ?? ''}:${leaf.callFrame.lineNumber + 1}` : `(native, from ${url.split('/node_modules/').pop() ?? ''})`;
		const fn = `${leaf.callFrame.functionName || '(anonymous)'} ${where}`;
		fnUs.set(fn, (fnUs.get(fn) ?? 0) + us);
		const seen = new Set<string>();
		for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
			const frame = byId.get(id)?.callFrame;
			if (!frame) break;
			for (const step of STEPS) if (!seen.has(step.name) && step.match(frame.url, frame.functionName)) seen.add(step.name);
		}
		for (const name of seen) stepUs.set(name, (stepUs.get(name) ?? 0) + us);
	}
	const requests = Math.max(1, figures.requests);
	const perRequest = (us: number) => us / 1000 / requests;
	const windowMs = windows.reduce((a, [s, e]) => a + (e - s), 0);
	return {
		requests: figures.requests,
		items: figures.items,
		cpuMsPerRequest: perRequest(busyUs),
		cpuMsPerItem: busyUs / 1000 / Math.max(1, figures.items),
		windowMs,
		busy: windowMs ? busyUs / 1000 / windowMs : Number.NaN,
		groups: GROUPS.map((g) => ({ name: g.name, msPerRequest: perRequest(groupUs.get(g.name) ?? 0), share: (groupUs.get(g.name) ?? 0) / (busyUs || 1) })),
		steps: STEPS.map((s) => ({ name: s.name, msPerRequest: perRequest(stepUs.get(s.name) ?? 0), share: (stepUs.get(s.name) ?? 0) / (busyUs || 1) })),
		top: [...fnUs]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 8)
			.map(([name, us]) => ({ name, msPerRequest: perRequest(us) })),
	};
}
