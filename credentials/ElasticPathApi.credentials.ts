import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { ELASTIC_PATH_REGIONS, SIGN_IN_PATH, apiHost, apiHostExpression } from '../nodes/ElasticPath/urls';

interface TokenAnswer {
	access_token?: string;
	token_type?: string;
	expires_in?: number;
	expires?: number;
}

/** The provider's own words from a failed token request: JSON:API `errors`, or whatever text came back. */
function tokenFailureText(error: unknown): { status?: number; text: string; code?: string } {
	const e = error as {
		response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown };
		cause?: { response?: { status?: number; data?: unknown }; code?: string };
		code?: string;
		message?: string;
	};
	const response = e?.response ?? e?.cause?.response;
	const status = (response as { status?: number; statusCode?: number } | undefined)?.status ??
		(response as { statusCode?: number } | undefined)?.statusCode;
	let body: unknown = (response as { data?: unknown; body?: unknown } | undefined)?.data ??
		(response as { body?: unknown } | undefined)?.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			// plain text body
		}
	}
	const errors = (body as { errors?: unknown } | undefined)?.errors;
	if (Array.isArray(errors) && errors.length > 0) {
		const text = errors
			.map((item: { title?: unknown; detail?: unknown }) =>
				[item?.title, item?.detail].filter((part) => typeof part === 'string' && part !== '').join(': '),
			)
			.filter((line) => line !== '')
			.join('; ');
		if (text) return { status, text };
	}
	if (typeof body === 'string' && body.trim() !== '') return { status, text: body.trim().slice(0, 300) };
	const code = e?.code ?? e?.cause?.code;
	return { status, text: status ? `HTTP ${status}` : (e?.message ?? 'no answer'), code };
}

/**
 * A network failure in words. n8n replaces any error message that contains a Node.js error code
 * (ECONNREFUSED, ...) with its own generic text, so the codes are never part of the message.
 */
function networkWords(code: string | undefined, text: string): string {
	const words: Record<string, string> = {
		ECONNREFUSED: 'the connection was refused',
		ECONNRESET: 'the connection was closed',
		ENOTFOUND: 'the host name was not found',
		EAI_AGAIN: 'the host name could not be resolved',
		EHOSTUNREACH: 'the host is unreachable',
		ETIMEDOUT: 'it did not answer in time',
		ECONNABORTED: 'it did not answer in time',
	};
	const known = code ? words[code.toUpperCase()] : undefined;
	if (known) return known;
	const found = Object.keys(words).find((key) => text.toUpperCase().includes(key));
	if (found) return words[found];
	return text.replace(/\b(E[A-Z_]{3,}|GETADDRINFO)\b/gi, '').replace(/\s+/g, ' ').trim() || 'no answer';
}

export class ElasticPathApi implements ICredentialType {
	name = 'elasticPathApi';

	displayName = 'Elastic Path API';

	icon = { light: 'file:../icons/elastic-path.svg', dark: 'file:../icons/elastic-path.dark.svg' } as const;

	documentationUrl = 'https://elasticpath.dev/docs/authentication/Tokens/client-credential-token';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'Client ID of an Elastic Path application key (Commerce Manager > System > Application Keys). The node signs in with client credentials, which gives the read and write access plan changes need.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Client secret of the same application key. It is shown once, when the key is created.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'EU West (Ireland)', value: 'euWest', description: ELASTIC_PATH_REGIONS.euWest },
				{ name: 'US East (Ohio)', value: 'usEast', description: ELASTIC_PATH_REGIONS.usEast },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'euWest',
			description:
				'The region your store lives in. Every store answers only on its own region\'s host: Commerce Manager shows it under API keys > API base URL.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://useast.api.elasticpath.com',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
			description: 'API base URL of the store, with or without the /v2 path (the token is fetched from /oauth/access_token on the same host)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
			description: 'Filled in by n8n: the client-credentials token, fetched again when Elastic Path refuses it',
		},
	];

	/**
	 * Signs in with client credentials (form-encoded, as Elastic Path requires) and returns the token.
	 * n8n runs this when the token is empty, and again after a 401, then saves the new token.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const host = apiHost(credentials);
		const secret = String(credentials.clientSecret ?? '');
		const clean = (text: string) => (secret.length >= 4 ? text.split(secret).join('[redacted]') : text);
		if (!host) {
			throw new Error('The Elastic Path API credential has no base URL: choose a region or enter the custom base URL');
		}
		let answer: TokenAnswer;
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${host}${SIGN_IN_PATH}`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: {
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? '').trim(),
					client_secret: secret,
				},
				json: true,
			})) as TokenAnswer;
		} catch (error) {
			const { status, text, code } = tokenFailureText(error);
			if (status === 400 || status === 401) {
				throw new Error(
					clean(
						`Elastic Path refused the client credentials (${status}): ${text}. Check the client ID and client secret in the "Elastic Path API" credential, and that the key belongs to a store in the chosen region.`,
					),
				);
			}
			if (status) {
				throw new Error(clean(`Elastic Path could not issue an access token (${status}): ${text}. Try again later.`));
			}
			throw new Error(clean(`Could not reach Elastic Path at ${host}${SIGN_IN_PATH}: ${networkWords(code, text)}. Check the region or base URL.`));
		}
		if (!answer || typeof answer.access_token !== 'string' || answer.access_token === '') {
			throw new Error(`Elastic Path answered the token request at ${host}${SIGN_IN_PATH} without an access token. Check the region or base URL.`);
		}
		return { accessToken: answer.access_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: apiHostExpression(),
			url: '/subscriptions/offerings',
			qs: { 'page[limit]': 1 },
		},
	};
}
