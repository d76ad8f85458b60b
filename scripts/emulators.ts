// Starts every provider emulator on 127.0.0.1 and prints their base URLs and the credential values
// that reach them, so workflows can be built and tried offline. Ctrl-C stops them.
// EMULATOR_PORT_BASE=4100 (default) gives fixed ports 4100, 4101, …; 0 picks free ports.
import { MAX_CUSTOMERS } from '../test/support/customers';
import { createEmulators } from '../test/support/emulators';

async function main(): Promise<void> {
	const emulators = createEmulators({ customers: MAX_CUSTOMERS });
	const base = Number(process.env.EMULATOR_PORT_BASE ?? 4100);
	let offset = 0;
	const started: Record<string, { url: string; credential: unknown }> = {};
	for (const [key, emulator] of Object.entries(emulators)) {
		const url = await emulator.start(base ? base + offset : 0);
		offset++;
		started[key] = { url, credential: emulator.credential() };
	}
	console.log('Provider emulators are running (Ctrl-C to stop):');
	const width = Math.max(...Object.keys(started).map((key) => key.length));
	for (const [key, { url, credential }] of Object.entries(started)) {
		console.log(`  ${key.padEnd(width)}  ${url}`);
		console.log(`  ${''.padEnd(width)}  credential ${JSON.stringify(credential)}`);
	}
	if (process.env.EMULATORS_JSON) console.log(`EMULATORS_JSON ${JSON.stringify(started)}`);
	const stop = async () => {
		await Promise.all(Object.values(emulators).map((e) => e.stop()));
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
