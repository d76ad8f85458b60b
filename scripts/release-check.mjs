// Before a release is published (.github/workflows/ci.yml, on a version tag): the tag is package.json's
// version, CHANGELOG.md has a section for it, and package.json's repository is the GitHub repository that
// builds it (npm's provenance statement is refused otherwise). Prints one sentence and exits 1 when not.
//   node scripts/release-check.mjs v0.2.0        (GITHUB_REPOSITORY=owner/name in GitHub Actions)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
const tag = process.argv[2] ?? '';

function fail(sentence) {
	process.stderr.write(`${sentence}\n`);
	process.exit(1);
}

if (tag !== `v${pkg.version}`) {
	fail(`The tag ${tag || '(none)'} is not package.json's version v${pkg.version}: tag the commit that sets the version, or set "version" to ${tag.replace(/^v/, '')}.`);
}
if (!changelog.split('\n').some((line) => line.startsWith(`## [${pkg.version}]`))) {
	fail(`CHANGELOG.md has no "## [${pkg.version}]" section: describe what this release changes before tagging it.`);
}
const repo = process.env.GITHUB_REPOSITORY;
const url = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
if (repo && !url.replace(/\.git$/, '').endsWith(`github.com/${repo}`)) {
	fail(`package.json's repository (${url || 'none'}) is not https://github.com/${repo}: npm refuses a provenance statement from another repository; set "repository": {"type": "git", "url": "git+https://github.com/${repo}.git"}.`);
}
process.stdout.write(`Release ${tag}: version, changelog and repository agree.\n`);
