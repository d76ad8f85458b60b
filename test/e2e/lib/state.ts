import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { type E2eState, STATE_FILE } from './global-setup';
import { type UserFolder, createUserFolder } from '../../support/n8n/n8n';

export function e2eState(): E2eState {
	if (!existsSync(STATE_FILE)) throw new Error('Run the end-to-end suite with `npm run test:e2e` (its global setup installs n8n).');
	return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}

/** A fresh n8n user folder with the packed package installed the self-hoster way. */
export function freshUserFolder(port: number): UserFolder {
	const state = e2eState();
	const dir = mkdtempSync(path.join(state.work, 'user-'));
	return createUserFolder(state.tgz, { port, prepared: state.prepared, dir });
}
