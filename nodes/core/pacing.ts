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
 *
 * A request is counted at the moment its answer came back, not when it was meant to leave: the provider
 * counted it at some point before that, so a request sent a window after the answer `limit` places back
 * can never share the provider's window with it, however late a busy event loop or n8n's request
 * machinery let that earlier request go.
 */
export class Pacer {
	/** Per key, the requests in the window, oldest first. */
	private readonly slots = new Map<string, Slot[]>();

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
		let slots = this.slots.get(key);
		if (!slots) this.slots.set(key, (slots = []));
		// Drop the answered requests that left the window (the oldest first).
		let expired = 0;
		while (expired < slots.length && !slots[expired].inFlight && slots[expired].answeredAt <= now - windowMs) expired++;
		if (expired) slots.splice(0, expired);
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

interface Slot {
	/** When the request may start. */
	start: number;
	/** When it was answered (infinity while in flight). */
	answeredAt: number;
	inFlight: boolean;
	answered: Promise<void>;
}

const NOTHING = () => undefined;
