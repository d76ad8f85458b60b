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
	/** Longest single wait of the node's own backoff, in milliseconds. */
	backoffCapMs: number;
	/** Longest Retry-After the node waits for, in milliseconds; a provider asking for more ends the retries at once. */
	maxRetryAfterMs: number;
	/** Requests allowed per the provider's rate-limit window; undefined uses the provider's, 0 turns pacing off. */
	rateLimit?: number;
}

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	maxRetries: 3,
	timeoutMs: 30_000,
	backoffBaseMs: 500,
	backoffCapMs: 60_000,
	maxRetryAfterMs: 120_000,
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

/** After a failure that may be retried: wait this long, or give up because the provider asks for a longer wait. */
export type RetryPlan = { waitMs: number } | { retryAfterMs: number };

/**
 * How long to wait before the next attempt. A Retry-After the node may wait for (up to `maxRetryAfterMs`) is
 * honoured in full, plus up to 0.1 s so parallel retries do not arrive at once; a longer one gives up.
 * Without Retry-After, the node's own capped backoff.
 */
export function planRetry(attempt: number, retryAfterMs: number | undefined, settings: TransportSettings, random = Math.random): RetryPlan {
	if (retryAfterMs === undefined) return { waitMs: backoffDelay(attempt, settings, random) };
	if (retryAfterMs > settings.maxRetryAfterMs) return { retryAfterMs };
	return { waitMs: retryAfterMs + Math.round(random() * 100) };
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
	readonly redactor: Redactor;

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
		this.redactor = new Redactor(api);
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

	/**
	 * Sends a request and returns the parsed body; throws NodeApiError on failure. A request that is not
	 * idempotent is sent again after an unclear failure (timeout, reset, 5xx) only when `landed` (a look at
	 * the resource) says its change is not there; without `landed` it is not sent again.
	 */
	async request<T = unknown>(req: ApiRequest, itemIndex?: number, landed?: () => Promise<boolean>): Promise<T> {
		const response = await this.send(req, itemIndex, landed);
		return response.body as T;
	}

	private async send(req: ApiRequest, itemIndex?: number, landed?: () => Promise<boolean>): Promise<HttpResponse> {
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
			let retry: RetryPlan | undefined;
			if (attempt < this.settings.maxRetries) {
				const plan = () => planRetry(attempt, parseRetryAfter(failure.response?.headers['retry-after']), this.settings);
				if ((status !== undefined && RETRY_ALWAYS.has(status)) || signInFailed || (ambiguous && idempotent)) {
					retry = plan();
				} else if (ambiguous && landed) {
					// Not idempotent: find out whether it landed before deciding to send it again.
					if (await landed()) return { status: 200, headers: {}, body: undefined };
					retry = plan();
				}
			}
			if (retry === undefined) throw this.toError(failure, req, itemIndex);
			if (!('waitMs' in retry)) throw this.toError(failure, req, itemIndex, retry.retryAfterMs);
			this.stats.retries++;
			await sleep(retry.waitMs);
		}
	}

	/** The error for a failure; `retryAfterMs` when the provider asked for a longer wait than the node may make. */
	private toError(failure: Failure, req: ApiRequest, itemIndex?: number, retryAfterMs?: number): NodeApiError {
		if (failure.response) {
			const info = this.api.parseError(failure.response);
			const tooLong = retryAfterMs === undefined ? undefined : retryAfterTooLong(this.api, retryAfterMs, this.settings.maxRetryAfterMs);
			return providerError(this.node, this.api, this.redactor, failure.response, info, req, itemIndex, tooLong);
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

/** What the error says when the provider asks to wait longer than "Max Wait for Retry-After" allows. */
function retryAfterTooLong(api: ProviderApi, retryAfterMs: number, maxMs: number): { addendum: string; hint: string } {
	const seconds = Math.ceil(retryAfterMs / 1000);
	return {
		addendum: `${api.displayName} asked to wait ${seconds} s before retrying (Retry-After)`,
		hint: `The node waits for a Retry-After of up to ${Math.floor(maxMs / 1000)} s ("Max Wait for Retry-After" in the node's options). Raise "Max Wait for Retry-After" to ${seconds} or more to let it wait, or run the node again later.`,
	};
}

function isNetworkFailure(failure: Failure): boolean {
	return Boolean(failure.code && (NETWORK_CODES.has(failure.code) || /TIMEOUT|RESET/i.test(failure.code)));
}
