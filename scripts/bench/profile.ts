// CPU profiles of in-process runs (the V8 sampling profiler through node:inspector, as `node --cpu-prof`
// records them), summarised by where the time goes: our nodes, the shared core, n8n-core, n8n-workflow,
// the test harness, HTTP and the rest.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
}

const ROOT = path.resolve(__dirname, '../..');

export class Profiler {
	private readonly session = new Session();

	private post<T>(method: string, params?: object): Promise<T> {
		return new Promise((resolve, reject) =>
			this.session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
		);
	}

	async start(): Promise<void> {
		this.session.connect();
		await this.post('Profiler.enable');
		await this.post('Profiler.setSamplingInterval', { interval: 200 });
		await this.post('Profiler.start');
	}

	async stop(file: string): Promise<CpuProfile> {
		const { profile } = await this.post<{ profile: CpuProfile }>('Profiler.stop');
		this.session.disconnect();
		writeFileSync(file, JSON.stringify(profile));
		return profile;
	}
}

/** Which part of the code a profile frame belongs to. */
export function categoryOf(url: string, functionName: string): string {
	const file = url.replace(/^file:\/\//, '');
	if (!file) return functionName === '(garbage collector)' ? 'garbage collection' : functionName === '(idle)' || functionName === '(program)' ? functionName : 'V8 / native';
	if (file.startsWith('node:')) return /http|net|stream|_tls|dns/.test(file) ? 'Node http/net' : 'Node core';
	const rel = path.relative(ROOT, file);
	if (rel.startsWith('nodes/core/')) return 'our core (nodes/core)';
	if (rel.startsWith('nodes/') || rel.startsWith('credentials/')) return 'our nodes and credentials';
	if (rel.startsWith('test/support/harness/')) return 'test harness';
	if (rel.includes('node_modules/n8n-core/')) return 'n8n-core';
	if (rel.includes('node_modules/n8n-workflow/')) return 'n8n-workflow';
	if (rel.includes('node_modules/axios/') || rel.includes('node_modules/follow-redirects/') || rel.includes('node_modules/form-data/')) return 'axios';
	if (rel.includes('node_modules/typescript/') || rel.includes('node_modules/ts-node/')) return 'ts-node (compiling)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)?.[1];
	return pkg ? `other: ${pkg}` : `other: ${rel}`;
}

export interface ProfileSummary {
	totalMs: number;
	byCategory: Array<{ category: string; ms: number }>;
	topFunctions: Array<{ name: string; ms: number }>;
}

/** Self time per category and the heaviest functions (outside idle), from a V8 CPU profile. */
export function summarise(profile: CpuProfile): ProfileSummary {
	const selfUs = new Map<number, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
	const byCategory = new Map<string, number>();
	const byFunction = new Map<string, number>();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfUs.get(node.id) ?? 0;
		if (!us) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)') continue;
		total += us;
		const category = categoryOf(url, functionName);
		byCategory.set(category, (byCategory.get(category) ?? 0) + us);
		const where = url ? `${path.relative(ROOT, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
		const name = `${functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(name, (byFunction.get(name) ?? 0) + us);
	}
	const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
	return {
		totalMs: total / 1000,
		byCategory: sorted(byCategory).map(([category, us]) => ({ category, ms: us / 1000 })),
		topFunctions: sorted(byFunction)
			.slice(0, 15)
			.map(([name, us]) => ({ name, ms: us / 1000 })),
	};
}
