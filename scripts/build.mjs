// Builds dist/ for n8n, which loads each node and credential listed in package.json's `n8n` field
// with `require`. All code lives once in dist/shared.js: one minified CommonJS bundle of every node
// and credential class, the shared core and fast-xml-parser. Each listed file is a one-line module
// that requires it, so n8n reads and compiles the bundle once, whichever file it loads first.
// External, never bundled: n8n-workflow (the peer) and luxon, which n8n-workflow depends on and n8n
// lets community nodes import. dist/THIRD-PARTY-LICENSES.txt holds the licenses of what is bundled.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const SHARED = 'dist/shared.js';

/** dist/nodes/Partoo/Partoo.node.js → its source, and the class n8n takes from it (`Partoo`). */
const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => ({
	file,
	source: `./${file.replace(/^dist\//, '').replace(/\.js$/, '')}`,
	className: path.basename(file).split('.')[0],
}));

/**
 * The bundle's entry: exports every class under its own name. Minifying renames classes, and n8n
 * records each one's constructor.name, so the real names are given back (keepNames would cost 4 KB).
 */
function bundleEntry() {
	const imports = entries.map((e, i) => `import { ${e.className} as c${i} } from '${e.source}';`);
	const names = entries.map((e, i) => `${e.className}: c${i}`).join(', ');
	return [
		...imports,
		`const classes = { ${names} };`,
		`for (const [name, value] of Object.entries(classes)) Object.defineProperty(value, 'name', { value: name });`,
		`export const { ${entries.map((e) => e.className).join(', ')} } = classes;`,
	].join('\n');
}

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

const { metafile } = await build({
	absWorkingDir: root,
	stdin: {
		contents: bundleEntry(),
		resolveDir: root,
		sourcefile: 'package-entries.ts',
		loader: 'ts',
	},
	outfile: SHARED,
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	external: ['n8n-workflow', 'luxon'],
	minify: true,
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
});

for (const { file, className } of entries) {
	const shared = path.relative(path.dirname(file), SHARED); // ../../shared.js
	mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
	writeFileSync(
		path.join(root, file),
		`"use strict";\n// ${className}: its code is in ${shared}, which every node and credential of this package shares.\n` +
			`module.exports = { ${className}: require("${shared}").${className} };\n`,
	);
}

/** Name, version and license text of every package the bundle holds code from. */
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

console.log(`bundled ${entries.length} entries into ${SHARED}`);
