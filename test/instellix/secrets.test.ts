// Secrets (issue 8), instellix: the driver and what each provider's test shows are in test/drivers/secrets.ts.
import { InstellixEmulator } from './emulator';
import { TestCredentialsHelper } from '../support/harness/credentials';
import { listSearch, testCredential } from '../support/harness/methods';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { CANARY, credential, expectNoSecretAnywhere, redactedSomewhere, withOptions as options, WRONG } from '../drivers/secrets';

const wf = (name: string) => workflowFrom(__dirname, name);

/** The canary secret: recognisable, and full of characters that change under Base64, URL and XML encoding. */
const SECRET = `isxS_${CANARY}-instellix-7d1f:colon`;

const instellix = useEmulator(new InstellixEmulator());
/** The emulator accepts the canary as well as its own credentials (again after every reset). */
const acceptCanary = () => instellix.extraClients.push({ clientId: 'isx-canary', clientSecret: SECRET, scopes: ['plans:read', 'plans:write'] });
beforeEach(() => acceptCanary());

describe('Secrets: Instellix (client secret, Basic pair and short-lived tokens)', () => {
	const NODE = 'Instellix';
	const creds = (clientSecret = SECRET) => credential('instellix', 'Instellix account', instellix.credential(), { clientId: 'isx-canary', clientSecret });
	const basic = (secret: string) => Buffer.from(`isx-canary:${secret}`).toString('base64');
	const update = wf('updateProperties');
	const tokens = () => [...instellix.tokens.keys()];

	test('no secret, Basic pair or token in outputs, dry runs, refreshes, errors, echoes, logs or credential tests', async () => {
		const results: RunResult[] = [];
		instellix.expireTokensAfter(2);
		const refreshed = await run(update, creds(), [4711, 6000, 6001].map((planId) => ({ planId, propertyIdent: 'canary', propertyValue: 'yes' })));
		expect(refreshed.error?.message).toBeUndefined();
		expect(instellix.tokensIssued).toBeGreaterThanOrEqual(2);
		results.push(refreshed);
		results.push(await run(options(update, NODE, { dryRun: true }), creds(), [{ planId: 4712, propertyIdent: 'x', propertyValue: 'y' }]));
		results.push(await run(wf('getAll'), creds(), [{ limit: 5 }]));
		// A token learned in one run, echoed in a GlobalErrorResponse in the next.
		const helper = new TestCredentialsHelper();
		results.push(await run(wf('get'), creds(), [{ planId: 4711 }], { credentialsHelper: helper }));
		const token = String(helper.store.get('instellix')?.data.accessToken);
		expect(tokens()).toContain(token);
		instellix.injectFault({
			method: 'GET',
			status: 500,
			times: 10,
			body: { status: 'INTERNAL_SERVER_ERROR', message: `Bearer ${token} rejected`, uuid: 'u-1', errors: [{ fieldName: 'auth', error: `token ${token}`, rejectedValue: `Basic ${basic(SECRET)}` }] },
		});
		const echoed = await run(options(update, NODE, { maxRetries: 0 }, { onError: 'continueRegularOutput' }), [{ ...creds()[0], data: helper.store.get('instellix')!.data }], [
			{ planId: 6002, propertyIdent: 'a', propertyValue: 'b' },
			{ planId: 'ident-not-id', propertyIdent: 'a', propertyValue: 'b' },
		], { credentialsHelper: helper });
		expect(jsonOf(echoed.output(NODE))[0].error).toBe('Instellix returned 500 (item 0): Bearer [redacted] rejected');
		instellix.clearFaults();
		expect(redactedSomewhere(echoed)).toBe(true);
		results.push(echoed);
		// The token endpoint echoes the refused secret and Basic pair; then a plain wrong secret.
		instellix.injectFault({
			method: 'POST',
			status: 401,
			body: { error: 'invalid_client', error_description: `secret ${WRONG('instellix')} / Basic ${basic(WRONG('instellix'))} refused` },
		});
		const refused = await run(wf('get'), creds(WRONG('instellix')), [{ planId: 4711 }]);
		expect(refused.error?.message).toContain('Instellix login failed (HTTP 401)');
		expect(redactedSomewhere(refused)).toBe(true);
		results.push(refused);
		results.push(await run(wf('get'), creds(WRONG('instellix')), [{ planId: 4711 }]));

		const [cred] = creds();
		const extra = [
			await testCredential('instellix', cred),
			await testCredential('instellix', creds(WRONG('instellix'))[0]),
			await listSearch('instellix', 'searchPlans', cred, 'Pro'),
		];
		expectNoSecretAnywhere(
			results,
			[SECRET, WRONG('instellix'), basic(SECRET), basic(WRONG('instellix')), `isx-canary:${SECRET}`, ...tokens()],
			extra,
		);
	});
});
