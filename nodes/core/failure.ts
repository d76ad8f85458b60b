import type { SignInFailed } from './signIn';
import { signInFailureOf } from './signIn';
import type { HttpResponse } from './types';

// What went wrong with a request, read from whatever n8n's request helper threw.

/** Statuses that say "not processed, try again later". */
export const RETRY_ALWAYS = new Set([429]);
/** Statuses after which the request may or may not have been applied. */
export const RETRY_IF_IDEMPOTENT = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

export function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
		out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

export function parseBody(body: unknown, headers: Record<string, string>): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const type = headers['content-type'] ?? '';
	if (type.includes('json') || /^\s*[{[]/.test(body)) {
		try {
			return JSON.parse(body) as unknown;
		} catch {
			return body;
		}
	}
	return body;
}

export interface Failure {
	response?: HttpResponse;
	code?: string;
	detail: string;
	/** The credential's sign-in failed (no request reached the provider). */
	signIn?: SignInFailed;
}

/** Reads what went wrong out of whatever n8n's request helper threw. */
export function readFailure(error: unknown): Failure {
	const signIn = signInFailureOf(error);
	if (signIn) return { signIn, detail: error instanceof Error ? error.message : signIn.message };
	const candidates: unknown[] = [error];
	if (error && typeof error === 'object' && 'cause' in error) candidates.push((error as { cause: unknown }).cause);
	for (const candidate of candidates) {
		if (!candidate || typeof candidate !== 'object') continue;
		const c = candidate as {
			response?: { status?: number; statusCode?: number; headers?: unknown; data?: unknown; body?: unknown };
			code?: string;
			message?: string;
		};
		const status = c.response?.status ?? c.response?.statusCode;
		if (c.response && typeof status === 'number') {
			const headers = lowerCaseHeaders(c.response.headers);
			return {
				response: { status, headers, body: parseBody(c.response.data ?? c.response.body, headers) },
				detail: c.message ?? '',
			};
		}
	}
	// n8n 1.x keeps only the status (httpCode) and a JSON body (context.data) of an HTTP error: no headers.
	const { httpCode, context } = (error ?? {}) as { httpCode?: unknown; context?: { data?: unknown } };
	if (/^[1-5]\d\d$/.test(String(httpCode))) {
		return { response: { status: Number(httpCode), headers: {}, body: context?.data ?? '' }, detail: error instanceof Error ? error.message : '' };
	}
	for (const candidate of candidates) {
		if (!candidate || typeof candidate !== 'object') continue;
		const c = candidate as { code?: string; message?: string };
		if (c.code && typeof c.code === 'string' && c.code !== 'ERR_BAD_RESPONSE') {
			return { code: c.code, detail: c.message ?? c.code };
		}
	}
	return { code: '', detail: error instanceof Error ? error.message : String(error) };
}

/** A failure without an HTTP answer that may not have reached the provider, or whose answer got lost. */
export function isNetworkFailure(failure: Failure): boolean {
	return Boolean(failure.code && (NETWORK_CODES.has(failure.code) || /TIMEOUT|RESET/i.test(failure.code)));
}
