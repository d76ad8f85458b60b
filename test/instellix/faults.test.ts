import type { IDataObject } from 'n8n-workflow';

import { INSTELLIX_CLIENTS, INSTELLIX_REALM, InstellixEmulator, type Json } from './emulator';
import { workflowFrom } from '../support/helpers';
import { type Profile, commonScenarios, describeFaultMatrix, matching } from '../drivers/faults';


const item = (planId: number, name: string, propertyIdent: string, propertyValue: string): IDataObject => ({ planId, name, propertyIdent, propertyValue });
const items: IDataObject[] = [
	item(6000, 'Bulk plan 000 (gold)', 'tier', 'gold'),
	item(6001, 'Bulk plan 001 (seats)', 'seats', '10'),
	item(6000, 'Bulk plan 000 (gold, 24x7)', 'support', '24x7'),
	item(6002, 'Bulk plan 002', 'crm_deal', 'deal-002'),
	item(6003, 'Bulk plan 003 (renamed)', 'tier', 'silver'),
	item(6000, 'Bulk plan 000 (final)', 'crm_deal', 'deal-000'),
	item(6004, 'Bulk plan 004', 'region', 'emea'),
	item(6005, 'Bulk plan 005 <&> "quoted"', 'notes', 'Ünïcödé & <xml> "json"'),
	item(6003, 'Bulk plan 003 (again)', 'seats', '25'),
	item(6001, 'Bulk plan 001 (seats, renamed)', 'seats', '12'),
	item(4711, 'Pro Monthly (2026)', 'support', 'phone'),
	item(6002, 'Bulk plan 002 (deal)', 'tier', 'bronze'),
];

const TOKEN = new RegExp(`^/${INSTELLIX_REALM}/oauth2/token$`);

const workflow = workflowFrom(__dirname, 'faults/update');
const PUT = /^\/v2\/plans\/\d+$/;

const profileOf = (emulator: InstellixEmulator): Profile<InstellixEmulator> => ({
	provider: 'Instellix',
	emulator,
	node: 'Instellix',
	workflow,
	credentials: () => [{ ...emulator.credential(), id: 'instellix', name: 'Instellix account' }],
	items,
	key: (i) => String(i.planId),
	untouched: ['4712', '4713', '6006', '6007', '6008'],
	state: (key) => emulator.plan(Number(key)),
	writes: { method: 'PUT', path: PUT },
	reads: { method: 'GET', path: /^\/v2\// },
	failOne: { key: '6003', method: 'PUT', path: /^\/v2\/plans\/6003$/ },
	signIns: () => emulator.tokensIssued,
	signIn: async () => {
		const { clientId, clientSecret } = INSTELLIX_CLIENTS.admin;
		const response = await fetch(`${emulator.baseUrl}/${INSTELLIX_REALM}/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
			body: 'grant_type=client_credentials',
		});
		return { accessToken: ((await response.json()) as { access_token: string }).access_token };
	},
	// The PUT replaces the whole plan: everything but the name and the named properties must come back as read.
	invariant: (key, before, after, named) => {
		const b = before as Json;
		const a = after as Json;
		const problems: string[] = [];
		const { name: _n1, properties: p1, ...restBefore } = b;
		const { name: _n2, properties: p2, ...restAfter } = a;
		if (JSON.stringify(restBefore) !== JSON.stringify(restAfter)) problems.push(`${key}: fields other than name and properties changed`);
		const idents = new Set(named.map((i) => i.propertyIdent as string));
		const props = (list: unknown) => new Map(((list as Array<{ ident: string }> | null) ?? []).map((p) => [p.ident, JSON.stringify(p)]));
		const was = props(p1);
		const now = props(p2);
		for (const [ident, value] of was) {
			if (!now.has(ident)) problems.push(`${key}: property ${ident} was removed`);
			else if (!idents.has(ident) && now.get(ident) !== value) problems.push(`${key}: property ${ident} changed but not named`);
		}
		for (const ident of now.keys()) if (!was.has(ident) && !idents.has(ident)) problems.push(`${key}: property ${ident} added but not named`);
		return problems;
	},
});

describe('Fault matrix: Instellix (Update, 12 items over 7 plans, whole-plan PUT)', () => {
	describeFaultMatrix(() => new InstellixEmulator(), profileOf, [
		...commonScenarios<InstellixEmulator>('Instellix', '6003'),
		{
			name: 'token expires early in the run: n8n signs in again, the refused request is repeated, every item lands',
			setup: (p) => p.emulator.expireTokensAfter(3),
			check: (p) => {
				expect(p.emulator.log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
				expect(p.emulator.tokensIssued).toBeGreaterThanOrEqual(2);
				expect(p.emulator.tokensIssued).toBeLessThanOrEqual(1 + 5);
			},
		},
		{
			name: 'tokens that live 1 second over a run that lasts longer: survives every expiry, every item lands',
			setup: (p) => {
				p.emulator.tokenTtlSeconds = 1;
				p.emulator.latencyMs = 120;
			},
			options: { concurrency: 2 },
			check: (p) => {
				expect(p.emulator.log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
				expect(p.emulator.tokensIssued).toBeGreaterThanOrEqual(2);
			},
		},
		{
			name: 'token expires right before the PUTs are answered, then a PUT is reset after it landed: every item lands once',
			setup: (p) => p.emulator.expireTokensAfter(6),
			faults: () => [{ method: 'PUT', path: PUT, dropConnection: true, applyFirst: true, times: 1 }],
			check: (p) => expect(matching(p, { method: 'POST', path: TOKEN }).length).toBeGreaterThanOrEqual(2),
		},
		{
			name: 'a token signed in before the run expires mid-run and the sign-in answers 503 once: the refused request is sent again, every item lands',
			signedIn: true,
			setup: (p) => p.emulator.expireTokensAfter(4),
			faults: () => [{ method: 'POST', path: TOKEN, status: 503, body: { error: 'temporarily_unavailable', error_description: 'Try again later' }, times: 1 }],
			check: (p) => expect(matching(p, { method: 'POST', path: TOKEN })[0].status).toBe(503),
		},
	]);
});
