// Lets the process go quiet before a CPU measurement: a full garbage collection now, then a pause, so
// the collector's work on the previous run's garbage (V8 collects in background threads, which
// process.cpuUsage counts) is not charged to the next run.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export async function settle(ms = 1500): Promise<void> {
	gc();
	await new Promise((resolve) => setTimeout(resolve, ms));
	gc();
}
