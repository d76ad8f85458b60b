import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { Redactor } from './redact';

/**
 * What a credential's `preAuthentication` needs to sign in (token or session login) and, when that
 * fails, to say so in the provider's own words without any secret.
 */
export interface SignInSpec {
	/** Provider name for messages, e.g. "Elastic Path". */
	provider: string;
	/** The login or token request. */
	request: IHttpRequestOptions;
	/** Secret values that must not appear in a message (their Base64 and URL-encoded forms are removed too). */
	secrets: string[];
	/** The provider's text in an error body, when there is one. */
	readError: (body: unknown) => string | undefined;
	/** The token from a successful answer, or the provider's message when the answer holds none. */
	readToken: (answer: unknown) => { token?: string; message?: string };
	/** How to fix it: after a refusal (by HTTP status), when the host cannot be reached, and when no token came back. */
	fix: { refused: (status: number) => string; unreachable: string; noToken: string };
}

/**
 * Words for a network failure. n8n replaces any error message that contains a Node.js error code
 * (ECONNREFUSED, …) with a generic text of its own, so the codes never appear in our messages.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ETIMEDOUT: 'it did not answer in time',
	ECONNABORTED: 'it did not answer in time',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

function networkWords(code: string | undefined, text: string): string {
	const known = code ? NETWORK_WORDS[code.toUpperCase()] : undefined;
	if (known) return known;
	const found = Object.keys(NETWORK_WORDS).find((key) => text.toUpperCase().includes(key));
	return found ? NETWORK_WORDS[found] : 'no answer';
}

function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string' && /^\s*[{[]/.test(body)) {
		try {
			return JSON.parse(body) as unknown;
		} catch {
			return body;
		}
	}
	return body;
}

/** Status, body and network code of a failed `helpers.httpRequest`, wherever n8n put them. */
function readRequestFailure(error: unknown): { status?: number; body?: unknown; code?: string; message: string } {
	const e = (error ?? {}) as {
		message?: string;
		code?: string;
		response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown };
		cause?: { code?: string; response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown } };
	};
	const response = e.response ?? e.cause?.response;
	return {
		status: response?.status ?? response?.statusCode,
		body: parseMaybeJson(response?.data ?? response?.body),
		code: e.code ?? e.cause?.code,
		message: e.message ?? '',
	};
}

/**
 * A sign-in that failed, said in the provider's words without any secret. `transient`: the provider
 * answered 429 or 5xx, or could not be reached, so trying again later may work; a refused secret or an
 * answer without a token is not transient. n8n hands the credential's error on, as the `cause` of the
 * request's error, to the node whose request needed the sign-in (credentials and nodes share one bundle).
 */
export class SignInFailed extends Error {
	constructor(
		message: string,
		readonly transient: boolean,
	) {
		super(message);
		this.name = 'SignInFailed';
	}
}

/** The failed sign-in behind a request's error (the error itself, or its cause), if one is. */
export function signInFailureOf(error: unknown): SignInFailed | undefined {
	const cause = error && typeof error === 'object' && 'cause' in error ? (error as { cause: unknown }).cause : undefined;
	return [error, cause].find((e): e is SignInFailed => e instanceof SignInFailed);
}

/** Removes secrets, in every form they travel in, from a text (the core's redactor, for sign-in errors). */
function withoutSecrets(text: string, secrets: string[]): string {
	const redactor = new Redactor();
	for (const secret of secrets) redactor.addSecret(secret);
	return redactor.redactText(text);
}

/**
 * Signs in and returns the token, or throws SignInFailed: the provider's own text and how to fix it,
 * without any secret. n8n shows it as the node's error (or as the credential test's result).
 */
export async function signIn(helpers: IHttpRequestHelper['helpers'], spec: SignInSpec): Promise<string> {
	const answer = await helpers.httpRequest(spec.request).catch((error: unknown) => refusal(error, spec));
	if (answer instanceof SignInFailed) throw answer;
	const { token, message } = spec.readToken(parseMaybeJson(answer));
	if (!token) {
		throw new SignInFailed(withoutSecrets(`${spec.provider} login failed: ${message ?? 'the answer held no token'}. ${spec.fix.noToken}`, spec.secrets), false);
	}
	return token;
}

/** Why the sign-in request failed: the provider's refusal (by HTTP status) or no answer at all. */
function refusal(error: unknown, spec: SignInSpec): SignInFailed {
	const failure = readRequestFailure(error);
	if (failure.status === undefined) {
		const where = String(spec.request.url ?? '').split('?')[0];
		const message = `${spec.provider} login failed: could not reach ${where} (${networkWords(failure.code, failure.message)}). ${spec.fix.unreachable}`;
		return new SignInFailed(withoutSecrets(message, spec.secrets), true);
	}
	const raw = typeof failure.body === 'string' && !/<html|<!doctype/i.test(failure.body) ? failure.body.trim().slice(0, 300) : '';
	const text = spec.readError(failure.body) ?? raw;
	const fix = failure.status >= 500 ? `${spec.provider} had a problem; try again later.` : spec.fix.refused(failure.status);
	const message = `${spec.provider} login failed (HTTP ${failure.status})${text ? `: ${text}` : ''}. ${fix}`;
	return new SignInFailed(withoutSecrets(message, spec.secrets), failure.status === 429 || failure.status >= 500);
}
