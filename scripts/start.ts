// `npm start`: a real n8n with this package installed the way a self-hoster installs it, the provider
// emulators, their credentials and the example workflows, on 127.0.0.1. Ctrl-C, or SIGINT/SIGTERM to npm's
// process, stops everything (n8n gets 8 s before it is killed). The user's environment reaches n8n (N8N_*, DB_*,
// …): only what is not set gets this script's local defaults. What belongs to one instance (the packed package,
// the credentials imported, n8n's log) is kept in its user folder, in `plan-provisioning/`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import type { Emulator } from '../test/support/emulator';
import { MAX_CUSTOMERS } from '../test/support/customers';
import { EMULATOR_CREDENTIAL_IDS, createEmulators } from '../test/support/emulators';
import { SetupError } from '../test/support/n8n/install';
import { watchFailedExecutions } from './failed-executions';
import {
	type N8nInstall,
	N8nRest,
	type N8nServer,
	ensureN8n,
	installPackage,
	listExamples,
	n8nCliOrThrow,
	n8nEnv,
	packPackage,
	startN8n,
	step,
} from '../test/support/n8n/n8n';

const PORT = Number(process.env.N8N_PORT ?? 5678);
const BROKER_PORT = Number(process.env.N8N_RUNNERS_BROKER_PORT ?? PORT + 1);
const EMULATOR_PORT_BASE = Number(process.env.EMULATOR_PORT_BASE ?? 4100);
const WEBHOOK_FLOW = 'exCrmDealWon0001';
const MCP_FLOW = 'exMcpPlanTools01';
const NODE_NAMES = ['Partoo', 'BlendVision One', 'Elastic Path Subscriptions', 'Commvault', 'Instellix'];
/** How long n8n may take to stop before it is killed: everything is gone within 10 s of the signal. */
const N8N_STOP_MS = 8_000;

/** n8n's environment: this script's local defaults, then everything the user set (npm's own variables aside). */
export function startEnv(userFolder: string, userEnv: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const passed = Object.fromEntries(Object.entries(userEnv).filter(([key]) => !/^npm_/i.test(key)));
	const port = Number(userEnv.N8N_PORT ?? 5678);
	return { ...n8nEnv(userFolder, port, { N8N_RUNNERS_BROKER_PORT: String(port + 1) }), ...passed };
}

async function portInUse(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(true));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
}

/** Every port this run needs, named, or a SetupError naming the one that is taken and the variable that moves it. */
async function checkPorts(emulatorKeys: string[]): Promise<void> {
	const ports: Array<[number, string]> = [
		[PORT, 'n8n (N8N_PORT)'],
		[BROKER_PORT, "n8n's task-runner broker (N8N_RUNNERS_BROKER_PORT, default N8N_PORT + 1)"],
		...emulatorKeys.map((key, i): [number, string] => [EMULATOR_PORT_BASE + i, `the ${key} emulator (EMULATOR_PORT_BASE + ${i})`]),
	];
	for (const [port, what] of ports) {
		if (await portInUse(port)) {
			throw new SetupError(`Port ${port} on 127.0.0.1, for ${what}, is already in use (another n8n or npm start?): stop that, or choose other ports, e.g. N8N_PORT=5690 EMULATOR_PORT_BASE=4200 npm start.`);
		}
	}
}

/**
 * Imports the examples the user folder does not have yet (by workflow ID): a workflow already there is never
 * overwritten, except those `restore` names (RESTORE_EXAMPLES: `all`, or file names without .json, comma-separated).
 */
async function importExamples(install: N8nInstall, env: NodeJS.ProcessEnv, importDir: string, restore = ''): Promise<string[]> {
	const existing = new Set((await n8nCliOrThrow(install, env, ['list:workflow', '--onlyId'])).split('\n').map((line) => line.trim()));
	const restored = restore.split(',').map((name) => name.trim().replace(/\.json$/, '')).filter(Boolean);
	const examples = listExamples().map((file) => ({ file, id: (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id }));
	const unknown = restored.filter((name) => name !== 'all' && !examples.some(({ file }) => path.basename(file, '.json') === name));
	if (unknown.length) throw new SetupError(`RESTORE_EXAMPLES names no example: ${unknown.join(', ')} (the files of examples/ without .json, or all).`);
	const wanted = examples.filter(({ file, id }) => !existing.has(id) || restored.includes('all') || restored.includes(path.basename(file, '.json')));
	if (wanted.length === 0) return [];
	const dir = path.join(importDir, 'workflows');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const { file } of wanted) writeFileSync(path.join(dir, path.basename(file)), readFileSync(file));
	await n8nCliOrThrow(install, env, ['import:workflow', '--separate', `--input=${dir}`]);
	return wanted.map(({ id }) => id);
}

async function main(): Promise<void> {
	const emulators: Record<string, Emulator> = createEmulators({ customers: MAX_CUSTOMERS });
	await checkPorts(Object.keys(emulators));
	const install = ensureN8n();
	const userFolder = process.env.N8N_USER_FOLDER ?? path.join(install.cache, 'local-n8n', 'user');
	const instance = path.join(userFolder, 'plan-provisioning');
	mkdirSync(instance, { recursive: true, mode: 0o700 });
	// Earlier versions left the emulator credentials, readable, in the shared cache.
	rmSync(path.join(install.cache, 'local-n8n', 'import'), { recursive: true, force: true });
	const tgz = packPackage(path.join(instance, 'pack'));
	installPackage(tgz, userFolder);
	const env = startEnv(userFolder);
	const logFile = path.join(instance, 'n8n.log');

	let server: N8nServer | undefined;
	let stopWatching: (() => void) | undefined;
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		step('stopping n8n and the emulators');
		stopWatching?.();
		await server?.stop();
		await Promise.all(Object.values(emulators).map((e) => e.stop()));
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
	// Output may go to a pipe that closes first (`npm start | tee log`, then Ctrl-C): writing must not kill this
	// process before it has stopped n8n (which would outlive it otherwise).
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

	step('starting the provider emulators');
	const width = Math.max(...Object.keys(emulators).map((key) => key.length));
	let offset = 0;
	for (const [key, emulator] of Object.entries(emulators)) {
		await emulator.start(EMULATOR_PORT_BASE + offset++);
		step(`  ${key.padEnd(width)}  ${emulator.baseUrl}`);
	}

	// The credentials must point at this run's emulator ports, so they are imported (overwritten) every time.
	step('importing the emulator credentials');
	const credentials = Object.entries(emulators).map(([key, emulator]) => ({
		id: EMULATOR_CREDENTIAL_IDS[key],
		...emulator.credential(),
	}));
	// The file holds the credentials' secrets: readable by this user only, and gone once imported.
	const importDir = path.join(instance, 'import');
	const credFile = path.join(importDir, 'credentials.json');
	mkdirSync(importDir, { recursive: true, mode: 0o700 });
	rmSync(credFile, { force: true });
	writeFileSync(credFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		await n8nCliOrThrow(install, env, ['import:credentials', `--input=${credFile}`]);
	} finally {
		rmSync(credFile, { force: true });
	}

	const restore = process.env.RESTORE_EXAMPLES ?? '';
	step(restore ? `importing the example workflows (restoring ${restore})` : 'importing the example workflows the user folder does not have yet');
	const added = await importExamples(install, env, importDir, restore);
	step(added.length ? `  imported ${added.join(', ')}` : '  all there already (n8n autosaves: workflows you changed are kept; RESTORE_EXAMPLES=all npm start restores them)');
	for (const live of [WEBHOOK_FLOW, MCP_FLOW]) if (added.includes(live)) await n8nCliOrThrow(install, env, ['publish:workflow', `--id=${live}`]);

	step(`starting n8n ${install.version} on http://127.0.0.1:${PORT} (data in ${userFolder}/.n8n, its log in ${logFile})`);
	server = await startN8n(install, env, { logFile, killAfterMs: N8N_STOP_MS });
	const rest = new N8nRest(server.url);
	await rest.login();
	stopWatching = await watchFailedExecutions(rest, (line) => step(line));

	console.log('');
	console.log(`n8n is running: ${server.url}`);
	console.log(`  login      ${N8nRest.owner.email} / ${N8nRest.owner.password}`);
	console.log(`  webhook    POST ${server.url}/webhook/crm/deal-won  (example "CRM deal won"; see the README's quick start)`);
	console.log(`  MCP        ${server.url}/mcp/plan-provisioning  (example "MCP server: plan tools", Streamable HTTP; see the README's AI agent tools)`);
	console.log(`  nodes      search the node panel for ${NODE_NAMES.join(', ')}; their credentials point at the emulators`);
	console.log(`  emulators  ${Object.entries(emulators).map(([key, e]) => `${key.padEnd(width)}  ${e.baseUrl}`).join('\n             ')}`);
	console.log('             (what each one holds now: GET <emulator>/__emulator/state)');
	console.log(`  ports      ${PORT} n8n, ${BROKER_PORT} n8n's task-runner broker, ${EMULATOR_PORT_BASE}-${EMULATOR_PORT_BASE + offset - 1} the emulators (N8N_PORT, EMULATOR_PORT_BASE move them)`);
	console.log(`  n8n's log  ${logFile} (N8N_LOG_LEVEL=debug for more); failed executions are printed here`);
	console.log('Ctrl-C stops n8n and the emulators.');
	server.process.on('exit', () => {
		if (!stopping) console.error(`n8n exited on its own; its last output (all of it in ${logFile}):\n${server?.log().slice(-2000)}`);
		void stopAll(1);
	});
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
