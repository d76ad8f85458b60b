import type { Emulator } from './base';
import { BlendVisionOneEmulator } from './blendvision-one';
import { CommvaultEmulator } from './commvault';
import { ElasticPathEmulator } from './elastic-path';
import { InstellixEmulator } from './instellix';
import { PartooEmulator } from './partoo';

/** Every provider emulator, by provider key (also the order of their fixed ports). */
export function createEmulators(): Record<string, Emulator> {
	return {
		partoo: new PartooEmulator(),
		blendVisionOne: new BlendVisionOneEmulator(),
		elasticPath: new ElasticPathEmulator(),
		commvault: new CommvaultEmulator(),
		instellix: new InstellixEmulator(),
	};
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
