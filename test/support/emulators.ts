import type { Emulator } from './emulator';
import { BlendVisionOneEmulator } from '../blendvision-one/emulator';
import { CommvaultEmulator } from '../commvault/emulator';
import { ElasticPathEmulator } from '../elastic-path/emulator';
import { InstellixEmulator } from '../instellix/emulator';
import { seedCustomersOf } from './customers';
import { PartooEmulator } from '../partoo/emulator';

/**
 * Every provider emulator, by provider key (also the order of their fixed ports). With `customers`, each
 * also holds that many customers (test/support/customers.ts), again after every reset.
 */
export function createEmulators(options: { customers?: number } = {}): Record<string, Emulator> {
	const emulators = {
		partoo: new PartooEmulator(),
		blendVisionOne: new BlendVisionOneEmulator(),
		elasticPath: new ElasticPathEmulator(),
		commvault: new CommvaultEmulator(),
		instellix: new InstellixEmulator(),
	};
	if (options.customers) {
		const count = options.customers;
		for (const key of Object.keys(emulators) as Array<keyof typeof emulators>) {
			const emulator = emulators[key];
			const seed = seedCustomersOf[key] as (e: typeof emulator, count: number) => void;
			emulator.afterReset = () => seed(emulator, count);
			emulator.afterReset();
		}
	}
	return emulators;
}

/**
 * n8n credential IDs the example workflows (examples/*.json) use for the emulator credentials that
 * `npm start` and the end-to-end suite import.
 */
export const EMULATOR_CREDENTIAL_IDS: Record<string, string> = {
	partoo: 'partooEmulator01',
	blendVisionOne: 'bvOneEmulator001',
	elasticPath: 'elasticPathEmu01',
	commvault: 'commvaultEmu0001',
	instellix: 'instellixEmu0001',
};
