// How the node reads what Elastic Path publishes. No GET of one offering plan is published (GitHub
// elasticpath/elasticpath-dev openapispecs/subscriptions/public_openapi.yaml; elasticpath/composable-frontend
// packages/sdks/specs/subscriptions.yaml: PUT and DELETE only), so a store may answer that GET in several ways;
// the list is the documented read. And the lists' end is told by more than `links.next: null`.
import { EP_IDS, ElasticPathEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { jsonOf, run, useEmulator, withNode, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new ElasticPathEmulator());
const wf = (name: string) => workflowFrom(__dirname, name);
const NODE = 'Elastic Path Subscriptions';
const { streaming, seats, monthly } = EP_IDS;
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'elastic-path', name: 'Elastic Path account' }];
const singleGets = () => emulator.requests('GET', /\/plans\/[^/]+$/);
const listOffsets = (offering: string) => emulator.requests('GET', `/v2/subscriptions/offerings/${offering}/plans`).map((r) => r.query['page[offset]']);

describe('Elastic Path: the unpublished single-plan GET', () => {
	test.each([400, 403, 410, 501])('a store answering it with %i: the plan is read from the list (the documented read), and the GET is not asked again', async (status) => {
		emulator.settings.singleGetMissingStatus = status;
		const result = await run(wf('get'), credential(), [
			{ offeringId: streaming, planId: monthly },
			{ offeringId: seats, planId: EP_IDS.seat(150) },
		]);
		expect(result.error?.message).toBeUndefined();
		expect(jsonOf(result.output(NODE)).map((p) => [p.id, p.name])).toEqual([
			[monthly, 'Monthly'],
			[EP_IDS.seat(150), 'Seat tier 150'],
		]);
		expect(singleGets().map((r) => r.status)).toEqual([status]);
		expect(listOffsets(seats)).toEqual(['0', '100']);
	});

	test.each([401, 503])('a store answering it with %i: no fallback, the answer stands (credential, or retried and then reported)', async (status) => {
		emulator.settings.singleGetMissingStatus = status;
		const workflow = withNode(wf('get'), NODE, { options: { maxRetries: 0 } });
		const result = await run(workflow, credential(), [{ offeringId: streaming, planId: monthly }]);
		expect(result.error?.message).toMatch(new RegExp(`^Elastic Path returned ${status} \\(item 0\\)`));
		expect(listOffsets(streaming)).toEqual([]);
	});

	test('an update through the fallback lands (emulator state)', async () => {
		emulator.settings.singleGetMissingStatus = 501;
		const result = await run(wf('update'), credential(), [{ offeringId: streaming, planId: monthly, name: 'Basic Monthly' }]);
		expect(result.error?.message).toBeUndefined();
		expect(emulator.plan(streaming, monthly)?.attributes.name).toBe('Basic Monthly');
	});
});

describe('Elastic Path: the end of a list', () => {
	/** The seats offering with exactly 200 plans: its last page (offset 100) is full. */
	beforeEach(() => {
		emulator.offerings.get(seats)!.plans.splice(200);
	});

	const getAll = async () => await run(wf('getAll'), credential(), [{ offeringId: seats, returnAll: true }]);

	test.each(['absent', 'repeat'] as const)('links filled in, last page full, its `next` %s: every plan once, no request past the last page', async (lastPageNext) => {
		emulator.settings.populateLinks = true;
		emulator.settings.lastPageNext = lastPageNext;
		const result = await getAll();
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.output(NODE)).map((p) => p.id);
		expect(ids).toHaveLength(200);
		expect(new Set(ids).size).toBe(200);
		expect(listOffsets(seats)).toEqual(['0', '100']);
	});

	test('`meta.results.total` (as other Elastic Path lists carry it) ends the list without links', async () => {
		emulator.settings.listMeta = true;
		const result = await getAll();
		expect(jsonOf(result.output(NODE))).toHaveLength(200);
		expect(listOffsets(seats)).toEqual(['0', '100']);
	});

	test('nothing said (the specification\'s `links: {}`, no meta): one more request, answered empty, ends it', async () => {
		const result = await getAll();
		expect(jsonOf(result.output(NODE))).toHaveLength(200);
		expect(listOffsets(seats)).toEqual(['0', '100', '200']);
	});

	test('a plan that is in no page: the search through the list stops at its end and says so', async () => {
		emulator.settings.populateLinks = true;
		emulator.settings.lastPageNext = 'absent';
		const missing = '00000000-0000-4000-8000-00000000dead';
		const result = await run(wf('get'), credential(), [{ offeringId: seats, planId: missing }]);
		expect(result.error?.message).toBe(`Elastic Path has no plan ${missing} in offering ${seats} (item 0)`);
		expect(listOffsets(seats)).toEqual(['0', '100']);
	});
});
