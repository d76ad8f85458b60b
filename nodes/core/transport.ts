import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { StaleCopy, networkError, providerError } from './errors';
import { type Failure, RETRY_ALWAYS, RETRY_IF_IDEMPOTENT, isNetworkFailure, lowerCaseHeaders, parseBody, readFailure } from './failure';
import { Pacer } from './pacing';
import { Redactor } from './redact';
import { type RetryPlan, parseRetryAfter, planRetry } from './retry';
import type { ApiRequest, HttpResponse, ProviderApi, RequestContext, TransportSettings } from './types';

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	maxRetries: 3,
	timeoutMs: 30_000,
	backoffBaseMs: 500,
	backoffCapMs: 60_000,
	maxRetryAfterMs: 120_000,
};

/**
 * Sends requests for one provider through n8n's `httpRequestWithAuthentication`, so the
 * credential's own authentication (and its token refresh on 401) applies, and retries what is
 * safe to retry.
 */
export class Transport {
	readonly redactor: Redactor;

	private readonly pacer: Pacer;

	private baseUrl: string | undefined;

	/** Keys without any secret: provider, base URL and tenant (`resource`), plus the account's identity (`account`). */
	private scope = { resource: '', account: '' };

	/** Whether a request of this run has succeeded, i.e. the credential has signed in before. */
	private answered = false;

	/**
	 * The credential as read once for the run, handed to n8n with every request: without it n8n reads it
	 * again for each one (from its database, decrypted, defaults and expressions resolved). A token n8n
	 * fetches or refreshes on the way is put into this same object, so the later requests send it.
	 */
	private credential: ICredentialsDecrypted | undefined;

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
		const { id, name } = this.node.credentials?.[this.api.credentialType] ?? {};
		this.credential = { id: id ?? '', name: name ?? '', type: this.api.credentialType, data: credentials };
		this.baseUrl = this.api.baseUrl(credentials).replace(/\/+$/, '');
		const resource = [this.api.credentialType, this.baseUrl, this.api.tenant?.(credentials) ?? ''].join('|');
		this.scope = { resource, account: `${resource}|${this.api.account?.(credentials) ?? ''}` };
		return this;
	}

	/** The credential's values as read for this run (operations read from here, not through n8n again). */
	async credentialData(): Promise<ICredentialDataDecryptedObject> {
		await this.init();
		return this.credential?.data ?? {};
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
	 * the resource) says its change is not there; without `landed` it is not sent again. A write built from
	 * a read (`asRead`: whether the resource is still as that read found it) and refused unapplied (429) is
	 * sent again after the wait only while it is; otherwise StaleCopy, and the caller makes it anew.
	 */
	async request<T = unknown>(req: ApiRequest, itemIndex?: number, landed?: () => Promise<boolean>, asRead?: () => Promise<boolean>): Promise<T> {
		const response = await this.send(req, itemIndex, landed, asRead);
		return response.body as T;
	}

	private async send(req: ApiRequest, itemIndex?: number, landed?: () => Promise<boolean>, asRead?: () => Promise<boolean>): Promise<HttpResponse> {
		await this.init();
		const idempotent = req.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(req.method);
		for (let attempt = 0; ; attempt++) {
			this.throwIfCancelled();
			let response: HttpResponse | undefined;
			let failure: Failure | undefined;
			// One window per account (and per the provider's scope within it), shared by the process's executions.
			const paced = await this.pacer.acquire(`${this.scope.account}|${this.api.rateLimit?.key?.(req) ?? 'all'}`);
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
			const signInFailed = this.answered && failure.signIn?.transient === true;
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
			await sleep(retry.waitMs);
			// Refused unapplied (a 429, or a sign-in that failed): a write built from a read that is out of date
			// now would be an older copy. (After a 5xx or no answer it may have landed: sent again as it is.)
			const unapplied = (status !== undefined && RETRY_ALWAYS.has(status)) || signInFailed;
			if (unapplied && asRead && !(await asRead())) throw new StaleCopy(this.toError(failure, req, itemIndex));
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
			this.credential && { credentialsDecrypted: this.credential },
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
