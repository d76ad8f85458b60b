// n8n's community-package scan, offline: the analysis `@n8n/scan-community-package` runs before n8n
// verifies a package (its rule set over the sources and over the packed tarball), minus the registry
// download and the provenance check, which need a published version.
//
//   node scripts/scan-package.mjs                 sources (this repo) and a fresh `npm pack` of its dist/
//                                                 (run `npm run build` first)
//   node scripts/scan-package.mjs --tarball x.tgz sources and that tarball
//   --tarball-only                                skip the sources
//   --json                                        one JSON line per scanned leg, for tests
//
// Exits 1 on any finding, warnings included, and prints each finding with its file, line and rule.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// eslint-plugin-n8n-nodes-base bends its rules under NODE_ENV=test (its own test mode, which jest sets):
// scan as n8n does. The plugin is loaded only below, by the scanner.
delete process.env.NODE_ENV;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scannerDir = path.join(root, 'node_modules/@n8n/scan-community-package');
const scanner = await import(path.join(scannerDir, 'scanner/scanner.mjs'));
// ESLint and fast-glob as the scanner resolves them (its own pinned versions).
const scannerRequire = createRequire(path.join(scannerDir, 'scanner/scanner.mjs'));
const { ESLint } = scannerRequire('eslint');
const glob = scannerRequire('fast-glob');
// The scanner makes a download folder on import; remove it at exit.
scannerRequire('tmp').setGracefulCleanup();
const scannerVersion = JSON.parse(readFileSync(path.join(scannerDir, 'package.json'), 'utf8')).version;

/** The scanner's own ESLint setup (`analyzePackage`), keeping every message, warnings too. */
async function scan(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const findings = results.flatMap((result) =>
		result.messages.map((m) => ({
			file: path.relative(dir, result.filePath),
			line: m.line,
			severity: m.severity === 2 ? 'error' : 'warning',
			rule: m.ruleId ?? 'parse',
			message: m.message,
		})),
	);
	// The scanner's verdict, to be sure this reimplementation never passes what it fails.
	const verdict = await scanner.analyzePackage(dir, patterns);
	if (!verdict.passed && findings.length === 0) findings.push({ file: '', line: 0, severity: 'error', rule: 'scanner', message: verdict.message });
	return { files: files.length, findings };
}

function packTarball() {
	const out = mkdtempSync(path.join(os.tmpdir(), 'plan-provisioning-scan-'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
	return path.join(out, name);
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const tarballArg = args.includes('--tarball') ? path.resolve(args[args.indexOf('--tarball') + 1]) : undefined;
const tarball = tarballArg ?? packTarball();
const unpacked = mkdtempSync(path.join(os.tmpdir(), 'plan-provisioning-unpacked-'));
execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

// The two legs of analyzePackageByName: the source checkout, then the tarball's compiled .js and package.json.
const legs = [];
if (!args.includes('--tarball-only')) legs.push({ leg: 'sources', ...(await scan(root, scanner.SOURCE_FILE_PATTERNS)) });
legs.push({ leg: 'tarball', ...(await scan(unpacked, ['**/*.js', 'package.json'])) });
rmSync(unpacked, { recursive: true, force: true });
if (!tarballArg) rmSync(path.dirname(tarball), { recursive: true, force: true });

let failed = false;
for (const { leg, files, findings } of legs) {
	failed ||= findings.length > 0;
	if (json) {
		console.log(JSON.stringify({ scanner: scannerVersion, leg, files, findings }));
		continue;
	}
	console.log(`@n8n/scan-community-package ${scannerVersion}, ${leg}: ${files} files, ${findings.length} findings`);
	for (const f of findings) console.log(`  ${f.file}:${f.line} ${f.severity} ${f.rule}: ${f.message}`);
}
process.exit(failed ? 1 : 0);
