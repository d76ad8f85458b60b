// Pure parts of the Commvault node: XML building and reading, answers in JSON or XML, errors, the
// sign-in helpers, and the write plan (ADD / DELETE / OVERWRITE) and its "did it land" check.
import { type UpdateInput } from '../../nodes/Commvault/actions/organization/inputs';
import { applyChange } from '../../nodes/Commvault/actions/organization/planChange';
import { type OrgState, planWrites, writeLanded, writeResult } from '../../nodes/Commvault/actions/organization/resource';
import { commvaultApi, commvaultLogicalError, parseCommvaultError } from '../../nodes/Commvault/api';
import { readBody } from '../../nodes/Commvault/body';
import { buildUpdateXml, readUpdateXml } from '../../nodes/Commvault/planUpdate';
import { organizationFromDetails, organizationsFromList, plansFromList } from '../../nodes/Commvault/shapes';
import { encodePassword, loginBody, loginMessage, normaliseRoot, readLoginAnswer } from '../../nodes/Commvault/login';
import { ChangeRefused } from '../../nodes/core/errors';

const NASTY = `A&B <C> "D" 'E' &amp; ]]> ü`;
const org = { id: 7, domainName: `x&y"` };

describe('update XML', () => {
	test('escapes & < > " \' in every attribute and reads back to the same names', () => {
		const body = buildUpdateXml(org, 'plans', 'ADD', [NASTY, 'Plain']);
		expect(body).toContain('<plan planName="A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos; &amp;amp; ]]&gt; ü"/>');
		expect(body).toContain('<shortName domainName="x&amp;y&quot;" id="7"/>');
		expect(body).not.toMatch(/planName="[^"]*[<>'][^"]*"/);
		expect(readUpdateXml(body)).toEqual({ orgId: 7, list: 'plans', operation: 'ADD', planNames: [NASTY, 'Plain'] });
	});

	test('the operation attribute sits on organizationInfo for plans and on organizationProperties for default plans', () => {
		const plans = buildUpdateXml(org, 'plans', 'DELETE', ['P']);
		expect(plans).toMatch(/^<Api_UpdateOrganizationPropertiesRequest>\n {2}<organizationInfo planDetailsOperationType="DELETE">\n {4}<planDetails>/);
		const defaults = buildUpdateXml(org, 'defaultPlans', 'OVERWRITE', ['P', 'Q']);
		expect(defaults).toContain('<organizationInfo>\n');
		expect(defaults).toContain('<organizationProperties defaultPlansOperationType="OVERWRITE">');
		expect(defaults.match(/<defaultPlans>/g)).toHaveLength(2);
		expect(readUpdateXml(defaults)).toEqual({ orgId: 7, list: 'defaultPlans', operation: 'OVERWRITE', planNames: ['P', 'Q'] });
	});
});

describe('answers in JSON or XML', () => {
	const detailsXml = `<?xml version="1.0" encoding="UTF-8"?>
<App_GetOrganizationPropertiesResponse>
  <organizationInfo>
    <organization connectName="Acme &amp; Co" description="d"><shortName domainName="acme" id="12"/></organization>
    <organizationProperties><defaultPlans subtype="33554437"><plan planName="Gold" planId="1"/></defaultPlans></organizationProperties>
    <planDetails><plan planName="Gold" planId="1"/></planDetails>
  </organizationInfo>
</App_GetOrganizationPropertiesResponse>`;

	test('organization details read the same from XML (one element, not an array) and from JSON', () => {
		const expected = {
			id: 12,
			name: 'Acme & Co',
			domainName: 'acme',
			plans: [{ planName: 'Gold', planId: 1 }],
			defaultPlans: [{ planName: 'Gold', planId: 1, subtype: 33554437 }],
		};
		expect(organizationFromDetails(12, detailsXml)).toEqual(expected);
		const json = {
			organizationInfo: {
				organization: { connectName: 'Acme & Co', shortName: { domainName: 'acme', id: 12 } },
				organizationProperties: { defaultPlans: [{ subtype: 33554437, plan: { planName: 'Gold', planId: 1 } }] },
				planDetails: [{ plan: { planName: 'Gold', planId: 1 } }],
			},
		};
		expect(organizationFromDetails(12, json)).toEqual(expected);
		expect(organizationFromDetails(12, JSON.stringify(json))).toEqual(expected);
	});

	test('an organization without plans has empty lists', () => {
		expect(organizationFromDetails(3, { organizationInfo: { organization: { shortName: { id: 3, domainName: 'd' } } } })).toMatchObject({ plans: [], defaultPlans: [] });
		expect(organizationFromDetails(3, '<R><organizationInfo><planDetails/></organizationInfo></R>')).toMatchObject({ id: 3, plans: [] });
	});

	test('organization list: providers[] with connectName and shortName.id', () => {
		expect(organizationsFromList('<R><providers connectName="A" enabled="true"><shortName id="4" domainName="a"/></providers></R>')).toEqual([
			{ id: 4, name: 'A', domainName: 'a', description: '', enabled: true },
		]);
		expect(organizationsFromList({ providers: [{ connectName: 'B', shortName: { id: 5 } }, { connectName: 'no id' }] })).toEqual([
			{ id: 5, name: 'B', domainName: '', description: '', enabled: null },
		]);
	});

	test('plan list: `plans`, or the first array of entries with a plan (the key is unconfirmed)', () => {
		expect(plansFromList({ plans: [{ plan: { planId: 1, planName: 'A' } }, { plan: { planId: 1, planName: 'A' } }] })).toEqual([{ planId: 1, planName: 'A' }]);
		expect(plansFromList({ planList: [{ plan: { planId: 2, planName: 'B' } }] })).toEqual([{ planId: 2, planName: 'B' }]);
		expect(plansFromList('<R><plans><plan planId="3" planName="C"/></plans></R>')).toEqual([{ planId: 3, planName: 'C' }]);
		expect(plansFromList('not xml')).toEqual([]);
	});

	test('readBody never throws', () => {
		for (const body of [undefined, null, 42, '', '<', '{', '<a><b></a>', 'text']) expect(() => readBody(body)).not.toThrow();
	});
});

describe('errors', () => {
	const response = (body: unknown, status = 200) => ({ status, headers: {}, body });

	test('success is errorCode 0 or no errorCode; anything else is a logical error, at the top level or under error', () => {
		expect(commvaultLogicalError(response({ error: { errorCode: 0, errorMessage: '' } }))).toBeUndefined();
		expect(commvaultLogicalError(response({ providers: [] }))).toBeUndefined();
		expect(commvaultLogicalError(response({ error: { errorCode: 5, errorMessage: 'Nope' } }))).toEqual({ message: 'Nope', reason: 'errorCode 5' });
		expect(commvaultLogicalError(response({ errorCode: 3, errorMessage: 'Top' }))).toEqual({ message: 'Top', reason: 'errorCode 3' });
		expect(commvaultLogicalError(response({ errorCode: 0, error: { errorCode: 8, errorMessage: 'Inner' } }))?.message).toBe('Inner');
		expect(commvaultLogicalError(response('<R errorCode="4"/>'))).toEqual({ message: 'Commvault refused the request (errorCode 4)', reason: 'errorCode 4' });
		expect(commvaultLogicalError(response('<R><error errorCode="0" errorMessage=""/></R>'))).toBeUndefined();
	});

	test('error answers keep Commvault\'s text, from JSON, errList, plain text or an HTML title', () => {
		expect(parseCommvaultError(response({ errorCode: 2, errorMessage: 'Gone' }, 404))).toEqual({ message: 'Gone', reason: 'errorCode 2' });
		expect(parseCommvaultError(response({ errList: [{ errLogMessage: 'Locked' }] }, 401)).message).toBe('Locked');
		expect(parseCommvaultError(response('Access denied', 401)).message).toBe('Access denied');
		expect(parseCommvaultError(response('<html><head><title>405 - Method Not Allowed</title></head></html>', 405)).message).toBe('405 - Method Not Allowed');
		expect(parseCommvaultError(response('', 502)).message).toBe('HTTP 502');
	});

	test('a 200 refusal gets its own hint; 401, 403, 404 hints say how to fix', () => {
		expect(commvaultApi.hint?.({ message: 'x', reason: 'errorCode 9' }, 200)).toContain('HTTP 200 but refused');
		expect(commvaultApi.hint?.({ message: 'x' }, 401)).toContain('Commvault API');
		expect(commvaultApi.hint?.({ message: 'x' }, 403)).toContain('MSP administrator');
		expect(commvaultApi.hint?.({ message: 'x' }, 404)).toContain('shortName.id');
		expect(commvaultApi.hint?.({ message: 'x' }, 500)).toBeUndefined();
	});

	test('the bare token (without "QSDK ") is a secret too; the base URL is normalised', () => {
		expect(commvaultApi.derivedSecrets?.({ token: 'QSDK abc123' })).toEqual(['abc123']);
		expect(commvaultApi.derivedSecrets?.({ token: '' })).toEqual([]);
		expect(commvaultApi.baseUrl({ url: ' https://h/commandcenter/api// ' })).toBe('https://h/commandcenter/api');
	});
});

describe('sign-in helpers', () => {
	test('root URL ends with exactly one slash; password is Base64 of its UTF-8 bytes', () => {
		expect(normaliseRoot(' https://h/webconsole/api ')).toBe('https://h/webconsole/api/');
		expect(normaliseRoot('http://h:81/SearchSvc/CVWebService.svc///')).toBe('http://h:81/SearchSvc/CVWebService.svc/');
		expect(encodePassword('pässwörd&<')).toBe(Buffer.from('pässwörd&<', 'utf8').toString('base64'));
		expect(loginBody({ username: ' u ', password: 'p', domain: undefined })).toEqual({ domain: '', username: 'u', password: 'cA==' });
	});

	test('a login answer is good only with a token; otherwise Commvault\'s errLogMessage is kept', () => {
		expect(readLoginAnswer({ token: 'QSDK 1a2b', userName: 'u' })).toEqual({ token: 'QSDK 1a2b' });
		expect(readLoginAnswer(JSON.stringify({ token: 'QSDK 1a2b' }))).toEqual({ token: 'QSDK 1a2b' });
		expect(readLoginAnswer('<DM2ContentIndexing_CheckCredentialResp token="QSDK 9f" userName="u"/>')).toEqual({ token: 'QSDK 9f' });
		expect(readLoginAnswer({ errList: [{ errorCode: 5, errLogMessage: 'Invalid Username or Password' }] })).toEqual({ message: 'Invalid Username or Password' });
		expect(readLoginAnswer('<R><errList errLogMessage="User &amp; pw wrong"/></R>')).toEqual({ message: 'User & pw wrong' });
		expect(readLoginAnswer({})).toEqual({ message: undefined });
		expect(loginMessage({ error: { errorMessage: 'E' } })).toBe('E');
	});
});

describe('write plan', () => {
	const state = (plans: string[], defaults: string[] = []): OrgState => ({
		org: {
			id: 12,
			name: 'Acme',
			domainName: 'acme',
			plans: plans.map((planName, i) => ({ planName, planId: i + 1 })),
			defaultPlans: defaults.map((planName) => ({ planName, planId: plans.indexOf(planName) + 1 })),
		},
		catalog: ['A', 'B', 'C', 'D'].map((planName, i) => ({ planName, planId: i + 1 })),
	});
	const input = (mode: UpdateInput['mode'], plans: string[], removeUnlisted = false): UpdateInput => ({ orgId: 12, mode, plans, removeUnlisted });
	const ops = (before: OrgState, after: OrgState, inputs: UpdateInput[]) =>
		planWrites(before, after, inputs, 'plans').map((r) => ({ ...readUpdateXml(r.body), idempotent: r.idempotent }));

	test('ADD and DELETE for what changed (not idempotent); OVERWRITE only for Replace with the toggle', () => {
		const before = state(['A', 'B']);
		const added = applyChange(structuredClone(before), input('add', ['C', 'A']), 'plans');
		const both = applyChange(structuredClone(added), input('remove', ['B']), 'plans');
		expect(ops(before, both, [input('add', ['C']), input('remove', ['B'])])).toEqual([
			{ orgId: 12, list: 'plans', operation: 'ADD', planNames: ['C'], idempotent: false },
			{ orgId: 12, list: 'plans', operation: 'DELETE', planNames: ['B'], idempotent: false },
		]);
		const replaced = applyChange(structuredClone(before), input('replace', ['B', 'D'], true), 'plans');
		// OVERWRITE is confirmed ("Confirm Write"), not read back.
		expect(ops(before, replaced, [input('replace', ['B', 'D'], true)])).toEqual([
			{ orgId: 12, list: 'plans', operation: 'OVERWRITE', planNames: ['B', 'D'], idempotent: true },
		]);
	});

	test('Replace to nothing (toggle on) is sent as DELETE, never as an empty OVERWRITE', () => {
		const before = state(['A', 'B']);
		const emptied = applyChange(structuredClone(before), input('replace', [], true), 'plans');
		expect(emptied.org.plans).toEqual([]);
		expect(ops(before, emptied, [input('replace', [], true)])).toEqual([
			{ orgId: 12, list: 'plans', operation: 'DELETE', planNames: ['A', 'B'], idempotent: false },
			// A DELETE of several plans is read back.
			{ idempotent: true },
		]);
	});

	test('an ADD or DELETE of several plans is read back, and the read decides what is reported', () => {
		const before = state(['A']);
		const after = applyChange(structuredClone(before), input('add', ['B', 'C']), 'plans');
		const requests = planWrites(before, after, [input('add', ['B', 'C'])], 'plans');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /Organization', 'GET /Organization/12']);
		const details = (plans: string[]) => ({ organizationInfo: { organization: { shortName: { id: 12, domainName: 'acme' } }, planDetails: plans.map((planName) => ({ plan: { planName } })) } });
		const ok = { error: { errorCode: 0 } };
		expect(writeResult([ok, details(['A', 'B', 'C'])], after, before, 'plans').org.plans.map((p) => p.planName)).toEqual(['A', 'B', 'C']);
		expect(() => writeResult([ok, details(['A', 'B'])], after, before, 'plans')).toThrow(/"C" is not among its plans/);
		// One plan per request: no read-back, errorCode 0 decides.
		const one = applyChange(structuredClone(before), input('add', ['B']), 'plans');
		expect(planWrites(before, one, [input('add', ['B'])], 'plans').map((r) => r.method)).toEqual(['PUT']);
		expect(writeResult([ok], one, before, 'plans')).toBe(one);
	});

	test('refusals are ChangeRefused from the pure apply', () => {
		expect(() => applyChange(state(['A', 'B']), input('replace', ['A']), 'plans')).toThrow(ChangeRefused);
		expect(() => applyChange(state(['A'], ['A']), input('remove', ['A']), 'plans')).toThrow('is a default plan');
		expect(() => applyChange(state(['A']), input('add', ['B']), 'defaultPlans')).toThrow('not associated');
		expect(() => applyChange(state(['A']), input('add', ['Z']), 'plans')).toThrow('Commvault has no plan "Z"');
		// Plan IDs resolve through GET Plan.
		expect(applyChange(state(['A']), input('add', ['3']), 'plans').org.plans.map((p) => p.planName)).toEqual(['A', 'C']);
	});

	test('"landed" is judged per request from a fresh read', () => {
		const before = state(['A', 'B']);
		const after = applyChange(applyChange(structuredClone(before), input('add', ['C']), 'plans'), input('remove', ['A']), 'plans');
		const [add, del] = planWrites(before, after, [input('add', ['C']), input('remove', ['A'])], 'plans');
		expect(writeLanded(state(['A', 'B', 'C']), add, 'plans')).toBe(true);
		expect(writeLanded(state(['A', 'B']), add, 'plans')).toBe(false);
		expect(writeLanded(state(['B', 'C']), del, 'plans')).toBe(true);
		expect(writeLanded(state(['A', 'B', 'C']), del, 'plans')).toBe(false);
		expect(writeLanded(state([]), { method: 'PUT', path: '/x', body: 'junk' }, 'plans')).toBe(false);
	});
});
