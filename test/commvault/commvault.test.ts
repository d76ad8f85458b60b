import type { IDataObject } from 'n8n-workflow';

import { COMMVAULT_ROOT, COMMVAULT_USERS, CommvaultEmulator, SPECIAL_PLAN } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { TestCredentialsHelper } from '../support/harness/credentials';
import { listSearch, loadOptions, testCredential } from '../support/harness/methods';
import type { WorkflowJson } from '../support/harness/run';
import { expectNoSecrets, jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';


const emulator = useEmulator(new CommvaultEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const NODE = 'Commvault';
const ADMIN = COMMVAULT_USERS.admin;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function credential(data: Record<string, string> = {}): StoredCredential[] {
	const base = emulator.credential().data as Record<string, string>;
	// Spaces and extra trailing slashes on the root URL are tolerated.
	return [{ id: 'commvault', name: 'Commvault account', type: 'commvaultApi', data: { ...base, url: ` ${base.url}// `, ...data } }];
}
const plansWf = (params: IDataObject = {}, settings: IDataObject = {}) => withNode(wf('updatePlans'), NODE, params, settings);
const defaultsWf = (params: IDataObject = {}, settings: IDataObject = {}) => withNode(wf('updateDefaultPlans'), NODE, params, settings);
const puts = () => emulator.requests('PUT');
const logins = () => emulator.requests('POST', `${COMMVAULT_ROOT}/Login`);
const out = (result: Awaited<ReturnType<typeof run>>) => jsonOf(result.output(NODE));
const secrets = () => [ADMIN.password, b64(ADMIN.password), ...emulator.issuedTokens, ...emulator.issuedTokens.map((t) => t.slice(5))];
const xml = (...lines: string[]) => lines.join('\n');

describe('Commvault: Get', () => {
	test('returns the organization with its plans and default plans', async () => {
		const result = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(result.error).toBeUndefined();
		expect(out(result)).toEqual([
			{
				id: 12,
				name: 'Acme Corp',
				domainName: 'acme',
				plans: [
					{ planId: 1, planName: 'Server Gold' },
					{ planId: 3, planName: 'Laptop Standard' },
				],
				defaultPlans: [{ planId: 1, planName: 'Server Gold', subtype: 33554437 }],
			},
		]);
		expect(result.output(NODE)[0].pairedItem).toEqual({ item: 0 });
	});

	test('signs in once with the Base64 password and sends the token verbatim as Authtoken', async () => {
		await run(wf('get'), credential(), [{ orgId: 12 }, { orgId: 13 }]);
		expect(logins()).toHaveLength(1);
		expect(JSON.parse(logins()[0].body)).toEqual({ domain: '', username: ADMIN.username, password: b64(ADMIN.password) });
		const [token] = emulator.issuedTokens;
		expect(token).toMatch(/^QSDK [0-9a-f]+$/);
		const gets = emulator.requests('GET');
		expect(gets.map((r) => r.path)).toEqual([`${COMMVAULT_ROOT}/Organization/12`, `${COMMVAULT_ROOT}/Organization/13`]);
		for (const r of gets) {
			expect(r.headers.authtoken).toBe(token);
			expect(r.headers.accept).toBe('application/json');
		}
	});

	test('reads XML answers the same as JSON (a release that answers XML whatever Accept says)', async () => {
		const json = out(await run(wf('get'), credential(), [{ orgId: 13 }]));
		emulator.forceXml = true;
		const result = await run(wf('get'), credential(), [{ orgId: 13 }]);
		expect(result.error).toBeUndefined();
		expect(emulator.requests('GET').at(-1)?.status).toBe(200);
		expect(out(result)).toEqual(json);
		expect(out(result)[0]).toMatchObject({ name: 'Globex & Sons <EU> "Prod"', defaultPlans: [{ planName: SPECIAL_PLAN }] });
	});

	test('404 keeps Commvault\'s message and says how to fix it', async () => {
		const result = await run(wf('get'), credential(), [{ orgId: 999 }]);
		expect(result.error?.message).toBe('Commvault returned 404 (item 0): Organization with id [999] does not exist.');
		expect(result.error?.description).toContain('Check the ID');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});
});

describe('Commvault: Get Many', () => {
	test('lists the organizations (all, or up to a limit)', async () => {
		const all = await run(wf('getAll'), credential());
		expect(all.error).toBeUndefined();
		expect(out(all)).toEqual([
			{ id: 12, name: 'Acme Corp', domainName: 'acme', description: 'Acme Corp tenant', enabled: true },
			{ id: 13, name: 'Globex & Sons <EU> "Prod"', domainName: 'globex', description: 'Globex & Sons <EU> "Prod" tenant', enabled: true },
			{ id: 14, name: 'Initech', domainName: 'initech', description: 'Initech tenant', enabled: true },
			{ id: 15, name: 'Umbrella', domainName: 'umbrella', description: 'Umbrella tenant', enabled: false },
			{ id: 16, name: 'Basic Monthly Ltd', domainName: 'basic', description: 'Basic Monthly Ltd tenant', enabled: true },
		]);
		expect(all.output(NODE).every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const limited = await run(withNode(wf('getAll'), NODE, { returnAll: false, limit: 2 }), credential());
		expect(out(limited).map((o) => o.id)).toEqual([12, 13]);
	});

	test('works on XML answers too', async () => {
		emulator.forceXml = true;
		const result = await run(wf('getAll'), credential());
		expect(out(result).map((o) => [o.id, o.enabled])).toEqual([[12, true], [13, true], [14, true], [15, false], [16, true]]);
	});
});

describe('Commvault: Update Plans', () => {
	test('Associate adds a plan with the documented XML and keeps every other plan', async () => {
		const result = await run(plansWf(), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(12)).toEqual({ plans: ['Server Gold', 'Laptop Standard', 'Cloud Archive'], defaultPlans: ['Server Gold'] });
		expect(puts()).toHaveLength(1);
		expect(puts()[0].headers['content-type']).toContain('application/xml');
		expect(puts()[0].body).toBe(
			xml(
				'<Api_UpdateOrganizationPropertiesRequest>',
				'  <organizationInfo planDetailsOperationType="ADD">',
				'    <planDetails>',
				'      <plan planName="Cloud Archive"/>',
				'    </planDetails>',
				'    <organization>',
				'      <shortName domainName="acme" id="12"/>',
				'    </organization>',
				'  </organizationInfo>',
				'</Api_UpdateOrganizationPropertiesRequest>',
			),
		);
		const [o] = out(result);
		expect(o.outcome).toBe('updated');
		expect(o.plans).toEqual([
			{ planId: 1, planName: 'Server Gold' },
			{ planId: 3, planName: 'Laptop Standard' },
			{ planId: 5, planName: 'Cloud Archive' },
		]);
		expect(o.defaultPlans).toEqual([{ planId: 1, planName: 'Server Gold', subtype: 33554437 }]);
		expect(o.changes).toEqual([
			{ field: 'plans', from: ['Laptop Standard', 'Server Gold'], to: ['Cloud Archive', 'Laptop Standard', 'Server Gold'] },
		]);
	});

	test('several plans go in one request as repeated planDetails; names or plan IDs, array or comma list', async () => {
		const result = await run(plansWf(), credential(), [{ orgId: 14, plans: 'Server Silver, 5' }]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(14).plans).toEqual(['Server Silver', 'Cloud Archive']);
		expect(emulator.updates).toEqual([{ orgId: 14, list: 'plans', operation: 'ADD', planNames: ['Server Silver', 'Cloud Archive'], errorCode: 0 }]);
		expect(puts()[0].body.match(/<planDetails>/g)).toHaveLength(2);
		// A name with a comma needs an array.
		const comma = await run(plansWf(), credential(), [{ orgId: 14, plans: ['Edge, Mobile & Remote', 1] }]);
		expect(comma.error).toBeUndefined();
		expect(emulator.org(14).plans).toEqual(['Server Silver', 'Cloud Archive', 'Edge, Mobile & Remote', 'Server Gold']);
	});

	test('associating plans the organization already has sends nothing', async () => {
		const result = await run(plansWf(), credential(), [{ orgId: 12, plans: ['Server Gold'] }]);
		expect(puts()).toHaveLength(0);
		expect(out(result)[0]).toMatchObject({ outcome: 'unchanged', changes: [] });
	});

	test('Dissociate removes only the named plans (DELETE)', async () => {
		const result = await run(plansWf({ mode: 'remove' }), credential(), [{ orgId: 12, plans: ['Laptop Standard', 'Cloud Archive'] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(12)).toEqual({ plans: ['Server Gold'], defaultPlans: ['Server Gold'] });
		// Only the plan it had is sent.
		expect(emulator.updates).toEqual([{ orgId: 12, list: 'plans', operation: 'DELETE', planNames: ['Laptop Standard'], errorCode: 0 }]);
		expect(puts()[0].body).toContain('<organizationInfo planDetailsOperationType="DELETE">');
		expect(out(result)[0].changes).toEqual([{ field: 'plans', from: ['Laptop Standard', 'Server Gold'], to: ['Server Gold'] }]);
	});

	test('a plan that is still a default plan is not dissociated', async () => {
		const result = await run(plansWf({ mode: 'remove' }), credential(), [{ orgId: 12, plans: ['Server Gold'] }]);
		expect(result.error?.message).toBe(
			'Change refused for "Plan Names or IDs" in item 0: "Server Gold" is a default plan of organization 12 and cannot be dissociated',
		);
		expect(result.error?.description).toContain('Update Default Plans');
		expect(puts()).toHaveLength(0);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard']);
	});

	test('Replace refuses to remove plans without the toggle and names them', async () => {
		const result = await run(plansWf({ mode: 'replace' }), credential(), [{ orgId: 12, plans: ['Server Gold', 'Server Silver'] }]);
		expect(result.error?.message).toBe(
			'Change refused for "Plan Names or IDs" in item 0: Replace would remove plans organization 12 has but that are not listed: "Laptop Standard"',
		);
		expect(result.error?.description).toContain('Remove Plans Not Listed');
		expect(puts()).toHaveLength(0);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard']);
	});

	test('Replace with "Remove Plans Not Listed" sends one OVERWRITE with the complete list', async () => {
		const result = await run(plansWf({ mode: 'replace' }), credential(), [
			{ orgId: 12, plans: ['Server Gold', 'Server Silver'], removeUnlisted: true },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(12)).toEqual({ plans: ['Server Gold', 'Server Silver'], defaultPlans: ['Server Gold'] });
		expect(emulator.updates).toEqual([
			{ orgId: 12, list: 'plans', operation: 'OVERWRITE', planNames: ['Server Gold', 'Server Silver'], errorCode: 0 },
		]);
		expect(out(result)[0].changes).toEqual([
			{ field: 'plans', from: ['Laptop Standard', 'Server Gold'], to: ['Server Gold', 'Server Silver'] },
		]);
	});

	test('Replace that removes nothing needs no toggle and only adds (no OVERWRITE)', async () => {
		const result = await run(plansWf({ mode: 'replace' }), credential(), [
			{ orgId: 12, plans: ['Laptop Standard', 'Server Gold', 'Cloud Archive'] },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.updates.map((u) => [u.operation, u.planNames])).toEqual([['ADD', ['Cloud Archive']]]);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard', 'Cloud Archive']);
	});

	test('items for the same organization are merged: one read, ADD then DELETE, a read-back for the two-plan ADD', async () => {
		const result = await run(plansWf({ mode: '={{ $json.mode }}' }), credential(), [
			{ orgId: 12, mode: 'add', plans: ['Cloud Archive'] },
			{ orgId: 14, mode: 'add', plans: ['Server Gold'] },
			{ orgId: 12, mode: 'remove', plans: ['Laptop Standard'] },
			{ orgId: 12, mode: 'add', plans: ['Server Silver'] },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Cloud Archive', 'Server Silver']);
		expect(emulator.org(14).plans).toEqual(['Server Gold']);
		// The ADD named two plans: the organization is read back once after the writes (errorCode 0 does not
		// say that every plan of a longer list was applied). Organization 14 got one plan: no read-back.
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Organization/12`)).toHaveLength(2);
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Organization/14`)).toHaveLength(1);
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Plan`)).toHaveLength(1);
		expect(emulator.updates.filter((u) => u.orgId === 12).map((u) => [u.operation, u.planNames])).toEqual([
			['ADD', ['Cloud Archive', 'Server Silver']],
			['DELETE', ['Laptop Standard']],
		]);
		const o = out(result);
		expect(o.map((x) => x.id)).toEqual([12, 14, 12, 12]);
		expect(o[0].changes).toEqual([{ field: 'plans', from: ['Laptop Standard', 'Server Gold'], to: ['Cloud Archive', 'Laptop Standard', 'Server Gold'] }]);
		expect(o[2].changes).toEqual([{ field: 'plans', from: ['Cloud Archive', 'Laptop Standard', 'Server Gold'], to: ['Cloud Archive', 'Server Gold'] }]);
		expect(result.output(NODE).map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	test('an unknown plan is refused with the plans Commvault knows, before any write', async () => {
		const result = await run(plansWf(), credential(), [{ orgId: 12, plans: ['server gold', 'Platinum'] }]);
		expect(result.error?.message).toBe(
			'Change refused for "Plan Names or IDs" in item 0: Commvault has no plan "server gold", "Platinum" (plan names are matched exactly)',
		);
		expect(result.error?.description).toContain('Did you mean "Server Gold"?');
		expect(result.error?.description).toContain('"Cloud Archive", "Edge, Mobile & Remote"');
		expect(puts()).toHaveLength(0);
	});
});

describe('Commvault: Update Default Plans', () => {
	test('Add puts defaultPlansOperationType on organizationProperties and keeps the other default plans', async () => {
		const result = await run(defaultsWf(), credential(), [{ orgId: 12, plans: ['Laptop Standard'] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(12)).toEqual({ plans: ['Server Gold', 'Laptop Standard'], defaultPlans: ['Server Gold', 'Laptop Standard'] });
		expect(puts()[0].body).toBe(
			xml(
				'<Api_UpdateOrganizationPropertiesRequest>',
				'  <organizationInfo>',
				'    <organization>',
				'      <shortName domainName="acme" id="12"/>',
				'    </organization>',
				'    <organizationProperties defaultPlansOperationType="ADD">',
				'      <defaultPlans>',
				'        <plan planName="Laptop Standard"/>',
				'      </defaultPlans>',
				'    </organizationProperties>',
				'  </organizationInfo>',
				'</Api_UpdateOrganizationPropertiesRequest>',
			),
		);
		const [o] = out(result);
		// The organization is not read again after the ADD: Commvault's subtype of the new default plan (which GET
		// Plan does not list) shows in the next Get.
		expect(o.defaultPlans).toEqual([
			{ planId: 1, planName: 'Server Gold', subtype: 33554437 },
			{ planId: 3, planName: 'Laptop Standard' },
		]);
		expect(emulator.org(12).defaultPlans).toEqual(['Server Gold', 'Laptop Standard']);
		expect(o.changes).toEqual([{ field: 'defaultPlans', from: ['Server Gold'], to: ['Laptop Standard', 'Server Gold'] }]);
	});

	test('a plan that is not associated cannot become a default plan', async () => {
		const result = await run(defaultsWf(), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(result.error?.message).toBe(
			'Change refused for "Plan Names or IDs" in item 0: "Cloud Archive" is not associated with organization 12, so it cannot be a default plan',
		);
		expect(result.error?.description).toContain('Update Plans');
		expect(puts()).toHaveLength(0);
	});

	test('Dissociate removes a default plan (DELETE) and keeps the plan associated', async () => {
		const result = await run(defaultsWf({ mode: 'remove' }), credential(), [{ orgId: 13, plans: [SPECIAL_PLAN] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(13)).toEqual({ plans: ['Server Silver', SPECIAL_PLAN], defaultPlans: [] });
		expect(emulator.updates.map((u) => [u.list, u.operation])).toEqual([['defaultPlans', 'DELETE']]);
	});

	test('Replace is refused without the toggle, and OVERWRITEs with it', async () => {
		const refused = await run(defaultsWf({ mode: 'replace' }), credential(), [{ orgId: 12, plans: ['Laptop Standard'] }]);
		expect(refused.error?.message).toBe(
			'Change refused for "Plan Names or IDs" in item 0: Replace would remove default plans organization 12 has but that are not listed: "Server Gold"',
		);
		expect(refused.error?.description).toContain('Remove Default Plans Not Listed');
		expect(puts()).toHaveLength(0);
		const replaced = await run(defaultsWf({ mode: 'replace' }), credential(), [{ orgId: 12, plans: ['Laptop Standard'], removeUnlisted: true }]);
		expect(replaced.error).toBeUndefined();
		expect(emulator.org(12)).toEqual({ plans: ['Server Gold', 'Laptop Standard'], defaultPlans: ['Laptop Standard'] });
		expect(emulator.updates.map((u) => [u.list, u.operation, u.planNames])).toEqual([['defaultPlans', 'OVERWRITE', ['Laptop Standard']]]);
		expect(puts()[0].body).toContain('<organizationProperties defaultPlansOperationType="OVERWRITE">');
	});
});

describe('Commvault: XML special characters', () => {
	test(`a plan named ${SPECIAL_PLAN} round-trips exactly through associate, default, get and dissociate`, async () => {
		const add = await run(plansWf(), credential(), [{ orgId: 12, plans: [SPECIAL_PLAN] }]);
		expect(add.error).toBeUndefined();
		expect(puts()[0].body).toContain('<plan planName="R&amp;D &quot;Lab&quot; &lt;Plan&gt; &apos;β&apos;"/>');
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard', SPECIAL_PLAN]);
		const makeDefault = await run(defaultsWf(), credential(), [{ orgId: 12, plans: [SPECIAL_PLAN] }]);
		expect(makeDefault.error).toBeUndefined();
		expect(emulator.org(12).defaultPlans).toEqual(['Server Gold', SPECIAL_PLAN]);
		emulator.forceXml = true;
		const read = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(out(read)[0].defaultPlans).toEqual([
			{ planId: 1, planName: 'Server Gold', subtype: 33554437 },
			{ planId: 4, planName: SPECIAL_PLAN, subtype: 33554437 },
		]);
		emulator.forceXml = false;
		await run(defaultsWf({ mode: 'remove' }), credential(), [{ orgId: 12, plans: [SPECIAL_PLAN] }]);
		const remove = await run(plansWf({ mode: 'remove' }), credential(), [{ orgId: 12, plans: [SPECIAL_PLAN] }]);
		expect(remove.error).toBeUndefined();
		expect(emulator.org(12)).toEqual({ plans: ['Server Gold', 'Laptop Standard'], defaultPlans: ['Server Gold'] });
		expect(emulator.updates.map((u) => u.planNames)).toEqual([[SPECIAL_PLAN], [SPECIAL_PLAN], [SPECIAL_PLAN], [SPECIAL_PLAN]]);
	});

	test('special characters in an organization name survive JSON and XML answers', async () => {
		for (const forceXml of [false, true]) {
			emulator.forceXml = forceXml;
			const result = await run(wf('get'), credential(), [{ orgId: 13 }]);
			expect(out(result)[0]).toMatchObject({ name: 'Globex & Sons <EU> "Prod"', plans: [{ planName: 'Server Silver' }, { planName: SPECIAL_PLAN }] });
		}
	});
});

describe('Commvault: session', () => {
	test('a token that expires mid-run leads to one fresh login, and the change lands once', async () => {
		emulator.expireTokensOn = { method: 'PUT' };
		const result = await run(plansWf(), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(result.error).toBeUndefined();
		expect(logins()).toHaveLength(2);
		expect(result.credentialsHelper.preAuthCalls.get('commvaultApi')).toBe(2);
		expect(puts().map((r) => r.status)).toEqual([401, 200]);
		expect(puts()[1].headers.authtoken).toBe(emulator.issuedTokens[1]);
		expect(emulator.updates).toHaveLength(1);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard', 'Cloud Archive']);
		// The new token was saved to the credential, as n8n does.
		expect(result.credentialsHelper.store.get('commvault')?.data.token).toBe(emulator.issuedTokens[1]);
	});

	test('the saved token is reused between runs and renewed after 30 idle minutes (here: 300 ms)', async () => {
		const helper = new TestCredentialsHelper();
		emulator.tokenIdleMs = 300;
		await run(wf('get'), credential(), [{ orgId: 12 }], { credentialsHelper: helper });
		const saved = helper.store.get('commvault')!.data;
		await run(wf('get'), [{ ...credential()[0], data: saved }], [{ orgId: 12 }], { credentialsHelper: helper });
		expect(logins()).toHaveLength(1);
		await new Promise((resolve) => setTimeout(resolve, 450));
		const later = await run(wf('get'), [{ ...credential()[0], data: helper.store.get('commvault')!.data }], [{ orgId: 12 }], {
			credentialsHelper: helper,
		});
		expect(later.error).toBeUndefined();
		expect(logins()).toHaveLength(2);
		expect(emulator.requests('GET').map((r) => r.status)).toEqual([200, 200, 401, 200]);
		expect(helper.store.get('commvault')?.data.token).toBe(emulator.issuedTokens[1]);
	});

	test('a wrong password is a clear "login failed" error with Commvault\'s message (HTTP 200, no token)', async () => {
		const result = await run(wf('get'), credential({ password: 'Wrong-Password-1' }), [{ orgId: 12 }]);
		expect(result.error?.message).toContain('Commvault login failed: Invalid Username or Password.');
		expect(result.error?.message).toContain('"Commvault API" credential');
		expect(logins().map((r) => r.status)).toEqual([200]);
		expect(emulator.requests('GET')).toHaveLength(0);
		expectNoSecrets(result, ['Wrong-Password-1', b64('Wrong-Password-1')]);
	});

	test('a login that fails at the HTTP level, or answers without a token, says so cleanly', async () => {
		emulator.injectFault({ method: 'POST', status: 503, body: { errList: [{ errorCode: 1, errLogMessage: 'CommServe services are not running' }] } });
		const down = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(down.error?.message).toContain('Commvault login failed (HTTP 503): CommServe services are not running.');
		emulator.injectFault({ method: 'POST', status: 200, body: {} });
		const empty = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(empty.error?.message).toContain('Commvault login failed: the answer held no token.');
		const wrongRoot = await run(wf('get'), credential({ url: `${emulator.baseUrl}/webconsole` }), [{ orgId: 12 }]);
		expect(wrongRoot.error?.message).toContain('Commvault login failed (HTTP 404). Check the web service root URL');
		for (const result of [down, empty, wrongRoot]) expectNoSecrets(result, secrets());
	});
});

describe('Commvault: HTTP 200 with a non-zero errorCode', () => {
	test('is an error with Commvault\'s message, and is not retried', async () => {
		const result = await run(plansWf(), credential(), [{ orgId: 15, plans: ['Cloud Archive'] }]);
		expect(result.error?.message).toBe('Commvault returned 200 (item 0): Company [Umbrella] is deactivated. Activate it before changing its plans.');
		expect(result.error?.description).toContain('errorCode 9');
		expect((result.error as { httpCode?: string }).httpCode).toBe('200');
		expect(puts()).toHaveLength(1);
		expect(emulator.org(15).plans).toEqual(['Server Gold']);
	});

	test('is read from XML answers too (errorCode on the root element or under error)', async () => {
		emulator.injectFault({
			method: 'GET',
			status: 200,
			headers: { 'Content-Type': 'application/xml' },
			body: '<?xml version="1.0"?><App_GenericResp errorCode="2" errorMessage="License check failed for &quot;Acme&quot; &amp; co"/>',
		});
		const result = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(result.error?.message).toBe('Commvault returned 200 (item 0): License check failed for "Acme" & co');
		emulator.injectFault({
			method: 'PUT',
			status: 200,
			headers: { 'Content-Type': 'application/xml' },
			body: '<App_GenericResp><error errorCode="14" errorMessage="Plan association is locked"/></App_GenericResp>',
		});
		const put = await run(plansWf(), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(put.error?.message).toBe('Commvault returned 200 (item 0): Plan association is locked');
		expect(put.error?.description).toContain('errorCode 14');
	});
});

describe('Commvault: ADD and DELETE are not sent twice', () => {
	test('a timeout on ADD re-reads the organization and does not apply it again', async () => {
		emulator.injectFault({ method: 'PUT', applyFirst: true, delayMs: 2000 });
		const result = await run(plansWf({ options: { timeout: 1000 } }), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(result.error).toBeUndefined();
		expect(emulator.updates).toEqual([{ orgId: 12, list: 'plans', operation: 'ADD', planNames: ['Cloud Archive'], errorCode: 0 }]);
		expect(puts()).toHaveLength(1);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard', 'Cloud Archive']);
		// read, and re-read to see whether the ADD landed (the output needs no third read)
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Organization/12`)).toHaveLength(2);
		expect(out(result)[0].outcome).toBe('updated');
	});

	test('a 502 after the ADD landed is not resent; a 503 before it landed is sent once more', async () => {
		emulator.injectFault({ method: 'PUT', applyFirst: true, status: 502, body: 'Bad Gateway' });
		const landed = await run(plansWf(), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(landed.error).toBeUndefined();
		expect(puts()).toHaveLength(1);
		expect(emulator.updates).toHaveLength(1);
		emulator.resetAll();
		emulator.injectFault({ method: 'PUT', status: 503, body: 'Service Unavailable' });
		const notLanded = await run(plansWf(), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(notLanded.error).toBeUndefined();
		expect(puts().map((r) => r.status)).toEqual([503, 200]);
		expect(emulator.updates).toHaveLength(1);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard', 'Cloud Archive']);
	});

	test('a dropped connection on DELETE after it landed is not resent', async () => {
		emulator.injectFault({ method: 'PUT', applyFirst: true, dropConnection: true });
		const result = await run(plansWf({ mode: 'remove' }), credential(), [{ orgId: 12, plans: ['Laptop Standard'] }]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(1);
		expect(emulator.updates).toEqual([{ orgId: 12, list: 'plans', operation: 'DELETE', planNames: ['Laptop Standard'], errorCode: 0 }]);
	});

	test('with no retries left, the timeout is reported and nothing is sent again', async () => {
		emulator.injectFault({ method: 'PUT', delayMs: 2000 });
		const result = await run(plansWf({ options: { timeout: 1000, maxRetries: 0 } }), credential(), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(result.error?.description).toContain('The request timed out. Raise "Timeout"');
		expect(puts()).toHaveLength(1);
		expect(emulator.updates).toHaveLength(0);
	});
});

describe('Commvault: input errors are caught before anything is sent', () => {
	test.each<[string, WorkflowJson, IDataObject, string]>([
		['organization not a number', wf('updatePlans'), { orgId: 'acme', plans: ['Server Gold'] }, 'Invalid "Organization" in item 0: "acme" is not in the expected form'],
		['no organization', wf('get'), { orgId: '' }, 'Invalid "Organization" in item 0: it is empty'],
		['no plan for Associate', wf('updatePlans'), { orgId: 12, plans: [] }, 'Invalid "Plan Names or IDs" in item 0: no plan was chosen'],
		['no plan for Dissociate', withNode(wf('updateDefaultPlans'), NODE, { mode: 'remove' }), { orgId: 12, plans: ' , ' }, 'Invalid "Plan Names or IDs" in item 0: no plan was chosen'],
		['plans as an object', wf('updatePlans'), { orgId: 12, plans: { name: 'Server Gold' } }, 'Invalid "Plan Names or IDs" in item 0: expected plan names'],
		['a plan that is not text', wf('updatePlans'), { orgId: 12, plans: ['Server Gold', true] }, 'Invalid "Plan Names or IDs" in item 0: true is not a plan name'],
		['unknown mode', withNode(wf('updatePlans'), NODE, { mode: 'merge' }), { orgId: 12, plans: ['Server Gold'] }, 'Invalid "Mode" in item 0: "merge" is not one of the allowed values'],
		['toggle not a boolean', withNode(wf('updatePlans'), NODE, { mode: 'replace' }), { orgId: 12, plans: ['Server Gold'], removeUnlisted: 'yes' }, 'Invalid "Remove Plans Not Listed" in item 0'],
		['timeout too short', withNode(wf('updatePlans'), NODE, { options: { timeout: 10 } }), { orgId: 12, plans: ['Server Gold'] }, 'Invalid "Timeout" in item 0'],
	])('%s', async (_name, workflow, item, message) => {
		const result = await run(workflow, credential(), [item]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toBeTruthy();
		expect(emulator.log).toHaveLength(0);
	});

	test('one bad item stops the run before any request (not even a login)', async () => {
		const result = await run(plansWf(), credential(), [
			{ orgId: 12, plans: ['Cloud Archive'] },
			{ orgId: 'x', plans: ['Cloud Archive'] },
		]);
		expect(result.error?.message).toContain('in item 1');
		expect(emulator.log).toHaveLength(0);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard']);
	});
});

describe('Commvault: continue on fail', () => {
	test('gives one error item per failed input and processes the rest', async () => {
		const workflow = plansWf({ mode: '={{ $json.mode }}' }, { onError: 'continueRegularOutput' });
		const result = await run(workflow, credential(), [
			{ orgId: 12, mode: 'add', plans: ['Cloud Archive'] },
			{ orgId: 12, mode: 'add', plans: [] },
			{ orgId: 999, mode: 'add', plans: ['Cloud Archive'] },
			{ orgId: 13, mode: 'replace', plans: ['Server Silver'] },
			{ orgId: 15, mode: 'add', plans: ['Cloud Archive'] },
			{ orgId: 13, mode: 'add', plans: ['Nope'] },
			{ orgId: 14, mode: 'add', plans: ['Server Gold'] },
		]);
		expect(result.error).toBeUndefined();
		const o = out(result);
		expect(o).toHaveLength(7);
		expect(o[0].outcome).toBe('updated');
		expect(o[1].error).toContain('Invalid "Plan Names or IDs" in item 1');
		expect(o[2].error).toBe('Commvault returned 404 (item 2): Organization with id [999] does not exist.');
		expect(o[2].details).toMatchObject({ httpCode: '404', itemIndex: 2 });
		expect(o[3].error).toContain('Change refused for "Plan Names or IDs" in item 3: Replace would remove plans');
		expect(o[4].error).toBe('Commvault returned 200 (item 4): Company [Umbrella] is deactivated. Activate it before changing its plans.');
		expect(o[5].error).toContain('Commvault has no plan "Nope"');
		expect(o[6].outcome).toBe('updated');
		expect(emulator.org(12).plans).toContain('Cloud Archive');
		expect(emulator.org(13).plans).toEqual(['Server Silver', SPECIAL_PLAN]);
		expect(emulator.org(14).plans).toEqual(['Server Gold']);
		expect(result.output(NODE).map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5, 6].map((item) => ({ item })));
	});

	test('routes failed items to the error output with "Continue (using error output)"', async () => {
		const workflow = plansWf({}, { onError: 'continueErrorOutput' });
		const result = await run(workflow, credential(), [{ orgId: 12, plans: ['Cloud Archive'] }, { orgId: 999, plans: ['Cloud Archive'] }]);
		const main = result.run.data.resultData.runData[NODE][0].data!.main;
		expect(main[0]).toHaveLength(1);
		expect(main[1]).toHaveLength(1);
		expect(main[1]![0].json.error).toContain('404');
	});
});

describe('Commvault: several plans in one ADD or DELETE, against a server that applies only the first', () => {
	beforeEach(() => {
		emulator.firstPlanOnly = true;
	});

	test('Associate of three plans: the read-back shows two missing, and none is reported as associated', async () => {
		const result = await run(plansWf(), credential(), [{ orgId: 14, plans: ['Server Gold', 'Server Silver', 'Cloud Archive'] }]);
		expect(emulator.org(14).plans).toEqual(['Server Gold']);
		expect(result.error?.message).toBe(
			'Change refused for "Plan Names or IDs" in item 0: Commvault answered errorCode 0, but organization 14, read again, is not as asked: "Server Silver", "Cloud Archive" are not among its plans (it holds "Server Gold"). Commvault applied only part of the request, or another writer changed the list since',
		);
		expect(result.error?.description).toContain('Nothing of this item is reported as done');
		// Read, ADD, read-back, and the core's read of what of the item landed after a write applied in part
		// (GET Plan is read once per process).
		expect(emulator.log.filter((r) => !r.path.endsWith('/Login') && !r.path.endsWith('/Plan')).map((r) => `${r.method} ${r.path.replace(COMMVAULT_ROOT, '')}`)).toEqual([
			'GET /Organization/14',
			'PUT /Organization',
			'GET /Organization/14',
			'GET /Organization/14',
		]);
	});

	test('Dissociate of two plans: the plan still there is named; with Continue On Fail the item says so', async () => {
		emulator.orgs.get(14)!.plans = ['Server Gold', 'Server Silver', 'Cloud Archive'];
		const result = await run(plansWf({ mode: 'remove' }, { continueOnFail: true }), credential(), [
			{ orgId: 14, plans: ['Server Silver', 'Cloud Archive'] },
			{ orgId: 12, plans: ['Laptop Standard'] },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.org(14).plans).toEqual(['Server Gold', 'Cloud Archive']);
		const o = out(result);
		expect(o[0].error).toContain('"Cloud Archive" is still among its plans (it holds "Server Gold", "Cloud Archive")');
		expect(o[0]).not.toHaveProperty('outcome');
		// One plan per request needs no read-back, and is reported from errorCode 0.
		expect(o[1]).toMatchObject({ outcome: 'updated', changes: [{ field: 'plans', from: ['Laptop Standard', 'Server Gold'], to: ['Server Gold'] }] });
		expect(emulator.org(12).plans).toEqual(['Server Gold']);
	});
});

describe('Commvault: Dry Run', () => {
	test('shows the removals and the exact XML, and sends no write', async () => {
		const workflow = plansWf({ mode: 'replace', options: { dryRun: true } });
		const result = await run(workflow, credential(), [{ orgId: 12, plans: ['Server Gold', SPECIAL_PLAN], removeUnlisted: true }]);
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(0);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard']);
		const [o] = out(result);
		expect(o.outcome).toBe('dryRun');
		expect(o.changes).toEqual([{ field: 'plans', from: ['Laptop Standard', 'Server Gold'], to: [SPECIAL_PLAN, 'Server Gold'] }]);
		expect(o.plans).toEqual([
			{ planId: 1, planName: 'Server Gold' },
			{ planId: 4, planName: SPECIAL_PLAN },
		]);
		expect(o.request).toEqual([
			{
				method: 'PUT',
				url: `${emulator.baseUrl}${COMMVAULT_ROOT}/Organization`,
				headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
				body: xml(
					'<Api_UpdateOrganizationPropertiesRequest>',
					'  <organizationInfo planDetailsOperationType="OVERWRITE">',
					'    <planDetails>',
					'      <plan planName="Server Gold"/>',
					'    </planDetails>',
					'    <planDetails>',
					`      <plan planName="R&amp;D &quot;Lab&quot; &lt;Plan&gt; &apos;β&apos;"/>`,
					'    </planDetails>',
					'    <organization>',
					'      <shortName domainName="acme" id="12"/>',
					'    </organization>',
					'  </organizationInfo>',
					'</Api_UpdateOrganizationPropertiesRequest>',
				),
			},
		]);
	});

	test('shows both requests when items add and remove', async () => {
		const workflow = plansWf({ mode: '={{ $json.mode }}', options: { dryRun: true } });
		const result = await run(workflow, credential(), [
			{ orgId: 12, mode: 'add', plans: ['Cloud Archive'] },
			{ orgId: 12, mode: 'remove', plans: ['Laptop Standard'] },
		]);
		const requests = out(result)[0].request as Array<{ body: string }>;
		expect(requests.map((r) => /OperationType="(\w+)"/.exec(r.body)?.[1])).toEqual(['ADD', 'DELETE']);
		expect(puts()).toHaveLength(0);
	});
});

describe('Commvault: provider errors', () => {
	test('403 for a tenant administrator keeps Commvault\'s message and says who may do it', async () => {
		const { username, password, domain } = COMMVAULT_USERS.tenant;
		const result = await run(plansWf(), credential({ username, password, domain }), [{ orgId: 12, plans: ['Cloud Archive'] }]);
		expect(JSON.parse(logins()[0].body)).toMatchObject({ domain: 'acme', username: 'acme-admin' });
		expect(result.error?.message).toBe('Commvault returned 403 (item 0): User [acme\\acme-admin] does not have permission to change the plans of this company.');
		expect(result.error?.description).toContain('MSP administrator');
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Laptop Standard']);
	});

	test('a 401 that survives a fresh login is reported with the credential hint', async () => {
		emulator.injectFault({ method: 'GET', status: 401, times: 2, body: 'Access denied. The Authtoken is invalid or has expired.' });
		const result = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(result.error?.message).toBe('Commvault returned 401 (item 0): Access denied. The Authtoken is invalid or has expired.');
		expect(result.error?.description).toContain('"Commvault API" credential');
		expect(logins()).toHaveLength(2);
	});

	test('5xx on a read is retried; Max Retries is honoured', async () => {
		emulator.injectFault({ method: 'GET', status: 503, body: { errorCode: 1, errorMessage: 'Web server is starting' } });
		const retried = await run(wf('get'), credential(), [{ orgId: 12 }]);
		expect(retried.error).toBeUndefined();
		emulator.resetAll();
		emulator.injectFault({ method: 'GET', status: 503, times: 5, body: { errorCode: 1, errorMessage: 'Web server is starting' } });
		const failed = await run(withNode(wf('get'), NODE, { options: { maxRetries: 1 } }), credential(), [{ orgId: 12 }]);
		expect(failed.error?.message).toBe('Commvault returned 503 (item 0): Web server is starting');
		expect(emulator.requests('GET')).toHaveLength(2);
	});
});

describe('Commvault: secrets', () => {
	test('no password or token in outputs, dry runs, errors or logs', async () => {
		const dry = await run(plansWf({ mode: 'replace', options: { dryRun: true } }), credential(), [
			{ orgId: 12, plans: ['Server Gold'], removeUnlisted: true },
		]);
		const read = await run(wf('get'), credential(), [{ orgId: 12 }]);
		// A leaky server echoes the session token in an error, on a read and on a write.
		emulator.leakTokenOn = { method: 'GET', path: /Organization\/12$/ };
		const leakRead = await run(withNode(wf('get'), NODE, { options: { maxRetries: 0 } }), credential(), [{ orgId: 12 }]);
		expect(leakRead.error?.message).toContain('Commvault returned 500 (item 0): Session QSDK [redacted] failed (id [redacted], user n8n-svc)');
		emulator.leakTokenOn = { method: 'PUT' };
		const leakWrite = await run(plansWf({ options: { maxRetries: 0 } }, { onError: 'continueRegularOutput' }), credential(), [
			{ orgId: 12, plans: ['Cloud Archive'] },
		]);
		expect(out(leakWrite)[0].error).toMatch(/^Commvault returned 500 \(item 0\): Session (QSDK )?\[redacted\] failed \(id \[redacted\]/);
		emulator.injectFault({ method: 'GET', status: 500, times: 5, body: { errorCode: 1, errorMessage: `bad password ${ADMIN.password} / ${b64(ADMIN.password)}` } });
		const echoed = await run(withNode(wf('get'), NODE, { options: { maxRetries: 0 } }), credential(), [{ orgId: 12 }]);
		expect(echoed.error?.message).toBe('Commvault returned 500 (item 0): bad password [redacted] / [redacted]');
		expect(echoed.logs.join('\n')).toContain('Commvault returned 500');
		expect(emulator.issuedTokens.length).toBeGreaterThanOrEqual(4);
		for (const result of [dry, read, leakRead, leakWrite, echoed]) expectNoSecrets(result, secrets());
	});
});

describe('Commvault: organization list, plan list and credential test', () => {
	test('"From list" shows connectName with shortName.id as value, filtered by name, alias or ID', async () => {
		const [cred] = credential();
		const all = await listSearch('commvault', 'searchOrganizations', cred);
		expect(all.results).toEqual([
			{ name: 'Acme Corp', value: '12' },
			{ name: 'Basic Monthly Ltd', value: '16' },
			{ name: 'Globex & Sons <EU> "Prod"', value: '13' },
			{ name: 'Initech', value: '14' },
			{ name: 'Umbrella', value: '15' },
		]);
		expect((await listSearch('commvault', 'searchOrganizations', cred, 'GLOB')).results).toEqual([{ name: 'Globex & Sons <EU> "Prod"', value: '13' }]);
		expect((await listSearch('commvault', 'searchOrganizations', cred, 'umbrella')).results.map((r) => r.value)).toEqual(['15']);
		expect((await listSearch('commvault', 'searchOrganizations', cred, '14')).results.map((r) => r.value)).toEqual(['14']);
		emulator.forceXml = true;
		expect((await listSearch('commvault', 'searchOrganizations', cred)).results).toEqual(all.results);
	});

	test('the plan dropdown lists GET Plan by name', async () => {
		const [cred] = credential();
		const options = await loadOptions('commvault', 'getPlans', cred);
		expect(options).toEqual([
			{ name: 'Basic Monthly', value: 'Basic Monthly', description: 'Plan ID 7' },
			{ name: 'Bearer Bundle', value: 'Bearer Bundle', description: 'Plan ID 8' },
			{ name: 'Cloud Archive', value: 'Cloud Archive', description: 'Plan ID 5' },
			{ name: 'Edge, Mobile & Remote', value: 'Edge, Mobile & Remote', description: 'Plan ID 6' },
			{ name: 'Laptop Standard', value: 'Laptop Standard', description: 'Plan ID 3' },
			{ name: 'password=tiers', value: 'password=tiers', description: 'Plan ID 10' },
			{ name: SPECIAL_PLAN, value: SPECIAL_PLAN, description: 'Plan ID 4' },
			{ name: 'Server Gold', value: 'Server Gold', description: 'Plan ID 1' },
			{ name: 'Server Silver', value: 'Server Silver', description: 'Plan ID 2' },
			{ name: 'token: 42', value: 'token: 42', description: 'Plan ID 9' },
		]);
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Plan`)[0].headers.authtoken).toMatch(/^QSDK /);
	});

	test('the credential test signs in and reads GET Organization; a wrong password fails with Commvault\'s message', async () => {
		const [cred] = credential();
		expect(await testCredential('commvault', cred)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests('GET', `${COMMVAULT_ROOT}/Organization`).map((r) => r.status)).toEqual([200]);
		const bad = await testCredential('commvault', { ...cred, data: { ...cred.data, password: 'not-the-password' } });
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('Commvault login failed: Invalid Username or Password.');
		expect(bad.message).not.toContain('not-the-password');
		expect(bad.message).not.toContain(b64('not-the-password'));
	});
});
