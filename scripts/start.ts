// `npm start`: a real n8n with this package installed the way a self-hoster installs it, the provider
// emulators, their credentials and the example workflows, on 127.0.0.1. Ctrl-C stops everything.
import path from 'node:path';

import type { Emulator } from '../test/emulators/base';
import { MAX_CUSTOMERS } from '../test/emulators/customers';
import { EMULATOR_CREDENTIAL_IDS, createEmulators } from '../test/emulators/index';
import {
	N8nRest,
	type N8nServer,
	ensureN8n,
	installPackage,
	listExamples,
	n8nCli,
	n8nEnv,
	packPackage,
	startN8n,
	step,
	writeImportFile,
} from '../test/e2e/lib/n8n';

const PORT = Number(process.env.N8N_PORT ?? 5678);
const EMULATOR_PORT_BASE = Number(process.env.EMULATOR_PORT_BASE ?? 4100);

async function main(): Promise<void> {
	const install = ensureN8n();
	const home = path.join(install.cache, 'local-n8n');
	const userFolder = path.join(home, 'user');
	const tgz = packPackage(path.join(home, 'pack'));
	step(`installing the package into ${userFolder}/.n8n/nodes (as a self-hoster would)`);
	installPackage(tgz, userFolder);
	const env = n8nEnv(userFolder, PORT);

	const emulators: Record<string, Emulator> = createEmulators({ customers: MAX_CUSTOMERS });
	let server: N8nServer | undefined;
	const stopAll = async (code: number) => {
		step('stopping n8n and the emulators');
		await server?.stop();
		await Promise.all(Object.values(emulators).map((e) => e.stop()));
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));

	step('starting the provider emulators');
	let offset = 0;
	for (const [key, emulator] of Object.entries(emulators)) {
		await emulator.start(EMULATOR_PORT_BASE + offset++);
		step(`  ${key.padEnd(12)} ${emulator.baseUrl}`);
	}

	step('importing the emulator credentials');
	const credentials = Object.entries(emulators).map(([key, emulator]) => ({
		id: EMULATOR_CREDENTIAL_IDS[key],
		...emulator.credential(),
	}));
	const importDir = path.join(home, 'import');
	const credFile = writeImportFile(importDir, 'credentials.json', credentials);
	const imported = await n8nCli(install, env, ['import:credentials', `--input=${credFile}`]);
	if (imported.code !== 0) throw new Error(`import:credentials failed:\n${imported.stdout.slice(-2000)}${imported.stderr.slice(-2000)}`);

	step('importing the example workflows');
	const webhookFlow = 'exCrmDealWon0001';
	// A published workflow cannot be overwritten by import: unpublish it first (fails harmlessly on a first start).
	await n8nCli(install, env, ['unpublish:workflow', `--id=${webhookFlow}`]);
	for (const file of listExamples()) {
		const result = await n8nCli(install, env, ['import:workflow', `--input=${file}`]);
		if (result.code !== 0) throw new Error(`import:workflow ${file} failed:\n${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
	}
	const published = await n8nCli(install, env, ['publish:workflow', `--id=${webhookFlow}`]);
	if (published.code !== 0) throw new Error(`publish:workflow failed:\n${published.stdout.slice(-2000)}${published.stderr.slice(-2000)}`);

	step(`starting n8n ${install.version} on http://127.0.0.1:${PORT} (SQLite in ${userFolder}/.n8n)`);
	server = await startN8n(install, env);
	const rest = new N8nRest(server.url);
	await rest.login();

	console.log('');
	console.log(`n8n is running: ${server.url}`);
	console.log(`  login     ${N8nRest.owner.email} / ${N8nRest.owner.password}`);
	console.log(`  webhook   POST ${server.url}/webhook/crm/deal-won  (example "CRM deal won")`);
	console.log('  nodes     Partoo (search "Partoo" in the node panel); credentials point at the emulators');
	console.log('  emulators ' + Object.entries(emulators).map(([k, e]) => `${k} ${e.baseUrl}`).join(', '));
	console.log('Ctrl-C stops n8n and the emulators.');
	server.process.on('exit', () => void stopAll(1));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
