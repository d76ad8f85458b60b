import { InstellixEmulator } from './emulator';
import { jsonOf, useEmulator, workflowFrom } from '../support/helpers';
import { type Rejection, UNSET, describeCorpus } from '../drivers/bad-input';

const emulator = useEmulator(new InstellixEmulator());
const wf = (name: string) => workflowFrom(__dirname, `bad-input/${name}`);

const PHASE = (field: string) => `${field} of phase "main"`;
const NEW = (field: string) => `${field} of new phase "renewal"`;
const RAW = 'Raw Plan Changes (JSON)';

const rejections: Rejection[] = [
	// Plan (the numeric ID, an int64; not the ident)
	{ workflow: 'name', field: 'Plan', name: 'the plan ident instead of its ID', bad: { planId: 'bulk-000' }, problem: /is not in the expected form/ },
	{ workflow: 'name', field: 'Plan', name: 'an empty string', bad: { planId: '' }, problem: /it is empty/ },
	{ workflow: 'name', field: 'Plan', name: 'an expression resolving to null', bad: { planId: null }, problem: /it is empty/ },
	{ workflow: 'name', field: 'Plan', name: 'an expression resolving to an object', bad: { planId: { id: 6000 } } },
	{ workflow: 'get', field: 'Plan', name: 'a negative number', bad: { planId: -6000 } },
	{ workflow: 'get', field: 'Plan', name: 'a decimal number', bad: { planId: 6000.5 } },
	{ workflow: 'get', field: 'Plan', name: 'twenty digits', bad: { planId: '12345678901234567890' } },
	{ workflow: 'get', field: 'Plan', name: 'nineteen digits above the int64 range', bad: { planId: '9999999999999999999' }, problem: /larger than/ },
	// Update Fields (a field that is added must have a value)
	{ workflow: 'name', field: 'Name', name: 'an empty string', bad: { name: '' }, problem: /it is empty/ },
	{ workflow: 'name', field: 'Name', name: 'only spaces', bad: { name: '   ' }, problem: /it is blank/ },
	{ workflow: 'name', field: 'Name', name: 'an expression resolving to undefined', bad: { name: UNSET }, problem: /it is empty/ },
	{ workflow: 'name', field: 'Name', name: 'over 255 characters', bad: { name: 'N'.repeat(256) }, problem: /256 characters long, more than the 255 allowed/ },
	{ workflow: 'name', field: 'Name', name: 'an expression resolving to an array', bad: { name: ['Gold'] } },
	{ workflow: 'fields', field: 'Business Segment', name: 'a space inside', bad: { segment: 'emea north' }, problem: /is not in the expected form/ },
	{ workflow: 'fields', field: 'Business Segment', name: 'non-ASCII letters', bad: { segment: 'müller' } },
	{ workflow: 'fields', field: 'Business Segment', name: 'over 100 characters', bad: { segment: 's'.repeat(101) } },
	{ workflow: 'fields', field: 'Individual Plan', name: 'an expression resolving to null', bad: { individualPlan: null }, problem: /it is empty/ },
	{ workflow: 'fields', field: 'Individual Plan', name: 'yes instead of true', bad: { individualPlan: 'yes' } },
	{ workflow: 'fields', field: 'Initial Phase', name: 'XML special characters', bad: { initialPhase: '<main>' } },
	{ workflow: 'fields', field: 'Type', name: 'lower case', bad: { type: 'customer' }, problem: /"customer" is not one of the allowed values/ },
	{ workflow: 'fields', field: 'Type', name: 'an unknown type', bad: { type: 'RESELLER' } },
	{ workflow: 'fields', field: 'Type', name: 'an empty string', bad: { type: '' }, problem: /it is empty/ },
	// Properties
	{ workflow: 'properties', field: 'Properties: Property Key', name: 'a space inside', bad: { propertyIdent: 'data volume' } },
	{ workflow: 'properties', field: 'Properties: Property Key', name: 'an expression resolving to null', bad: { propertyIdent: null }, problem: /it is empty/ },
	{ workflow: 'properties', field: 'Properties: Value of "tier"', name: 'an expression resolving to null', bad: { propertyValue: null }, problem: /it is empty/ },
	{ workflow: 'properties', field: 'Properties: Value of "tier"', name: 'an expression resolving to an object', bad: { propertyValue: { gb: 25 } }, problem: /expected text/ },
	{ workflow: 'removeProperty', field: 'Properties: Property Key', name: 'a path in the ident to remove', bad: { removeIdent: 'a/../b' } },
	// Phase Changes
	{ workflow: 'phase', field: 'Phase Changes 1: Phase', name: 'an empty phase ident', bad: { phase: '' }, problem: /it is empty/ },
	{ workflow: 'phase', field: 'Phase Changes 1: Phase', name: 'nothing to change on the phase', bad: { phaseName: UNSET }, problem: /nothing is set to change on phase "main"/ },
	{ workflow: 'phase', field: PHASE('Name'), name: 'over 255 characters', bad: { phaseName: 'p'.repeat(256) } },
	{ workflow: 'phase', field: PHASE('Term Duration'), name: 'an unknown unit', bad: { term: '12 fortnights' }, problem: /"12 fortnights" is not a duration/ },
	{ workflow: 'phase', field: PHASE('Term Duration'), name: 'a negative number', bad: { term: '-1 months' } },
	{ workflow: 'phase', field: PHASE('Term Duration'), name: 'an object with a decimal value', bad: { term: { value: 1.5, unit: 'MONTH' } }, problem: /is not a whole number/ },
	{ workflow: 'phase', field: PHASE('Notice Period'), name: 'an object with an unknown unit', bad: { notice: { value: 2, unit: 'WEEK' } }, problem: /the unit "WEEK"/ },
	{ workflow: 'phase', field: PHASE('Notice Period'), name: 'words', bad: { notice: 'soon' } },
	{ workflow: 'phase', field: PHASE('End of Month'), name: 'maybe', bad: { endOfMonth: 'maybe' } },
	{ workflow: 'phase', field: PHASE('Linked Options to Add'), name: 'a space inside an option ident', bad: { addOptions: 'pro base' } },
	{ workflow: 'phase', field: PHASE('Linked Options to Add'), name: 'the same option added and removed', bad: { addOptions: ['pro-seats'], removeOptions: 'pro-seats' }, problem: /also in "Linked Options to Remove"/ },
	{ workflow: 'phase', field: PHASE('Linked Options to Remove'), name: 'an expression resolving to an object', bad: { removeOptions: { ident: 'pro-base' } } },
	{ workflow: 'phase', field: PHASE('Transition'), name: 'an unknown transition', bad: { transition: 'renew' } },
	{ workflow: 'phase', field: PHASE('Transition'), name: 'an expression resolving to null', bad: { transition: null }, problem: /it is empty/ },
	{ workflow: 'phase', field: PHASE('Next Phase'), name: 'missing for "Next Phase"', bad: { transition: 'nextPhase' }, problem: /it is empty/ },
	{ workflow: 'phase', field: PHASE('Transitions (JSON)'), name: 'invalid JSON', bad: { transition: 'custom', transitionsJson: '[{"type": AUTO_RENEWAL}]' }, problem: /it is not valid JSON/ },
	{ workflow: 'phase', field: PHASE('Transitions (JSON)'), name: 'an object instead of an array', bad: { transition: 'custom', transitionsJson: '{"type": "AUTO_RENEWAL"}' }, problem: /not an array of objects/ },
	// Pending Contract Terms
	{ workflow: 'terms', field: 'Pending Contract Terms: Terms (JSON)', name: 'invalid JSON', bad: { terms: '{billingStartOffset: 7}' }, problem: /it is not valid JSON/ },
	{ workflow: 'terms', field: 'Pending Contract Terms: Terms (JSON)', name: 'a list', bad: { terms: '[{"billingStartOffset": 7}]' }, problem: /it is not a JSON object/ },
	{ workflow: 'terms', field: 'Pending Contract Terms: Terms (JSON)', name: 'a number', bad: { terms: 42 }, problem: /it is not a JSON object/ },
	{ workflow: 'terms', field: 'Pending Contract Terms: Terms (JSON)', name: 'an empty object to merge', bad: { terms: '{}' }, problem: /changes nothing/ },
	{ workflow: 'terms', field: 'Pending Contract Terms: Terms (JSON)', name: 'nothing to replace with', bad: { termsChange: 'replace', terms: '' }, problem: /it is empty/ },
	{ workflow: 'terms', field: 'Pending Contract Terms: Change', name: 'an unknown change', bad: { termsChange: 'append' }, problem: /is not one of the allowed values/ },
	{ workflow: 'terms', field: 'Pending Contract Terms: Change', name: 'an expression resolving to an empty string', bad: { termsChange: '' }, problem: /it is empty/ },
	// Billing Config of a phase
	{ workflow: 'billing', field: PHASE('Billing Config (JSON)'), name: 'a JSON string', bad: { billingConfig: '"IN_ADVANCE"' }, problem: /it is not a JSON object/ },
	{ workflow: 'billing', field: PHASE('Billing Config (JSON)'), name: 'nothing to merge', bad: { billingChange: 'merge', billingConfig: UNSET }, problem: /it is empty/ },
	{ workflow: 'billing', field: PHASE('Billing Config'), name: 'set instead of replace', bad: { billingChange: 'set' }, problem: /is not one of the allowed values/ },
	{ workflow: 'billing', field: PHASE('Billing Config'), name: 'an expression resolving to null', bad: { billingChange: null }, problem: /it is empty/ },
	// Add Phases
	{ workflow: 'newPhase', field: 'Add Phases 1: Ident', name: 'missing', bad: { newIdent: UNSET }, problem: /it is empty/ },
	{ workflow: 'newPhase', field: 'Add Phases 1: Ident', name: 'a space inside', bad: { newIdent: 'trial 3m' }, problem: /is not in the expected form/ },
	{ workflow: 'newPhase', field: NEW('Name'), name: 'over 255 characters', bad: { newName: 'T'.repeat(256) } },
	{ workflow: 'newPhase', field: NEW('Term Duration'), name: 'an unknown unit', bad: { newTerm: '3 fortnights' }, problem: /is not a duration/ },
	{ workflow: 'newPhase', field: NEW('End of Month'), name: 'maybe', bad: { newEndOfMonth: 'maybe' } },
	{ workflow: 'newPhase', field: NEW('Linked Options'), name: 'a space inside an option ident', bad: { newOptions: 'pro base' } },
	{ workflow: 'newPhase', field: NEW('Position'), name: 'middle', bad: { position: 'middle' }, problem: /is not one of the allowed values/ },
	{ workflow: 'newPhase', field: NEW('Position'), name: 'an expression resolving to an empty string', bad: { position: '' }, problem: /it is empty/ },
	{ workflow: 'newPhase', field: NEW('Reference Phase'), name: 'missing for "Before a Phase"', bad: { position: 'before' }, problem: /it is empty/ },
	{ workflow: 'newPhase', field: NEW('Transition'), name: '"keep" for a phase that has none yet', bad: { newTransition: 'keep' }, problem: /is not one of the allowed values/ },
	{ workflow: 'newPhase', field: NEW('Transition'), name: 'an expression resolving to null', bad: { newTransition: null }, problem: /it is empty/ },
	// Phases to Remove
	{ workflow: 'removePhases', field: 'Phases to Remove', name: 'a space inside', bad: { removePhases: 'main phase' }, problem: /is not in the expected form/ },
	{ workflow: 'removePhases', field: 'Phases to Remove', name: 'an expression resolving to an object', bad: { removePhases: { ident: 'trial' } }, problem: /expected a list of idents/ },
	// Raw Plan Changes (JSON)
	{ workflow: 'raw', field: RAW, name: 'invalid JSON', bad: { raw: '{"businessSegmentId": 3,}' }, problem: /it is not valid JSON/ },
	{ workflow: 'raw', field: RAW, name: 'a list', bad: { raw: '[{"name": "Basic Monthly"}]' }, problem: /it is not a JSON object/ },
	{ workflow: 'raw', field: RAW, name: 'an empty object', bad: { raw: '{}' }, problem: /changes nothing/ },
	{ workflow: 'raw', field: RAW, name: 'a field Instellix sets itself', bad: { raw: { id: 6001, hasActiveContract: false } }, problem: /"id", "hasActiveContract", which Instellix sets itself/ },
	// Issue 22.8: every read-only field is refused before sending, not only `id` (Instellix refused a changed `ident`).
	{ workflow: 'raw', field: RAW, name: 'the plan ident (read-only)', bad: { raw: { ident: 'bulk-001-renamed' } }, problem: /it sets "ident", which Instellix sets itself \(read-only\)/ },
	{ workflow: 'raw', field: RAW, name: 'the planIdent (read-only)', bad: { raw: { planIdent: 'bulk-001', name: 'Bulk plan 001' } }, problem: /it sets "planIdent", which Instellix sets itself/ },
	{ workflow: 'raw', field: RAW, name: 'phases as an object', bad: { raw: { phases: { main: { autoRenewal: false } } } }, problem: /"phases" is not a list of objects that each have an "ident"/ },
	{ workflow: 'raw', field: RAW, name: 'a phase without an ident', bad: { raw: { phases: [{ name: 'Main' }] } }, problem: /each have an "ident"/ },
	{ workflow: 'raw', field: RAW, name: 'one property twice', bad: { raw: { properties: [{ ident: 'tier', value: 'gold' }, { ident: 'tier', value: 'silver' }] } }, problem: /names "tier" twice/ },
	// Get Many and options
	{ workflow: 'getAll', field: 'Limit', name: 'zero', bad: { returnAll: false, limit: 0 } },
	{ workflow: 'getAll', field: 'Limit', name: 'an expression resolving to null', bad: { returnAll: false, limit: null }, problem: /it is empty/ },
	{ workflow: 'name', field: 'Concurrency', name: 'negative', bad: { concurrency: -5 }, at: 0 },
	{ workflow: 'name', field: 'Dry Run', name: 'a word', bad: { dryRun: 'no' }, at: 0 },
];

const valid = (planId: number) => ({
	planId,
	name: `Bulk plan ${planId} (valid)`,
	segment: 'emea',
	individualPlan: true,
	initialPhase: 'main',
	type: 'CUSTOMER',
	propertyIdent: 'tier',
	propertyValue: 'gold',
	removeIdent: 'tier',
	phase: 'main',
	phaseName: 'Main (valid)',
	returnAll: true,
	termsChange: 'merge',
	terms: '{"billingStartOffset": {"value": 1, "unit": "DAY"}}',
	billingChange: 'replace',
	billingConfig: { billingStrategy: 'IN_ADVANCE' },
	newIdent: 'renewal',
	newName: 'Renewal',
	newTerm: '1 year',
	removePhases: 'intro',
	raw: '{"businessSegmentId": 3}',
});

const workflows = ['name', 'fields', 'properties', 'removeProperty', 'phase', 'terms', 'billing', 'newPhase', 'removePhases', 'raw', 'get', 'getAll'];

describe('Bad-input corpus: Instellix', () => {
	describeCorpus({
		node: 'Instellix',
		emulator,
		credentials: () => [{ ...emulator.credential(), id: 'instellix', name: 'Instellix account' }],
		workflows: Object.fromEntries(workflows.map((w) => [w, wf(w)])),
		valid: Object.fromEntries(workflows.map((w) => [w, [valid(6000), valid(6001)]])),
		rejections,
		acceptances: [
			{
				name: 'JSON and XML special characters in the name and a property value are stored exactly',
				workflow: 'properties',
				item: { planId: 6002, propertyIdent: 'notes', propertyValue: `<b>"x" & 'y'</b> {"json": [1]} \\ ünïcödé` },
				check: () =>
					expect(emulator.plan(6002).properties).toEqual([
						{ ident: 'tier', value: 'standard' },
						{ ident: 'notes', value: `<b>"x" & 'y'</b> {"json": [1]} \\ ünïcödé` },
					]),
			},
			{
				name: 'a plan ID with leading zeros and spaces names the same plan; surrounding spaces leave the name',
				workflow: 'name',
				item: { planId: ' 0006003 ', name: '  Trimmed name  ' },
				check: (result) => {
					expect(emulator.plan(6003).name).toBe('Trimmed name');
					expect(jsonOf(result.output('Instellix'))[0].id).toBe(6003);
				},
			},
			{
				name: 'pending contract terms given as an object by an expression, with JSON special characters, are stored exactly',
				workflow: 'terms',
				item: { planId: 6005, termsChange: 'replace', terms: { note: `"Prüfung" & <b>'7 Tage'</b> \\ {}` } },
				check: () => expect(emulator.plan(6005).pendingContractTerms).toEqual({ note: `"Prüfung" & <b>'7 Tage'</b> \\ {}` }),
			},
			{
				name: 'a new phase with only its ident: last, no term, end of month on, no transitions or options',
				workflow: 'newPhase',
				item: { planId: 6006, newName: UNSET, newTerm: UNSET },
				check: () =>
					expect(emulator.plan(6006).phases).toEqual([
						expect.objectContaining({ ident: 'main' }),
						{ ident: 'renewal', endOfMonth: true, linkedOptions: [], transitions: [] },
					]),
			},
			{
				name: 'durations as text in several spellings and as an object; "none" removes the notice period',
				workflow: 'phase',
				item: { planId: 6004, phaseName: UNSET, term: ' 2 Years ', notice: 'none' },
				check: () =>
					expect((emulator.plan(6004).phases as Array<Record<string, unknown>>)[0]).toMatchObject({
						termDuration: { value: 2, unit: 'YEAR' },
						noticePeriod: null,
					}),
			},
		],
	});
});
