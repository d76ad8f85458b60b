import { CommvaultEmulator, SPECIAL_PLAN } from './emulator';
import { jsonOf, useEmulator, workflowFrom } from '../support/helpers';
import { type Rejection, UNSET, describeCorpus } from '../drivers/bad-input';

const emulator = useEmulator(new CommvaultEmulator());
const wf = (name: string) => workflowFrom(__dirname, `bad-input/${name}`);

const ORG = 'Organization';
const PLANS = 'Plan Names or IDs';

const rejections: Rejection[] = [
	// Organization (shortName.id, a whole number)
	{ workflow: 'updatePlans', field: ORG, name: 'a company name', bad: { orgId: 'Acme Corp' }, problem: /is not in the expected form/ },
	{ workflow: 'updatePlans', field: ORG, name: 'a domain name', bad: { orgId: 'acme' } },
	{ workflow: 'updatePlans', field: ORG, name: 'a decimal number', bad: { orgId: 12.5 } },
	{ workflow: 'updatePlans', field: ORG, name: 'a negative number', bad: { orgId: -12 } },
	{ workflow: 'updatePlans', field: ORG, name: 'a plus sign', bad: { orgId: '+12' } },
	{ workflow: 'updatePlans', field: ORG, name: 'an empty string', bad: { orgId: '' }, problem: /it is empty/ },
	{ workflow: 'updatePlans', field: ORG, name: 'an expression resolving to null', bad: { orgId: null }, problem: /it is empty/ },
	{ workflow: 'updateDefaultPlans', field: ORG, name: 'an expression resolving to undefined', bad: { orgId: UNSET }, problem: /it is empty/ },
	{ workflow: 'updatePlans', field: ORG, name: 'an expression resolving to an object', bad: { orgId: { id: 12 } } },
	{ workflow: 'updatePlans', field: ORG, name: 'an expression resolving to an array', bad: { orgId: [12, 13] } },
	{ workflow: 'get', field: ORG, name: 'a boolean', bad: { orgId: false } },
	{ workflow: 'get', field: ORG, name: 'eleven digits', bad: { orgId: '12345678901' } },
	{ workflow: 'get', field: ORG, name: 'non-ASCII digits', bad: { orgId: '١٢' } },
	{ workflow: 'updatePlans', field: ORG, name: 'XML special characters', bad: { orgId: '12"/><x' } },
	// Mode
	{ workflow: 'updatePlans', field: 'Mode', name: "Commvault's own word instead of the node's", bad: { mode: 'OVERWRITE' }, problem: /"OVERWRITE" is not one of the allowed values/ },
	{ workflow: 'updatePlans', field: 'Mode', name: 'an unknown mode', bad: { mode: 'associate' } },
	{ workflow: 'updateDefaultPlans', field: 'Mode', name: 'a number', bad: { mode: 1 } },
	{ workflow: 'updatePlans', field: 'Mode', name: 'an expression resolving to null', bad: { mode: null }, problem: /it is empty/ },
	{ workflow: 'updateDefaultPlans', field: 'Mode', name: 'an empty string', bad: { mode: '' }, problem: /it is empty/ },
	// Plan Names or IDs
	{ workflow: 'updatePlans', field: PLANS, name: 'an empty list to add', bad: { plans: [] }, problem: /no plan was chosen/ },
	{ workflow: 'updatePlans', field: PLANS, name: 'an expression resolving to null (remove)', bad: { mode: 'remove', plans: null }, problem: /no plan was chosen/ },
	{ workflow: 'updatePlans', field: PLANS, name: 'a blank comma list', bad: { plans: ' , , ' } },
	{ workflow: 'updatePlans', field: PLANS, name: 'an object', bad: { plans: { planName: 'Server Gold' } }, problem: /expected plan names/ },
	{ workflow: 'updatePlans', field: PLANS, name: 'objects in the list', bad: { plans: [{ planName: 'Server Gold' }] }, problem: /is not a plan name/ },
	{ workflow: 'updatePlans', field: PLANS, name: 'a boolean in the list', bad: { plans: ['Server Gold', true] } },
	{ workflow: 'updatePlans', field: PLANS, name: 'a decimal plan ID', bad: { plans: [1.5] } },
	{ workflow: 'updatePlans', field: PLANS, name: 'a null in the list', bad: { plans: ['Server Gold', null] } },
	{ workflow: 'updateDefaultPlans', field: PLANS, name: 'a nested list', bad: { plans: [['Server Gold']] } },
	{ workflow: 'updatePlans', field: PLANS, name: 'a plan name over 256 characters', bad: { plans: ['P'.repeat(257)] }, problem: /257 characters long/ },
	{ workflow: 'updateDefaultPlans', field: PLANS, name: 'a boolean', bad: { plans: true } },
	// Remove Plans Not Listed (Replace)
	{ workflow: 'updatePlans', field: 'Remove Plans Not Listed', name: 'yes instead of true', bad: { mode: 'replace', removeUnlisted: 'yes' } },
	{ workflow: 'updateDefaultPlans', field: 'Remove Default Plans Not Listed', name: 'a number', bad: { mode: 'replace', removeUnlisted: 1 } },
	// Get Many and options
	{ workflow: 'getAll', field: 'Limit', name: 'zero', bad: { returnAll: false, limit: 0 } },
	{ workflow: 'getAll', field: 'Return All', name: 'a word', bad: { returnAll: 'everything' } },
	{ workflow: 'updatePlans', field: 'Concurrency', name: 'words', bad: { concurrency: 'many' }, at: 0 },
	{ workflow: 'updatePlans', field: 'Timeout', name: 'half a second', bad: { timeout: 500 }, at: 0 },
	{ workflow: 'updatePlans', field: 'Dry Run', name: 'y', bad: { dryRun: 'y' }, at: 0 },
	{ workflow: 'get', field: 'Max Retries', name: 'not a whole number', bad: { maxRetries: 1.5 }, at: 0 },
];

const valid = (orgId: number) => ({ orgId, mode: 'add', plans: ['Cloud Archive'], returnAll: true });

describe('Bad-input corpus: Commvault', () => {
	describeCorpus({
		node: 'Commvault',
		emulator,
		credentials: () => [{ ...emulator.credential(), id: 'commvault', name: 'Commvault account' }],
		workflows: { updatePlans: wf('updatePlans'), updateDefaultPlans: wf('updateDefaultPlans'), get: wf('get'), getAll: wf('getAll') },
		valid: {
			updatePlans: [valid(12), valid(14)],
			updateDefaultPlans: [{ ...valid(12), plans: ['Laptop Standard'] }, { ...valid(13), plans: ['Server Silver'] }],
			get: [valid(12), valid(13)],
			getAll: [valid(12), valid(13)],
		},
		rejections,
		acceptances: [
			{
				name: `a plan name with every XML special character (${SPECIAL_PLAN}) round-trips exactly`,
				workflow: 'updatePlans',
				item: { orgId: 14, plans: [SPECIAL_PLAN] },
				check: (result) => {
					expect(emulator.org(14).plans).toEqual([SPECIAL_PLAN]);
					expect(emulator.updates).toEqual([{ orgId: 14, list: 'plans', operation: 'ADD', planNames: [SPECIAL_PLAN], errorCode: 0 }]);
					expect(jsonOf(result.output('Commvault'))[0].plans).toEqual([{ planId: 4, planName: SPECIAL_PLAN }]);
				},
			},
			{
				name: 'a plan name with a comma, given in an array',
				workflow: 'updatePlans',
				item: { orgId: 14, plans: ['Edge, Mobile & Remote'] },
				check: () => expect(emulator.org(14).plans).toEqual(['Edge, Mobile & Remote']),
			},
			{
				name: 'plan IDs as numbers and as text, an organization ID with spaces',
				workflow: 'updatePlans',
				item: { orgId: ' 14 ', plans: [2, '5'] },
				check: () => expect(emulator.org(14).plans).toEqual(['Server Silver', 'Cloud Archive']),
			},
			{
				name: 'an empty list with Replace and the toggle on removes every plan (the explicit destructive mode)',
				workflow: 'updateDefaultPlans',
				item: { orgId: 12, mode: 'replace', plans: [], removeUnlisted: true },
				check: () => expect(emulator.org(12)).toEqual({ plans: ['Server Gold', 'Laptop Standard'], defaultPlans: [] }),
			},
		],
	});
});
