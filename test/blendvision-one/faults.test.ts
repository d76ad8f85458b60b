import type { IDataObject } from 'n8n-workflow';

import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from './emulator';
import { workflowFrom } from '../support/helpers';
import { type Profile, commonScenarios, describeFaultMatrix, listInvariant, matching, reachedHandler } from '../drivers/faults';

const customer = (n: number) => `c0000000-0000-4000-8000-000000000${String(n).padStart(3, '0')}`;
const [C0, C1, C2, C3, C4, C5] = [0, 1, 2, 3, 4, 5].map(customer);

const items: IDataObject[] = [
	{ id: C0, planIds: [BV_PLANS.pro] },
	{ id: C1, description: 'Gold customer' },
	{ id: C0, planIds: [BV_PLANS.enterprise] },
	{ id: C2, billingCycle: 3 },
	{ id: BV_IDS.acme, ownerEmail: 'ops@acme.example' },
	{ id: C3, planIds: [BV_PLANS.pro], description: 'Upgraded' },
	{ id: C1, planIds: [BV_PLANS.enterprise] },
	{ id: C4, planMode: 'remove', planIds: [BV_PLANS.starter] },
	{ id: C0, description: 'Three items on one sub-organization' },
	{ id: BV_IDS.acme, description: 'Owner moved to ops' },
	{ id: C5, category: 'media', siteLimit: 5 },
	{ id: C3, billingCycle: 2 },
];

const switchOwner = /^\/bv\/org\/v1\/sub-orgs\/[^/]+:switch-owner$/;
const CONFLICT = {
	code: 10,
	message: 'aborted: the sub organization was changed by another request',
	details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ERROR_REASON_CONFLICT', domain: 'org.blendvision.com', metadata: {} }],
};

const workflow = workflowFrom(__dirname, 'faults/update');
const PATCH = /^\/bv\/org\/v1\/sub-orgs\/[^/:]+$/;
const PATCH_C3 = new RegExp(`^/bv/org/v1/sub-orgs/${C3}$`);

const profileOf = (emulator: BlendVisionOneEmulator): Profile<BlendVisionOneEmulator> => ({
	provider: 'BlendVision One',
	emulator,
	node: 'BlendVision One',
	workflow,
	credentials: () => [{ ...emulator.credential(), id: 'blendvision', name: 'BlendVision One account' }],
	items,
	key: (item) => String(item.id),
	untouched: [customer(6), customer(7), customer(8), BV_IDS.beta, BV_IDS.gamma],
	state: (key) => {
		const { updated_at: _updated, ...org } = emulator.subOrg(key);
		return org;
	},
	writes: { method: 'PATCH', path: PATCH },
	reads: { method: 'GET', path: /^\/bv\/org\/v1\// },
	failOne: { key: C3, method: 'PATCH', path: PATCH_C3 },
	// The owner switch is a POST: not safe to send twice.
	applied: () => matching({ emulator }, { method: 'POST', path: switchOwner }).filter(reachedHandler).map((r) => `${r.path} ${r.body}`),
	invariant: (_key, before, after, named) => {
		const ids = (list: IDataObject[], mode: string) => list.filter((i) => (i.planMode ?? 'add') === mode).flatMap((i) => (i.planIds as string[] | undefined) ?? []);
		return listInvariant((before as { plan_ids: string[] }).plan_ids, (after as { plan_ids: string[] }).plan_ids, ids(named, 'add'), ids(named, 'remove'));
	},
});

describe('Fault matrix: BlendVision One (Update, 12 items over 7 sub-organizations, one owner switch)', () => {
	describeFaultMatrix(() => new BlendVisionOneEmulator(), profileOf, [
		...commonScenarios<BlendVisionOneEmulator>('BlendVision One', C3),
		{
			name: '409 ERROR_REASON_CONFLICT on the PATCH: read again, write again, every item lands',
			faults: () => [{ method: 'PATCH', path: PATCH, status: 409, body: CONFLICT, times: 2 }],
			check: (p) => expect(p.emulator.log.filter((r) => r.status === 409)).toHaveLength(2),
		},
		{
			name: '409 that never ends on one sub-organization (continue on fail): its items fail with the conflict, the rest lands',
			faults: () => [{ method: 'PATCH', path: PATCH_C3, status: 409, body: CONFLICT, times: 1000 }],
			continueOnFail: true,
			failing: [C3],
			errorPattern: /^BlendVision One returned 409 \(item \d+\): .*changed by another request/,
			// Two conflict retries for the pair of items, then (as a 4xx refuses the combined change) each item alone: bounded.
			check: (p) => expect(matching(p, p.failOne).length).toBeLessThanOrEqual(9),
		},
		{
			name: 'connection reset after the owner switch landed: re-read shows it, it is not sent again',
			faults: () => [{ method: 'POST', path: switchOwner, dropConnection: true, applyFirst: true, times: 1 }],
			check: (p) => expect(matching(p, { method: 'POST', path: switchOwner })).toHaveLength(1),
		},
		{
			name: '503 on the owner switch before it landed: re-read shows it missing, sent once more',
			faults: () => [{ method: 'POST', path: switchOwner, status: 503, body: { code: 14, message: 'unavailable', details: [] }, times: 1 }],
			check: (p) => expect(matching(p, { method: 'POST', path: switchOwner }).map((r) => r.status)).toEqual([503, 200]),
		},
		{
			name: 'owner switch slower than Timeout after it landed: not sent again',
			faults: () => [{ method: 'POST', path: switchOwner, delayMs: 1600, applyFirst: true, times: 1 }],
			options: { timeout: 1000 },
			check: (p) => expect(matching(p, { method: 'POST', path: switchOwner })).toHaveLength(1),
		},
	]);
});
