// Instellix: many executions at once on one plan (the PUT replaces the whole plan).
import { InstellixEmulator } from '../emulators/instellix';
import type { StoredCredential } from '../harness/credentials';
import { run, useEmulator, workflowFrom } from '../helpers';
import { atOnce, falseUpdates, outputsOf } from './history';

const emulator = useEmulator(new InstellixEmulator());
const setProperty = workflowFrom(`${__dirname}/../instellix`, 'updateProperties');
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'instellix', name: 'Instellix account' }];
const PLAN = 4711;
const ident = (i: number) => `deal_${String(i + 1).padStart(2, '0')}`;
const properties = () => (emulator.plan(PLAN).properties as Array<{ ident: string; value: string }>).map((p) => ({ ident: p.ident, value: p.value }));

describe('Instellix: executions at once on one plan', () => {
	test('20 executions, each setting its own property: every property is there, and every report is true', async () => {
		emulator.latencyMs = 20;
		const results = await atOnce(20, (i) => run(setProperty, credential(), [{ planId: PLAN, propertyIdent: ident(i), propertyValue: `Deal ${i + 1} won` }]));
		const outputs = outputsOf(results, 'Instellix');

		expect(properties()).toEqual(
			expect.arrayContaining([{ ident: 'data_volume', value: '25 GB' }, { ident: 'support', value: 'email' }, ...Array.from({ length: 20 }, (_, i) => ({ ident: ident(i), value: `Deal ${i + 1} won` }))]),
		);
		expect(properties()).toHaveLength(22);
		const held = (field: string) => {
			// As the node compares properties: keyed by ident.
			const property = emulator.plan(PLAN).properties as Array<{ ident: string; value: string }>;
			const found = property.find((p) => `properties.${p.ident}` === field);
			return found ? { value: found.value } : null;
		};
		const fields = Array.from({ length: 20 }, (_, i) => `properties.${ident(i)}`);
		expect(falseUpdates(outputs, held, fields)).toEqual([]);
		expect(outputs.map((o) => o.outcome)).toEqual(outputs.map(() => 'updated'));
	});
});
