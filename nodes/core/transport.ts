import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { networkError, providerError } from './errors';
import { Pacer } from './pacing';
import { Redactor } from './redact';
import { isTransientSignInFailure } from './signIn';
import type { ApiRequest, HttpResponse, ProviderApi, RequestContext } from './types';

export interface TransportSettings {
	/** Retries after the first attempt, for failures that are safe to retry. */
	maxRetries: number;
	/** Per-request timeout in milliseconds. */
	timeoutMs: number;
	/** First backoff step in milliseconds; doubles each retry, with jitter. */
	backoffBaseMs: number;
	/** Longest single wait between attempts, in milliseconds (also caps Retry-After). */
	backoffCapMs: number;
	/** Requests allowed per the provider's rate-limit window; undefined uses the provider's, 0 turns pacing off. */
	rateLimit?: number;
}

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	maxRetries: 3,
	timeoutMs: 30_000,
	backoffBaseMs: 500,
	backoffCapMs: 60_000,
};

/** Statuses that say "not processed, try again later". */
const RETRY_ALWAYS = new Set([429]);
/** Statuses after which the request may or may not have been applied. */
const RETRY_IF_IDEMPOTENT = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** Parses a Retry-After header: seconds, or an HTTP date. Returns milliseconds or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Capped exponential backoff with jitter ("equal jitter": half fixed, half random). */
export function backoffDelay(attempt: number, settings: TransportSettings, random = Math.random): number {
	const ceiling = Math.min(settings.backoffCapMs, settings.backoffBaseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
		out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

function parseBody(body: unknown, headers: Record<string, string>): unknown {
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

interface Failure {
	response?: HttpResponse;
	code?: string;
	detail: string;
}

/** Reads what went wrong out of whatever n8n's request helper threw. */
function readFailure(error: unknown): Failure {
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
	for (const candidate of candidates) {
		if (!candidate || typeof candidate !== 'object') continue;
		const c = candidate as { code?: string; message?: string };
		if (c.code && typeof c.code === 'string' && c.code !== 'ERR_BAD_RESPONSE') {
			return { code: c.code, detail: c.message ?? c.code };
		}
	}
	const message = error instanceof Error ? error.message : String(error);
	const code = /timeout|ETIMEDOUT|ECONNABORTED/i.test(message) ? 'ETIMEDOUT' : /ECONNRESET|socket hang up/i.test(message) ? 'ECONNRESET' : '';
	return { code, detail: message };
}

/** Outcome of one call, for statistics and tests. */
export interface TransportStats {
	requests: number;
	retries: number;
}

/**
 * Sends requests for one provider through n8n's `httpRequestWithAuthentication`, so the
 * credential's own authentication (and its token refresh on 401) applies, and retries what is
 * safe to retry.
 */
export class Transport {
	readonly redactor = new Redactor();

	readonly stats: TransportStats = { requests: 0, retries: 0 };

	readonly pacer: Pacer;

	private baseUrl: string | undefined;

	/** Keys without any secret: provider, base URL and tenant (`resource`), plus the account's identity (`account`). */
	private scope = { resource: '', account: '' };

	/** Whether a request of this run has succeeded, i.e. the credential has signed in before. */
	private answered = false;

	constructor(
		private readonly ctx: RequestContext,
		readonly api: ProviderApi,
		readonly settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
	) {
		const documented = api.rateLimit;
		const limit = settings.rateLimit ?? documented?.limit ?? 0;
		this.pacer = new Pacer(documented && limit > 0 ? { limit, windowMs: documented.windowMs } : undefined);
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	/** Reads the credential once: base URL and the secrets to redact. */
	async init(): Promise<this> {
		if (this.baseUrl !== undefined) return this;
		const credentials = await this.learnSecrets();
		this.baseUrl = this.api.baseUrl(credentials).replace(/\/+$/, '');
		const resource = [this.api.credentialType, this.baseUrl, this.api.tenant?.(credentials) ?? ''].join('|');
		this.scope = { resource, account: `${resource}|${this.api.account?.(credentials) ?? ''}` };
		return this;
	}

	/** Keys for turns on this provider's resources (`resource`) and for facts about the account (`account`). */
	async scopes(): Promise<{ resource: string; account: string }> {
		await this.init();
		return this.scope;
	}

	/**
	 * Reads the credential again and learns its current secrets. Tokens that a credential fetches while the
	 * node runs (preAuthentication, saved by n8n) are only known after the first request, so errors and
	 * outputs are redacted again with what this returns before they leave the node.
	 */
	async learnSecrets() {
		const credentials = await this.ctx.getCredentials(this.api.credentialType);
		this.redactor.addCredential(credentials, this.api.secretFields);
		for (const secret of this.api.derivedSecrets?.(credentials) ?? []) this.redactor.addSecret(secret);
		return credentials;
	}

	/** The full URL for a path; used by Dry Run to show the exact request. */
	url(path: string): string {
		return `${this.baseUrl ?? ''}${path}`;
	}

	/** Sends a request and returns the parsed body; throws NodeApiError on failure. */
	async request<T = unknown>(req: ApiRequest, itemIndex?: number): Promise<T> {
		const response = await this.send(req, itemIndex);
		return response.body as T;
	}

	async send(req: ApiRequest, itemIndex?: number): Promise<HttpResponse> {
		await this.init();
		const idempotent = req.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(req.method);
		for (let attempt = 0; ; attempt++) {
			this.throwIfCancelled();
			let response: HttpResponse | undefined;
			let failure: Failure | undefined;
			const paced = await this.pacer.acquire(this.api.rateLimit?.key?.(req) ?? 'all');
			this.stats.requests++;
			try {
				response = await this.attempt(req);
			} catch (error) {
				failure = readFailure(error);
			} finally {
				paced(); // answered or failed: the pacer counts it from now
			}
			if (response) {
				// A 2xx that the provider marks as failed in its body is a business answer: never retried.
				const logical = this.api.logicalError?.(response);
				this.answered = true;
				if (!logical) return response;
				throw providerError(this.node, this.api, this.redactor, response, logical, req, itemIndex);
			}
			failure = failure ?? { detail: 'No response' };

			const status = failure.response?.status;
			const ambiguous = status !== undefined ? RETRY_IF_IDEMPOTENT.has(status) : isNetworkFailure(failure);
			// A token refresh in the middle of a run that met a 5xx, 429 or no answer: the request itself was
			// refused (401) before it could change anything, so it is sent again like a 429.
			const signInFailed = this.answered && status === undefined && isTransientSignInFailure(failure.detail);
			let wait: number | undefined;
			if (attempt < this.settings.maxRetries) {
				if ((status !== undefined && RETRY_ALWAYS.has(status)) || signInFailed || (ambiguous && idempotent)) {
					wait = this.waitFor(attempt, failure.response);
				} else if (ambiguous && req.reconcile) {
					// Not idempotent: find out whether it landed before deciding to send it again.
					if ((await req.reconcile()) === 'applied') return { status: 200, headers: {}, body: undefined };
					wait = this.waitFor(attempt, failure.response);
				}
			}
			if (wait === undefined || wait > this.settings.backoffCapMs) {
				throw this.toError(failure, req, itemIndex);
			}
			this.stats.retries++;
			await sleep(wait);
		}
	}

	private waitFor(attempt: number, response: HttpResponse | undefined): number {
		const retryAfter = parseRetryAfter(response?.headers['retry-after']);
		if (retryAfter !== undefined) return retryAfter + Math.round(Math.random() * 100);
		return backoffDelay(attempt, this.settings);
	}

	private toError(failure: Failure, req: ApiRequest, itemIndex?: number): NodeApiError {
		if (failure.response) {
			const info = this.api.parseError(failure.response);
			return providerError(this.node, this.api, this.redactor, failure.response, info, req, itemIndex);
		}
		return networkError(this.node, this.api, this.redactor, failure.code ?? '', failure.detail, req, itemIndex);
	}

	private throwIfCancelled(): void {
		const ctx = this.ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
		if (ctx.getExecutionCancelSignal?.()?.aborted) {
			throw new NodeApiError(this.node, { message: 'Execution was cancelled' }, { message: 'Execution was cancelled' });
		}
	}

	private async attempt(req: ApiRequest): Promise<HttpResponse> {
		const text = req.format === 'text';
		const options: IHttpRequestOptions = {
			method: req.method,
			url: this.url(req.path),
			qs: req.qs as IDataObject | undefined,
			headers: { ...(this.api.headers ?? {}), ...(req.headers ?? {}) },
			body: req.body as IDataObject | string | undefined,
			json: !text,
			returnFullResponse: true,
			timeout: this.settings.timeoutMs,
			arrayFormat: 'repeat',
		};
		if (text) options.encoding = 'text';
		const raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.api.credentialType,
			options,
		)) as { body?: unknown; headers?: unknown; statusCode?: number; status?: number };
		const headers = lowerCaseHeaders(raw.headers);
		return { status: raw.statusCode ?? raw.status ?? 200, headers, body: parseBody(raw.body, headers) };
	}
}

function isNetworkFailure(failure: Failure): boolean {
	return Boolean(failure.code && (NETWORK_CODES.has(failure.code) || /TIMEOUT|RESET/i.test(failure.code)));
}
