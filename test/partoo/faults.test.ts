import type { IDataObject } from 'n8n-workflow';

import { PartooEmulator } from './emulator';
import { workflowFrom } from '../support/helpers';
import { type Profile, commonScenarios, describeFaultMatrix, listInvariant } from '../drivers/faults';

const items: IDataObject[] = [
	{ orgId: 1000, plans: ['webhooks'], contractEnd: '2027-06-30' },
	{ orgId: 1001, plans: ['posts', 'messages'] },
	{ orgId: 1000, plans: ['booking_links'], contractEnd: '2028-01-31' },
	{ orgId: 1002, plans: 'review_booster', contractEnd: '2029-12-31' },
	{ orgId: 1003, plans: ['posts'] },
	{ orgId: 1000, plans: ['presence_management'], contractEnd: '2030-01-01' },
	{ orgId: 1004, plans: ['feedback_management'] },
	{ orgId: 1005, plans: ['webhooks', 'posts'] },
	{ orgId: 1003, plans: ['messages'], contractEnd: '2027-01-01' },
	{ orgId: 1001, plans: ['webhooks'] },
	{ orgId: 43, plans: ['booking_links'], contractEnd: '2027-12-31' },
	{ orgId: 1002, plans: ['competitive_benchmark'] },
];

const asList = (plans: unknown) => (Array.isArray(plans) ? (plans as string[]) : String(plans).split(','));
const workflow = workflowFrom(__dirname, 'addOrUpdate');

const profileOf = (emulator: PartooEmulator): Profile<PartooEmulator> => ({
	provider: 'Partoo',
	emulator,
	node: 'Partoo',
	workflow,
	credentials: () => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }],
	items,
	key: (item) => String(item.orgId),
	untouched: ['42', '44', '1006', '1007', '1008'],
	state: (key) => emulator.plans(Number(key)),
	writes: { method: 'POST', path: /^\/v2\/org\/\d+\/plans$/ },
	reads: { method: 'GET', path: /^\/v2\/org\/\d+\/plans$/ },
	failOne: { key: '1003', method: 'POST', path: /^\/v2\/org\/1003\/plans$/ },
	// Add or Update never removes a plan, and adds only the plans it names.
	invariant: (_key, before, after, named) =>
		listInvariant(
			(before as Array<{ name: string }>).map((p) => p.name),
			(after as Array<{ name: string }>).map((p) => p.name),
			named.flatMap((i) => asList(i.plans)),
			[],
		),
});

describe('Fault matrix: Partoo (Add or Update, 12 items over 7 organizations)', () => {
	describeFaultMatrix(() => new PartooEmulator(), profileOf, commonScenarios('Partoo', '1003'));
});
