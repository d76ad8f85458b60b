/**
 * Facts about an account that every execution in this process may reuse for a while: the plans an
 * organization can assign, a store's currencies, which endpoints a store's API version has. Keys name the
 * provider, the base URL and a non-secret identity of the account (never a secret). A failed load is not
 * kept. Callers that find an answer out of date (a plan ID it does not list) load it again (`fresh`).
 */
const entries = new Map<string, { value: Promise<unknown>; expires: number }>();

/** How long a shared fact is reused when the caller does not say. */
const DEFAULT_SHARED_TTL_MS = 10 * 60_000;

/** The fact under `key`, loaded once and reused for `ttlMs`; `fresh` loads it again now. */
export async function remember<T>(key: string, load: () => Promise<T>, ttlMs = DEFAULT_SHARED_TTL_MS, fresh = false): Promise<T> {
	const now = Date.now();
	const entry = entries.get(key);
	if (entry && entry.expires > now && !fresh) return (await entry.value) as T;
	const value = load();
	entries.set(key, { value, expires: now + ttlMs });
	value.catch(() => {
		if (entries.get(key)?.value === value) entries.delete(key);
	});
	return await value;
}

/** Forgets everything (tests: a fresh process). */
export function forgetAllShared(): void {
	entries.clear();
}
