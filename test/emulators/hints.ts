import { PARTOO_KEYS } from './partoo';

/** What to put in each credential to reach an emulator (printed by `npm run emulators`). */
export function credentialHints(provider: string, url: string): string[] {
	switch (provider) {
		case 'partoo':
			return [`credential: Environment "Custom Base URL", Base URL ${url}/v2, API Key ${PARTOO_KEYS.provider}`];
		default:
			return [];
	}
}
