import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { environmentBaseUrlExpression } from '../nodes/core/credentials';
import { PARTOO_URLS } from '../nodes/Partoo/urls';

export class PartooApi implements ICredentialType {
	name = 'partooApi';

	displayName = 'Partoo API';

	icon = { light: 'file:../icons/partoo.svg', dark: 'file:../icons/partoo.dark.svg' } as const;

	documentationUrl = 'https://developers.partoo.co/guides/api/resources/settings/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'API key of a Partoo user with the PROVIDER role (the plan endpoints refuse other roles). Create it in Partoo under Settings > Integrations > API keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: PARTOO_URLS.production },
				{ name: 'Sandbox', value: 'sandbox', description: PARTOO_URLS.sandbox },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
			description: 'Which Partoo environment the key belongs to. Sandbox keys do not work on production, and the other way round.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.partoo.co/v2',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL of the Partoo API, including the /v2 path',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'x-APIKey': '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentBaseUrlExpression(PARTOO_URLS),
			url: '/user/me',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Partoo refused the API key. Check the key and that it belongs to the chosen environment.',
				},
			},
		],
	};
}
