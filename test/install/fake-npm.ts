// A stand-in npm (fake-npm.sh) and the Node 24 it "installs" (fake-node.sh), for testing the install scripts in
// seconds, offline. The fake follows real npm's rules where the scripts depend on them: configuration comes from
// the command line first, then from npm_config_* variables (so a rebuild that inherits
// npm_config_ignore_scripts=true builds nothing and says it succeeded, as npm does). Every call is logged as a
// JSON line: its arguments, folder and npm_config_* variables.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface NpmCall {
	args: string[];
	cwd: string;
	npmConfig: Record<string, string>;
}

export interface FakeNpm {
	/** Folder to put first on PATH. */
	bin: string;
	log: string;
	calls: () => NpmCall[];
	/** Environment for a script run that uses the fake npm. */
	env: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
}

export function fakeNpm(): FakeNpm {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-npm-'));
	const bin = path.join(dir, 'bin');
	mkdirSync(bin);
	copyFileSync(path.join(__dirname, 'fake-npm.sh'), path.join(bin, 'npm'));
	const node = path.join(__dirname, 'fake-node.sh');
	const log = path.join(dir, 'calls.jsonl');
	writeFileSync(log, '');
	const calls = () =>
		readFileSync(log, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as NpmCall);
	const env = (extra: NodeJS.ProcessEnv = {}) => ({
		PATH: `${bin}:${process.env.PATH}`,
		HOME: dir,
		FAKE_NPM_LOG: log,
		FAKE_NODE: node,
		...extra,
	});
	return { bin, log, calls, env };
}
