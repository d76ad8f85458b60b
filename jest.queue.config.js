/**
 * Queue-mode suite (npm run test:queue): Redis, PostgreSQL, an n8n main and two workers with the packed
 * package, the provider emulators. Needs the cached n8n (scripts/install-n8n.sh) and Debian's redis-server and
 * postgresql (scripts/ensure-queue-deps.sh installs them as root). Files are *.spec.ts so that `jest` (the unit
 * suite, **\/*.test.ts) never picks them up.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.spec.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/queue/lib/global-setup.ts',
};
