import { sleep } from 'n8n-workflow';

/** A provider's documented request limit: at most `limit` requests per `windowMs`, per key. */
export interface RateLimit {
	limit: number;
	windowMs: number;
}

interface Slot {
	/** When the request may start. */
	start: number;
	/** When it was answered (infinity while in flight). */
	answeredAt: number;
	inFlight: boolean;
	answered: Promise<void>;
}

/**
 * Per key, the requests in the window, oldest first, for every execution in this process (n8n's regular
 * mode, or one queue-mode worker): a limit is the account's, not one execution's. Keys hold no secret
 * (provider, base URL, a non-secret identity of the account, the provider's scope). A key's state lives
 * only while it has requests in the window.
 */
const windows = new Map<string, { windowMs: number; slots: Slot[] }>();

/** Drops the answered requests that left the window, and the keys left with none. */
function tidy(now: number): void {
	for (const [key, entry] of windows) {
		const { slots, windowMs } = entry;
		let expired = 0;
		while (expired < slots.length && !slots[expired].inFlight && slots[expired].answeredAt <= now - windowMs) expired++;
		if (expired) slots.splice(0, expired);
		if (slots.length === 0) windows.delete(key);
	}
}

/**
 * Paces requests so they stay under a sliding-window limit, shared by every execution of the process that
 * sends under the same key. Each caller gets a slot at the earliest time the window allows (slots are handed
 * out in call order, so concurrent requests queue fairly) and waits for it with n8n's `sleep`. Each caller
 * keeps to its own `limit` (the node's "Rate Limit" option), counting every request in the key's window.
 *
 * A request is counted at the moment its answer came back, not when it was meant to leave: the provider
 * counted it at some point before that, so a request sent a window after the answer `limit` places back
 * can never share the provider's window with it, however late a busy event loop or n8n's request
 * machinery let that earlier request go.
 */
export class Pacer {
	constructor(private readonly rate: RateLimit | undefined) {}

	get enabled(): boolean {
		return Boolean(this.rate && this.rate.limit > 0 && this.rate.windowMs > 0);
	}

	/**
	 * Waits until a request under `key` may be sent. Call the function it returns once the request has
	 * been answered (or has failed).
	 */
	async acquire(key: string): Promise<() => void> {
		if (!this.enabled) return NOTHING;
		const now = Date.now();
		const { limit } = this.rate as RateLimit;
		// A little longer than the provider's window, for clock granularity.
		const windowMs = (this.rate as RateLimit).windowMs * 1.01 + 10;
		tidy(now);
		let entry = windows.get(key);
		if (!entry) windows.set(key, (entry = { windowMs, slots: [] }));
		const { slots } = entry;
		// Slots are handed out in order (never before the last one), and the request `limit` places back
		// must have been answered a window before this one starts.
		const back = slots.length >= limit ? slots[slots.length - limit] : undefined;
		let at = Math.max(now, slots.length ? slots[slots.length - 1].start : now);
		let answer!: () => void;
		const slot: Slot = { start: at, answeredAt: Number.POSITIVE_INFINITY, inFlight: true, answered: new Promise<void>((resolve) => (answer = resolve)) };
		slots.push(slot);
		if (back?.inFlight) await back.answered;
		if (back) at = Math.max(at, back.answeredAt + windowMs);
		slot.start = at;
		const wait = at - Date.now();
		if (wait > 0) await sleep(wait);
		return () => {
			if (!slot.inFlight) return;
			slot.answeredAt = Date.now();
			slot.inFlight = false;
			answer();
		};
	}
}

/** How many keys hold pacing state now (for tests). */
export function activePacingKeys(): number {
	tidy(Date.now());
	return windows.size;
}

/** Forgets every key's window (tests: a fresh process). */
export function forgetAllPacing(): void {
	windows.clear();
}

const NOTHING = () => undefined;
