/** End-to-end suite: a real n8n (installed once, cached) with the packed package. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/e2e/lib/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/lib/global-teardown.ts',
};
