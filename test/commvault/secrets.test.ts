// Secrets (issue 8), commvault: the driver and what each provider's test shows are in test/drivers/secrets.ts.
import { COMMVAULT_ROOT, CommvaultEmulator } from './emulator';
import { listSearch, testCredential } from '../support/harness/methods';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';
import { CANARY, b64, continueOnFail as cof, credential, expectNoSecretAnywhere, redactedSomewhere, withOptions as options, WRONG } from '../drivers/secrets';

const wf = (name: string) => workflowFrom(__dirname, name);

/** The canary secret: recognisable, and full of characters that change under Base64, URL and XML encoding. */
const SECRET = `${CANARY}-commvault-7d1f&<Sécure>"'`;

const commvault = useEmulator(new CommvaultEmulator());
/** The emulator accepts the canary as well as its own credentials (again after every reset). */
const acceptCanary = () => commvault.users.push({ username: 'canary-svc', password: SECRET, domain: '', admin: true });
beforeEach(() => acceptCanary());

describe('Secrets: Commvault (password and session tokens)', () => {
	const NODE = 'Commvault';
	const creds = (password = SECRET) => credential('commvault', 'Commvault account', commvault.credential(), { username: 'canary-svc', password });
	const plans = wf('updatePlans');
	const tokens = () => [...commvault.issuedTokens, ...commvault.issuedTokens.map((t) => t.replace(/^QSDK /, ''))];

	test('no password or token in outputs, dry runs, session renewals, errors, echoes (JSON and XML), logs or credential tests', async () => {
		const results: RunResult[] = [];
		commvault.expireTokensOn = { method: 'PUT' };
		const renewed = await run(plans, creds(), [{ orgId: 12, plans: ['Cloud Archive'] }, { orgId: 14, plans: ['Server Gold'] }]);
		expect(renewed.error?.message).toBeUndefined();
		expect(commvault.issuedTokens.length).toBeGreaterThanOrEqual(2);
		results.push(renewed);
		results.push(await run(options(withNode(plans, NODE, { mode: 'replace' }), NODE, { dryRun: true }), creds(), [{ orgId: 13, plans: ['Server Silver'], removeUnlisted: true }]));
		results.push(await run(wf('getAll'), creds(), [{}]));
		// A leaky server echoes the session token on a read and on a write.
		commvault.leakTokenOn = { method: 'GET', path: /Organization\/12$/ };
		const leakRead = await run(options(wf('get'), NODE, { maxRetries: 0 }), creds(), [{ orgId: 12 }]);
		expect(leakRead.error?.message).toMatch(/Session QSDK \[redacted\] failed \(id \[redacted\], user canary-svc\)/);
		results.push(leakRead);
		commvault.leakTokenOn = { method: 'PUT' };
		results.push(await run(options(plans, NODE, { maxRetries: 0 }, { onError: 'continueRegularOutput' }), creds(), [{ orgId: 13, plans: ['Cloud Archive'] }]));
		// The password echoed in a JSON error and, XML-escaped, in an XML error (which the node unescapes while reading).
		commvault.injectFault({ method: 'GET', status: 500, times: 5, body: { errorCode: 1, errorMessage: `bad password ${SECRET} / ${b64(SECRET)}` } });
		results.push(await run(options(wf('get'), NODE, { maxRetries: 0 }), creds(), [{ orgId: 12 }]));
		// A reset forgets the sessions issued so far: keep them for the scan.
		const earlierTokens = tokens();
		commvault.resetAll();
		acceptCanary();
		const escaped = SECRET.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
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
		results.push(await run(wf('get'), creds(WRONG('commvault')), [{ orgId: 12 }]));
		for (const r of [leakRead, results[4], results[5], xml]) expect(redactedSomewhere(r)).toBe(true);
		expect(commvault.requests('POST', `${COMMVAULT_ROOT}/Login`).length).toBeGreaterThan(0);

		const [cred] = creds();
		const extra = [
			await testCredential('commvault', cred),
			await testCredential('commvault', creds(WRONG('commvault'))[0]),
			await listSearch('commvault', 'searchOrganizations', cred, 'Acme'),
		];
		expect(earlierTokens.length).toBeGreaterThanOrEqual(2 * 4);
		expectNoSecretAnywhere(results, [SECRET, WRONG('commvault'), ...earlierTokens, ...tokens()], extra);
	});
});
