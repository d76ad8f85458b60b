// The emulator itself, spoken to over HTTP: it must enforce what Instellix documents, or the node's
// tests against it would prove nothing.
import { INSTELLIX_CLIENTS, INSTELLIX_REALM, InstellixEmulator, type Json } from './emulator';
import { useEmulator } from '../support/helpers';

const emulator = useEmulator(new InstellixEmulator());

async function signIn(client = INSTELLIX_CLIENTS.admin): Promise<string> {
	const response = await fetch(`${emulator.baseUrl}/${INSTELLIX_REALM}/oauth2/token`, {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
	const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
	expect(response.status).toBe(200);
	expect(body.token_type).toBe('bearer');
	expect(body.expires_in).toBe(emulator.tokenTtlSeconds);
	return body.access_token;
}

async function put(token: string, id: number, body: unknown) {
	const response = await fetch(`${emulator.baseUrl}/v2/plans/${id}`, {
		method: 'PUT',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

/** The plan as a PUT body: without the server's fields and without the deprecated inline options (creation requests). */
function writable(id: number): Json {
	const { id: _id, hasActiveContract: _flag, ...rest } = emulator.plan(id);
	return { ...rest, phases: (rest.phases as Json[]).map(({ options: _options, ...phase }) => phase) };
}

test('the token endpoint checks the realm, the grant and the client', async () => {
	const url = (realm: string) => `${emulator.baseUrl}/${realm}/oauth2/token`;
	const auth = `Basic ${Buffer.from(`${INSTELLIX_CLIENTS.admin.clientId}:wrong`).toString('base64')}`;
	const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
	const wrongSecret = await fetch(url(INSTELLIX_REALM), { method: 'POST', headers: { ...form, Authorization: auth }, body: 'grant_type=client_credentials' });
	expect(wrongSecret.status).toBe(401);
	expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
	const wrongRealm = await fetch(url('other'), { method: 'POST', headers: form, body: 'grant_type=client_credentials' });
	expect(wrongRealm.status).toBe(404);
	const wrongGrant = await fetch(url(INSTELLIX_REALM), { method: 'POST', headers: form, body: 'grant_type=password' });
	expect(wrongGrant.status).toBe(400);
});

test('tokens expire, and every error is a GlobalErrorResponse', async () => {
	emulator.tokenTtlSeconds = 0;
	const token = await signIn();
	const response = await fetch(`${emulator.baseUrl}/v2/plans/4711`, { headers: { Authorization: `Bearer ${token}` } });
	expect(response.status).toBe(401);
	expect(await response.json()).toMatchObject({
		status: 'UNAUTHORIZED',
		message: 'Access token expired',
		path: '/v2/plans/4711',
		uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
		timestamp: expect.any(String),
		errors: [],
	});
	const none = await fetch(`${emulator.baseUrl}/v2/plans/4711`);
	expect(none.status).toBe(401);
});

test.each([
	['blank name', (p: Json) => ({ ...p, name: '  ' }), 'name'],
	['long name', (p: Json) => ({ ...p, name: 'x'.repeat(256) }), 'name'],
	['no phases', (p: Json) => ({ ...p, phases: [] }), 'phases'],
	['bad phase ident', (p: Json) => ({ ...p, phases: [{ ...(p.phases as Json[])[0], ident: 'a b' }, (p.phases as Json[])[1]] }), 'phases[0].ident'],
	['initial phase', (p: Json) => ({ ...p, initialPhase: 'nope' }), 'initialPhase'],
	['two phases with one ident', (p: Json) => ({ ...p, phases: [(p.phases as Json[])[0], { ...(p.phases as Json[])[1], ident: 'trial' }] }), 'phases[1].ident'],
	['a next phase that is not in the plan', (p: Json) => ({ ...p, phases: [(p.phases as Json[])[0], { ...(p.phases as Json[])[1], transitions: [{ type: 'NEXT_PHASE', nextPhaseIdent: 'renewal' }] }] }), 'phases[1].transitions[0].nextPhaseIdent'],
	['pending contract terms as a list', (p: Json) => ({ ...p, pendingContractTerms: [{ billingStartOffset: 0 }] }), 'pendingContractTerms'],
	['billing config as text', (p: Json) => ({ ...p, phases: [(p.phases as Json[])[0], { ...(p.phases as Json[])[1], billingConfig: 'IN_ADVANCE' }] }), 'phases[1].billingConfig'],
	['PARTNER without COMMISSION', (p: Json) => ({ ...p, type: 'PARTNER' }), 'type'],
	['unknown option', (p: Json) => ({ ...p, phases: [{ ...(p.phases as Json[])[0], linkedOptions: [{ optionIdent: 'ghost' }] }, (p.phases as Json[])[1]] }), 'phases[0].linkedOptions[0].optionIdent'],
	['property ident', (p: Json) => ({ ...p, properties: [{ ident: 'a b', value: '1' }] }), 'properties[0].ident'],
	['no segment', (p: Json) => ({ ...p, businessSegmentIdent: null, businessSegmentId: null }), 'businessSegmentIdent'],
])('the PUT refuses: %s', async (_name, change, field) => {
	const token = await signIn();
	const before = emulator.plan(4711);
	const { status, body } = await put(token, 4711, change(writable(4711)));
	expect(status).toBe(400);
	expect(body.message).toBe('Validation failed');
	expect((body.errors as Json[]).map((e) => e.fieldName)).toContain(field);
	expect(emulator.plan(4711)).toEqual(before);
});

test('CUSTOMER plans cannot hold COMMISSION options', async () => {
	const token = await signIn();
	const { status, body } = await put(token, 4712, { ...writable(4712), type: 'CUSTOMER' });
	expect(status).toBe(400);
	expect(body.errors).toEqual([expect.objectContaining({ fieldName: 'type', error: "A CUSTOMER plan can't contain COMMISSION options" })]);
});

test('the PUT replaces the documented fields (one left out is gone); fields it does not document stay as they are', async () => {
	const token = await signIn();
	const before = emulator.plan(4711);
	const { individualPlan: _dropped, accountingReference: _notDocumented, ...body } = writable(4711);
	const { status } = await put(token, 4711, { ...body, accountingReference: 'ACC-CHANGED' });
	expect(status).toBe(200);
	expect(emulator.plan(4711)).not.toHaveProperty('individualPlan');
	const { individualPlan: _gone, ...rest } = before;
	expect(emulator.plan(4711)).toEqual(rest);
});

// Issue 22.6: "Update plan" documents phases[].options as deprecated option creation requests.
test('a phase\'s deprecated options in a PUT are creation requests: an option that exists is refused, a new one is created', async () => {
	const token = await signIn();
	const before = emulator.plan(4711);
	const echoed = { ...writable(4711), phases: before.phases };
	const refused = await put(token, 4711, echoed);
	expect(refused.status).toBe(400);
	expect(refused.body.errors).toEqual([{ fieldName: 'phases[1].options[0]', error: 'option legacy-setup already exists', rejectedValue: 'legacy-setup' }]);
	expect(emulator.plan(4711)).toEqual(before);
	const phases = writable(4711).phases as Json[];
	const request = { type: 'ONETIME', name: 'Onboarding', productIdent: 'onboarding', optionIdent: 'onboarding-fee' };
	const created = await put(token, 4711, { ...writable(4711), phases: [phases[0], { ...phases[1], options: [request] }] });
	expect(created.status).toBe(200);
	expect((emulator.plan(4711).phases as Json[])[1].options).toEqual([...((before.phases as Json[])[1].options as Json[]), request]);
	expect(emulator.options.get('onboarding-fee')).toEqual(request);
});

test('a plan with an active contract takes only name and properties (or silently ignores the rest)', async () => {
	const token = await signIn();
	const plan = writable(4713);
	const refused = await put(token, 4713, { ...plan, individualPlan: false });
	expect(refused.status).toBe(400);
	expect(refused.body.message).toContain('holds an active contract');
	const phases = plan.phases as Json[];
	for (const locked of [
		{ ...plan, pendingContractTerms: { billingStartOffset: { value: 7, unit: 'DAY' } } },
		{ ...plan, phases: [{ ...phases[0], billingConfig: { billingStrategy: 'IN_ARREARS' } }] },
		{ ...plan, phases: [...phases, { ident: 'renewal', name: 'Renewal' }] },
	]) {
		const change = await put(token, 4713, locked);
		expect(change.status).toBe(400);
		expect(change.body.message).toContain('holds an active contract');
	}
	const allowed = await put(token, 4713, { ...plan, name: 'New', properties: [] });
	expect(allowed.status).toBe(200);
	expect(emulator.plan(4713)).toMatchObject({ name: 'New', properties: [], individualPlan: true });
	emulator.activeContractEnforcement = 'ignore';
	const ignored = await put(token, 4713, { ...writable(4713), individualPlan: false, name: 'Newer' });
	expect(ignored.status).toBe(200);
	expect(ignored.body).toMatchObject({ name: 'Newer', individualPlan: true });
});

test('the reader client may read but not write', async () => {
	const token = await signIn(INSTELLIX_CLIENTS.reader);
	const read = await fetch(`${emulator.baseUrl}/v2/plans/4711`, { headers: { Authorization: `Bearer ${token}` } });
	expect(read.status).toBe(200);
	const { status, body } = await put(token, 4711, writable(4711));
	expect(status).toBe(403);
	expect(body).toMatchObject({ status: 'FORBIDDEN', message: 'Access Denied' });
});
