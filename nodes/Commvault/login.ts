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

// Two sign-ins, both POST <root>Login (api.commvault.com, docs/SP32/api/cv/AuthenticationOperations/login):
// customer-managed (Login-CustomerManaged: `token`, sent in the Authtoken header) and Commvault Cloud
// (Login-SaaS: `data.authToken`, "added to the bearer token for all requests").

/** The credential's deployment choice: a customer-managed CommServe, or Commvault Cloud (SaaS). */
export const DEPLOYMENT = { customerManaged: 'customerManaged', saas: 'saas' } as const;

export const isSaas = (credentials: Record<string, unknown>) => credentials.deployment === DEPLOYMENT.saas;

/**
 * ASSUMPTION (UNCONFIRMED): the SaaS token travels as `Authorization: Bearer <authToken>` (the Login page
 * says only "the bearer token"; cvpysdk, cvpysdk/commcell.py, also accepts a "Bearer " token in the
 * Authtoken header). One constant each.
 */
export const SAAS_TOKEN_HEADER = 'Authorization';
export const SAAS_TOKEN_PREFIX = 'Bearer ';

/** The header the session token goes in, chosen by the deployment (n8n resolves header names too). */
export const TOKEN_HEADER_EXPRESSION = `={{ $credentials.deployment === "${DEPLOYMENT.saas}" ? "${SAAS_TOKEN_HEADER}" : "Authtoken" }}`;

/** The documented JSON body of POST <root>Login: Login-SaaS (username, password) or Login-CustomerManaged. */
export function loginBody(credentials: Record<string, unknown>): Record<string, string> {
	const username = String(credentials.username ?? '').trim();
	const password = encodePassword(credentials.password);
	if (isSaas(credentials)) return { username, password };
	return { domain: String(credentials.domain ?? '').trim(), username, password };
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
 * presence of the token: `token` for a customer-managed CommServe (cvpysdk also wants `userName`; the
 * token is what we need), `data.authToken` for Commvault Cloud (LoginResponse-SaaS), kept with its
 * "Bearer " prefix.
 * ASSUMPTION (UNCONFIRMED): the customer-managed token already starts with "QSDK " and is sent verbatim
 * (seen in the SDK and the header examples, not in a documented Login answer); a failure's text is
 * errList[0].errLogMessage (or errorMessage).
 */
export function readLoginAnswer(body: unknown, saas = false): { token?: string; message?: string } {
	const object = asObject(body);
	if (saas) {
		const data = object?.data as Record<string, unknown> | undefined;
		const authToken = data?.authToken;
		if (typeof authToken === 'string' && authToken.trim() !== '') return { token: `${SAAS_TOKEN_PREFIX}${authToken.trim()}` };
		return { message: loginMessage(body) };
	}
	let token: unknown = object?.token;
	if (!object && typeof body === 'string' && body.trim().startsWith('<')) token = attribute(body, 'token');
	if (typeof token === 'string' && token.trim() !== '') return { token: token.trim() };
	return { message: loginMessage(body) };
}
