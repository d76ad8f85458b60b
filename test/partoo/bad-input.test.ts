import { PartooEmulator } from './emulator';
import { jsonOf, useEmulator, workflowFrom } from '../support/helpers';
import { type Rejection, UNSET, describeCorpus } from '../drivers/bad-input';

const emulator = useEmulator(new PartooEmulator());
const wf = (name: string) => workflowFrom(__dirname, `bad-input/${name}`);

const ORG = 'Organization';
const PLANS = 'Plans';
const DATE = 'Expiration Date';

const rejections: Rejection[] = [
	// Organization (a whole number; business and user IDs are not organization IDs)
	{ workflow: 'addOrUpdate', field: ORG, name: 'letters', bad: { orgId: 'abc' }, problem: /"abc" is not in the expected form/ },
	{ workflow: 'addOrUpdate', field: ORG, name: 'a business ID (24 hex characters)', bad: { orgId: '5f0c1a2b3c4d5e6f7a8b9c0d' } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'a decimal number', bad: { orgId: 42.5 } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'a negative number', bad: { orgId: -42 } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an empty string', bad: { orgId: '' }, problem: /it is empty/ },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an expression resolving to null', bad: { orgId: null }, problem: /it is empty/ },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an expression resolving to undefined', bad: { orgId: UNSET }, problem: /it is empty/ },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an expression resolving to an object', bad: { orgId: { id: 42 } } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an expression resolving to an array', bad: { orgId: [42] } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'a boolean', bad: { orgId: true } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an oversized number (13 digits)', bad: { orgId: '1234567890123' } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'an oversized string (10,000 characters)', bad: { orgId: '4'.repeat(10_000) } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'hexadecimal', bad: { orgId: '0x2A' } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'exponent notation', bad: { orgId: '1e3' } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'a space inside', bad: { orgId: '4 2' } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'a path traversal', bad: { orgId: '42/../43' } },
	{ workflow: 'addOrUpdate', field: ORG, name: 'JSON and XML special characters', bad: { orgId: '42"}<x>&' } },
	{ workflow: 'remove', field: ORG, name: 'non-ASCII digits', bad: { orgId: '٤٢' } },
	{ workflow: 'get', field: ORG, name: 'letters on Get', bad: { orgId: 'org-42' } },
	// Plans (Partoo's 11 plan names)
	{ workflow: 'addOrUpdate', field: PLANS, name: 'an unknown plan name', bad: { plans: ['posts', 'gold_plan'] }, problem: /"gold_plan" is not valid/ },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'a plan name in the wrong case', bad: { plans: ['POSTS'] } },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'an empty list', bad: { plans: [] }, problem: /no value was chosen/ },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'an expression resolving to null', bad: { plans: null }, problem: /no value was chosen/ },
	{ workflow: 'remove', field: PLANS, name: 'a blank comma list', bad: { plans: ' , ,' }, problem: /no value was chosen/ },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'a comma list with an unknown name', bad: { plans: 'posts, messages, nope' } },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'a number', bad: { plans: 7 }, problem: /expected a list/ },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'an object', bad: { plans: { posts: true } }, problem: /expected a list/ },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'a null in the list', bad: { plans: ['posts', null] } },
	{ workflow: 'addOrUpdate', field: PLANS, name: 'a nested list', bad: { plans: [['posts']] } },
	{ workflow: 'remove', field: PLANS, name: 'XML special characters', bad: { plans: ['<posts>'] } },
	{ workflow: 'replaceAll', field: PLANS, name: 'an oversized plan name', bad: { plans: ['p'.repeat(5000)] } },
	// Expiration Date
	{ workflow: 'addOrUpdate', field: DATE, name: 'words', bad: { contractEnd: 'next tuesday' }, problem: /is not a date that can be read/ },
	{ workflow: 'addOrUpdate', field: DATE, name: 'an impossible day', bad: { contractEnd: '2027-02-30' } },
	{ workflow: 'addOrUpdate', field: DATE, name: 'an impossible month', bad: { contractEnd: '2027-13-01' } },
	{ workflow: 'addOrUpdate', field: DATE, name: 'an impossible time', bad: { contractEnd: '2027-06-30T25:61:00Z' } },
	{ workflow: 'addOrUpdate', field: DATE, name: 'a year before 1900', bad: { contractEnd: '1899-12-31' }, problem: /outside the years 1900 to 9999/ },
	{ workflow: 'addOrUpdate', field: DATE, name: 'epoch milliseconds past the year 9999', bad: { contractEnd: 253_402_300_800_001 }, problem: /outside the years/ },
	{ workflow: 'replaceAll', field: DATE, name: 'a boolean', bad: { contractEnd: true } },
	{ workflow: 'addOrUpdate', field: DATE, name: 'an object', bad: { contractEnd: { year: 2027 } } },
	{ workflow: 'addOrUpdate', field: DATE, name: 'an array', bad: { contractEnd: ['2027-06-30'] } },
	{ workflow: 'addOrUpdate', field: DATE, name: 'NaN as text', bad: { contractEnd: 'NaN' } },
	// Remove Plans Not Listed
	{ workflow: 'replaceAll', field: 'Remove Plans Not Listed', name: 'yes instead of true', bad: { removeUnlisted: 'yes' }, problem: /expected true or false/ },
	{ workflow: 'replaceAll', field: 'Remove Plans Not Listed', name: 'a number', bad: { removeUnlisted: 1 } },
	// Options (read from the first item)
	{ workflow: 'addOrUpdate', field: 'Concurrency', name: 'zero', bad: { concurrency: 0 }, at: 0, problem: /below the minimum of 1/ },
	{ workflow: 'addOrUpdate', field: 'Concurrency', name: 'above the maximum', bad: { concurrency: 51 }, at: 0 },
	{ workflow: 'addOrUpdate', field: 'Concurrency', name: 'not a whole number', bad: { concurrency: 2.5 }, at: 0 },
	{ workflow: 'get', field: 'Max Retries', name: 'negative', bad: { maxRetries: -1 }, at: 0 },
	{ workflow: 'addOrUpdate', field: 'Max Retries', name: 'words', bad: { maxRetries: 'three' }, at: 0 },
	{ workflow: 'addOrUpdate', field: 'Timeout', name: 'below one second', bad: { timeout: 999 }, at: 0 },
	{ workflow: 'addOrUpdate', field: 'Rate Limit', name: 'negative', bad: { rateLimit: -300 }, at: 0 },
	{ workflow: 'addOrUpdate', field: 'Max Wait for Retry-After', name: 'negative', bad: { maxRetryAfter: -60 }, at: 0 },
	{ workflow: 'addOrUpdate', field: 'Max Wait for Retry-After', name: 'a duration as text', bad: { maxRetryAfter: '2 minutes' }, at: 0 },
	{ workflow: 'replaceAll', field: 'Dry Run', name: 'maybe', bad: { dryRun: 'maybe' }, at: 0 },
];

const valid = (orgId: number) => ({ orgId, plans: ['posts'], contractEnd: '2027-06-30', removeUnlisted: true });

describe('Bad-input corpus: Partoo', () => {
	describeCorpus({
		node: 'Partoo',
		emulator,
		credentials: () => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }],
		workflows: { addOrUpdate: wf('addOrUpdate'), replaceAll: wf('replaceAll'), remove: wf('remove'), get: wf('get') },
		valid: {
			addOrUpdate: [valid(42), valid(43)],
			replaceAll: [valid(42), valid(43)],
			remove: [valid(42), valid(43)],
			get: [valid(42), valid(43)],
		},
		rejections,
		acceptances: [
			{
				name: 'an organization ID with spaces around it, as a number or as text',
				workflow: 'addOrUpdate',
				item: { orgId: '  1000 ', plans: ['webhooks'] },
				check: () => expect(emulator.plans(1000).map((p) => p.name)).toEqual(['presence_management', 'review_booster', 'webhooks']),
			},
			{
				name: 'a comma-separated list with spaces and a duplicate',
				workflow: 'addOrUpdate',
				item: { orgId: 1001, plans: ' webhooks , posts,webhooks ', contractEnd: '' },
				check: (result) => {
					expect(emulator.plans(1001).map((p) => p.name)).toEqual(['presence_management', 'review_booster', 'webhooks', 'posts']);
					expect(jsonOf(result.output('Partoo'))[0].changes).toHaveLength(2);
				},
			},
			{
				name: 'a date-time with an offset becomes the calendar day it names',
				workflow: 'addOrUpdate',
				item: { orgId: 1002, plans: ['posts'], contractEnd: '2027-06-30T23:30:00-05:00' },
				check: () => expect(emulator.plans(1002).find((p) => p.name === 'posts')?.expiration_date).toBe('2027-06-30'),
			},
			{
				name: 'epoch milliseconds and a leap day',
				workflow: 'addOrUpdate',
				item: { orgId: 1003, plans: ['posts'], contractEnd: Date.UTC(2028, 1, 29, 12) },
				check: () => expect(emulator.plans(1003).find((p) => p.name === 'posts')?.expiration_date).toBe('2028-02-29'),
			},
		],
	});
});
