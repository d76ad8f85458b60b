/** The BlendVision One Platform API host (the only one documented; no sandbox or regional hosts are). */
export const BLENDVISION_ONE_BASE_URL = 'https://api.one.blendvision.com';

/** Base URL from a credential's `baseUrl` field, without a trailing slash; the documented host when empty. */
export function baseUrlOf(value: unknown): string {
	const url = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	return url || BLENDVISION_ONE_BASE_URL;
}

/** The same, as an n8n expression for the credential's `test` request. */
export const BASE_URL_EXPRESSION = `={{ (String($credentials.baseUrl ?? "").trim().replace(/\\/+$/, "")) || "${BLENDVISION_ONE_BASE_URL}" }}`;
