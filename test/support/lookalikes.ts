/**
 * Names and values that look like credentials to a pattern ("Basic …", "Bearer …", "token: …",
 * "password=…"), as real plan names, descriptions and properties do. Every emulator seeds them; they must
 * pass through every operation of every node unchanged.
 */
export const LOOKALIKES = {
	basic: 'Basic Monthly',
	bearer: 'Bearer Bundle',
	token: 'token: 42',
	password: 'password=tiers',
} as const;

export const LOOKALIKE_VALUES: string[] = Object.values(LOOKALIKES);
