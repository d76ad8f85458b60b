// Starts the emulator process (scripts/bench/emulators.ts) and drives it over its /__emulator control
// endpoints: reset, latency, request log, state.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { EmulatorCredential, LoggedRequest } from '../../test/support/emulator';

export type ProviderKey = 'partoo' | 'blendVisionOne' | 'elasticPath' | 'commvault' | 'instellix';

export const PROVIDERS: ProviderKey[] = ['partoo', 'blendVisionOne', 'elasticPath', 'commvault', 'instellix'];

export interface StartedEmulator {
	url: string;
	credential: EmulatorCredential;
}

/** A request of the emulator log, without headers and body (what the figures need). */
export interface LogEntry {
	method: string;
	path: string;
	status: number;
	at: number;
}

export interface RequestCounts {
	/** Every request the emulator logged (token requests included). */
	requests: number;
	tokenRequests: number;
	/** Requests answered 429. */
	rateLimited: number;
	/** Requests answered 401 (expired or missing token). */
	unauthorized: number;
	/** Requests answered >= 500 or dropped. */
	serverErrors: number;
}

export function countRequests(log: LogEntry[], tokenPath: RegExp | undefined): RequestCounts {
	return {
		requests: log.length,
		tokenRequests: tokenPath ? log.filter((r) => tokenPath.test(r.path)).length : 0,
		rateLimited: log.filter((r) => r.status === 429).length,
		unauthorized: log.filter((r) => r.status === 401).length,
		serverErrors: log.filter((r) => r.status >= 500 || r.status < 0).length,
	};
}

export class EmulatorProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly emulators: Record<ProviderKey, StartedEmulator>,
	) {}

	/** Starts the emulators, each with `resources` benchmark resources (scripts/bench/emulators.ts). */
	static async start(resources?: number): Promise<EmulatorProcess> {
		const root = path.resolve(__dirname, '../..');
		const tsNode = path.join(root, 'node_modules/ts-node/dist/bin.js');
		const child = spawn(process.execPath, [tsNode, '--transpile-only', path.join(__dirname, 'emulators.ts')], {
			cwd: root,
			env: { ...process.env, ...(resources ? { BENCH_RESOURCES: String(resources) } : {}) },
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let out = '';
		const emulators = await new Promise<Record<ProviderKey, StartedEmulator>>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`The emulator process did not start in 60 s:\n${out}`)), 60_000);
			child.on('exit', (code) => reject(new Error(`The emulator process exited (${code}):\n${out}`)));
			child.stdout?.on('data', (d: Buffer) => {
				out += d.toString();
				const line = out.split('\n').find((l) => l.startsWith('BENCH_EMULATORS '));
				if (line) {
					clearTimeout(timer);
					resolve(JSON.parse(line.slice('BENCH_EMULATORS '.length)) as Record<ProviderKey, StartedEmulator>);
				}
			});
		});
		child.removeAllListeners('exit');
		return new EmulatorProcess(child, emulators);
	}

	/** The emulator process's id, for CPU figures of the emulators (not the node). */
	get pid(): number | undefined {
		return this.child.pid;
	}

	/** CPU time (user + system) the emulator process has used so far, in ms (Linux /proc; undefined elsewhere). */
	cpuMs(): number | undefined {
		try {
			const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
			// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
		} catch {
			return undefined;
		}
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const done = new Promise<void>((resolve) => this.child.on('exit', () => resolve()));
		this.child.stdin?.end();
		this.child.kill('SIGTERM');
		await done;
	}

	private async call<T>(provider: ProviderKey, method: string, route: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.emulators[provider].url}/__emulator/${route}`, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!res.ok) throw new Error(`${method} /__emulator/${route} on ${provider} answered ${res.status}: ${await res.text()}`);
		return (await res.json()) as T;
	}

	/** Seed data back (with the benchmark's resources), empty log, no faults, no latency. */
	async reset(provider: ProviderKey): Promise<void> {
		await this.call(provider, 'POST', 'reset');
	}

	/** Empties the request log only: state, tokens and latency stay (added by scripts/bench/emulators.ts). */
	async clearLog(provider: ProviderKey): Promise<void> {
		await this.call(provider, 'POST', 'clear-log');
	}

	async latency(provider: ProviderKey, ms: number): Promise<void> {
		await this.call(provider, 'POST', 'latency', { ms });
	}

	/** Sets the limit an emulator enforces (Partoo per API key, Elastic Path per store; scripts/bench/emulators.ts). */
	async rateLimit(provider: ProviderKey, limit: number, windowMs: number): Promise<void> {
		await this.call(provider, 'POST', 'rate-limit', { limit, windowMs });
	}

	async log(provider: ProviderKey): Promise<LogEntry[]> {
		const log = await this.call<LoggedRequest[]>(provider, 'GET', 'log');
		return log.map(({ method, path: p, status, at }) => ({ method, path: p, status, at }));
	}

	async state<T>(provider: ProviderKey): Promise<T> {
		return await this.call<T>(provider, 'GET', 'state');
	}
}
