import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Header names whose values are credentials, whatever the provider. */
const SECRET_HEADER_NAMES = new Set([
	'authorization',
	'authtoken',
	'x-apikey',
	'x-api-key',
	'cookie',
	'set-cookie',
	'proxy-authorization',
]);

/** Token shapes that must never leave the node even when we did not learn the value first. */
const TOKEN_PATTERNS: Array<[RegExp, string]> = [
	[/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
	[/\bQSDK\s+[A-Za-z0-9._~+/=-]{6,}/g, `QSDK ${REDACTED}`],
	[/("?(?:access_token|client_secret|password|token|apiKey|api_key)"?\s*[:=]\s*"?)[^"&\s,}]{4,}/gi, `$1${REDACTED}`],
];

function variantsOf(secret: string): string[] {
	// As sent: plain, URL-encoded, in a form body (application/x-www-form-urlencoded: a space is "+"), Base64.
	const form = new URLSearchParams({ s: secret }).toString().slice(2);
	const variants = [secret, encodeURIComponent(secret), form, Buffer.from(secret, 'utf8').toString('base64')];
	return variants.filter((v) => v.length >= 4);
}

/**
 * Knows every secret value of one credential (and the forms they travel in) and removes
 * them from any text or JSON that is about to leave the node: outputs, errors, dry runs.
 */
export class Redactor {
	private readonly secrets = new Set<string>();

	addSecret(value: unknown): void {
		if (typeof value !== 'string' || value.trim().length < 4) return;
		for (const variant of variantsOf(value)) this.secrets.add(variant);
	}

	/** Adds the named fields of a credential, plus the `id:secret` pair used by Basic auth. */
	addCredential(credentials: ICredentialDataDecryptedObject | undefined, secretFields: string[]): void {
		if (!credentials) return;
		for (const field of secretFields) this.addSecret(credentials[field]);
	}

	redactText(text: string): string {
		let out = text;
		// Longest first, so a secret that contains another is removed whole.
		const sorted = [...this.secrets].sort((a, b) => b.length - a.length);
		for (const secret of sorted) {
			if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		}
		for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
		return out;
	}

	/** Deep copy with every string redacted and every credential-bearing header masked. */
	redactValue<T>(value: T): T {
		return this.walk(value, undefined) as T;
	}

	private walk(value: unknown, key: string | undefined): unknown {
		if (key !== undefined && SECRET_HEADER_NAMES.has(key.toLowerCase()) && value !== undefined) {
			return REDACTED;
		}
		if (typeof value === 'string') return this.redactText(value);
		if (Array.isArray(value)) return value.map((v) => this.walk(v, undefined));
		if (value && typeof value === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = this.walk(v, k);
			return out;
		}
		return value;
	}
}
