// Loaded into the benchmark's n8n server with NODE_OPTIONS=--require (scripts/bench/realn8n.ts). Idle until
// the benchmark sends SIGUSR2: the first starts V8's sampling profiler in n8n's main thread (node:inspector,
// what `node --cpu-prof` uses), the next stops it and writes the profile to $BENCH_PROFILE_DIR/<n>.cpuprofile,
// so a profile holds exactly one benchmark run.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const path = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
	let session;
	let count = 0;
	process.on('SIGUSR2', () => {
		if (!session) {
			session = new Session();
			session.connect();
			session.post('Profiler.enable', () =>
				session.post('Profiler.setSamplingInterval', { interval: 250 }, () => session.post('Profiler.start')),
			);
			return;
		}
		const current = session;
		session = undefined;
		current.post('Profiler.stop', (error, result) => {
			count += 1;
			const file = path.join(dir, `${count}.cpuprofile`);
			// The profile's clock is the monotonic one of process.hrtime (µs): epoch ms = its ms + this offset.
			const epochOffsetMs = Date.now() - Number(process.hrtime.bigint() / 1000n) / 1000;
			writeFileSync(`${file}.tmp`, error ? JSON.stringify({ error: String(error) }) : JSON.stringify({ ...result.profile, epochOffsetMs }));
			renameSync(`${file}.tmp`, file);
			current.disconnect();
		});
	});
}
