import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Base URL from a credential that offers fixed environments plus a custom URL
 * (`environment` = one of `urls` keys, or "custom" with `baseUrl`).
 */
export function environmentBaseUrl(credentials: ICredentialDataDecryptedObject, urls: Record<string, string>): string {
	const environment = String(credentials.environment ?? '');
	const url = environment === 'custom' ? String(credentials.baseUrl ?? '') : urls[environment] ?? '';
	return url.trim().replace(/\/+$/, '');
}

/** The same choice as an n8n expression, for a credential's `test` request. */
export function environmentBaseUrlExpression(urls: Record<string, string>): string {
	return `={{ $credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : ${JSON.stringify(urls)}[$credentials.environment] }}`;
}
