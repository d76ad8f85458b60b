// Redis and PostgreSQL for the queue-mode suite: Debian's binaries (installed by scripts/ensure-queue-deps.sh),
// each started by the suite on a free loopback port with its data in a temp dir, and stopped by it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { type QueueDeps } from '../../support/n8n/install';
import { step, stopProcessGroup, trackProcessGroup } from '../../support/n8n/n8n';

export { type QueueDeps, ensureQueueDeps } from '../../support/n8n/install';

const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now and that this process has not handed out before
 * (the OS may offer a closed port again at once, and the processes started here bind theirs later).
 */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port } = server.address() as net.AddressInfo;
				server.close(() => resolve(port));
			});
		});
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

export interface Service {
	name: string;
	process: ChildProcess;
	log: () => string;
	/** Ends the process (its whole process group) and waits for it. */
	stop: () => Promise<void>;
}

/** Spawns a long-running server in its own process group, keeping its output. */
export function spawnService(
	name: string,
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; cwd?: string; stopSignal?: NodeJS.Signals } = {},
): Service {
	const child = spawn(command, args, {
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		cwd: options.cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	let exited = false;
	const exit = new Promise<void>((resolve) => {
		child.on('exit', () => {
			exited = true;
			resolve();
		});
		child.on('error', (error) => {
			output += `\n[spawn error] ${String(error)}`;
			exited = true;
			resolve();
		});
	});
	trackProcessGroup(child);
	const stop = async () => {
		if (!exited) await stopProcessGroup(child, exit, options.stopSignal);
	};
	return { name, process: child, log: () => output, stop };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ready()` holds, failing early if the service exits. */
export async function waitFor(service: Service, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (service.process.exitCode !== null || service.process.signalCode !== null) {
			throw new Error(`${service.name} exited while starting:\n${service.log().slice(-3000)}`);
		}
		if (await ready().catch(() => false)) return;
		await sleep(250);
	}
	await service.stop();
	throw new Error(`${service.name} did not become ready in ${timeoutMs} ms:\n${service.log().slice(-3000)}`);
}

/** Sends one inline Redis command and returns the first line of the answer. */
async function redisCommand(port: number, command: string): Promise<string> {
	return await new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (d) => {
			data += d.toString();
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
	});
}

export interface Redis extends Service {
	port: number;
}

/** redis-server on a free loopback port, no persistence, working dir `dir`, in the foreground. */
export async function startRedis(deps: QueueDeps, dir: string): Promise<Redis> {
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	step(`starting redis-server on 127.0.0.1:${port}`);
	const service = spawnService('redis-server', deps.redisServer, [
		'--port', String(port),
		'--bind', '127.0.0.1',
		'--dir', dir,
		'--daemonize', 'no',
		'--save', '',
		'--appendonly', 'no',
		'--loglevel', 'warning',
	]);
	await waitFor(service, async () => (await redisCommand(port, 'PING')) === '+PONG', 30_000);
	return { ...service, port };
}

export interface Postgres extends Service {
	port: number;
	user: string;
	password: string;
	database: string;
	/** Runs SQL with psql and returns the rows (tab-separated columns). */
	query: (sql: string) => string[][];
}

/**
 * PostgreSQL on a free loopback port with its cluster in `dir` (initdb), password authentication, and the
 * database `n8n`. PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's `postgres`
 * system user and the server runs as that user.
 */
export async function startPostgres(deps: QueueDeps, dir: string): Promise<Postgres> {
	const user = 'n8n';
	const password = `pw-${process.pid}-${Date.now()}`;
	const database = 'n8n';
	const port = await freePort();
	mkdirSync(dir, { recursive: true });
	let ids: { uid: number; gid: number } | undefined;
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		ids = { uid, gid };
		// The suite's temp dir (mkdtemp: 0700, root's) holds `dir`: let the postgres user pass through it.
		chmodSync(path.dirname(dir), 0o711);
		chownSync(dir, uid, gid);
	}
	const data = path.join(dir, 'data');
	const pwfile = path.join(dir, 'pwfile');
	writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	if (ids) chownSync(pwfile, ids.uid, ids.gid);
	const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dir };
	step(`initdb (PostgreSQL) in ${data}`);
	execFileSync(
		path.join(deps.pgBin, 'initdb'),
		['-D', data, '-U', user, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync'],
		{ env, uid: ids?.uid, gid: ids?.gid, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	step(`starting PostgreSQL on 127.0.0.1:${port}`);
	const service = spawnService(
		'postgres',
		path.join(deps.pgBin, 'postgres'),
		[
			'-D', data,
			'-p', String(port),
			'-k', dir,
			'-c', 'listen_addresses=127.0.0.1',
			// A throw-away test database: durability is not needed, speed is.
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
		],
		// SIGINT is PostgreSQL's fast shutdown.
		{ env, uid: ids?.uid, gid: ids?.gid, cwd: dir, stopSignal: 'SIGINT' },
	);
	const psql = (db: string, sql: string) =>
		execFileSync(path.join(deps.pgBin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-AtF', '\t', '-c', sql], {
			env: { ...env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	await waitFor(service, async () => psql('postgres', 'SELECT 1').trim() === '1', 60_000);
	psql('postgres', `CREATE DATABASE ${database}`);
	const query = (sql: string) =>
		psql(database, sql)
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	return { ...service, port, user, password, database, query };
}
