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

/**
 * Partoo API keys of the limits section (scripts/bench/limits.ts): PROVIDER users of the seed's provider, one
 * per concurrent run, since Partoo's limit is per key (the emulator's own keys stay for the other sections).
 */
export const BENCH_PARTOO_KEYS = {
	ours: 'ptk_BENCHOURS_5a1c9e3b7d2f4a6c8e0b',
	http: 'ptk_BENCHHTTP_6b2d0f4c8e3a5b7d9f1c',
	two: 'ptk_BENCHTWO_7c3e1a5d9f4b6c8e0a2d',
};
