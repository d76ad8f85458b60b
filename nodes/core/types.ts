import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { RedactionRules } from './redact';

/** Any n8n context our code can send requests from. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/** A response as the core sees it, whatever the provider. */
export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

/** What a provider's error body says, already read into plain text. */
export interface ProviderErrorInfo {
	/** The provider's own message, kept as written. */
	message: string;
	/** Machine-readable reason or code, when the provider sends one (e.g. ERROR_REASON_…). */
	reason?: string;
	/** Further lines of detail (field errors, …). */
	details?: string[];
}

/**
 * Everything the shared core needs to know about one provider's HTTP API.
 * Pure data and pure functions: no requests are made here. `secretHeaders` and `tokenPatterns` (from
 * RedactionRules) name the provider's own credential headers and token shapes.
 */
export interface ProviderApi extends RedactionRules {
	/** Name used in messages, e.g. "Partoo". */
	displayName: string;
	/** n8n credential type name, e.g. "partooApi". */
	credentialType: string;
	/** Credential fields whose values are secrets (redacted from every output). */
	secretFields: string[];
	/** Secret values that travel in another form, e.g. Base64 of `id:secret`. */
	derivedSecrets?: (credentials: ICredentialDataDecryptedObject) => string[];
	/** Base URL from the credential, without a trailing slash. */
	baseUrl: (credentials: ICredentialDataDecryptedObject) => string;
	/**
	 * What, besides the base URL, tells apart tenants whose resource IDs may collide (e.g. a realm on a shared
	 * host). Not a secret. Executions that change the same resource of one tenant take turns.
	 */
	tenant?: (credentials: ICredentialDataDecryptedObject) => string;
	/**
	 * A non-secret identity of the account the credential acts as (an organization or client ID, or a
	 * fingerprint of a key), for facts that depend on it and are shared by the executions of a process (e.g.
	 * the plans it can assign), and for pacing its requests to `rateLimit`.
	 */
	account?: (credentials: ICredentialDataDecryptedObject) => string;
	/** Headers sent on every request. */
	headers?: Record<string, string>;
	/** Reads the provider's error body. */
	parseError: (response: HttpResponse) => ProviderErrorInfo;
	/** A 2xx response that is in fact a failure (e.g. a non-zero error code in the body). */
	logicalError?: (response: HttpResponse) => ProviderErrorInfo | undefined;
	/** Provider-specific advice on how to fix an error; generic advice is used otherwise. */
	hint?: (info: ProviderErrorInfo, status: number, request?: Pick<ApiRequest, 'method' | 'path'>) => string | undefined;
	/** Name of the credential as the user sees it, e.g. "Partoo API". */
	credentialDisplayName: string;
	/**
	 * The provider's request limit, used to pace the requests of every execution in this process that act
	 * as the same account (`account`, or for a provider without one the credential's base URL and tenant)
	 * (the node's "Rate Limit" option overrides `limit`; 0 turns pacing off). `key` splits the account's
	 * limit further by scope (e.g. per organization in the path); without it one limit covers the account.
	 */
	rateLimit?: {
		limit: number;
		windowMs: number;
		/** How the limit reads in the UI, e.g. "minute per API key". */
		per: string;
		/** Who documents it, shown in the option's description. */
		documented: string;
		/** What the provider's Retry-After asks for, shown with "Max Wait for Retry-After", e.g. "Partoo's 429 asks for 60 s". */
		retryAfter?: string;
		key?: (req: ApiRequest) => string;
	};
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path appended to the credential's base URL, starting with "/". */
	path: string;
	qs?: Record<string, string | number | boolean | string[] | undefined>;
	body?: unknown;
	headers?: Record<string, string>;
	/** Send and receive JSON (default) or raw text (e.g. XML). */
	format?: 'json' | 'text';
	/**
	 * Whether sending the request twice has the same effect as sending it once.
	 * Defaults to true for GET, PUT, DELETE and HEAD, false otherwise.
	 */
	idempotent?: boolean;
}

/** A change of one field, as reported in every update's output. */
export interface FieldChange {
	field: string;
	from: unknown;
	to: unknown;
}

/**
 * Adds a warning to the item's output (`warnings: string[]`, present only when there are any): something
 * the user should know that does not stop the item, e.g. an expiry date in the past.
 */
export type Warn = (warning: string) => void;

/** How the core's transport sends: retries, timeouts, backoff and pacing (the node's options). */
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
