import type { TransportSettings } from './types';

// When to send a request again, and after how long.

/** Parses a Retry-After header: seconds, or an HTTP date. Returns milliseconds or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Capped exponential backoff with jitter ("equal jitter": half fixed, half random). */
export function backoffDelay(attempt: number, settings: TransportSettings, random = Math.random): number {
	const ceiling = Math.min(settings.backoffCapMs, settings.backoffBaseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** After a failure that may be retried: wait this long, or give up because the provider asks for a longer wait. */
export type RetryPlan = { waitMs: number } | { retryAfterMs: number };

/**
 * How long to wait before the next attempt. A Retry-After the node may wait for (up to `maxRetryAfterMs`) is
 * honoured in full, plus up to 0.1 s so parallel retries do not arrive at once; a longer one gives up.
 * Without Retry-After, the node's own capped backoff.
 */
export function planRetry(attempt: number, retryAfterMs: number | undefined, settings: TransportSettings, random = Math.random): RetryPlan {
	if (retryAfterMs === undefined) return { waitMs: backoffDelay(attempt, settings, random) };
	if (retryAfterMs > settings.maxRetryAfterMs) return { retryAfterMs };
	return { waitMs: retryAfterMs + Math.round(random() * 100) };
}
