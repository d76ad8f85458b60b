// Requests per single-item update (commvault): the driver, and why these counts, in test/drivers/requests.ts.
import type { StoredCredential } from '../support/harness/credentials';
import { CommvaultEmulator } from './emulator';
import { useEmulator, workflowFrom } from '../support/helpers';
import { requestsOf } from '../drivers/requests';

const wf = (name: string) => workflowFrom(__dirname, name);
const commvault = useEmulator(new CommvaultEmulator());

describe('requests per single-item update', () => {
	test('Commvault: read, ADD (2): errorCode 0 tells the result, and an ADD is not confirmed', async () => {
		const update = wf('updatePlans');
		const credentials: StoredCredential[] = [{ id: 'commvault', name: 'Commvault account', type: 'commvaultApi', data: commvault.credential().data as never }];
		expect(await requestsOf(commvault, update, credentials, { orgId: 13, plans: ['Cloud Archive'] }, { orgId: 12, plans: ['Cloud Archive'] })).toEqual(['GET 200', 'PUT 200']);
	});
});
