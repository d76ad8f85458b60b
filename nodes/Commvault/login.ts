// Pure helpers for the "Commvault API" credential's sign-in (POST <root>Login). Kept free of
// libraries so the credential can import them.

/** Name of the credential as the user sees it. */
export const CREDENTIAL_DISPLAY_NAME = 'Commvault API';

/** The web service root with surrounding spaces removed and exactly one trailing "/". */
export function normaliseRoot(url: unknown): string {
	return `${String(url ?? '').trim().replace(/\/+$/, '')}/`;
}

/** The same normalisation as an n8n expression, for the credential's `test` request. */
export const ROOT_EXPRESSION = '={{ String($credentials.url).trim().replace(/\\/+$/, "") + "/" }}';

/** Commvault's Login wants the password Base64-encoded (UTF-8 bytes). */
export function encodePassword(password: unknown): string {
	return Buffer.from(String(password ?? ''), 'utf8').toString('base64');
}

/** The documented JSON body of POST <root>Login. */
export function loginBody(credentials: Record<string, unknown>): Record<string, string> {
	return {
		domain: String(credentials.domain ?? '').trim(),
		username: String(credentials.username ?? '').trim(),
		password: encodePassword(credentials.password),
	};
}

function attribute(xml: string, name: string): string | undefined {
	const match = new RegExp(`\\b${name}="([^"]*)"`).exec(xml);
	if (!match) return undefined;
	return match[1]
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

function asObject(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	if (typeof body === 'string' && /^\s*\{/.test(body)) {
		try {
			return JSON.parse(body) as Record<string, unknown>;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

/** Commvault's own words from a Login answer (or any error body): errList[0].errLogMessage, errorMessage, … */
export function loginMessage(body: unknown): string | undefined {
	const object = asObject(body);
	if (object) {
		const errList = object.errList;
		const first = Array.isArray(errList) ? (errList[0] as Record<string, unknown> | undefined) : undefined;
		const error = object.error as Record<string, unknown> | undefined;
		for (const candidate of [first?.errLogMessage, object.errLogMessage, object.errorMessage, error?.errorMessage]) {
			if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
		}
		return undefined;
	}
	if (typeof body === 'string' && body.trim() !== '') {
		if (body.trim().startsWith('<')) return attribute(body, 'errLogMessage') ?? attribute(body, 'errorMessage');
		return body.trim().slice(0, 300);
	}
	return undefined;
}

/**
 * Reads a Login answer. Commvault may answer a failed login with HTTP 200, so success is judged by the
 * presence of `token` (cvpysdk also wants `userName`; the token is what we need).
 * ASSUMPTION (UNCONFIRMED): the token already starts with "QSDK " and is sent verbatim (seen in the SDK
 * and the header examples, not in a documented Login answer); a failure's text is errList[0].errLogMessage.
 */
export function readLoginAnswer(body: unknown): { token?: string; message?: string } {
	const object = asObject(body);
	let token: unknown = object?.token;
	if (!object && typeof body === 'string' && body.trim().startsWith('<')) token = attribute(body, 'token');
	if (typeof token === 'string' && token.trim() !== '') return { token: token.trim() };
	return { message: loginMessage(body) };
}
