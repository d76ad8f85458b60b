// The benchmark's resources at each provider (seeded by scripts/bench/emulators.ts on top of each
// emulator's own seed data, apart from the 250 customers of test/support/customers.ts).

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const BENCH = {
	/** Distinct resources per provider for the concurrency runs: one item each. */
	resources: 1000,
	/** Resources of the same-organization runs (1,000 items spread over them). */
	sameOrgResources: 100,
};

export const benchIds = {
	partooOrg: (n: number) => 20_000 + n,
	partooSameOrg: (k: number) => 30_000 + k,
	bvSubOrg: (n: number) => `c2000000-0000-4000-8000-${pad(n, 12)}`,
	epOffering: '0ffe2000-0000-4000-8000-000000000001',
	epPlan: (n: number) => `5ea72000-0000-4000-8000-${pad(n, 12)}`,
	commvaultOrg: (n: number) => 20_000 + n,
	instellixPlan: (n: number) => 200_000 + n,
	instellixSamePlan: (k: number) => 300_000 + k,
};
