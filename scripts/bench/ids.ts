// The benchmark's resources at each provider (seeded by scripts/bench/emulators.ts on top of each
// emulator's own seed data, apart from the 250 customers of test/support/customers.ts).

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const BENCH = {
	/** Resources per provider when the benchmark asks for no number (scripts/bench/emulators.ts). */
	resources: 1000,
	/** At most this many resources per provider: every run's items get resources no earlier run touched. */
	maxResources: 60_000,
};

export const benchIds = {
	partooOrg: (n: number) => 20_000 + n,
	bvSubOrg: (n: number) => `c2000000-0000-4000-8000-${pad(n, 12)}`,
	epOffering: '0ffe2000-0000-4000-8000-000000000001',
	epPlan: (n: number) => `5ea72000-0000-4000-8000-${pad(n, 12)}`,
	commvaultOrg: (n: number) => 20_000 + n,
	instellixPlan: (n: number) => 200_000 + n,
};
