import { existsSync, readFileSync, rmSync } from 'node:fs';

import { type E2eState, STATE_FILE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
	if (!existsSync(STATE_FILE)) return;
	const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
	rmSync(state.work, { recursive: true, force: true });
	rmSync(STATE_FILE, { force: true });
}
