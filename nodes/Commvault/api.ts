import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { HttpResponse, ProviderApi, ProviderErrorInfo } from '../core/types';
import { id, isObject, type Obj, readBody, text } from './body';
import { CREDENTIAL_DISPLAY_NAME, loginMessage, normaliseRoot, SAAS_TOKEN_HEADER, SAAS_TOKEN_PREFIX } from './login';

// The Commvault API as the core sees it: paths, error answers and the ProviderApi. The bodies it carries:
// body.ts (an answer, JSON or XML, as an object), shapes.ts (organizations and plans, and the readers of
// GET answers), planUpdate.ts (the PUT /Organization XML); the sign-in: login.ts.

/** Paths appended to the credential's web service root. */
export const paths = {
	organizations: '/Organization',
	organization: (orgId: number) => `/Organization/${orgId}`,
	plans: '/Plan',
	update: '/Organization',
};

/** The errorCode/errorMessage pair, from the top level or under `error`; a non-zero code wins. */
function errorPair(object: Obj): { code: number | null; message: string } | undefined {
	const pairs = [object, isObject(object.error) ? object.error : undefined]
		.filter((holder): holder is Obj => holder !== undefined && 'errorCode' in holder)
		.map((holder) => ({ code: id(holder.errorCode), message: text(holder.errorMessage).trim() }));
	return pairs.find((p) => p.code !== 0) ?? pairs[0];
}

/**
 * Success is HTTP < 400 and `errorCode` 0 (at the top level or under `error`). A 2xx with a non-zero
 * errorCode is Commvault refusing the request.
 */
export function commvaultLogicalError(response: HttpResponse): ProviderErrorInfo | undefined {
	const pair = errorPair(readBody(response.body));
	if (!pair || pair.code === 0) return undefined;
	return {
		message: pair.message || `Commvault refused the request (errorCode ${pair.code ?? 'unknown'})`,
		reason: pair.code === null ? undefined : `errorCode ${pair.code}`,
	};
}

/** Reads an error answer: `errorMessage`/`errorCode` (top level or under `error`), `errList`, or text. */
export function parseCommvaultError(response: HttpResponse): ProviderErrorInfo {
	const object = readBody(response.body);
	const pair = errorPair(object);
	const reason = pair?.code !== undefined && pair.code !== null && pair.code !== 0 ? `errorCode ${pair.code}` : undefined;
	if (pair?.message) return { message: pair.message, reason };
	const other = loginMessage(object);
	if (other) return { message: other, reason };
	if (typeof response.body === 'string') {
		const raw = response.body.trim();
		if (raw !== '' && !raw.startsWith('<')) return { message: raw.slice(0, 300), reason };
		const title = /<title>([^<]*)<\/title>/i.exec(raw)?.[1]?.trim();
		if (title) return { message: title, reason };
	}
	return { message: `HTTP ${response.status}`, reason };
}

export const commvaultApi: ProviderApi = {
	displayName: 'Commvault',
	credentialType: 'commvaultApi',
	credentialDisplayName: CREDENTIAL_DISPLAY_NAME,
	secretFields: ['password', 'token'],
	secretHeaders: ['Authtoken', SAAS_TOKEN_HEADER],
	// A session token's shape, for one the run does not hold (issued to an earlier run); error texts only.
	tokenPatterns: [
		{ pattern: /\bQSDK\s+[A-Za-z0-9._~+/=-]{6,}/g, replacement: 'QSDK [redacted]' },
		{ pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{6,}/g, replacement: 'Bearer [redacted]' },
	],
	// The token travels as "QSDK <hex>" (customer-managed) or "Bearer <authToken>" (Commvault Cloud); the
	// bare part is a secret too. The Base64 password is covered by the redactor (it adds Base64 forms of
	// every secret).
	derivedSecrets: (credentials: ICredentialDataDecryptedObject) => {
		const token = String(credentials.token ?? '');
		const prefix = ['QSDK ', SAAS_TOKEN_PREFIX].find((p) => token.startsWith(p));
		return prefix ? [token.slice(prefix.length).trim()] : [];
	},
	baseUrl: (credentials: ICredentialDataDecryptedObject) => normaliseRoot(credentials.url).replace(/\/+$/, ''),
	// The plans GET Plan lists depend on the user's rights.
	account: (credentials) => `${String(credentials.domain ?? '').trim()}\\${String(credentials.username ?? '').trim()}`,
	headers: { Accept: 'application/json' },
	parseError: parseCommvaultError,
	logicalError: commvaultLogicalError,
	hint: (info, status) => {
		if (status === 401) {
			return `Commvault refused the session even after signing in again. Check the username, password and domain in the "${CREDENTIAL_DISPLAY_NAME}" credential and use its Test button; the user may also be locked or disabled.`;
		}
		if (status === 403) {
			return 'The Commvault user is signed in but not allowed to do this. Changing an organization\'s plans needs a CommCell or MSP administrator (a tenant administrator may not change its own company\'s plans).';
		}
		if (status === 404) {
			return 'No Commvault organization with this ID is visible to this user. Check the ID (the shortName.id of GET Organization) or choose the organization from the list.';
		}
		if (status === 405 || status === 415) {
			return 'The web service did not accept this request. Check that the root URL in the credential ends with /commandcenter/api, /webconsole/api or /SearchSvc/CVWebService.svc.';
		}
		if (status < 400 && info.reason) {
			return 'Commvault answered with HTTP 200 but refused the request (its errorCode and message are above). Fix the cause it names, then run the node again.';
		}
		return undefined;
	},
	/** No rate limit is documented, so none is assumed; the node option can set one. */
	rateLimit: { limit: 0, windowMs: 1000, per: 'second', documented: 'Commvault documents no rate limit, so none is assumed.' },
};
