import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const REDACTED = '[redacted]';

/** Header names that carry credentials in any HTTP API; a provider adds its own (ProviderApi.secretHeaders). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

/**
 * An HTTP credential in a message (RFC 6750 Bearer, RFC 7617 Basic) that the run may not hold, e.g. a token
 * of an earlier run that a server echoes: the scheme and a token-shaped value (16 or more token characters,
 * one a digit), which no word and no plan name such as "Basic Monthly" is. Error messages only.
 */
const HTTP_CREDENTIAL = { pattern: /\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/-]*\d)[A-Za-z0-9._~+/-]{16,}=*/g, replacement: `$1 ${REDACTED}` };

/** Keys of an error body whose strings are messages (JSON:API, RFC 7807, OAuth, Spring, gRPC, …). */
const MESSAGE_KEY = /message|error|detail|title/i;

/** What a provider adds to the redaction of its node. */
export interface RedactionRules {
	/** Further header names whose values are credentials, e.g. "x-APIKey". */
	secretHeaders?: string[];
	/**
	 * Shapes of the provider's tokens, for tokens the run may not hold (e.g. one issued to an earlier run).
	 * Applied to error messages and log lines only, never to resource data.
	 */
	tokenPatterns?: Array<{ pattern: RegExp; replacement: string }>;
}

function variantsOf(secret: string): string[] {
	// As sent: plain, URL-encoded, in a form body (application/x-www-form-urlencoded: a space is "+"), Base64.
	const form = new URLSearchParams({ s: secret }).toString().slice(2);
	const variants = [secret, encodeURIComponent(secret), form, Buffer.from(secret, 'utf8').toString('base64')];
	return variants.filter((v) => v.length >= 4);
}

/**
 * Knows every secret value the run holds (credential fields, tokens obtained during the run, and the
 * forms they travel in) and subtracts exactly those values from whatever leaves the node: outputs,
 * errors, dry runs. It never guesses: a plan called "Basic Monthly" or a property "token: 42" is data and
 * passes unchanged. Only error messages also lose credential-shaped values the run may not hold (`redactMessage`).
 */
export class Redactor {
	private readonly secrets = new Set<string>();

	/** The secrets longest first, so a secret that contains another is removed whole (kept sorted once). */
	private sorted: string[] = [];

	private readonly secretHeaders: Set<string>;

	private readonly tokenPatterns: NonNullable<RedactionRules['tokenPatterns']>;

	constructor(rules: RedactionRules = {}) {
		this.secretHeaders = new Set([...CREDENTIAL_HEADERS, ...(rules.secretHeaders ?? []).map((h) => h.toLowerCase())]);
		this.tokenPatterns = [HTTP_CREDENTIAL, ...(rules.tokenPatterns ?? [])];
	}

	addSecret(value: unknown): void {
		if (typeof value !== 'string' || value.trim().length < 4) return;
		const before = this.secrets.size;
		for (const variant of variantsOf(value)) this.secrets.add(variant);
		if (this.secrets.size !== before) this.sorted = [...this.secrets].sort((a, b) => b.length - a.length);
	}

	/** Adds the named fields of a credential. */
	addCredential(credentials: ICredentialDataDecryptedObject | undefined, secretFields: string[]): void {
		if (!credentials) return;
		for (const field of secretFields) this.addSecret(credentials[field]);
	}

	/** The text without the secret values the run holds (in any of their forms). Nothing else changes. */
	redactText(text: string): string {
		let out = text;
		for (const secret of this.sorted) {
			if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		}
		return out;
	}

	/** An error message or log line: the known secrets, then HTTP credentials and the provider's token shapes, are removed. */
	redactMessage(text: string): string {
		let out = this.redactText(text);
		for (const { pattern, replacement } of this.tokenPatterns) out = out.replace(pattern, replacement);
		return out;
	}

	/**
	 * The value with the known secrets removed from every string; keys and every other value stay as they
	 * are. Parts with nothing to redact are shared with the input, not copied (outputs are large and this
	 * runs for every item); a top-level object or array is always a new one.
	 */
	redactValue<T>(value: T): T {
		const out = this.walk(value, undefined);
		if (out !== value) return out as T;
		if (Array.isArray(value)) return [...value] as T;
		if (value && typeof value === 'object') return { ...value };
		return value;
	}

	/**
	 * An error body (or the error's response): like `redactValue`, and the strings under keys that name a
	 * message (message, error, error_description, detail, title, errorMessage, …) are error messages too.
	 * Other fields, such as the rejected value of a plan field, are data and lose only the known secrets.
	 */
	redactErrorBody<T>(value: T): T {
		return this.walk(value, false) as T;
	}

	/** Request headers as shown (dry runs): credential-bearing headers masked, secrets removed from the rest. */
	maskHeaders(headers: Record<string, string>): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [name, value] of Object.entries(headers)) {
			out[name] = this.secretHeaders.has(name.toLowerCase()) ? REDACTED : this.redactText(String(value));
		}
		return out;
	}

	/** `message` is undefined for resource data, else whether the value is an error message. */
	private walk(value: unknown, message?: boolean): unknown {
		if (typeof value === 'string') return message ? this.redactMessage(value) : this.sorted.length ? this.redactText(value) : value;
		if (typeof value !== 'object' || value === null) return value;
		if (Array.isArray(value)) {
			let out: unknown[] | undefined;
			for (let i = 0; i < value.length; i++) {
				const next = this.walk(value[i], message);
				if (next !== value[i]) (out ??= [...value])[i] = next;
			}
			return out ?? value;
		}
		const source = value as Record<string, unknown>;
		let out: Record<string, unknown> | undefined;
		for (const k of Object.keys(source)) {
			const next = this.walk(source[k], message === undefined ? undefined : MESSAGE_KEY.test(k));
			if (next !== source[k]) (out ??= { ...source })[k] = next;
		}
		return out ?? value;
	}
}
