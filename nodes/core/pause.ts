import { sleep } from 'n8n-workflow';

/** Who waits on each signal: one abort listener per signal wakes them all. */
const waiting = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * Waits `ms`, or rejects with the signal's reason once it aborts, as n8n's sleep(ms, signal) does, with one
 * abort listener on the signal however many items wait on it at once (sleep adds one per wait: past ten on
 * one signal, Node prints a MaxListenersExceededWarning into n8n's log).
 */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	let waiters = waiting.get(signal);
	if (!waiters) {
		const fresh = new Set<AbortController>();
		signal.addEventListener('abort', () => fresh.forEach((w) => w.abort(signal.reason)), { once: true });
		waiting.set(signal, fresh);
		waiters = fresh;
	}
	const own = new AbortController();
	if (signal.aborted) own.abort(signal.reason);
	waiters.add(own);
	try {
		await sleep(ms, own.signal);
	} finally {
		waiters.delete(own);
	}
}
