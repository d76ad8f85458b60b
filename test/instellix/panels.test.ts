// Issue 24.1: Instellix's panels. In every collection entry the identifying (required) field comes first and the
// optional ones are gathered in a nested collection (node version 2); every JSON field shows a real example;
// workflows saved with version 1's flat entries still show and run as saved.
import type { INodeProperties } from 'n8n-workflow';

import { InstellixEmulator, type Json } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { registry } from '../support/harness/registry';
import { jsonOf, run, useEmulator, workflowFrom } from '../support/helpers';

const emulator = useEmulator(new InstellixEmulator());
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'instellix', name: 'Instellix account' }];

const description = () => registry().nodeTypes.getByNameAndVersion(registry().typeNames.instellix, 2).description;

/** The fields a node of `version` shows (by `@version` only; other display conditions depend on values). */
function shown(fields: INodeProperties[], version: number): INodeProperties[] {
	return fields.filter((f) => {
		const show = f.displayOptions?.show?.['@version'] as number[] | undefined;
		const hide = f.displayOptions?.hide?.['@version'] as number[] | undefined;
		return (!show || show.includes(version)) && !(hide ?? []).includes(version);
	});
}

/** Every fixedCollection entry of the Update operation, by "Parameter > Entry". */
function entries(version: number): Record<string, INodeProperties[]> {
	const out: Record<string, INodeProperties[]> = {};
	for (const prop of description().properties.filter((p) => p.type === 'fixedCollection')) {
		for (const entry of prop.options as Array<{ displayName: string; values: INodeProperties[] }>) {
			out[`${prop.displayName} > ${entry.displayName}`] = shown(entry.values, version);
		}
	}
	return out;
}

/** Every field of the node, nested ones included. */
function allFields(fields: INodeProperties[]): INodeProperties[] {
	return fields.flatMap((f) => {
		const nested = (f.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>;
		const children = nested.flatMap((o) => ('values' in o && Array.isArray(o.values) ? o.values : 'type' in o ? [o as INodeProperties] : []));
		return [f, ...allFields(children)];
	});
}

test('version 2: each entry starts with the field that identifies it; optional fields are nested, never five or more loose', () => {
	const names = Object.fromEntries(Object.entries(entries(2)).map(([entry, fields]) => [entry, fields.map((f) => f.displayName)]));
	expect(names).toEqual({
		'Properties > Add or Update': ['Property Key', 'Value'],
		'Properties > Remove': ['Property Key'],
		'Pending Contract Terms > Terms': ['Change', 'Terms (JSON)'],
		'Phase Changes > Phase': ['Phase Name or ID', 'Update Fields'],
		'Add Phases > New Phase': ['Ident', 'Phase Fields'],
	});
	for (const [entry, fields] of Object.entries(entries(2))) {
		const required = fields.filter((f) => f.required).map((f) => f.displayName);
		expect({ entry, first: fields.slice(0, required.length).map((f) => f.displayName) }).toEqual({ entry, first: required });
		expect({ entry, loose: fields.filter((f) => f.type !== 'collection').length < 5 }).toEqual({ entry, loose: true });
	}
});

test('version 1 keeps the flat entries of workflows saved with 0.2.0', () => {
	expect(entries(1)['Phase Changes > Phase'].map((f) => f.name)).toEqual([
		'billingConfig', 'billingConfigJson', 'endOfMonth', 'addLinkedOptions', 'removeLinkedOptions', 'name', 'nextPhase', 'noticePeriod', 'phase', 'termDuration', 'transition', 'transitionsJson',
	]);
	expect(entries(1)['Add Phases > New Phase'].map((f) => f.name)).toContain('position');
});

test('every JSON field shows a real example of the shape Instellix takes', () => {
	const json = allFields(description().properties).filter((f) => f.type === 'json');
	expect([...new Set(json.map((f) => f.displayName))].sort()).toEqual(['Billing Config (JSON)', 'Output to Undo', 'Raw Plan Changes (JSON)', 'Terms (JSON)', 'Transitions (JSON)']);
	for (const field of json) {
		const example = /e\.g\. (\{.*\}|\[.*\])/.exec(`${field.hint ?? ''} ${field.placeholder ?? ''}`)?.[1];
		expect({ field: field.displayName, example: example !== undefined }).toEqual({ field: field.displayName, example: true });
		expect(() => JSON.parse(example as string)).not.toThrow();
	}
});

test('End of Month says it is on because Instellix\'s default is on', () => {
	const endOfMonth = allFields(description().properties).filter((f) => f.name === 'endOfMonth' && f.type === 'boolean');
	expect(endOfMonth.length).toBeGreaterThan(0);
	for (const field of endOfMonth) expect({ default: field.default, description: field.description }).toEqual({ default: true, description: expect.stringContaining('as in Instellix') });
});

test('a version 2 workflow (optional fields in each entry\'s collection) changes a phase and adds one', async () => {
	emulator.addPlan({
		id: 7200,
		name: 'Basic Monthly',
		businessSegmentIdent: 'default',
		individualPlan: false,
		initialPhase: 'main',
		phases: [{ ident: 'main', name: 'Basic monthly', termDuration: { value: 1, unit: 'MONTH' }, endOfMonth: true, transitions: [], linkedOptions: [{ optionIdent: 'pro-base' }] }],
		properties: [],
		type: 'CUSTOMER',
	});
	const result = await run(workflowFrom(__dirname, 'phasesV2'), credential(), [{ planId: 7200 }]);
	expect(result.error).toBeUndefined();
	expect(emulator.plan(7200).phases).toEqual([
		{ ident: 'trial_3m', name: '3-month trial', termDuration: { value: 3, unit: 'MONTH' }, endOfMonth: true, linkedOptions: [], transitions: [{ type: 'NEXT_PHASE', nextPhaseIdent: 'main' }] },
		{ ident: 'main', name: 'Basic monthly (2026)', termDuration: { value: 1, unit: 'MONTH' }, endOfMonth: false, transitions: [{ type: 'AUTO_RENEWAL' }], linkedOptions: [{ optionIdent: 'pro-base' }] },
	]);
	expect((jsonOf(result.output('Instellix'))[0] as Json).outcome).toBe('updated');
});
