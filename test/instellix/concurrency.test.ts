// Instellix: many executions at once on one plan (the PUT replaces the whole plan).
import { InstellixEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { run, useEmulator, withNode, workflowFrom } from '../support/helpers';
import { atOnce, falseUpdates, outputsOf } from '../drivers/history';

const emulator = useEmulator(new InstellixEmulator());
const setProperty = workflowFrom(__dirname, 'updateProperties');
const addPhase = workflowFrom(__dirname, 'addPhase');
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

describe('Instellix: another process writes an older copy of the plan between our write and our confirming read', () => {
	test('our property is written again and the other writer\'s change is kept', async () => {
		const stored = () => emulator.plan(PLAN);
		emulator.injectFault({
			method: 'PUT',
			applyFirst: true,
			// The other process read the plan before our write and renamed it.
			afterApply: () => emulator.addPlan({ ...stored(), id: PLAN, name: 'Pro Monthly (renamed elsewhere)', properties: [{ ident: 'data_volume', value: '25 GB' }, { ident: 'support', value: 'email', printOnInvoice: true }] }),
		});
		const result = await run(setProperty, credential(), [{ planId: PLAN, propertyIdent: 'crm_deal', propertyValue: 'deal-001' }]);
		const [out] = outputsOf([result], 'Instellix');
		expect(stored().name).toBe('Pro Monthly (renamed elsewhere)');
		expect(properties()).toContainEqual({ ident: 'crm_deal', value: 'deal-001' });
		expect(out).toMatchObject({ outcome: 'updated', reapplied: 1 });
		expect(emulator.requests('PUT')).toHaveLength(2);
	});
});

describe('Instellix: an older copy written over an added phase (Confirm Write covers the new fields)', () => {
	test('the phase and the pending contract terms are written again; the other writer\'s rename is kept', async () => {
		const stored = () => emulator.plan(PLAN);
		const original = stored();
		emulator.injectFault({
			method: 'PUT',
			applyFirst: true,
			// The other process read the plan before our write and renamed it.
			afterApply: () => emulator.addPlan({ ...original, id: PLAN, name: 'Pro Monthly (renamed elsewhere)' }),
		});
		const workflow = withNode(addPhase, 'Instellix', { pendingContractTerms: { terms: { change: 'clear' } } });
		const result = await run(workflow, credential(), [{ planId: PLAN, ident: 'renewal', name: 'Renewal', term: '1 year' }]);
		const [out] = outputsOf([result], 'Instellix');
		expect(stored().name).toBe('Pro Monthly (renamed elsewhere)');
		expect((stored().phases as Array<{ ident: string }>).map((p) => p.ident)).toEqual(['trial', 'main', 'renewal']);
		expect(stored().pendingContractTerms).toBeNull();
		expect(out).toMatchObject({ outcome: 'updated', reapplied: 1 });
		expect(emulator.requests('PUT')).toHaveLength(2);
	});
});
