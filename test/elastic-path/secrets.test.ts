// Secrets (issue 8), elastic-path: the driver and what each provider's test shows are in test/drivers/secrets.ts.
import { EP_IDS, ElasticPathEmulator } from './emulator';
import { TestCredentialsHelper } from '../support/harness/credentials';
import { listSearch, testCredential } from '../support/harness/methods';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { CANARY, b64, credential, expectNoSecretAnywhere, redactedSomewhere, withOptions as options, WRONG } from '../drivers/secrets';

const wf = (name: string) => workflowFrom(__dirname, name);

/** The canary secret: recognisable, and full of characters that change under Base64, URL and XML encoding. */
const SECRET = `epcc_secret_${CANARY}-elasticpath-7d1f&x=1+2 %`;

const elasticPath = useEmulator(new ElasticPathEmulator());
/** The emulator accepts the canary as well as its own credentials (again after every reset). */
const acceptCanary = () => elasticPath.extraClients.push({ clientId: 'epcc_client_canary', clientSecret: SECRET });
beforeEach(() => acceptCanary());

describe('Secrets: Elastic Path (client secret and access tokens)', () => {
	const NODE = 'Elastic Path Subscriptions';
	const creds = (clientSecret = SECRET) =>
		credential('elastic-path', 'Elastic Path account', elasticPath.credential(), { clientId: 'epcc_client_canary', clientSecret });
	const update = wf('update');
	const seat = (n: number) => ({ offeringId: EP_IDS.seats, planId: EP_IDS.seat(n) });
	const tokens = () => [...elasticPath.tokens.keys()];

	test('no secret or token in outputs, dry runs, refreshes, errors, echoes, logs or credential tests', async () => {
		const results: RunResult[] = [];
		// Token refresh mid-run.
		elasticPath.settings.expireTokensAfterRequests = 5;
		const refreshed = await run(update, creds(), [1, 2, 3, 4].map((n) => ({ ...seat(n), name: `Canary seat ${n}` })));
		expect(refreshed.error?.message).toBeUndefined();
		expect(elasticPath.tokenRequests).toBeGreaterThanOrEqual(2);
		results.push(refreshed);
		results.push(await run(options(update, NODE, { dryRun: true }), creds(), [{ ...seat(5), prices: [{ currency: 'EUR', amount: 100 }] }]));
		results.push(await run(wf('getAll'), creds(), [{ offeringId: EP_IDS.streaming, returnAll: true }]));
		// A token learned in one run, echoed by the server in the next run (Authorization header, raw, Base64).
		const helper = new TestCredentialsHelper();
		results.push(await run(wf('get'), creds(), [seat(6)], { credentialsHelper: helper }));
		const token = String(helper.store.get('elastic-path')?.data.accessToken);
		expect(tokens()).toContain(token);
		elasticPath.injectFault({
			method: 'PUT',
			status: 500,
			times: 10,
			body: { errors: [{ status: '500', title: 'Internal Server Error', detail: `Authorization: Bearer ${token}; token=${token}; ${b64(token)}; secret ${SECRET}; body grant_type=client_credentials&${new URLSearchParams({ client_secret: SECRET })}; form value ${new URLSearchParams({ x: SECRET }).toString().slice(2)}` }] },
		});
		const echoed = await run(options(update, NODE, { maxRetries: 1 }, { onError: 'continueRegularOutput' }), [{ ...creds()[0], data: helper.store.get('elastic-path')!.data }], [
			{ ...seat(7), name: 'Echo' },
			{ ...seat(8), name: 'x' },
			{ offeringId: EP_IDS.seats, planId: EP_IDS.seat(9).replace(/.$/, 'z'), name: 'Bad ID' },
		], { credentialsHelper: helper });
		expect(jsonOf(echoed.output(NODE)).every((o) => typeof o.error === 'string')).toBe(true);
		elasticPath.clearFaults();
		expect(redactedSomewhere(echoed)).toBe(true);
		results.push(echoed);
		// A refused secret that the token endpoint echoes back; then a plain wrong secret.
		const echoSecret = () =>
			elasticPath.injectFault({
				method: 'POST',
				path: '/oauth/access_token',
				status: 401,
				body: {
					errors: [
						{
							status: '401',
							title: 'Unauthorized',
							detail: `${new URLSearchParams({ client_secret: WRONG('elasticpath') }).toString()}; ${new URLSearchParams({ x: WRONG('elasticpath') }).toString().slice(2)} (${WRONG('elasticpath')}, ${encodeURIComponent(WRONG('elasticpath'))}) is not valid`,
						},
					],
				},
			});
		echoSecret();
		const refused = await run(wf('get'), creds(WRONG('elasticpath')), [seat(1)]);
		expect(refused.error?.message).toContain('Elastic Path login failed (HTTP 401)');
		expect(redactedSomewhere(refused)).toBe(true);
		results.push(refused);
		results.push(await run(wf('get'), creds(WRONG('elasticpath')), [seat(1)]));

		const [cred] = creds();
		const extra = [
			await testCredential('elasticPath', cred),
			await testCredential('elasticPath', creds(WRONG('elasticpath'))[0]),
			// The credential's Test shows the sign-in error as it is, without the node's redaction.
			(echoSecret(), await testCredential('elasticPath', creds(WRONG('elasticpath'))[0])),
			await listSearch('elasticPath', 'searchOfferings', cred, 'Seats'),
		];
		expectNoSecretAnywhere(results, [SECRET, WRONG('elasticpath'), ...tokens()], extra);
	});
});
