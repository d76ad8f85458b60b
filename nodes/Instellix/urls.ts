import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Instellix API hosts, by credential environment. Plan paths (/v2/...) and the token path hang off them. */
export const INSTELLIX_URLS: Record<string, string> = {
	production: 'https://api.instellix.io',
	sandbox: 'https://api.sandbox.instellix.io',
	stage: 'https://api.isx-stage-westeurope.instellix.io',
};

/**
 * The API host from the credential, without a trailing slash or a trailing "/v2" (a custom URL copied
 * from a plan endpoint still works).
 */
export function instellixBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? '');
	const url = environment === 'custom' ? String(credentials.baseUrl ?? '') : (INSTELLIX_URLS[environment] ?? '');
	return url.trim().replace(/\/+$/, '').replace(/\/v2$/i, '');
}

/** The same choice as an n8n expression, for the credential's Test request. */
export const INSTELLIX_BASE_URL_EXPRESSION = `={{ ($credentials.environment === "custom" ? String($credentials.baseUrl) : ${JSON.stringify(INSTELLIX_URLS)}[$credentials.environment]).trim().replace(/\\/+$/, "").replace(/\\/v2$/i, "") }}`;

/** The token endpoint of a realm: `{base}/{realm}/oauth2/token`. */
export function tokenUrl(credentials: ICredentialDataDecryptedObject): string {
	return `${instellixBaseUrl(credentials)}/${encodeURIComponent(String(credentials.realm ?? '').trim())}/oauth2/token`;
}
