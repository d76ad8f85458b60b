// `npm start` as a user runs it, on its own ports and user folder, and stopped the way Docker, systemd or a
// process manager stops it: SIGTERM to npm's own process id (not to its process group). Also: what belongs to
// the instance stays in its user folder, n8n's log goes to a file, and a failed execution is printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n } from '../support/n8n/install';
import { ROOT, n8nCli } from '../support/n8n/n8n';
import { startEnv } from '../../scripts/start';

const PORT = 5694;
const EMULATOR_PORT_BASE = 4320;
const userFolder = mkdtempSync(path.join(os.tmpdir(), 'npm-start-user-'));
const instance = path.join(userFolder, 'plan-provisioning');
const sharedCache = path.join(ensureN8n().cache, 'local-n8n');
const startedAt = Date.now();
let npm: ChildProcess;
let output = '';

/** The processes below `pid` (children, their children, …), from /proc. */
function descendants(pid: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// gone meanwhile
		}
	}
	const found: number[] = [];
	for (let frontier = [pid]; frontier.length; ) {
		frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
		found.push(...frontier);
	}
	return found;
}

const alive = (pid: number) => {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
};

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; npm start's output:\n${output.slice(-4000)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

beforeAll(async () => {
	npm = spawn('npm', ['start'], {
		cwd: ROOT,
		// A user's shell: not Jest's NODE_ENV=test, which n8n reads (it then logs nothing).
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			...(process.env.PLAN_PROVISIONING_CACHE ? { PLAN_PROVISIONING_CACHE: process.env.PLAN_PROVISIONING_CACHE } : {}),
			N8N_PORT: String(PORT),
			EMULATOR_PORT_BASE: String(EMULATOR_PORT_BASE),
			N8N_USER_FOLDER: userFolder,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, so that the test can clean up whatever a failure leaves; the signal under test goes to npm's pid only.
		detached: true,
	});
	for (const stream of [npm.stdout, npm.stderr]) stream?.on('data', (d: Buffer) => (output += d.toString()));
	let exitedEarly = false;
	npm.once('exit', () => (exitedEarly = true));
	await until(() => output.includes('n8n is running') || exitedEarly, 15 * 60_000, 'npm start did not say n8n is running');
	if (exitedEarly) throw new Error(`npm start exited before n8n was running:\n${output.slice(-4000)}`);
});

afterAll(() => {
	try {
		process.kill(-npm.pid!, 'SIGKILL');
	} catch {
		// all gone, as it should be
	}
});

test("the packed package and the imported credentials stay in the instance's user folder; the credentials file is gone", () => {
	expect(readdirSync(path.join(instance, 'pack')).filter((f) => f.endsWith('.tgz'))).toHaveLength(1);
	expect(existsSync(path.join(instance, 'import', 'credentials.json'))).toBe(false);
	expect(statSync(instance).mode & 0o077).toBe(0);
	for (const shared of ['pack', 'import'].map((dir) => path.join(sharedCache, dir))) {
		const written = existsSync(shared) ? readdirSync(shared, { recursive: true }).map(String).filter((f) => statSync(path.join(shared, f)).mtimeMs >= startedAt) : [];
		expect({ shared, written }).toEqual({ shared, written: [] });
	}
});

test("n8n's log is in the file npm start names, and a failed execution is printed with its error", async () => {
	const logFile = path.join(instance, 'n8n.log');
	expect(output).toContain(logFile);
	expect(readFileSync(logFile, 'utf8')).toContain('Editor is now accessible via');
	// Partoo answers 404 for the organization of its example: the run fails (the example does not continue on fail).
	const partoo = /partoo\s+(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(output)![1];
	const injected = await fetch(`${partoo}/__emulator/faults`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ pathPattern: '/v2/org/', status: 404, times: 10, body: { errors: { json: 'Resource not found' } } }),
	});
	expect(injected.status).toBe(200);
	// The same instance's database, through n8n's CLI (its own task-runner broker port: the server holds N8N_PORT + 1).
	const env = startEnv(userFolder, { N8N_PORT: String(PORT), N8N_RUNNERS_BROKER_PORT: String(PORT + 10) });
	const run = await n8nCli(ensureN8n(), env, ['execute', '--id=exPartooPlans001']);
	expect({ code: run.code, ranAndFailed: /Partoo returned 404/.test(run.stdout + run.stderr) }).toEqual({ code: 1, ranAndFailed: true });
	const printed = /execution \d+ of "[^"]+" failed at "Add Plans": Partoo returned 404/;
	await until(() => printed.test(output), 30_000, `npm start did not print the failed execution (the CLI said: ${(run.stdout + run.stderr).slice(-1500)})`);
});

test("SIGTERM to npm start's own pid stops it and every process it started within 10 s", async () => {
	const children = descendants(npm.pid!);
	expect(children.length).toBeGreaterThanOrEqual(2); // start.ts and n8n at least
	const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
	const sent = Date.now();
	process.kill(npm.pid!, 'SIGTERM');
	await until(() => !alive(npm.pid!) && children.every((pid) => !alive(pid)), 10_000, `not every process stopped (${children.filter(alive).join(', ')} still running)`);
	expect(Date.now() - sent).toBeLessThan(10_000);
	expect(await exited).toBe(0);
	expect(output).toContain('stopping n8n and the emulators');
});
