import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { signIn } from '../nodes/core/signIn';
import { ELASTIC_PATH_REGIONS, SIGN_IN_PATH, apiHost, apiHostExpression } from '../nodes/ElasticPath/urls';

/** Elastic Path's words in a JSON:API error body: "title: detail" of each error. */
function jsonApiErrorText(body: unknown): string | undefined {
	const errors = (body as { errors?: unknown } | undefined)?.errors;
	if (!Array.isArray(errors)) return undefined;
	const text = errors
		.map((item: { title?: unknown; detail?: unknown }) =>
			[item?.title, item?.detail].filter((part) => typeof part === 'string' && part !== '').join(': '),
		)
		.filter((line) => line !== '')
		.join('; ');
	return text || undefined;
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
		if (!host) {
			throw new Error('The Elastic Path API credential has no base URL: choose a region or enter the custom base URL');
		}
		const secret = String(credentials.clientSecret ?? '');
		const token = await signIn(this.helpers, {
			provider: 'Elastic Path',
			request: {
				method: 'POST',
				url: `${host}${SIGN_IN_PATH}`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: {
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? '').trim(),
					client_secret: secret,
				},
				json: true,
			},
			secrets: [secret],
			readError: jsonApiErrorText,
			readToken: (answer) => {
				const token = (answer as { access_token?: unknown } | undefined)?.access_token;
				return typeof token === 'string' && token !== '' ? { token } : {};
			},
			fix: {
				refused: () =>
					'Check the client ID and client secret in the "Elastic Path API" credential, and that the key belongs to a store in the chosen region.',
				unreachable: 'Check the region or base URL in the "Elastic Path API" credential.',
				noToken: 'Check the region or base URL in the "Elastic Path API" credential.',
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
			baseURL: apiHostExpression(),
			url: '/subscriptions/offerings',
			qs: { 'page[limit]': 1 },
		},
	};
}
