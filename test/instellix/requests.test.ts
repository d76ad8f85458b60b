// Requests per single-item update (instellix): the driver, and why these counts, in test/drivers/requests.ts.
import { InstellixEmulator } from './emulator';
import { useEmulator, workflowFrom } from '../support/helpers';
import { noConfirm, requestsOf, stored } from '../drivers/requests';

const wf = (name: string) => workflowFrom(__dirname, name);
const instellix = useEmulator(new InstellixEmulator());

describe('requests per single-item update', () => {
	test('Instellix: read, write (2); Confirm Write adds one read (the whole plan is written)', async () => {
		const update = wf('updateProperties');
		const credentials = stored(instellix, 'instellix');
		const item = (value: string) => ({ planId: 4711, propertyIdent: 'crm_deal', propertyValue: value });
		expect(await requestsOf(instellix, noConfirm(update, 'Instellix'), credentials, item('deal-1'), item('deal-2'))).toEqual(['GET 200', 'PUT 200']);
		expect(await requestsOf(instellix, update, credentials, item('deal-3'), item('deal-4'))).toEqual(['GET 200', 'PUT 200', 'GET 200']);
	});
});
