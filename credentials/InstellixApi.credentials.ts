import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { INSTELLIX_BASE_URL_EXPRESSION, INSTELLIX_URLS, tokenUrl } from '../nodes/Instellix/urls';

interface TokenAnswer {
	access_token?: unknown;
}

/** The provider's own words from a failed token request, without any secret. */
function signInFailure(error: unknown, credentials: ICredentialDataDecryptedObject): string {
	const e = error as {
		response?: { status?: number; data?: unknown };
		cause?: { response?: { status?: number; data?: unknown } };
	};
	const response = e.response ?? e.cause?.response;
	let text = '';
	let data = response?.data;
	if (typeof data === 'string') {
		const raw = data;
		try {
			data = JSON.parse(raw) as unknown;
		} catch {
			text = raw.slice(0, 200);
		}
	}
	if (data && typeof data === 'object') {
		// OAuth 2.0 error body ({ error, error_description }) or Instellix's GlobalErrorResponse ({ message }).
		const body = data as { error?: unknown; error_description?: unknown; message?: unknown };
		const parts = [body.error_description ?? body.message, body.error].filter((p) => typeof p === 'string' && p !== '');
		text = [...new Set(parts as string[])].join(' - ');
	}
	let message: string;
	if (response?.status !== undefined) {
		message = `Instellix refused the sign-in (HTTP ${response.status})${text ? `: ${text}` : ''}.`;
		if (response.status === 404) message += ' Check the realm and the environment or base URL.';
		else message += ' Check the client ID, client secret and realm in the "Instellix API" credential.';
	} else {
		// No error code in the text: n8n would replace the whole message with its generic one for that code.
		message = 'Could not reach the Instellix token endpoint. Check the environment or base URL in the "Instellix API" credential.';
	}
	const basic = Buffer.from(`${String(credentials.clientId ?? '')}:${String(credentials.clientSecret ?? '')}`).toString('base64');
	for (const secret of [String(credentials.clientSecret ?? ''), basic]) {
		if (secret.length >= 4) message = message.split(secret).join('[redacted]');
	}
	return message;
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
		const basic = Buffer.from(`${String(credentials.clientId ?? '')}:${String(credentials.clientSecret ?? '')}`).toString('base64');
		let answer: TokenAnswer;
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl(credentials),
				headers: {
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: 'grant_type=client_credentials',
				json: true,
			})) as TokenAnswer;
		} catch (error) {
			throw new Error(signInFailure(error, credentials));
		}
		if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
			throw new Error('Instellix answered the sign-in without an access token. Check the environment or base URL in the "Instellix API" credential.');
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
			baseURL: INSTELLIX_BASE_URL_EXPRESSION,
			url: '/v2/plans',
			qs: { page: 0, size: 1 },
		},
	};
}
