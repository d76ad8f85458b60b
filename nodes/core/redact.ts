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

const SECRET_HEADER_LENGTHS = new Set([...SECRET_HEADER_NAMES].map((name) => name.length));

function isSecretHeader(key: string): boolean {
	return SECRET_HEADER_LENGTHS.has(key.length) && SECRET_HEADER_NAMES.has(key.toLowerCase());
}

/** Every text a token pattern can match contains one of these words; most texts contain none. */
const TOKEN_HINT = /bearer|basic|qsdk|access_token|client_secret|password|token|api_?key/i;

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

	/** The secrets longest first, so a secret that contains another is removed whole (kept sorted once). */
	private sorted: string[] = [];

	addSecret(value: unknown): void {
		if (typeof value !== 'string' || value.trim().length < 4) return;
		const before = this.secrets.size;
		for (const variant of variantsOf(value)) this.secrets.add(variant);
		if (this.secrets.size !== before) this.sorted = [...this.secrets].sort((a, b) => b.length - a.length);
	}

	/** Adds the named fields of a credential, plus the `id:secret` pair used by Basic auth. */
	addCredential(credentials: ICredentialDataDecryptedObject | undefined, secretFields: string[]): void {
		if (!credentials) return;
		for (const field of secretFields) this.addSecret(credentials[field]);
	}

	redactText(text: string): string {
		let out = text;
		for (const secret of this.sorted) {
			if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		}
		if (!TOKEN_HINT.test(out)) return out;
		for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
		return out;
	}

	/**
	 * The value with every string redacted and every credential-bearing header masked. Parts with nothing
	 * to redact are shared with the input, not copied (outputs are large and this runs for every item);
	 * a top-level object or array is always a new one.
	 */
	redactValue<T>(value: T): T {
		const out = this.walk(value, undefined);
		if (out !== value) return out as T;
		if (Array.isArray(value)) return [...value] as T;
		if (value && typeof value === 'object') return { ...value };
		return value;
	}

	private walk(value: unknown, key: string | undefined): unknown {
		if (key !== undefined && value !== undefined && isSecretHeader(key)) return REDACTED;
		if (typeof value === 'string') return this.redactText(value);
		if (typeof value !== 'object' || value === null) return value;
		if (Array.isArray(value)) {
			let out: unknown[] | undefined;
			for (let i = 0; i < value.length; i++) {
				const next = this.walk(value[i], undefined);
				if (next !== value[i]) (out ??= [...value])[i] = next;
			}
			return out ?? value;
		}
		const source = value as Record<string, unknown>;
		let out: Record<string, unknown> | undefined;
		for (const k of Object.keys(source)) {
			const next = this.walk(source[k], k);
			if (next !== source[k]) (out ??= { ...source })[k] = next;
		}
		return out ?? value;
	}
}
