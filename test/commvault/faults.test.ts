import type { IDataObject } from 'n8n-workflow';

import { COMMVAULT_ROOT, COMMVAULT_USERS, CommvaultEmulator } from './emulator';
import { seedCustomersOf } from '../support/customers';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';
import { type Profile, type Scenario, commonScenarios, describeFaultMatrix, expectItemError, listInvariant, matching } from '../drivers/faults';

/** An emulator with customers 1000–1019 (plans and default plan "Server Gold") on top of the seed organizations, after every reset. */
function withCustomers(): CommvaultEmulator {
	const emulator = new CommvaultEmulator();
	emulator.afterReset = () => seedCustomersOf.commvault(emulator, 20);
	return emulator;
}
const emulator = useEmulator(withCustomers());

const items: IDataObject[] = [
	{ orgId: 1000, mode: 'add', plans: ['Cloud Archive'] },
	{ orgId: 1001, mode: 'add', plans: ['Server Silver', 'Laptop Standard'] },
	{ orgId: 1000, mode: 'add', plans: ['Server Silver'] },
	{ orgId: 12, mode: 'remove', plans: ['Laptop Standard'] },
	{ orgId: 1002, mode: 'add', plans: 'Cloud Archive' },
	{ orgId: 12, mode: 'add', plans: ['Cloud Archive'] },
	{ orgId: 1003, mode: 'add', plans: ['Edge, Mobile & Remote'] },
	{ orgId: 1001, mode: 'remove', plans: ['Laptop Standard'] },
	{ orgId: 13, mode: 'remove', plans: ['Server Silver'] },
	{ orgId: 1004, mode: 'add', plans: ['Server Silver'] },
	{ orgId: 13, mode: 'add', plans: ['Cloud Archive'] },
	{ orgId: 1004, mode: 'add', plans: ['Laptop Standard'] },
];

const PUT = { method: 'PUT', path: /^\/commandcenter\/api\/Organization$/ };
const LOGIN = new RegExp(`^${COMMVAULT_ROOT}/Login$`);
const asList = (plans: unknown) => (Array.isArray(plans) ? (plans as string[]) : String(plans).split(','));
const named = (list: IDataObject[], mode: string) => list.filter((i) => i.mode === mode).flatMap((i) => asList(i.plans));

const workflow = workflowFrom(__dirname, 'faults/updatePlans');

const profileOf = (emulator: CommvaultEmulator): Profile<CommvaultEmulator> => ({
	provider: 'Commvault',
	emulator,
	node: 'Commvault',
	workflow,
	credentials: () => [{ ...emulator.credential(), id: 'commvault', name: 'Commvault account' }],
	items,
	key: (item) => String(item.orgId),
	untouched: ['14', '15', '1005', '1006', '1007'],
	state: (key) => emulator.org(Number(key)),
	writes: PUT,
	reads: { method: 'GET', path: /^\/commandcenter\/api\// },
	// The PUT's path is the same for every organization: aim at the one organization's read instead.
	failOne: { key: '1003', method: 'GET', path: /^\/commandcenter\/api\/Organization\/1003$/ },
	// ADD and DELETE are not safe to send twice: every one that reached the update logic and was applied.
	applied: () => emulator.updates.filter((u) => u.errorCode === 0).map((u) => `${u.orgId} ${u.list} ${u.operation} ${u.planNames.join(' | ')}`),
	invariant: (_key, before, after, list) => {
		const b = before as { plans: string[]; defaultPlans: string[] };
		const a = after as { plans: string[]; defaultPlans: string[] };
		return [
			...listInvariant(b.plans, a.plans, named(list, 'add'), named(list, 'remove')),
			...listInvariant(b.defaultPlans, a.defaultPlans, [], []),
		];
	},
	signIns: () => emulator.requests('POST', `${COMMVAULT_ROOT}/Login`).length,
	signIn: async () => {
		const { username, password, domain } = COMMVAULT_USERS.admin;
		const response = await fetch(`${emulator.baseUrl}${COMMVAULT_ROOT}/Login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ username, domain, password: Buffer.from(password, 'utf8').toString('base64') }),
		});
		return { token: ((await response.json()) as { token: string }).token };
	},
});

const putsFor = (p: Pick<Profile, 'emulator'>, orgId: number) => matching(p, PUT).filter((r) => r.body.includes(` id="${orgId}"`));
const logins = (p: Profile<CommvaultEmulator>) => p.signIns!();

const specific: Scenario<CommvaultEmulator>[] = [
	{
		name: 'HTTP 200 with a non-zero errorCode on a PUT (continue on fail): that organization\'s items fail with Commvault\'s message, never retried',
		// The first group runs alone, so the first PUT is organization 1000's ADD.
		faults: () => [{ ...PUT, status: 200, body: { error: { errorCode: 9, errorMessage: 'Company [Customer 000] is deactivated. Activate it before changing its plans.' } }, times: 1 }],
		continueOnFail: true,
		failing: ['1000'],
		errorPattern: /^Commvault returned 200 \(item \d+\): Company \[Customer 000\] is deactivated/,
		check: (p, result) => {
			expect(putsFor(p, 1000)).toHaveLength(1);
			expect(String(jsonOf(result.output('Commvault'))[0].details && (jsonOf(result.output('Commvault'))[0].details as IDataObject).description)).toContain('errorCode 9');
		},
	},
	{
		name: 'HTTP 200 with a non-zero errorCode, no continue on fail: the run stops naming the item, nothing is half-changed',
		faults: () => [{ ...PUT, status: 200, body: { errorCode: 14, errorMessage: 'Plan association is locked' }, times: 1 }],
		failing: ['1000'],
		errorPattern: /^Commvault returned 200 \(item 0\): Plan association is locked/,
		check: (p) => expect(putsFor(p, 1000)).toHaveLength(1),
	},
	{
		name: 'session ends right before the first PUT: one new login, the refused PUT is sent again, every change lands once',
		setup: (p) => {
			p.emulator.expireTokensOn = { method: 'PUT' };
		},
		check: (p) => {
			expect(matching(p, PUT)[0].status).toBe(401);
			expect(logins(p)).toBe(2);
		},
	},
	{
		name: 'session ends in the middle of the reads: new login, every change lands once',
		setup: (p) => {
			p.emulator.expireTokensOn = { method: 'GET', path: /Organization\/1003$/ };
		},
		check: (p) => {
			expect(logins(p)).toBeGreaterThanOrEqual(2);
			// One at the start, then at most one per request in flight when the session ended (Concurrency 5).
			expect(logins(p)).toBeLessThanOrEqual(1 + 5);
		},
	},
	{
		name: 'a session signed in before the run ends mid-run and the new login answers 503 once: the refused request is sent again, every item lands',
		signedIn: true,
		setup: (p) => {
			p.emulator.expireTokensOn = { method: 'GET', path: /Organization\/1002$/ };
		},
		faults: () => [{ method: 'POST', path: LOGIN, status: 503, body: { errList: [{ errorCode: 1, errLogMessage: 'CommServe services are restarting' }] }, times: 1 }],
		check: (p) => expect(p.emulator.log.filter((r) => LOGIN.test(r.path)).map((r) => r.status)[0]).toBe(503),
	},
];

describe('Fault matrix: Commvault (Update Plans, 12 items over 7 organizations, ADD and DELETE)', () => {
	describeFaultMatrix(withCustomers, profileOf, [...commonScenarios<CommvaultEmulator>('Commvault', '1003'), ...specific]);
});

describe('Fault matrix: Commvault, a deactivated company among the items', () => {
	test('the refused organization fails alone with errorCode 9 (sent once), every other item lands once', async () => {
		const profile = profileOf(emulator);
		const cof = withNode(workflow, 'Commvault', {}, { onError: 'continueRegularOutput' });
		const list = [...items.slice(0, 4), { orgId: 15, mode: 'add', plans: ['Cloud Archive'] }, ...items.slice(4, 6)];
		const result = await run(cof, profile.credentials(), list);
		const out = jsonOf(result.output('Commvault'));
		expect(out).toHaveLength(list.length);
		expectItemError(out[4], 4, /^Commvault returned 200 \(item 4\): Company \[Umbrella\] is deactivated/);
		expect((out[4].details as IDataObject).description).toContain('errorCode 9');
		expect(putsFor(profile, 15)).toHaveLength(1);
		expect(emulator.org(15)).toEqual({ plans: ['Server Gold'], defaultPlans: [] });
		for (const [i, o] of out.entries()) if (i !== 4) expect(o.outcome).toBe('updated');
		expect(emulator.org(1000).plans).toEqual(['Server Gold', 'Cloud Archive', 'Server Silver']);
		expect(emulator.org(12).plans).toEqual(['Server Gold', 'Cloud Archive']);
		expect(emulator.updates.filter((u) => u.errorCode === 0).map((u) => `${u.orgId} ${u.operation}`).sort()).toEqual(
			['1000 ADD', '1001 ADD', '1002 ADD', '12 ADD', '12 DELETE'].sort(),
		);
	});
});
