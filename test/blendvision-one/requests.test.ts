// Requests per single-item update (blendvision-one): the driver, and why these counts, in test/drivers/requests.ts.
import { BV_IDS, BV_PLANS, BV_TOKENS, BlendVisionOneEmulator } from './emulator';
import { useEmulator, workflowFrom } from '../support/helpers';
import { noConfirm, requestsOf, stored } from '../drivers/requests';

const wf = (name: string) => workflowFrom(__dirname, name);
const bv = useEmulator(new BlendVisionOneEmulator());

describe('requests per single-item update', () => {
	test('BlendVision One: record, plans, write (3); Confirm Write adds the one read that holds the change', async () => {
		const update = wf('update');
		const credentials = stored(bv, 'blendvision', { apiToken: BV_TOKENS.owner, orgId: BV_IDS.org });
		const plan = (id: string, planId: string) => ({ id, planIds: [planId] });
		expect(await requestsOf(bv, noConfirm(update, 'BlendVision One'), credentials, plan(BV_IDS.beta, BV_PLANS.starter), plan(BV_IDS.acme, BV_PLANS.enterprise))).toEqual([
			'GET 200',
			'GET 200',
			'PATCH 200',
		]);
		const path = (r: { method: string; path: string }) => `${r.method} ${r.path.replace(BV_IDS.acme, '{acme}')}`;
		await requestsOf(bv, update, credentials, plan(BV_IDS.beta, BV_PLANS.pro), { id: BV_IDS.acme, description: 'Acme EU, renewed' });
		expect(bv.log.map(path)).toEqual(['GET /bv/org/v1/sub-orgs/{acme}', 'GET /bv/org/v1/sub-orgs/{acme}/plans', 'PATCH /bv/org/v1/sub-orgs/{acme}', 'GET /bv/org/v1/sub-orgs/{acme}']);
	});
});
