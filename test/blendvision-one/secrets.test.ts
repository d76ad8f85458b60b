// Secrets (issue 8), blendvision-one: the driver and what each provider's test shows are in test/drivers/secrets.ts.
import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from './emulator';
import { listSearch, testCredential } from '../support/harness/methods';
import type { RunResult } from '../support/harness/run';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { CANARY, b64, credential, expectNoSecretAnywhere, redactedSomewhere, withOptions as options, WRONG } from '../drivers/secrets';

const wf = (name: string) => workflowFrom(__dirname, name);

/** The canary secret: recognisable, and full of characters that change under Base64, URL and XML encoding. */
const SECRET = `bvt_${CANARY}-blendvision-7d1f~._-`;

const blendVision = useEmulator(new BlendVisionOneEmulator());
/** The emulator accepts the canary as well as its own credentials (again after every reset). */
const acceptCanary = () => blendVision.tokens.set(SECRET, { orgs: { [BV_IDS.org]: 'ROLE_TYPE_OWNER' } });
beforeEach(() => acceptCanary());

describe('Secrets: BlendVision One (API token)', () => {
	const NODE = 'BlendVision One';
	const creds = (apiToken = SECRET) => credential('blendvision', 'BlendVision One account', blendVision.credential(), { apiToken });
	const update = wf('faults/update');

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
		results.push(await run(wf('get'), creds(), [{ id: BV_IDS.acme }]));
		results.push(await run(wf('getAll'), creds(), [{ name: 'Customer 00' }]));
		// A server that echoes the Authorization header in a google.rpc.Status message, and the raw token in details.
		blendVision.injectFault({
			method: 'PATCH',
			status: 400,
			body: { code: 3, message: `invalid argument: Authorization: Bearer ${SECRET}`, details: [{ reason: 'ERROR_REASON_UNSPECIFIED', metadata: { token: SECRET, b64: b64(SECRET) } }] },
		});
		const echoed = await run(update, creds(), [{ id: BV_IDS.gamma, description: 'Echo' }]);
		expect(echoed.error?.message).toContain('Bearer [redacted]');
		results.push(echoed);
		// Continue on fail: the same echo on one item's write, a missing sub-organization, a bad input, a success.
		blendVision.injectFault({ method: 'PATCH', path: new RegExp(BV_IDS.gamma), status: 500, times: 10, body: { code: 13, message: `internal: ${SECRET}`, details: [] } });
		const mixed = await run(options(update, NODE, { maxRetries: 0 }, { onError: 'continueRegularOutput' }), creds(), [
			{ id: BV_IDS.gamma, description: 'Echo again' },
			{ id: BV_IDS.missing, description: 'Nobody' },
			{ id: 'not-a-uuid', description: 'Bad' },
			{ id: BV_IDS.acme, description: 'Fine' },
		]);
		expect(jsonOf(mixed.output(NODE)).map((o) => (o.error ? 'error' : o.outcome))).toEqual(['error', 'error', 'error', 'updated']);
		results.push(mixed);
		results.push(await run(wf('get'), creds(WRONG('blendvision')), [{ id: BV_IDS.acme }]));
		for (const r of [echoed, mixed]) expect(redactedSomewhere(r)).toBe(true);

		const [cred] = creds();
		const extra = [
			await testCredential('blendVisionOne', cred),
			await testCredential('blendVisionOne', creds(WRONG('blendvision'))[0]),
			await listSearch('blendVisionOne', 'searchSubOrganizations', cred, 'Acme'),
		];
		expectNoSecretAnywhere(results, [SECRET, WRONG('blendvision')], extra);
	});
});
