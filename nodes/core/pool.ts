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
