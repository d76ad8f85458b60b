// Builds dist/ for n8n, which loads each node and credential listed in package.json's `n8n` field
// with `require`. TypeScript's own output, file for file (tsconfig.build.json): dist/nodes/core/runner.js
// is nodes/core/runner.ts compiled to CommonJS, unminified and with the names of its functions and
// classes, so a stack trace in n8n's log names our files and functions, and a reader of the installed
// package finds the layout of the repository. Comments are left out (they would take the packed
// package from ~144 kB to ~169 kB; the sources have them).
// fast-xml-parser is the one package we ship: esbuild bundles it, unminified, into
// dist/vendor/fast-xml-parser.js, and the two files that import it require that file. External, never
// shipped: n8n-workflow (the peer) and luxon, which n8n-workflow depends on and n8n lets community
// nodes import. dist/THIRD-PARTY-LICENSES.txt holds the licenses of what is shipped.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENDOR = 'dist/vendor/fast-xml-parser.js';

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

const { metafile } = await build({
	absWorkingDir: root,
	entryPoints: { 'fast-xml-parser': 'fast-xml-parser' },
	outdir: path.dirname(VENDOR),
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
	preserveSymlinks: true,
});

/** Every .js file under a dist/ folder, from root. */
function jsFiles(dir) {
	return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.js'))
		.map((f) => path.join(dir, f));
}

// tsc leaves `require("fast-xml-parser")`: point it at the shipped copy.
let rewritten = 0;
for (const file of [...jsFiles('dist/nodes'), ...jsFiles('dist/credentials')]) {
	const text = readFileSync(path.join(root, file), 'utf8');
	const vendor = path.relative(path.dirname(file), VENDOR.replace(/\.js$/, '')); // ../../vendor/fast-xml-parser
	const out = text.replaceAll('require("fast-xml-parser")', `require("${vendor}")`);
	if (out !== text) {
		writeFileSync(path.join(root, file), out);
		rewritten++;
	}
}
if (rewritten === 0) throw new Error('no compiled file requires fast-xml-parser: drop the shipped copy from scripts/build.mjs');

/** Name, version and license text of every package the shipped fast-xml-parser holds code from. */
function thirdPartyLicenses() {
	const dirs = new Set();
	for (const input of Object.keys(metafile.inputs)) {
		const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (match) dirs.add(match[1]);
	}
	return [...dirs]
		.sort()
		.map((dir) => {
			const meta = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
			const licenseFile = readdirSync(path.join(root, dir)).find((f) => /^licen[cs]e/i.test(f));
			const text = licenseFile ? readFileSync(path.join(root, dir, licenseFile), 'utf8').trim() : `${meta.license} (the package ships no license file)`;
			return `${meta.name}@${meta.version} (${meta.license})\n\n${text}\n`;
		})
		.join(`\n${'-'.repeat(72)}\n\n`);
}
writeFileSync(path.join(root, 'dist/THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses());

console.log(`compiled ${jsFiles('dist').length - 1} files into dist/, fast-xml-parser into ${VENDOR}`);
