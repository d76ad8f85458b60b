import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureChromium } from '../../support/n8n/install';
import { ensureN8n, installPackage, packPackage, step } from '../../support/n8n/n8n';

export const STATE_FILE = path.join(os.tmpdir(), 'plan-provisioning-e2e.json');

export interface E2eState {
	install: ReturnType<typeof ensureN8n>;
	tgz: string;
	/** A .n8n/nodes folder with the package installed, copied into every user folder. */
	prepared: string;
	work: string;
}

/**
 * Once per e2e run: make sure n8n and Chromium are installed and work (a failure ends the run here, once, with
 * one sentence), build and pack the package, install it once.
 */
export default async function globalSetup(): Promise<void> {
	const install = ensureN8n();
	ensureChromium();
	const work = path.join(os.tmpdir(), `plan-provisioning-e2e-${process.pid}`);
	mkdirSync(work, { recursive: true });
	const tgz = packPackage(path.join(work, 'pack'));
	const prepared = path.join(work, 'prepared-nodes');
	const seed = path.join(work, 'seed-user');
	installPackage(tgz, seed, prepared);
	step(`e2e ready: n8n ${install.version}, ${path.basename(tgz)}`);
	const state: E2eState = { install, tgz, prepared, work };
	writeFileSync(STATE_FILE, JSON.stringify(state));
}
