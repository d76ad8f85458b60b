// Secrets (issue 8): every provider's operations run with recognisable credential values (canaries
// holding the marker SECRET-CANARY), on success paths, error paths, dry runs, continue-on-fail, token
// refresh and failed sign-ins, with servers that echo the secret or the token back in error bodies. Every
// output item, error (message, description, JSON, stack), log line, credential-test result and list
// search is scanned for the values and their Base64, URL-encoded, JSON- and XML-escaped forms: zero hits.
import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from '../emulators/blendvision-one';
import { COMMVAULT_ROOT, CommvaultEmulator } from '../emulators/commvault';
import { EP_IDS, ElasticPathEmulator } from '../emulators/elastic-path';
import { InstellixEmulator } from '../emulators/instellix';
import { PartooEmulator } from '../emulators/partoo';
import { TestCredentialsHelper } from '../harness/credentials';
import type { StoredCredential } from '../harness/credentials';
import { listSearch, testCredential } from '../harness/methods';
import type { RunResult, WorkflowJson } from '../harness/run';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../helpers';
import { CANARY, expectNoSecretAnywhere, findIn, secretForms } from './scan';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const fixture = (provider: string, name: string) => workflowFrom(`${__dirname}/../${provider}`, name);
const cof = (workflow: WorkflowJson, node: string, parameters: IDataObject = {}) => withNode(workflow, node, parameters, { onError: 'continueRegularOutput' });
const options = (workflow: WorkflowJson, node: string, opts: IDataObject, settings: IDataObject = {}) =>
	withNode(workflow, node, { options: { ...((workflow.nodes.find((n) => n.name === node)?.parameters.options as IDataObject) ?? {}), ...opts } }, settings);

/** The canary secrets: recognisable, and full of characters that change under Base64, URL and XML encoding. */
const SECRET = {
	partoo: `ptk_${CANARY}-partoo-7d1f+/=?&`,
	blendVision: `bvt_${CANARY}-blendvision-7d1f~._-`,
	elasticPath: `epcc_secret_${CANARY}-elasticpath-7d1f&x=1+2 %`,
	commvault: `${CANARY}-commvault-7d1f&<Sécure>"'`,
	instellix: `isxS_${CANARY}-instellix-7d1f:colon`,
};
const WRONG = (provider: string) => `${CANARY}-${provider}-WRONG 7d1f!`;

const partoo = useEmulator(new PartooEmulator());
const blendVision = useEmulator(new BlendVisionOneEmulator());
const elasticPath = useEmulator(new ElasticPathEmulator());
const commvault = useEmulator(new CommvaultEmulator());
const instellix = useEmulator(new InstellixEmulator());

/** Each emulator accepts its canary as well as its own credentials (again after every reset). */
const acceptCanary = {
	partoo: () => partoo.users.set(SECRET.partoo, { id: 'canary', org_id: 1, role: 'PROVIDER', provider: 'acme', email: 'canary@acme.example' }),
	blendVision: () => blendVision.tokens.set(SECRET.blendVision, { orgs: { [BV_IDS.org]: 'ROLE_TYPE_OWNER' } }),
	elasticPath: () => elasticPath.extraClients.push({ clientId: 'epcc_client_canary', clientSecret: SECRET.elasticPath }),
	commvault: () => commvault.users.push({ username: 'canary-svc', password: SECRET.commvault, domain: '', admin: true }),
	instellix: () => instellix.extraClients.push({ clientId: 'isx-canary', clientSecret: SECRET.instellix, scopes: ['plans:read', 'plans:write'] }),
};
beforeEach(() => Object.values(acceptCanary).forEach((accept) => accept()));

function credential(id: string, name: string, base: { type: string; data: Record<string, unknown> }, data: Record<string, unknown>): StoredCredential[] {
	return [{ id, name, type: base.type, data: { ...base.data, ...data } as StoredCredential['data'] }];
}

/** The scan must see something: a result whose error or items say "[redacted]" really met a secret. */
function redactedSomewhere(result: RunResult): boolean {
	return JSON.stringify({ data: result.run.data.resultData, message: result.error?.message, description: result.error?.description }).includes('[redacted]');
}

describe('Secrets: the scanner', () => {
	test('finds a planted secret in every form and place it looks (so a clean scan means something)', () => {
		const secret = SECRET.commvault;
		const places: unknown[] = [
			{ json: { note: `x ${secret} y` } },
			{ json: { note: b64(secret) } },
			{ json: { note: encodeURIComponent(secret) } },
			JSON.stringify({ s: secret }),
			'&lt;&amp;' + secretForms(secret).find((f) => f.includes('&amp;')),
			Object.assign(new Error(`boom ${b64(secret)}`), { description: 'd' }),
			new Error('outer', { cause: new Error(`inner ${secret}`) }),
			[`log line ${Buffer.from(secret).toString('base64url')}`],
			{ json: { note: `only the marker ${CANARY}` } },
		];
		for (const place of places) expect(findIn(place, [secret, CANARY]).length).toBeGreaterThan(0);
		const error = new Error('no secret here');
		error.message = 'changed';
		expect(findIn({ error, logs: ['clean'] }, [secret, CANARY])).toEqual([]);
	});
});

describe('Secrets: Partoo (API key)', () => {
	const NODE = 'Partoo';
	const creds = (apiKey = SECRET.partoo) => credential('partoo', 'Partoo account', partoo.credential(), { apiKey });
	const wf = (name: string) => fixture('partoo', name);

	test('no key in outputs, dry runs, errors, echoes, logs, credential tests or list searches', async () => {
		const results: RunResult[] = [];
		results.push(await run(wf('addOrUpdate'), creds(), [{ orgId: 42, plans: ['posts'] }, { orgId: 43, plans: 'webhooks' }]));
		expect(partoo.plans(42).map((p) => p.name)).toContain('posts');
		results.push(await run(options(wf('replaceAll'), NODE, { dryRun: true }), creds(), [{ orgId: 43, plans: ['posts'], removeUnlisted: true }]));
		results.push(await run(wf('get'), creds(), [{ orgId: 42 }, { orgId: 44 }]));
		// A server that echoes the key (as sent, Base64 and URL-encoded) in an error body, on a read and on a write.
		const echo = { errors: { json: `x-APIKey ${SECRET.partoo} / ${b64(SECRET.partoo)} / ${encodeURIComponent(SECRET.partoo)}` } };
		partoo.injectFault({ method: 'GET', status: 500, body: echo, times: 10 });
		const echoedRead = await run(options(wf('get'), NODE, { maxRetries: 0 }), creds(), [{ orgId: 42 }]);
		expect(echoedRead.error?.message).toBe('Partoo returned 500 (item 0): x-APIKey [redacted] / [redacted] / [redacted]');
		results.push(echoedRead);
		partoo.resetAll();
		acceptCanary.partoo();
		partoo.injectFault({ method: 'POST', status: 400, body: echo, times: 1 });
		// Continue on fail: an echo on a write, an unknown organization, a bad input and a success, side by side.
		const mixed = await run(cof(wf('addOrUpdate'), NODE), creds(), [
			{ orgId: 42, plans: ['posts'] },
			{ orgId: 999_999, plans: ['posts'] },
			{ orgId: 'nope', plans: ['posts'] },
			{ orgId: 43, plans: ['booking_links'] },
		]);
		const out = jsonOf(mixed.output(NODE));
		expect(out.map((o) => (o.error ? 'error' : o.outcome))).toEqual(['error', 'error', 'error', 'updated']);
		expect(out[0].error).toContain('[redacted]');
		results.push(mixed);
		// A refused key (401) that the server echoes back (n8n sends a request refused with 401 twice), and a wrong key.
		partoo.injectFault({ method: 'GET', status: 401, body: { errors: { authentication: `Unknown key ${WRONG('partoo')}` } }, times: 2 });
		results.push(await run(wf('get'), creds(WRONG('partoo')), [{ orgId: 42 }]));
		results.push(await run(wf('get'), creds(WRONG('partoo')), [{ orgId: 42 }]));
		for (const r of [results[3], mixed, results[results.length - 2]]) expect(redactedSomewhere(r)).toBe(true);

		const [cred] = creds();
		const extra = [
			await testCredential('partoo', cred),
			await testCredential('partoo', creds(WRONG('partoo'))[0]),
			await listSearch('partoo', 'searchOrganizations', cred, 'bakery'),
		];
		expectNoSecretAnywhere(results, [SECRET.partoo, WRONG('partoo')], extra);
	});
});

describe('Secrets: BlendVision One (API token)', () => {
	const NODE = 'BlendVision One';
	const creds = (apiToken = SECRET.blendVision) => credential('blendvision', 'BlendVision One account', blendVision.credential(), { apiToken });
	const update = workflowFrom(`${__dirname}/../faults`, 'blendvision-one-update');

	test('no token in outputs, dry runs, errors, echoes, logs, credential tests or list searches', async () => {
		const results: RunResult[] = [];
		results.push(
			await run(update, creds(), [
				{ id: BV_IDS.acme, planIds: [BV_PLANS.enterprise], ownerEmail: 'ops@acme.example' },
				{ id: BV_IDS.gamma, description: 'Gamma' },
			]),
		);
		expect(blendVision.subOrg(BV_IDS.acme).owner_email).toBe('ops@acme.example');
		results.push(await run(options(update, NODE, { dryRun: true }), creds(), [{ id: BV_IDS.beta, planMode: 'replace', planIds: [BV_PLANS.cxmPlus], removeUnlisted: true }]));
		results.push(await run(fixture('blendvision-one', 'get'), creds(), [{ id: BV_IDS.acme }]));
		results.push(await run(fixture('blendvision-one', 'getAll'), creds(), [{ name: 'Customer 00' }]));
		// A server that echoes the Authorization header in a google.rpc.Status message, and the raw token in details.
		blendVision.injectFault({
			method: 'PATCH',
			status: 400,
			body: { code: 3, message: `invalid argument: Authorization: Bearer ${SECRET.blendVision}`, details: [{ reason: 'ERROR_REASON_UNSPECIFIED', metadata: { token: SECRET.blendVision, b64: b64(SECRET.blendVision) } }] },
		});
		const echoed = await run(update, creds(), [{ id: BV_IDS.gamma, description: 'Echo' }]);
		expect(echoed.error?.message).toContain('Bearer [redacted]');
		results.push(echoed);
		// Continue on fail: the same echo on one item's write, a missing sub-organization, a bad input, a success.
		blendVision.injectFault({ method: 'PATCH', path: new RegExp(BV_IDS.gamma), status: 500, times: 10, body: { code: 13, message: `internal: ${SECRET.blendVision}`, details: [] } });
		const mixed = await run(options(update, NODE, { maxRetries: 0 }, { onError: 'continueRegularOutput' }), creds(), [
			{ id: BV_IDS.gamma, description: 'Echo again' },
			{ id: BV_IDS.missing, description: 'Nobody' },
			{ id: 'not-a-uuid', description: 'Bad' },
			{ id: BV_IDS.acme, description: 'Fine' },
		]);
		expect(jsonOf(mixed.output(NODE)).map((o) => (o.error ? 'error' : o.outcome))).toEqual(['error', 'error', 'error', 'updated']);
		results.push(mixed);
		results.push(await run(fixture('blendvision-one', 'get'), creds(WRONG('blendvision')), [{ id: BV_IDS.acme }]));
		for (const r of [echoed, mixed]) expect(redactedSomewhere(r)).toBe(true);

		const [cred] = creds();
		const extra = [
			await testCredential('blendVisionOne', cred),
			await testCredential('blendVisionOne', creds(WRONG('blendvision'))[0]),
			await listSearch('blendVisionOne', 'searchSubOrganizations', cred, 'Acme'),
		];
		expectNoSecretAnywhere(results, [SECRET.blendVision, WRONG('blendvision')], extra);
	});
});

describe('Secrets: Elastic Path (client secret and access tokens)', () => {
	const NODE = 'Elastic Path Subscriptions';
	const creds = (clientSecret = SECRET.elasticPath) =>
		credential('elastic-path', 'Elastic Path account', elasticPath.credential(), { clientId: 'epcc_client_canary', clientSecret });
	const update = fixture('elastic-path', 'update');
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
		results.push(await run(fixture('elastic-path', 'getAll'), creds(), [{ offeringId: EP_IDS.streaming, returnAll: true }]));
		// A token learned in one run, echoed by the server in the next run (Authorization header, raw, Base64).
		const helper = new TestCredentialsHelper();
		results.push(await run(fixture('elastic-path', 'get'), creds(), [seat(6)], { credentialsHelper: helper }));
		const token = String(helper.store.get('elastic-path')?.data.accessToken);
		expect(tokens()).toContain(token);
		elasticPath.injectFault({
			method: 'PUT',
			status: 500,
			times: 10,
			body: { errors: [{ status: '500', title: 'Internal Server Error', detail: `Authorization: Bearer ${token}; token=${token}; ${b64(token)}; secret ${SECRET.elasticPath}; body grant_type=client_credentials&${new URLSearchParams({ client_secret: SECRET.elasticPath })}; form value ${new URLSearchParams({ x: SECRET.elasticPath }).toString().slice(2)}` }] },
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
		const refused = await run(fixture('elastic-path', 'get'), creds(WRONG('elasticpath')), [seat(1)]);
		expect(refused.error?.message).toContain('Elastic Path login failed (HTTP 401)');
		expect(redactedSomewhere(refused)).toBe(true);
		results.push(refused);
		results.push(await run(fixture('elastic-path', 'get'), creds(WRONG('elasticpath')), [seat(1)]));

		const [cred] = creds();
		const extra = [
			await testCredential('elasticPath', cred),
			await testCredential('elasticPath', creds(WRONG('elasticpath'))[0]),
			// The credential's Test shows the sign-in error as it is, without the node's redaction.
			(echoSecret(), await testCredential('elasticPath', creds(WRONG('elasticpath'))[0])),
			await listSearch('elasticPath', 'searchOfferings', cred, 'Seats'),
		];
		expectNoSecretAnywhere(results, [SECRET.elasticPath, WRONG('elasticpath'), ...tokens()], extra);
	});
});

describe('Secrets: Commvault (password and session tokens)', () => {
	const NODE = 'Commvault';
	const creds = (password = SECRET.commvault) => credential('commvault', 'Commvault account', commvault.credential(), { username: 'canary-svc', password });
	const plans = fixture('commvault', 'updatePlans');
	const tokens = () => [...commvault.issuedTokens, ...commvault.issuedTokens.map((t) => t.replace(/^QSDK /, ''))];

	test('no password or token in outputs, dry runs, session renewals, errors, echoes (JSON and XML), logs or credential tests', async () => {
		const results: RunResult[] = [];
		commvault.expireTokensOn = { method: 'PUT' };
		const renewed = await run(plans, creds(), [{ orgId: 12, plans: ['Cloud Archive'] }, { orgId: 14, plans: ['Server Gold'] }]);
		expect(renewed.error?.message).toBeUndefined();
		expect(commvault.issuedTokens.length).toBeGreaterThanOrEqual(2);
		results.push(renewed);
		results.push(await run(options(withNode(plans, NODE, { mode: 'replace' }), NODE, { dryRun: true }), creds(), [{ orgId: 13, plans: ['Server Silver'], removeUnlisted: true }]));
		results.push(await run(fixture('commvault', 'getAll'), creds(), [{}]));
		// A leaky server echoes the session token on a read and on a write.
		commvault.leakTokenOn = { method: 'GET', path: /Organization\/12$/ };
		const leakRead = await run(options(fixture('commvault', 'get'), NODE, { maxRetries: 0 }), creds(), [{ orgId: 12 }]);
		expect(leakRead.error?.message).toMatch(/Session QSDK \[redacted\] failed \(id \[redacted\], user canary-svc\)/);
		results.push(leakRead);
		commvault.leakTokenOn = { method: 'PUT' };
		results.push(await run(options(plans, NODE, { maxRetries: 0 }, { onError: 'continueRegularOutput' }), creds(), [{ orgId: 13, plans: ['Cloud Archive'] }]));
		// The password echoed in a JSON error and, XML-escaped, in an XML error (which the node unescapes while reading).
		commvault.injectFault({ method: 'GET', status: 500, times: 5, body: { errorCode: 1, errorMessage: `bad password ${SECRET.commvault} / ${b64(SECRET.commvault)}` } });
		results.push(await run(options(fixture('commvault', 'get'), NODE, { maxRetries: 0 }), creds(), [{ orgId: 12 }]));
		// A reset forgets the sessions issued so far: keep them for the scan.
		const earlierTokens = tokens();
		commvault.resetAll();
		acceptCanary.commvault();
		const escaped = SECRET.commvault.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
		commvault.injectFault({
			method: 'PUT',
			status: 200,
			headers: { 'Content-Type': 'application/xml' },
			body: `<App_GenericResp><error errorCode="5" errorMessage="Password ${escaped} expired"/></App_GenericResp>`,
		});
		const xml = await run(cof(plans, NODE), creds(), [{ orgId: 12, plans: ['Cloud Archive'] }, { orgId: 'x', plans: ['Cloud Archive'] }, { orgId: 14, plans: ['Server Gold'] }]);
		expect(jsonOf(xml.output(NODE))[0].error).toBe('Commvault returned 200 (item 0): Password [redacted] expired');
		results.push(xml);
		// A wrong password: Commvault answers HTTP 200 without a token.
		results.push(await run(fixture('commvault', 'get'), creds(WRONG('commvault')), [{ orgId: 12 }]));
		for (const r of [leakRead, results[4], results[5], xml]) expect(redactedSomewhere(r)).toBe(true);
		expect(commvault.requests('POST', `${COMMVAULT_ROOT}/Login`).length).toBeGreaterThan(0);

		const [cred] = creds();
		const extra = [
			await testCredential('commvault', cred),
			await testCredential('commvault', creds(WRONG('commvault'))[0]),
			await listSearch('commvault', 'searchOrganizations', cred, 'Acme'),
		];
		expect(earlierTokens.length).toBeGreaterThanOrEqual(2 * 4);
		expectNoSecretAnywhere(results, [SECRET.commvault, WRONG('commvault'), ...earlierTokens, ...tokens()], extra);
	});
});

describe('Secrets: Instellix (client secret, Basic pair and short-lived tokens)', () => {
	const NODE = 'Instellix';
	const creds = (clientSecret = SECRET.instellix) => credential('instellix', 'Instellix account', instellix.credential(), { clientId: 'isx-canary', clientSecret });
	const basic = (secret: string) => Buffer.from(`isx-canary:${secret}`).toString('base64');
	const update = fixture('instellix', 'updateProperties');
	const tokens = () => [...instellix.tokens.keys()];

	test('no secret, Basic pair or token in outputs, dry runs, refreshes, errors, echoes, logs or credential tests', async () => {
		const results: RunResult[] = [];
		instellix.expireTokensAfter(2);
		const refreshed = await run(update, creds(), [4711, 6000, 6001].map((planId) => ({ planId, propertyIdent: 'canary', propertyValue: 'yes' })));
		expect(refreshed.error?.message).toBeUndefined();
		expect(instellix.tokensIssued).toBeGreaterThanOrEqual(2);
		results.push(refreshed);
		results.push(await run(options(update, NODE, { dryRun: true }), creds(), [{ planId: 4712, propertyIdent: 'x', propertyValue: 'y' }]));
		results.push(await run(fixture('instellix', 'getAll'), creds(), [{ limit: 5 }]));
		// A token learned in one run, echoed in a GlobalErrorResponse in the next.
		const helper = new TestCredentialsHelper();
		results.push(await run(fixture('instellix', 'get'), creds(), [{ planId: 4711 }], { credentialsHelper: helper }));
		const token = String(helper.store.get('instellix')?.data.accessToken);
		expect(tokens()).toContain(token);
		instellix.injectFault({
			method: 'GET',
			status: 500,
			times: 10,
			body: { status: 'INTERNAL_SERVER_ERROR', message: `Bearer ${token} rejected`, uuid: 'u-1', errors: [{ fieldName: 'auth', error: `token ${token}`, rejectedValue: `Basic ${basic(SECRET.instellix)}` }] },
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
		const refused = await run(fixture('instellix', 'get'), creds(WRONG('instellix')), [{ planId: 4711 }]);
		expect(refused.error?.message).toContain('Instellix login failed (HTTP 401)');
		expect(redactedSomewhere(refused)).toBe(true);
		results.push(refused);
		results.push(await run(fixture('instellix', 'get'), creds(WRONG('instellix')), [{ planId: 4711 }]));

		const [cred] = creds();
		const extra = [
			await testCredential('instellix', cred),
			await testCredential('instellix', creds(WRONG('instellix'))[0]),
			await listSearch('instellix', 'searchPlans', cred, 'Pro'),
		];
		expectNoSecretAnywhere(
			results,
			[SECRET.instellix, WRONG('instellix'), basic(SECRET.instellix), basic(WRONG('instellix')), `isx-canary:${SECRET.instellix}`, ...tokens()],
			extra,
		);
	});
});
