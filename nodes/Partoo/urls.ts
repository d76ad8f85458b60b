/** Partoo API hosts, by credential environment. */
export const PARTOO_URLS: Record<string, string> = {
	production: 'https://api.partoo.co/v2',
	sandbox: 'https://api.sandbox.partoo.co/v2',
};
