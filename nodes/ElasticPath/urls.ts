import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Elastic Path API hosts, by credential region. Resource APIs are under `/v2`; the token endpoint is not. */
export const ELASTIC_PATH_REGIONS: Record<string, string> = {
	euWest: 'https://euwest.api.elasticpath.com',
	usEast: 'https://useast.api.elasticpath.com',
};

/** Path of the token endpoint on the API host (no `/v2`). */
export const SIGN_IN_PATH = '/oauth/access_token';

/** Path prefix of the resource APIs on the API host. */
export const API_PREFIX = '/v2';

/**
 * The API host of the credential's region (or its custom base URL), without a trailing slash and
 * without a `/v2` suffix, so a custom URL may be given either way.
 */
export function apiHost(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? '');
	const url = region === 'custom' ? String(credentials.baseUrl ?? '') : ELASTIC_PATH_REGIONS[region] ?? '';
	return url.trim().replace(/\/+$/, '').replace(/\/v2$/, '');
}

/** The same choice as an n8n expression, for the credential's `test` request. */
export function apiHostExpression(): string {
	return `={{ ($credentials.region === "custom" ? String($credentials.baseUrl) : ${JSON.stringify(ELASTIC_PATH_REGIONS)}[$credentials.region]).trim().replace(/\\/+$/, "").replace(/\\/v2$/, "") + "${API_PREFIX}" }}`;
}
