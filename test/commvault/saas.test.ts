// Commvault Cloud (SaaS) sign-in (api.commvault.com, AuthenticationOperations login, Login-SaaS): the credential's
// Deployment choice, its test, the session renewal and the secrets, against the emulator in its SaaS mode.
import { COMMVAULT_ROOT, COMMVAULT_USERS, CommvaultEmulator } from './emulator';
import { loginBody, readLoginAnswer } from '../../nodes/Commvault/login';
import type { StoredCredential } from '../support/harness/credentials';
import { testCredential } from '../support/harness/methods';
import { expectNoSecrets, jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new CommvaultEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const NODE = 'Commvault';
const CLOUD = COMMVAULT_USERS.cloud;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

beforeEach(() => {
	emulator.deployment = 'saas';
});

function credential(data: Record<string, string> = {}): StoredCredential[] {
	const { type, data: base } = emulator.saasCredential();
	return [{ id: 'commvault', name: 'Commvault account', type, data: { ...(base as Record<string, string>), ...data } }];
}
const logins = () => emulator.requests('POST', `${COMMVAULT_ROOT}/Login`);
const bare = () => emulator.issuedTokens.map((t) => t.replace(/^Bearer /, ''));

describe('Commvault Cloud (SaaS) sign-in', () => {
	test('Login-SaaS body, data.authToken sent as a bearer token, the change lands', async () => {
		const result = await run(wf('updatePlans'), credential(), [{ orgId: 14, plans: ['Server Gold'] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(14).plans).toEqual(['Server Gold']);
		expect(jsonOf(result.output(NODE))[0]).toMatchObject({ outcome: 'updated', plans: [{ planId: 1, planName: 'Server Gold' }] });
		// The documented SaaS body: the email and the Base64 password, no domain.
		expect(logins().map((r) => JSON.parse(r.body) as unknown)).toEqual([{ username: CLOUD.username, password: b64(CLOUD.password) }]);
		const [put] = emulator.requests('PUT');
		expect(put.headers.authorization).toBe(emulator.issuedTokens[0]);
		expect(put.headers.authorization).toMatch(/^Bearer eyJ/);
		expect(put.headers).not.toHaveProperty('authtoken');
		expectNoSecrets(result, [CLOUD.password, b64(CLOUD.password), ...emulator.issuedTokens, ...bare()]);
	});

	test('a session that ends mid-run is renewed with a SaaS login, and the change lands once', async () => {
		emulator.expireTokensOn = { method: 'PUT' };
		const result = await run(wf('updatePlans'), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(result.error).toBeUndefined();
		expect(logins()).toHaveLength(2);
		expect(emulator.requests('PUT').map((r) => r.status)).toEqual([401, 200]);
		expect(emulator.updates).toHaveLength(1);
		expect(result.credentialsHelper.store.get('commvault')?.data.token).toBe(emulator.issuedTokens[1]);
		expectNoSecrets(result, [...emulator.issuedTokens, ...bare()]);
	});

	test('the credential test signs in the SaaS way; a wrong password fails with Commvault\'s message and no secret', async () => {
		const [cred] = credential();
		expect(await testCredential('commvault', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Organization`)[0].headers.authorization).toMatch(/^Bearer /);
		const bad = await testCredential('commvault', { ...cred, data: { ...cred.data, password: 'not-the-password' } });
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('Invalid Username or Password');
		expect(bad.message).not.toContain('not-the-password');
		expect(bad.message).not.toContain(b64('not-the-password'));
	});

	test('a customer-managed credential against Commvault Cloud fails at the login, naming the credential', async () => {
		const [cred] = credential({ deployment: 'customerManaged', domain: '' });
		const result = await run(wf('get'), [cred], [{ orgId: 12 }]);
		expect(result.error?.message).toContain('Commvault login failed (HTTP 401): Invalid input: domain is not a field of the SaaS login.');
		expect(result.error?.message).toContain('Check the web service root URL, deployment, username, password and domain in the "Commvault API" credential');
		expect(emulator.requests('GET')).toHaveLength(0);
	});

	test('the two answers and bodies, read by deployment', () => {
		expect(loginBody({ deployment: 'saas', username: ' a@b.example ', password: 'p', domain: 'ignored' })).toEqual({ username: 'a@b.example', password: b64('p') });
		expect(loginBody({ username: 'u', password: 'p', domain: 'd' })).toEqual({ domain: 'd', username: 'u', password: b64('p') });
		expect(readLoginAnswer({ data: { authToken: 'abc.def' } }, true)).toEqual({ token: 'Bearer abc.def' });
		expect(readLoginAnswer({ token: 'QSDK 1' }, true)).toEqual({ message: undefined });
		expect(readLoginAnswer({ data: { authToken: 'abc.def' } })).toEqual({ message: undefined });
		expect(readLoginAnswer({ errorCode: 5, errorMessage: 'Invalid Username or Password' }, true)).toEqual({ message: 'Invalid Username or Password' });
	});
});
