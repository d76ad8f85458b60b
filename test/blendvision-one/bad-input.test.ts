import { BV_IDS, BV_PLANS, BlendVisionOneEmulator } from './emulator';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';
import { type Rejection, UNSET, describeCorpus } from '../drivers/bad-input';

const emulator = useEmulator(new BlendVisionOneEmulator());
const wf = (name: string) => workflowFrom(__dirname, `bad-input/${name}`);

const SUB = 'Sub-Organization';
const PLANS = 'Plan Names or IDs';
const BS = (label: string) => `Business Settings > ${label}`;

const rejections: Rejection[] = [
	// Sub-Organization (a UUID)
	{ workflow: 'update', field: SUB, name: 'a name instead of an ID', bad: { id: 'Acme EU' }, problem: /is not in the expected form/ },
	{ workflow: 'update', field: SUB, name: 'a UUID one character short', bad: { id: '9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d4' } },
	{ workflow: 'update', field: SUB, name: 'a UUID with a non-hex character', bad: { id: '9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5dzz' } },
	{ workflow: 'update', field: SUB, name: 'a UUID without dashes', bad: { id: '9d1e0c2a4b7f4e219c3d2f6a1b0e5d47' } },
	{ workflow: 'update', field: SUB, name: 'an empty string', bad: { id: '' }, problem: /it is empty/ },
	{ workflow: 'update', field: SUB, name: 'an expression resolving to null', bad: { id: null }, problem: /it is empty/ },
	{ workflow: 'update', field: SUB, name: 'an expression resolving to an object', bad: { id: { id: BV_IDS.acme } } },
	{ workflow: 'get', field: SUB, name: 'a number', bad: { id: 12345 } },
	{ workflow: 'get', field: SUB, name: 'a path traversal', bad: { id: `${BV_IDS.acme}/../${BV_IDS.beta}` } },
	// Plan Change and plans (UUIDs)
	{ workflow: 'update', field: 'Plan Change', name: 'an unknown mode', bad: { planMode: 'append' }, problem: /"append" is not one of the allowed values/ },
	{ workflow: 'update', field: 'Plan Change', name: 'a mode in capitals', bad: { planMode: 'ADD' } },
	{ workflow: 'update', field: 'Plan Change', name: 'an expression resolving to null', bad: { planMode: null }, problem: /it is empty/ },
	{ workflow: 'update', field: 'Plan Change', name: 'an expression resolving to undefined', bad: { planMode: UNSET }, problem: /it is empty/ },
	{ workflow: 'update', field: PLANS, name: 'a plan name instead of its ID', bad: { planIds: ['Starter'] }, problem: /is not a plan ID/ },
	{ workflow: 'update', field: PLANS, name: 'a comma list with a non-UUID', bad: { planIds: `${BV_PLANS.pro},enterprise` } },
	{ workflow: 'update', field: PLANS, name: 'numbers', bad: { planIds: [1, 2] } },
	{ workflow: 'update', field: PLANS, name: 'objects in the list', bad: { planIds: [{ id: BV_PLANS.pro }] } },
	{ workflow: 'update', field: PLANS, name: 'an expression resolving to an object', bad: { planIds: { pro: true } }, problem: /expected a list of plan IDs/ },
	{ workflow: 'update', field: 'Remove Plans Not Listed', name: 'yes instead of true', bad: { planMode: 'replace', planIds: [BV_PLANS.pro], removeUnlisted: 'yes' } },
	// Parent Organization
	{ workflow: 'update', field: 'Parent Organization', name: 'a name instead of an ID', bad: { parentId: 'North Reseller' } },
	{ workflow: 'update', field: 'Parent Organization', name: 'the sub-organization itself', bad: { id: BV_IDS.acme, parentId: BV_IDS.acme.toUpperCase() }, problem: /it is the sub-organization itself/ },
	// Update Fields
	{ workflow: 'update', field: 'Billing Cycle', name: 'zero', bad: { billingCycle: 0 }, problem: /below the minimum of 1/ },
	{ workflow: 'update', field: 'Billing Cycle', name: 'not a whole number', bad: { billingCycle: 2.5 } },
	{ workflow: 'update', field: 'Billing Cycle', name: 'words', bad: { billingCycle: 'monthly' }, problem: /expected a number/ },
	{ workflow: 'update', field: 'Billing Cycle', name: 'above int32', bad: { billingCycle: 2_147_483_648 } },
	{ workflow: 'update', field: 'Contract Months', name: 'negative', bad: { contractMonths: -12 } },
	{ workflow: 'update', field: 'Contract Months', name: 'set together with Contract Days', bad: { contractMonths: 12, contractDays: 30 }, problem: /together with "Contract Days"/ },
	{ workflow: 'update', field: 'Contract Days', name: 'not a whole number', bad: { contractDays: 30.5 } },
	{ workflow: 'update', field: 'Contract Start', name: 'an impossible date', bad: { contractStart: '2026-02-30' }, problem: /is not a date that can be read/ },
	{ workflow: 'update', field: 'Contract Start', name: 'words', bad: { contractStart: 'tomorrow' } },
	{ workflow: 'update', field: 'Contract Start', name: 'a year before 1900', bad: { contractStart: '1800-01-01' } },
	{ workflow: 'update', field: 'Contract Start', name: 'a boolean', bad: { contractStart: true } },
	{ workflow: 'update', field: 'Owner Email', name: 'not an email', bad: { ownerEmail: 'ops at acme' }, problem: /is not in the expected form/ },
	{ workflow: 'update', field: 'Owner Email', name: 'two @ signs', bad: { ownerEmail: 'ops@@acme.example' } },
	{ workflow: 'update', field: 'Owner Email', name: 'no domain dot', bad: { ownerEmail: 'ops@acme' } },
	{ workflow: 'update', field: 'Description', name: 'an expression resolving to an object', bad: { description: { text: 'x' } }, problem: /expected text/ },
	{ workflow: 'update', field: 'Description', name: 'an expression resolving to an array', bad: { description: ['a', 'b'] } },
	{ workflow: 'update', field: 'Clear Next Contract Setting', name: 'sometimes', bad: { clearNextContract: 'sometimes' } },
	// Business Settings
	{ workflow: 'update', field: BS('Category'), name: '41 characters', bad: { category: 'c'.repeat(41) }, problem: /41 characters long, more than the 40 allowed/ },
	{ workflow: 'update', field: BS('Tax ID'), name: '9 characters', bad: { taxId: '123456789' } },
	{ workflow: 'update', field: BS('Site Limit'), name: 'zero', bad: { siteLimit: 0 } },
	{ workflow: 'update', field: BS('Site Limit'), name: 'above 50', bad: { siteLimit: 51 } },
	{ workflow: 'update', field: BS('Site Limit'), name: 'not a whole number', bad: { siteLimit: 2.5 } },
	{ workflow: 'update', field: BS('Enable Create Site'), name: 'yes instead of true', bad: { enableCreateSite: 'yes' } },
	{ workflow: 'update', field: BS('Single Device Login'), name: 'a number', bad: { singleDeviceLogin: 2 } },
	{ workflow: 'update', field: BS('Marketplace URL (Deprecated)'), name: 'not http(s)', bad: { marketplaceUrl: 'ftp://shop.example.com' } },
	{ workflow: 'update', field: BS('Marketplace URL (Deprecated)'), name: 'no scheme', bad: { marketplaceUrl: 'shop.example.com' } },
	{ workflow: 'update', field: BS('Marketplace URL (Deprecated)'), name: 'over 2000 characters', bad: { marketplaceUrl: `https://shop.example.com/${'p'.repeat(2000)}` } },
	// Get Many
	{ workflow: 'getAll', field: 'Limit', name: 'zero', bad: { returnAll: false, limit: 0 } },
	{ workflow: 'getAll', field: 'Limit', name: 'an expression resolving to null', bad: { returnAll: false, limit: null }, problem: /it is empty/ },
	{ workflow: 'getAll', field: 'Filters > Types', name: 'an unknown type', bad: { types: ['ORGANIZATION_TYPE_SHOP'] } },
	{ workflow: 'getAll', field: 'Filters > Statuses', name: 'an unknown status', bad: { statuses: 'ACTIVE' } },
	{ workflow: 'getAll', field: 'Return All', name: 'a word', bad: { returnAll: 'all' } },
	// Options
	{ workflow: 'update', field: 'Concurrency', name: 'zero', bad: { concurrency: 0 }, at: 0 },
	{ workflow: 'update', field: 'Timeout', name: 'above ten minutes', bad: { timeout: 600_001 }, at: 0 },
	{ workflow: 'update', field: 'Dry Run', name: 'a number', bad: { dryRun: 1 }, at: 0 },
];

const customer = (n: number) => `c0000000-0000-4000-8000-000000000${String(n).padStart(3, '0')}`;
const valid = (id: string) => ({ id, planMode: 'add', planIds: [BV_PLANS.pro], returnAll: true });

describe('Bad-input corpus: BlendVision One', () => {
	describeCorpus({
		node: 'BlendVision One',
		emulator,
		credentials: () => [{ ...emulator.credential(), id: 'blendvision', name: 'BlendVision One account' }],
		workflows: { update: wf('update'), get: wf('get'), getAll: wf('getAll') },
		valid: {
			update: [valid(customer(0)), valid(customer(1))],
			get: [valid(customer(0)), valid(customer(1))],
			getAll: [valid(customer(0)), valid(customer(1))],
		},
		rejections,
		acceptances: [
			{
				name: 'JSON and XML special characters in the description are stored exactly',
				workflow: 'update',
				item: { id: customer(2), planIds: UNSET, description: `<b>"Gold" & 'Co'</b> {"json": [1]} \\ ünïcödé` },
				check: (result) => {
					expect(emulator.subOrg(customer(2)).description).toBe(`<b>"Gold" & 'Co'</b> {"json": [1]} \\ ünïcödé`);
					expect(jsonOf(result.output('BlendVision One'))[0].outcome).toBe('updated');
				},
			},
			{
				name: 'an upper-case UUID with spaces around it, and plan IDs in another case',
				workflow: 'update',
				item: { id: `  ${customer(3).toUpperCase()} `, planIds: ` ${BV_PLANS.enterprise.toUpperCase()} ` },
				check: () => expect(emulator.subOrg(customer(3)).plan_ids).toEqual([BV_PLANS.starter, BV_PLANS.enterprise]),
			},
			{
				name: 'a parent organization ID in capitals names the same organization',
				workflow: 'update',
				item: { id: customer(4), planIds: UNSET, parentId: BV_IDS.south.toUpperCase() },
				check: () => expect(emulator.subOrg(customer(4)).parent_id).toBe(BV_IDS.south),
			},
			{
				name: 'a category of exactly 40 characters and a tax ID of exactly 8',
				workflow: 'update',
				item: { id: BV_IDS.acme, planIds: UNSET, category: 'c'.repeat(40), taxId: '87654321' },
				check: () => expect(emulator.subOrg(BV_IDS.acme).business_setting).toMatchObject({ category: 'c'.repeat(40), tax_id: '87654321' }),
			},
		],
	});
});

describe('Bad-input corpus: BlendVision One, one sub-organization named in two cases', () => {
	test('items naming it in lower and in upper case share one read and one write; both changes land', async () => {
		const id = customer(5);
		const result = await run(wf('update'), [{ ...emulator.credential(), id: 'blendvision', name: 'BlendVision One account' }], [
			{ id, planMode: 'add', planIds: [BV_PLANS.pro] },
			{ id: id.toUpperCase(), planMode: 'add', description: 'Named in capitals' },
		]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.subOrg(id)).toMatchObject({ plan_ids: [BV_PLANS.starter, BV_PLANS.pro], description: 'Named in capitals' });
		expect(emulator.requests('PATCH')).toHaveLength(1);
		expect(emulator.requests('GET', `/bv/org/v1/sub-orgs/${id}`)).toHaveLength(2);
	});
});
