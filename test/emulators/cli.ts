// Starts every provider emulator on 127.0.0.1 and prints their base URLs, so workflows can be built
// and tried offline. Ctrl-C stops them. EMULATOR_PORT_BASE=4100 gives fixed ports 4100, 4101, …
import { createEmulators } from './index';
import { credentialHints } from './hints';

async function main(): Promise<void> {
	const emulators = createEmulators();
	const base = Number(process.env.EMULATOR_PORT_BASE ?? 4100);
	const urls: Record<string, string> = {};
	let offset = 0;
	for (const [key, emulator] of Object.entries(emulators)) {
		urls[key] = await emulator.start(base ? base + offset : 0);
		offset++;
	}
	console.log('Provider emulators are running (Ctrl-C to stop):');
	for (const [key, url] of Object.entries(urls)) {
		console.log(`  ${key.padEnd(12)} ${url}`);
		for (const line of credentialHints(key, url)) console.log(`               ${line}`);
	}
	if (process.env.EMULATORS_JSON) console.log(`EMULATORS_JSON ${JSON.stringify(urls)}`);
	const stop = async () => {
		await Promise.all(Object.values(emulators).map((e) => e.stop()));
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
