// Requests per single-item update (partoo): the driver, and why these counts, in test/drivers/requests.ts.
import { PartooEmulator } from './emulator';
import { useEmulator, workflowFrom } from '../support/helpers';
import { noConfirm, requestsOf, stored } from '../drivers/requests';

const wf = (name: string) => workflowFrom(__dirname, name);
const partoo = useEmulator(new PartooEmulator());

describe('requests per single-item update', () => {
	test('Partoo: read, write (2); Confirm Write adds one read (the plan list is written whole)', async () => {
		const add = wf('addOrUpdate');
		const item = (plan: string) => ({ orgId: 42, plans: [plan], contractEnd: '2027-06-30' });
		const credentials = stored(partoo, 'partoo');
		expect(await requestsOf(partoo, noConfirm(add, 'Partoo'), credentials, item('posts'), item('webhooks'))).toEqual(['GET 200', 'POST 200']);
		expect(await requestsOf(partoo, add, credentials, item('messages'), item('booking_links'))).toEqual(['GET 200', 'POST 200', 'GET 200']);
	});
});
