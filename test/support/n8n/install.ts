// What `npm start` and the real-n8n suites run on, installed (or checked and repaired) by the scripts in
// scripts/: n8n and Node 24 in the cache, Debian's Chromium, redis-server and PostgreSQL. A script that cannot
// install something prints one sentence saying what failed and how to fix it; that sentence is the error.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SCRIPTS = path.resolve(__dirname, '../../../scripts');

/** A failed install step: its message is the script's one sentence, shown without a stack trace. */
export class SetupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SetupError';
		this.stack = message;
	}
}

/**
 * Runs scripts/<name> (progress shows on stderr) and returns the KEY=value lines it prints on stdout.
 * On failure the script's last stdout line (its one-sentence explanation) becomes a SetupError.
 */
export function runSetupScript(name: string, env: NodeJS.ProcessEnv = {}): Record<string, string> {
	const result = spawnSync('bash', [path.join(SCRIPTS, name)], {
		encoding: 'utf8',
		env: { ...process.env, ...env, PLAN_PROVISIONING_FAILURE_ON_STDOUT: '1' },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const lines = (result.stdout ?? '').split('\n').filter((line) => line.trim() !== '');
	if (result.status !== 0) {
		const how = result.error ? String(result.error) : `exit ${result.status ?? result.signal}`;
		throw new SetupError(lines.pop() ?? `scripts/${name} failed (${how}): run it by hand (bash scripts/${name}) to see why.`);
	}
	return Object.fromEntries(lines.filter((line) => /^[A-Z_0-9]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

export interface N8nInstall {
	/** The Node binary n8n runs on (24 for n8n 2.x, 20 for 1.x). */
	node: string;
	/** n8n's CLI entry (bin/n8n). */
	n8n: string;
	version: string;
	cache: string;
}

/** The n8n release npm start and the real-n8n suites run: scripts/install-n8n.sh's default. */
export const DEFAULT_N8N_VERSION = /N8N_VERSION="\$\{N8N_VERSION:-([^}]+)\}"/.exec(readFileSync(path.join(SCRIPTS, 'install-n8n.sh'), 'utf8'))![1];

/**
 * n8n (the default release, or `version`) and the Node it runs on, in the cache (scripts/install-n8n.sh):
 * installed on the first run, and checked by running them on every run (a broken cache is repaired).
 */
export function ensureN8n(version?: string): N8nInstall {
	const out = runSetupScript('install-n8n.sh', version ? { N8N_VERSION: version } : {});
	return { node: out.NODE, n8n: out.N8N, version: out.N8N_VERSION, cache: out.CACHE };
}

/** Debian's Chromium for the editor checks (scripts/ensure-chromium.sh); returns its path. */
export function ensureChromium(): string {
	return runSetupScript('ensure-chromium.sh').CHROMIUM;
}

export interface QueueDeps {
	redisServer: string;
	/** Folder with initdb, postgres, pg_ctl and psql. */
	pgBin: string;
}

/** Debian's redis-server and PostgreSQL for the queue-mode suite (scripts/ensure-queue-deps.sh). */
export function ensureQueueDeps(): QueueDeps {
	const out = runSetupScript('ensure-queue-deps.sh');
	return { redisServer: out.REDIS_SERVER, pgBin: out.PG_BIN };
}
