import { sleep } from 'n8n-workflow';

/** A provider's documented request limit: at most `limit` requests per `windowMs`, per key. */
export interface RateLimit {
	limit: number;
	windowMs: number;
}

/**
 * Paces requests within one execution so they stay under a sliding-window limit. Each caller gets a
 * slot at the earliest time the window allows (slots are handed out in call order, so concurrent
 * requests queue fairly) and waits for it with n8n's `sleep`.
 */
export class Pacer {
	/** Per key, the start time of each request in the window, oldest first. */
	private readonly slots = new Map<string, Array<{ at: number }>>();

	/** Total time callers spent waiting for a slot, in milliseconds (for statistics). */
	waitedMs = 0;

	constructor(private readonly rate: RateLimit | undefined) {}

	get enabled(): boolean {
		return Boolean(this.rate && this.rate.limit > 0 && this.rate.windowMs > 0);
	}

	/** Waits until a request under `key` may be sent. */
	async acquire(key: string, now = Date.now()): Promise<void> {
		if (!this.enabled) return;
		const { limit } = this.rate as RateLimit;
		// A little longer than the provider's window: its clock and the network's delays are not ours.
		const windowMs = (this.rate as RateLimit).windowMs * 1.05 + 20;
		let times = this.slots.get(key);
		if (!times) this.slots.set(key, (times = []));
		// Drop the slots that left the window (the oldest first).
		let expired = 0;
		while (expired < times.length && times[expired].at <= now - windowMs) expired++;
		if (expired) times.splice(0, expired);
		// Slots are handed out in order (never before the last one), and the slot `limit` places back
		// must have left the window before this one starts.
		let at = Math.max(now, times.length ? times[times.length - 1].at : now);
		if (times.length >= limit) at = Math.max(at, times[times.length - limit].at + windowMs);
		const slot = { at };
		times.push(slot);
		if (at > now) {
			this.waitedMs += at - now;
			await sleep(at - now);
			// A busy event loop wakes a caller late: its request starts now, and the window counts from then,
			// or a late request and an on-time one `limit` places later would share a window.
			slot.at = Math.max(slot.at, Date.now());
		}
	}
}
