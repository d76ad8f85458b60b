import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import {
	CREDENTIAL_DISPLAY_NAME,
	DEPLOYMENT,
	isSaas,
	loginBody,
	loginMessage,
	normaliseRoot,
	readLoginAnswer,
	ROOT_EXPRESSION,
	TOKEN_HEADER_EXPRESSION,
} from '../nodes/Commvault/login';
import { signIn } from '../nodes/core/signIn';

export class CommvaultApi implements ICredentialType {
	name = 'commvaultApi';

	displayName = CREDENTIAL_DISPLAY_NAME;

	icon = { light: 'file:../icons/commvault.svg', dark: 'file:../icons/commvault.dark.svg' } as const;

	documentationUrl = 'https://documentation.commvault.com/2024/expert/rest_api_authentication_post_login.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Deployment',
			name: 'deployment',
			type: 'options',
			options: [
				{
					name: 'Customer-Managed (CommServe)',
					value: DEPLOYMENT.customerManaged,
					description: 'Your own CommServe: the session token goes in the Authtoken header',
				},
				{
					name: 'Commvault Cloud (SaaS)',
					value: DEPLOYMENT.saas,
					description: 'Commvault Cloud (formerly Metallic): the session token is sent as a bearer token',
				},
			],
			default: DEPLOYMENT.customerManaged,
			description: 'Where your Commvault runs. Both sign in with POST Login; the answer and how its token is sent differ.',
		},
		{
			displayName: 'Web Service Root URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://commandcenter.example.com/commandcenter/api',
			description:
				'Root of your Commvault REST API: https://HOST/commandcenter/api (Command Center), https://HOST/webconsole/api (Web Console) or http://HOST:81/SearchSvc/CVWebService.svc (Web Server). For Commvault Cloud, the API root of your Commvault Cloud tenant.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			description: 'Commvault user that may change organizations, e.g. a CommCell or MSP administrator. For Commvault Cloud, the user\'s email address.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Password of the user, as typed. The node Base64-encodes it for the Login API.',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			description: 'Domain of the user (Active Directory or company domain); leave empty for a local Commvault user',
			displayOptions: { show: { deployment: [DEPLOYMENT.customerManaged] } },
		},
	];

	/** Runs when the session token is empty or was refused (401): POST <root>Login, the deployment's way. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const check = `Check the web service root URL, deployment, username, password and domain in the "${CREDENTIAL_DISPLAY_NAME}" credential.`;
		const token = await signIn(this.helpers, {
			provider: 'Commvault',
			request: {
				method: 'POST',
				url: `${normaliseRoot(credentials.url)}Login`,
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
				body: loginBody(credentials),
				json: true,
			},
			secrets: [String(credentials.password ?? '')],
			readError: loginMessage,
			readToken: (answer) => readLoginAnswer(answer, isSaas(credentials)),
			fix: {
				refused: () => check,
				unreachable: 'Check the web service root URL in the credential and that this n8n can reach it.',
				noToken: `Check the username, password and domain in the "${CREDENTIAL_DISPLAY_NAME}" credential.`,
			},
		});
		return { token: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { [TOKEN_HEADER_EXPRESSION]: '={{$credentials.token}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: ROOT_EXPRESSION,
			url: 'Organization',
			headers: { Accept: 'application/json' },
		},
	};
}
