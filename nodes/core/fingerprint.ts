/**
 * A short name for a secret (an API key), so that state kept per key in memory (pacing) is not keyed by the
 * key itself; never output. A 64-bit hash of two multiplicative 32-bit lanes (the published code imports no
 * crypto module): not reversible to a key of real length, and two keys of one process practically never share it.
 */
export function fingerprint(secret: string): string {
	let a = 0xdeadbeef;
	let b = 0x41c6ce57;
	for (let i = 0; i < secret.length; i++) {
		const c = secret.charCodeAt(i);
		a = Math.imul(a ^ c, 2654435761);
		b = Math.imul(b ^ c, 1597334677);
	}
	a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
	b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
	return `${(b >>> 0).toString(16).padStart(8, '0')}${(a >>> 0).toString(16).padStart(8, '0')}`;
}
