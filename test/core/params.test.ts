import type { IExecuteFunctions } from 'n8n-workflow';

import { ItemParams } from '../../nodes/core/params';

const ctx = { getNode: () => ({ name: 'Elastic Path', type: 'n8n-nodes-plan-provisioning.elasticPath' }) } as unknown as IExecuteFunctions;
const params = new ItemParams(ctx, 3);

describe('checkJson', () => {
	const fix = 'Give a map such as { "EUR": { "amount": 2700 } }.';

	test('parses JSON text; empty text is no value; what an expression gave is kept as it is', () => {
		expect(params.checkJson('{ "EUR": { "amount": 2700, "includes_tax": true } }', 'Prices (JSON)', fix)).toEqual({ EUR: { amount: 2700, includes_tax: true } });
		expect(params.checkJson('  ', 'Prices (JSON)', fix)).toBeUndefined();
		const given = [{ currency: 'EUR', amount: 2700 }];
		expect(params.checkJson(given, 'Prices (JSON)', fix)).toBe(given);
	});

	test('text that is not JSON is refused, naming the field, the item and the fix', () => {
		expect(() => params.checkJson('{ "EUR": 2700, }', 'Prices (JSON)', fix)).toThrow(/Prices \(JSON\).*not valid JSON/);
		let error: unknown;
		try {
			params.checkJson('EUR 27.00', 'Prices (JSON)', fix);
		} catch (thrown) {
			error = thrown;
		}
		expect(String((error as { description?: string }).description ?? '') + String((error as Error).message)).toContain(fix);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(3);
	});
});
