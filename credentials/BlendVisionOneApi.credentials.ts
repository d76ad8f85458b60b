import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, BLENDVISION_ONE_BASE_URL } from '../nodes/BlendVisionOne/urls';

export class BlendVisionOneApi implements ICredentialType {
	name = 'blendVisionOneApi';

	displayName = 'BlendVision One API';

	icon = { light: 'file:../icons/blendvision-one.svg', dark: 'file:../icons/blendvision-one.dark.svg' } as const;

	documentationUrl = 'https://developers.blendvision.com/docs/overview/getting-started/auth4sidebar';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'API token created in the BlendVision One console under Developers > API Tokens (sent as a Bearer token). A token with an expiration date stops working after it.',
		},
		{
			displayName: 'Organization ID',
			name: 'orgId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0b6f2c1e-0000-4000-8000-000000000001',
			description:
				'ID of the main organization that owns the sub-organizations, shown with the token when it is created (sent as the x-bv-org-id header)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: BLENDVISION_ONE_BASE_URL,
			placeholder: `e.g. ${BLENDVISION_ONE_BASE_URL}`,
			description: 'Base URL of the BlendVision One API. Change it only to reach another host, such as a proxy.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
				'x-bv-org-id': '={{String($credentials.orgId).trim()}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/bv/org/v1/organizations',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'BlendVision One refused the API token. Check the token (and that it has not expired) in the credential.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API token cannot act for this organization. Check the Organization ID: it must be the main organization the token belongs to.',
				},
			},
		],
	};
}
