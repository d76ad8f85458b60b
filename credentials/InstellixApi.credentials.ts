import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { signIn } from '../nodes/core/signIn';
import { INSTELLIX_BASE_URL_EXPRESSION, INSTELLIX_URLS, tokenUrl } from '../nodes/Instellix/urls';

/** Instellix's words in an error body: OAuth 2.0 ({ error, error_description }) or GlobalErrorResponse ({ message }). */
function signInErrorText(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const b = body as { error?: unknown; error_description?: unknown; message?: unknown };
	const parts = [b.error_description ?? b.message, b.error].filter((p) => typeof p === 'string' && p !== '') as string[];
	return parts.length ? [...new Set(parts)].join(' - ') : undefined;
}

export class InstellixApi implements ICredentialType {
	name = 'instellixApi';

	displayName = 'Instellix API';

	icon = { light: 'file:../icons/instellix.svg', dark: 'file:../icons/instellix.dark.svg' } as const;

	documentationUrl = 'https://docs.instellix.io/reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: INSTELLIX_URLS.production },
				{ name: 'Sandbox', value: 'sandbox', description: INSTELLIX_URLS.sandbox },
				{ name: 'Stage (Preview)', value: 'stage', description: INSTELLIX_URLS.stage },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
			description: 'Which Instellix environment the API client belongs to. Your Instellix contact gives you the URLs at onboarding.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.instellix.io',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The API host without the /v2 path; the token URL is built as {base URL}/{realm}/oauth2/token',
		},
		{
			displayName: 'Realm',
			name: 'realm',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme',
			required: true,
			description: 'The short identifier of your Instellix tenant (called "tenant-short" in the Nitrobox docs). A wrong realm fails even with valid client credentials.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of an API client created in the Instellix portal (by a user allowed to manage API credentials)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of that API client',
		},
	];

	/**
	 * Gets an access token with the client-credentials grant. n8n runs this when the stored token is
	 * empty and again after a 401 (Instellix tokens live only minutes), and saves the new token.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const secret = String(credentials.clientSecret ?? '');
		const basic = Buffer.from(`${String(credentials.clientId ?? '')}:${secret}`).toString('base64');
		const check = 'in the "Instellix API" credential';
		const token = await signIn(this.helpers, {
			provider: 'Instellix',
			request: {
				method: 'POST',
				url: tokenUrl(credentials),
				headers: {
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: 'grant_type=client_credentials',
				json: true,
			},
			secrets: [secret, basic],
			readError: signInErrorText,
			readToken: (answer) => {
				const token = (answer as { access_token?: unknown } | undefined)?.access_token;
				return typeof token === 'string' && token !== '' ? { token } : {};
			},
			fix: {
				refused: (status) =>
					status === 404
						? `Check the realm and the environment or base URL ${check}.`
						: `Check the client ID, client secret and realm ${check}.`,
				unreachable: `Check the environment or base URL ${check}.`,
				noToken: `Check the environment or base URL ${check}.`,
			},
		});
		return { accessToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: INSTELLIX_BASE_URL_EXPRESSION,
			url: '/v2/plans',
			qs: { page: 0, size: 1 },
		},
	};
}
