import { pause } from './pause';

/**
 * The pause between a write and the read that confirms it, fitted to what this process observes. A writer
 * in another process that read the resource just before our write lands its older copy later than our
 * write by its own gap between its read and its write: its work, the later requests of a read that takes
 * several one after the other, and its event loop's lag on a busy host. Another process of the same
 * deployment on the same kind of host takes about as long as this one does, so the pause covers the
 * longest such gap and lag this process saw recently (GAP_WINDOW_MS), plus a margin, at most MAX_SETTLE_MS.
 * Measured in docs/CONCURRENCY.md.
 */

/** The part of the pause that covers what no sample shows (another process's own scheduling). */
export const SETTLE_MARGIN_MS = 100;
/** The longest pause: a writer slower than this is caught by the watch (watch.ts), not by waiting. */
export const MAX_SETTLE_MS = 3000;
/** How far back samples count. */
export const GAP_WINDOW_MS = 30_000;
const MAX_SAMPLES = 256;

interface Sample {
	at: number;
	ms: number;
}

const gaps: Sample[] = [];
const lags: Sample[] = [];

function add(list: Sample[], ms: number): void {
	list.push({ at: Date.now(), ms: Math.max(0, Math.round(ms)) });
	if (list.length > MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
}

function recentMax(list: Sample[]): number {
	const since = Date.now() - GAP_WINDOW_MS;
	let max = 0;
	for (const s of list) if (s.at >= since && s.ms > max) max = s.ms;
	return max;
}

/**
 * Records one read-and-write of this process: the read started at `readStarted`, took `readMs` over
 * `reads` requests one after the other, and the write was answered at `writeAnswered`. The gap between
 * the moment the provider answered the read's first request and the moment the write landed is estimated
 * as the whole span less one request's time at each end (network time cancels out).
 */
export function noteReadToWrite(readStarted: number, readMs: number, reads: number, writeAnswered: number): void {
	add(gaps, writeAnswered - readStarted - (2 * readMs) / Math.max(1, reads));
}

/** Records how late a timer fired: the event loop's lag. */
export function noteLag(ms: number): void {
	add(lags, ms);
}

/** The pause before a confirming read, in ms. */
export function settleDelay(): number {
	return Math.min(MAX_SETTLE_MS, SETTLE_MARGIN_MS + recentMax(gaps) + recentMax(lags));
}

/** The pause before the one later confirmation on a resource another process is seen writing. */
export function laterDelay(): number {
	return Math.min(2 * MAX_SETTLE_MS, Math.max(1000, 2 * settleDelay()));
}

/** Waits `ms` (one abort listener per run: pause.ts) and records how much later than asked it woke (the event loop's lag). */
export async function pauseNotingLag(ms: number, signal: AbortSignal): Promise<void> {
	const started = Date.now();
	await pause(ms, signal);
	noteLag(Date.now() - started - ms);
}

/** For tests: forget every sample. */
export function resetSettle(): void {
	gaps.length = 0;
	lags.length = 0;
}
