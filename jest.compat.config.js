/**
 * Version matrix (npm run test:compat): the examples, the CRM webhook flow and the MCP tools in every n8n
 * release package.json's `n8n.testedVersions` names besides the one the real-n8n suite runs. Each release is
 * installed into the cache (scripts/install-n8n.sh) on first use. Files are *.spec.ts so that `jest` (the unit
 * suite, **\/*.test.ts) never picks them up.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/compat'],
	testMatch: ['**/*.spec.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	// A first run installs each n8n release (about 10 minutes each).
	testTimeout: 30 * 60 * 1000,
	maxWorkers: 1,
};
