/**
 * Runs tasks with at most `concurrency` in flight, without timers. The first task runs alone
 * (so a credential that signs in on first use signs in once), then the rest run in parallel.
 * When `stop()` returns true no new task is started; tasks already running finish.
 */
export async function runPool(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	if (count === 0) return;
	await task(0);
	let next = 1;
	const worker = async () => {
		while (next < count && !stop()) {
			const index = next++;
			await task(index);
		}
	};
	const width = Math.max(1, Math.min(concurrency, count - 1));
	await Promise.all(Array.from({ length: width }, worker));
}

/**
 * At most `width` tasks at once, for work that does not come as one list: an update run's groups and the
 * reads that confirm their writes later. Urgent requests (a confirmation, which finishes work already
 * started) are served before the others.
 */
export class Permits {
	private free: number;

	private readonly waiting: { urgent: Array<() => void>; normal: Array<() => void> } = { urgent: [], normal: [] };

	constructor(width: number) {
		this.free = Math.max(1, width);
	}

	/** Waits for a permit; call the returned function once when done. */
	async acquire(urgent = false): Promise<() => void> {
		if (this.free > 0) this.free--;
		else await new Promise<void>((resolve) => (urgent ? this.waiting.urgent : this.waiting.normal).push(resolve));
		let done = false;
		return () => {
			if (done) return;
			done = true;
			const next = this.waiting.urgent.shift() ?? this.waiting.normal.shift();
			if (next) next();
			else this.free++;
		};
	}
}
