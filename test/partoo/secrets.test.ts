// Secrets (issue 8), partoo: the driver and what each provider's test shows are in test/drivers/secrets.ts.
import { PartooEmulator } from './emulator';
import { listSearch, testCredential } from '../support/harness/methods';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { CANARY, b64, continueOnFail as cof, credential, expectNoSecretAnywhere, redactedSomewhere, withOptions as options, WRONG } from '../drivers/secrets';

const wf = (name: string) => workflowFrom(__dirname, name);

/** The canary secret: recognisable, and full of characters that change under Base64, URL and XML encoding. */
const SECRET = `ptk_${CANARY}-partoo-7d1f+/=?&`;

const partoo = useEmulator(new PartooEmulator());
/** The emulator accepts the canary as well as its own credentials (again after every reset). */
const acceptCanary = () => partoo.users.set(SECRET, { id: 'canary', org_id: 1, role: 'PROVIDER', provider: 'acme', email: 'canary@acme.example' });
beforeEach(() => acceptCanary());

describe('Secrets: Partoo (API key)', () => {
	const NODE = 'Partoo';
	const creds = (apiKey = SECRET) => credential('partoo', 'Partoo account', partoo.credential(), { apiKey });

	test('no key in outputs, dry runs, errors, echoes, logs, credential tests or list searches', async () => {
		const results: RunResult[] = [];
		results.push(await run(wf('addOrUpdate'), creds(), [{ orgId: 42, plans: ['posts'] }, { orgId: 43, plans: 'webhooks' }]));
		expect(partoo.plans(42).map((p) => p.name)).toContain('posts');
		results.push(await run(options(wf('replaceAll'), NODE, { dryRun: true }), creds(), [{ orgId: 43, plans: ['posts'], removeUnlisted: true }]));
		results.push(await run(wf('get'), creds(), [{ orgId: 42 }, { orgId: 44 }]));
		// A server that echoes the key (as sent, Base64 and URL-encoded) in an error body, on a read and on a write.
		const echo = { errors: { json: `x-APIKey ${SECRET} / ${b64(SECRET)} / ${encodeURIComponent(SECRET)}` } };
		partoo.injectFault({ method: 'GET', status: 500, body: echo, times: 10 });
		const echoedRead = await run(options(wf('get'), NODE, { maxRetries: 0 }), creds(), [{ orgId: 42 }]);
		expect(echoedRead.error?.message).toBe('Partoo returned 500 (item 0): x-APIKey [redacted] / [redacted] / [redacted]');
		results.push(echoedRead);
		partoo.resetAll();
		acceptCanary();
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
		expectNoSecretAnywhere(results, [SECRET, WRONG('partoo')], extra);
	});
});
