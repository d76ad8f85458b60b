import type { Emulator } from './base';
import { PartooEmulator } from './partoo';

/** Every provider emulator, by provider key. */
export function createEmulators(): Record<string, Emulator> {
	return {
		partoo: new PartooEmulator(),
	};
}

/** Default loopback ports for `npm run emulators` (override with EMULATOR_PORT_BASE). */
export const DEFAULT_PORTS: Record<string, number> = {
	partoo: 0,
};
