// Bundles every node and credential listed in package.json's `n8n` field into a self-contained
// CommonJS file under dist/. Libraries (luxon, fast-xml-parser) are bundled in, so the published
// package has no runtime dependencies; n8n-workflow comes from the host n8n (peer dependency).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials];

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

await build({
	absWorkingDir: root,
	entryPoints: entries.map((entry) => entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
	outbase: '.',
	outdir: 'dist',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	external: ['n8n-workflow'],
	legalComments: 'inline',
	logLevel: 'warning',
});
console.log(`bundled ${entries.length} entries into dist/`);
