// An n8n queue-mode cluster for the suite: one main (`n8n start`) and workers (`n8n worker`), each with its
// own user folder, all sharing Redis, PostgreSQL and one encryption key.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { type N8nInstall, type N8nServer, n8nCliOrThrow, n8nEnv, startN8n, step } from '../../support/n8n/n8n';
import { type Postgres, type Redis, freePort } from './services';

export interface Shared {
	install: N8nInstall;
	redis: Redis;
	postgres: Postgres;
	encryptionKey: string;
}

/** The environment every process of the cluster shares: queue mode, Redis, PostgreSQL, the encryption key. */
export function queueEnv(shared: Shared): NodeJS.ProcessEnv {
	const { redis, postgres, encryptionKey } = shared;
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Keep every execution's data, so the suite can read statuses from the database.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: 'info',
	};
}

export interface N8nProcess extends N8nServer {
	name: string;
	userFolder: string;
	env: NodeJS.ProcessEnv;
}

/** The environment of one process: its own user folder and ports (n8n, task-runner broker, worker health). */
async function processEnv(shared: Shared, userFolder: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
	const port = await freePort();
	return n8nEnv(userFolder, port, {
		...queueEnv(shared),
		// Every n8n process starts a task-runner broker (default port 5679): one port each.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...extra,
	});
}

/** Runs an n8n CLI command with the main's environment; a failure throws with n8n's output. */
export async function cli(shared: Shared, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
	return await n8nCliOrThrow(shared.install, env, args);
}

/** The main's environment (for the CLI imports before it starts, and for `n8n start`). */
export async function mainEnv(shared: Shared, userFolder: string): Promise<NodeJS.ProcessEnv> {
	return await processEnv(shared, userFolder);
}

/** `n8n start` in queue mode: serves the editor, the REST API and webhooks, and enqueues executions. */
export async function startMain(shared: Shared, userFolder: string, env: NodeJS.ProcessEnv): Promise<N8nProcess> {
	step(`starting the n8n main on port ${env.N8N_PORT}`);
	const server = await startN8n(shared.install, env, { readyTimeoutMs: 300_000 });
	return { ...server, name: 'main', userFolder, env };
}

/**
 * `n8n worker`: takes executions from the Redis queue. Its health server (QUEUE_HEALTH_CHECK_*) gets a port of
 * its own; the suite waits for /healthz/readiness (database migrated, Redis connected, worker set up).
 */
export async function startWorker(shared: Shared, name: string, userFolder: string, concurrency = 10): Promise<N8nProcess> {
	mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	const healthPort = await freePort();
	const env = await processEnv(shared, userFolder, {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	});
	step(`starting n8n worker "${name}" (health on port ${healthPort})`);
	const server = await startN8n(shared.install, env, {
		command: ['worker', `--concurrency=${concurrency}`],
		healthUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
		readyTimeoutMs: 300_000,
	});
	return { ...server, name, userFolder, env };
}

/** Execution IDs a worker's log says it started and finished. */
export function workerExecutions(worker: Pick<N8nProcess, 'log'>): { started: string[]; finished: string[] } {
	const log = worker.log();
	const ids = (pattern: RegExp) => [...log.matchAll(pattern)].map((m) => m[1]);
	return {
		started: ids(/Worker started execution (\d+) \(job/g),
		finished: ids(/Worker finished execution (\d+) \(job/g),
	};
}

/**
 * Kills a process group at once (SIGKILL), as a crashed host or an OOM kill would, and waits until it is gone
 * and its output is read to the end (so its log shows everything it printed before it died).
 */
export async function killHard(server: N8nServer): Promise<void> {
	const pid = server.process.pid;
	if (pid === undefined || server.process.exitCode !== null || server.process.signalCode !== null) return;
	const gone = new Promise<void>((resolve) => server.process.once('close', () => resolve()));
	process.kill(-pid, 'SIGKILL');
	await gone;
}
