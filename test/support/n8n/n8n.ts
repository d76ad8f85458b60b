import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { N8nInstall } from './install';

export const ROOT = path.resolve(__dirname, '../../..');

/** Progress lines go to stderr, so stdout stays clean for results. */
export function step(message: string): void {
	process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export { type N8nInstall, ensureN8n } from './install';

/** Builds the package and packs it, as a self-hoster would get it from npm. Returns the .tgz path. */
export function packPackage(outDir: string): string {
	step('building the package (npm run build)');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	step('packing it (npm pack)');
	mkdirSync(outDir, { recursive: true });
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.trim()
		.split('\n')
		.pop() as string;
	return path.join(outDir, name);
}

/**
 * Installs the tarball the self-hoster way (the README's command): `npm install --omit=peer <tgz>` inside
 * `<user folder>/.n8n/nodes`. Without --omit=peer npm would install the newest n8n-workflow (the peer) beside
 * the package, and the nodes would run on it instead of the n8n-workflow of the n8n that loads them (n8n's own
 * Community Nodes install drops peer dependencies the same way).
 * The installed folder is prepared once per tarball and copied into each new user folder.
 */
export function installPackage(tgz: string, userFolder: string, prepared?: string): void {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	if (prepared && existsSync(prepared)) {
		cpSync(prepared, nodesDir, { recursive: true });
		return;
	}
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	step(`installing ${path.basename(tgz)} into ${nodesDir}`);
	execFileSync('npm', ['install', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error', tgz], {
		cwd: nodesDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (prepared) cpSync(nodesDir, prepared, { recursive: true });
}

export interface UserFolder {
	dir: string;
	env: NodeJS.ProcessEnv;
}

/** A fresh n8n user folder with our package installed, and the environment to run n8n in it. */
export function createUserFolder(tgz: string, options: { port?: number; prepared?: string; dir?: string } = {}): UserFolder {
	const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'n8n-user-'));
	mkdirSync(dir, { recursive: true });
	installPackage(tgz, dir, options.prepared);
	return { dir, env: n8nEnv(dir, options.port ?? 5678) };
}

export function n8nEnv(userFolder: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'plan-provisioning-local-key',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...extra,
	};
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs an n8n CLI command (import:workflow, execute, …) with Node 24 in a user folder. */
export async function n8nCli(install: N8nInstall, env: NodeJS.ProcessEnv, args: string[], timeoutMs = 300_000): Promise<CliResult> {
	return await new Promise((resolve, reject) => {
		const child = spawn(install.node, [install.n8n, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		trackChild(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr.slice(-2000)}`));
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code: code ?? -1, stdout, stderr });
		});
	});
}

/** Runs an n8n CLI command like n8nCli; a failure throws with n8n's output. Returns stdout and stderr. */
export async function n8nCliOrThrow(install: N8nInstall, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
	const result = await n8nCli(install, env, args);
	if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
	return result.stdout + result.stderr;
}

/**
 * Parses `n8n execute --rawOutput` output: the JSON run data printed after the log lines. n8n's background
 * tasks may print more lines after it (2.41 does, at times), so the JSON ends at the brace matching its first.
 */
export function parseExecuteOutput(stdout: string): { data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>; error?: { message: string } } }; status?: string } {
	const start = stdout.indexOf('{');
	if (start < 0) throw new Error(`No JSON in n8n execute output:\n${stdout.slice(-2000)}`);
	let depth = 0;
	let inString = false;
	for (let i = start; i < stdout.length; i++) {
		const ch = stdout[i];
		if (inString) {
			if (ch === '\\') i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === '{' || ch === '[') depth++;
		else if ((ch === '}' || ch === ']') && --depth === 0) return JSON.parse(stdout.slice(start, i + 1));
	}
	throw new Error(`Unfinished JSON in n8n execute output:\n${stdout.slice(-2000)}`);
}

export interface N8nServer {
	url: string;
	process: ChildProcess;
	log: () => string;
	stop: () => Promise<void>;
}

/** Process groups (n8n servers) and n8n CLI commands still running, killed if this process exits (or crashes) without stopping them. */
const running = new Set<number>();
const runningChildren = new Set<ChildProcess>();
process.on('exit', () => {
	for (const pid of running) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	for (const child of runningChildren) child.kill('SIGKILL');
});

function trackChild(child: ChildProcess): void {
	runningChildren.add(child);
	child.once('exit', () => runningChildren.delete(child));
}

/** Makes sure a child spawned `detached` (its own process group) does not outlive this process. */
export function trackProcessGroup(child: ChildProcess): void {
	const pid = child.pid;
	if (pid === undefined) return;
	running.add(pid);
	child.once('exit', () => running.delete(pid));
}

/**
 * Stops a child spawned `detached` (its own process group) with `signal`, then SIGKILL after `killAfterMs`
 * (default 15 s), and waits for `exit` (the child's exit event).
 */
export async function stopProcessGroup(child: ChildProcess, exit: Promise<void>, signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 15_000): Promise<void> {
	if (child.pid === undefined) return;
	const pid = child.pid;
	try {
		process.kill(-pid, signal);
	} catch {
		return;
	}
	const killer = setTimeout(() => {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}, killAfterMs);
	await exit;
	clearTimeout(killer);
}

/** With a log file, the most of n8n's output kept in memory (its tail). */
const OUTPUT_KEPT = 256 * 1024;

/** Appends to `file`, moving it to `<file>.1` (replacing the one before) when it passes `maxBytes`. */
export function rotatingLog(file: string, maxBytes = 10 * 1024 * 1024): (text: string) => void {
	mkdirSync(path.dirname(file), { recursive: true });
	let size = existsSync(file) ? statSync(file).size : 0;
	return (text) => {
		if (size > maxBytes) {
			renameSync(file, `${file}.1`);
			size = 0;
		}
		appendFileSync(file, text);
		size += Buffer.byteLength(text);
	};
}

/**
 * Starts `n8n start` (or `n8n worker`, …) and waits until /healthz answers. `n8n start` answers it (and its REST
 * API) before the published workflows are active, so for it this also waits for the line it prints after.
 * `log()` is n8n's output; with `logFile` (all of it, rotated at 10 MB) only its last 256 KB stay in memory.
 * `stop()` sends SIGTERM to n8n's process group, and SIGKILL after `killAfterMs` (default 15 s).
 */
export async function startN8n(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	options: { command?: string[]; readyTimeoutMs?: number; healthUrl?: string; logFile?: string; killAfterMs?: number } = {},
): Promise<N8nServer> {
	const command = options.command ?? ['start'];
	const port = Number(env.N8N_PORT ?? 5678);
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(install.node, [install.n8n, ...command], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	trackProcessGroup(child);
	const writeLog = options.logFile ? rotatingLog(options.logFile) : undefined;
	let output = '';
	let editorAnnounced = false;
	const onOutput = (d: Buffer) => {
		const text = d.toString();
		writeLog?.(text);
		output += text;
		editorAnnounced ||= output.includes('Editor is now accessible via');
		if (writeLog && output.length > OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT);
	};
	child.stdout?.on('data', onOutput);
	child.stderr?.on('data', onOutput);
	let exited = false;
	const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	child.on('exit', () => (exited = true));
	const stop = async () => {
		if (!exited) await stopProcessGroup(child, exit, 'SIGTERM', options.killAfterMs);
	};
	const health = options.healthUrl ?? `${url}/healthz`;
	// The line is logged at info level: a run that logs only warnings (the benchmark) cannot wait for it.
	const announces = command[0] === 'start' && !['warn', 'error', 'silent'].includes(env.N8N_LOG_LEVEL ?? 'info');
	const started = () => !announces || editorAnnounced;
	const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n ${command.join(' ')} exited while starting:\n${output.slice(-3000)}`);
		try {
			const res = await fetch(health);
			await res.arrayBuffer();
			if (res.ok && started()) return { url, process: child, log: () => output, stop };
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`n8n ${command.join(' ')} did not become ready on ${health}:\n${output.slice(-3000)}`);
}

/** A logged-in REST session against a running n8n (owner account set up on first use). */
export class N8nRest {
	private cookie = '';

	constructor(readonly url: string) {}

	static readonly owner = {
		email: 'owner@plan-provisioning.local',
		firstName: 'Plan',
		lastName: 'Provisioning',
		password: 'PlanProvisioning1',
	};

	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}), 'browser-id': 'e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /rest${route} answered ${res.status}: ${text.slice(0, 500)}`);
		let parsed: { data?: T } = {};
		try {
			if (text) parsed = JSON.parse(text) as { data?: T };
		} catch {
			const type = res.headers.get('content-type') ?? 'no content-type';
			throw new Error(`${method} /rest${route} answered ${res.status} (${type}) with what is not JSON: ${JSON.stringify(text.slice(0, 300))}`);
		}
		return (parsed.data ?? parsed) as T;
	}

	/**
	 * Waits until the REST API is served: it comes up after /healthz, and until the database is migrated n8n
	 * answers 200 with an HTML "n8n is starting up" page, so only a JSON answer counts.
	 */
	async waitUntilReady(timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(`${this.url}/rest/settings`).catch(() => undefined);
			await res?.arrayBuffer().catch(() => undefined);
			if (res?.ok && res.headers.get('content-type')?.includes('application/json')) return;
			if (Date.now() > deadline) throw new Error(`n8n's REST API did not come up at ${this.url}/rest within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Sets up the owner account if the instance has none, then logs in. */
	async login(): Promise<void> {
		await this.waitUntilReady();
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/owner/setup', N8nRest.owner);
		}
		await this.request('POST', '/login', { emailOrLdapLoginId: N8nRest.owner.email, password: N8nRest.owner.password });
	}

	async testCredential(credential: { id: string; name: string; type: string; data: Record<string, unknown> }) {
		return await this.request<{ status: string; message: string }>('POST', '/credentials/test', { credentials: credential });
	}
}

export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** Writes JSON files n8n's import commands read. */
export function writeImportFile(dir: string, name: string, data: unknown): string {
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

export function listExamples(): string[] {
	const dir = path.join(ROOT, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => path.join(dir, f));
}
