// Pure helpers of nodes/Instellix/api.ts: error bodies, paging, and the comparison view.
import type { IDataObject } from 'n8n-workflow';

import { type PlanResource, parseInstellixError, readPlanPage } from '../../nodes/Instellix/api';
import {
	comparable,
	endOfMonthKey,
	mergeDuration,
	optionNotFoundKind,
	transitionTargets,
	transitionsFor,
} from '../../nodes/Instellix/plan';
import { toPutBody } from '../../nodes/Instellix/putBody';
import { checkLanded } from '../../nodes/Instellix/actions/plan/resource';
import { refusedFields } from '../../nodes/Instellix/errorFields';

describe('parseInstellixError', () => {
	test('keeps the message, lists field errors and the uuid for support', () => {
		const info = parseInstellixError({
			status: 400,
			headers: {},
			body: {
				status: 'BAD_REQUEST',
				timestamp: '2025-03-14T10:15:30.123456',
				message: 'Validation failed',
				path: '/v2/plans/4711',
				uuid: '0b7a1f6e-3c1d-4b8e-9a55-2f0e4f3f9d10',
				errors: [
					{ fieldName: 'name', error: 'must not be blank', rejectedValue: '' },
					{ fieldName: 'phases', error: 'must not be empty', rejectedValue: null },
				],
			},
		});
		expect(info).toEqual({
			message: 'Validation failed',
			reason: 'BAD_REQUEST',
			details: [
				'name: must not be blank (rejected value "")',
				'phases: must not be empty',
				'Instellix error ID 0b7a1f6e-3c1d-4b8e-9a55-2f0e4f3f9d10 (quote it to Instellix support)',
			],
		});
	});

	test('a null message falls back to the first field error; text and OAuth bodies are read too', () => {
		expect(parseInstellixError({ status: 400, headers: {}, body: { status: 'BAD_REQUEST', message: null, errors: [{ fieldName: 'type', error: 'bad' }] } }).message).toBe('type: bad');
		expect(parseInstellixError({ status: 502, headers: {}, body: 'Bad Gateway' })).toEqual({ message: 'Bad Gateway' });
		expect(parseInstellixError({ status: 401, headers: {}, body: { error: 'invalid_token', error_description: 'Token expired' } }).message).toBe('Token expired');
		expect(parseInstellixError({ status: 500, headers: {}, body: undefined })).toEqual({ message: 'HTTP 500' });
	});
});

describe('readPlanPage', () => {
	test('content + pageInfo, counting pages from 0', () => {
		expect(readPlanPage({ content: [{ id: 1 }], pageInfo: { number: 0, totalPages: 2 } }, 0, 1)).toEqual({ plans: [{ id: 1 }], hasMore: true });
		expect(readPlanPage({ content: [{ id: 2 }], pageInfo: { number: 1, totalPages: 2 } }, 1, 1)).toEqual({ plans: [{ id: 2 }], hasMore: false });
	});

	test('a `last` flag, a bare array, or a short page end the list', () => {
		expect(readPlanPage({ content: [{ id: 1 }], last: true }, 0, 1).hasMore).toBe(false);
		expect(readPlanPage([{ id: 1 }, { id: 2 }], 0, 2).hasMore).toBe(true);
		expect(readPlanPage({ data: [{ id: 1 }] }, 0, 2)).toEqual({ plans: [{ id: 1 }], hasMore: false });
		expect(readPlanPage({ content: [], pageInfo: { number: 0, totalPages: 5 } }, 0, 10).hasMore).toBe(false);
	});
});

describe('plan shapes', () => {
	// Issue 22.6: the body holds what "Update plan" documents (docs.instellix.io reference/createplan_v2_1).
	test('the PUT body holds the documented fields: read-only, undocumented and superseded deprecated ones stay out', () => {
		const plan = {
			id: 1,
			ident: 'pro',
			name: 'A',
			hasActiveContract: true,
			businessSegmentIdent: 'default',
			businessSegmentId: 3,
			accountingReference: 'ACC-1',
			phases: [{ ident: 'main', id: 9, endOfMonth: true, transitions: [], autoRenewal: true, options: [{ type: 'ONETIME' }], colorHint: '#fff' }],
		};
		expect(toPutBody(plan)).toEqual({ name: 'A', businessSegmentIdent: 'default', phases: [{ ident: 'main', endOfMonth: true, transitions: [] }] });
		// A deprecated field goes back while the field replacing it is not set: it is what holds the value.
		const legacy = { name: 'B', businessSegmentIdent: null, businessSegmentId: 1, phases: [{ ident: 'only', transitions: null, autoRenewal: true, options: [{ type: 'ONETIME' }] }] };
		expect(toPutBody(legacy)).toEqual({ name: 'B', businessSegmentIdent: null, businessSegmentId: 1, phases: [{ ident: 'only', transitions: null, autoRenewal: true }] });
		// What the user's raw changes set goes, deprecated options included; read-only fields never.
		expect(toPutBody(plan, { plan: ['accountingReference', 'id'], phases: { main: ['options'] } })).toEqual({
			name: 'A',
			businessSegmentIdent: 'default',
			accountingReference: 'ACC-1',
			phases: [{ ident: 'main', endOfMonth: true, transitions: [], options: [{ type: 'ONETIME' }] }],
		});
	});

	test('the comparison view keys phases and properties by ident', () => {
		expect(
			comparable({
				id: 1,
				name: 'A',
				phases: [{ ident: 'main', name: 'M' }, { name: 'no ident' }],
				properties: [{ ident: 'p', value: '1', extra: true }],
			}),
		).toEqual({ name: 'A', phases: { main: { name: 'M' }, '#1': { name: 'no ident' } }, properties: { p: { value: '1', extra: true } } });
	});

	test('the end-of-month flag keeps the name the phase, or else the plan, already uses', () => {
		expect(endOfMonthKey({ contractEndsAtEndOfMonth: false }, [])).toBe('contractEndsAtEndOfMonth');
		expect(endOfMonthKey({}, [{ ident: 'a' }, { alignToEndOfMonth: true }])).toBe('alignToEndOfMonth');
		expect(endOfMonthKey({}, [])).toBe('endOfMonth');
	});

	test('a next-phase transition names the phase under the key the plan\'s transitions use', () => {
		const phases = [{ transitions: [{ type: 'AUTO_RENEWAL' }] }, { transitions: [{ type: 'NEXT_PHASE', phaseIdent: 'main' }] }];
		expect(transitionsFor({ kind: 'nextPhase', nextPhase: 'main' }, phases)).toEqual([{ type: 'NEXT_PHASE', phaseIdent: 'main' }]);
		expect(transitionsFor({ kind: 'nextPhase', nextPhase: 'main' }, [])).toEqual([{ type: 'NEXT_PHASE', nextPhaseIdent: 'main' }]);
		expect(transitionsFor({ kind: 'autoRenewal' }, phases)).toEqual([{ type: 'AUTO_RENEWAL' }]);
	});

	test('a new duration keeps other keys of the existing object', () => {
		expect(mergeDuration({ value: 1, unit: 'MONTH', calendarAligned: true }, { value: 2, unit: 'YEAR' })).toEqual({ value: 2, unit: 'YEAR', calendarAligned: true });
		expect(mergeDuration(null, { value: 2, unit: 'DAY' })).toEqual({ value: 2, unit: 'DAY' });
		expect(mergeDuration({ value: 1, unit: 'MONTH' }, null)).toBeNull();
	});

	test('a new duration is written in the key names the duration (or else the plan) already uses, never a mix', () => {
		expect(mergeDuration({ amount: 14, unit: 'DAY' }, { value: 1, unit: 'MONTH' })).toEqual({ amount: 1, unit: 'MONTH' });
		expect(mergeDuration({ count: 14, timeUnit: 'DAY', note: 'x' }, { value: 1, unit: 'MONTH' })).toEqual({ count: 1, timeUnit: 'MONTH', note: 'x' });
		// Both names present (a duration some client already mixed up): both get the new amount.
		expect(mergeDuration({ amount: 14, value: 14, unit: 'DAY' }, { value: 1, unit: 'MONTH' })).toEqual({ amount: 1, value: 1, unit: 'MONTH' });
		// No duration yet: the shape of another duration of the plan.
		expect(mergeDuration(null, { value: 7, unit: 'DAY' }, { amount: 12, unit: 'MONTH' })).toEqual({ amount: 7, unit: 'DAY' });
		// ISO 8601 durations stay ISO 8601.
		expect(mergeDuration('P14D', { value: 1, unit: 'MONTH' })).toBe('P1M');
		expect(mergeDuration(null, { value: 2, unit: 'YEAR' }, 'P1M')).toBe('P2Y');
	});
});

describe('option lookups and transitions', () => {
	test('a 404 of the option lookup: Instellix\'s own answer about an option, or a missing endpoint', () => {
		const global = (message: string) => ({ status: 'NOT_FOUND', timestamp: '2026-01-01T00:00:00', message, path: '/v2/billing/plan-options/x', uuid: 'u-1', errors: [] });
		expect(optionNotFoundKind(global('Option with ident x not found'))).toBe('option');
		expect(optionNotFoundKind(global('No endpoint GET /v2/billing/plan-options/x'))).toBe('endpoint');
		expect(optionNotFoundKind(global('No static resource v2/billing/plan-options/x.'))).toBe('endpoint');
		expect(optionNotFoundKind({ timestamp: '2026-01-01T00:00:00.000+00:00', status: 404, error: 'Not Found', path: '/v2/billing/plan-options/x' })).toBe('endpoint');
		expect(optionNotFoundKind('<html><body>404 Not Found</body></html>')).toBe('endpoint');
		expect(optionNotFoundKind(undefined)).toBe('endpoint');
	});

	test('the phase a transition leads to, whichever key names it', () => {
		expect(transitionTargets([{ type: 'NEXT_PHASE', nextPhaseIdent: 'a' }, { type: 'NEXT_PHASE', nextPhase: 'b' }, { targetPhaseIdent: 'c', phaseName: 'Not an ident' }, { type: 'AUTO_RENEWAL' }])).toEqual(['a', 'b', 'c']);
		expect(transitionTargets(null)).toEqual([]);
	});
});

describe('checkLanded (after the PUT)', () => {
	const resource = (plan: IDataObject): PlanResource => ({ planId: '1', plan, options: {} });
	const before = resource({ id: 1, name: 'A', type: 'CUSTOMER', phases: [{ ident: 'main', linkedOptions: [{ optionIdent: 'x' }] }] });
	const after = resource({ id: 1, name: 'B', type: 'CUSTOMER', phases: [{ ident: 'main', linkedOptions: [{ optionIdent: 'x' }, { optionIdent: 'y' }] }] });

	test('takes the saved plan when every change is in it, even with keys Instellix added', () => {
		const saved = {
			id: 1,
			name: 'B',
			type: 'CUSTOMER',
			phases: [{ ident: 'main', endOfMonth: true, linkedOptions: [{ optionIdent: 'x', optionId: 7 }, { optionIdent: 'y', optionId: 8 }] }],
		};
		expect(checkLanded(saved, before, after)).toEqual({ ...after, plan: saved });
	});

	test('fails the item when a change is missing from the saved plan', () => {
		const saved = { id: 1, name: 'B', type: 'CUSTOMER', phases: [{ ident: 'main', linkedOptions: [{ optionIdent: 'x' }] }] };
		expect(() => checkLanded(saved, before, after)).toThrow(/"phases.main.linkedOptions": Instellix answered the update of plan 1 but kept the old value/);
	});

	test('an empty or non-plan answer means "read it again"', () => {
		expect(checkLanded(undefined, before, after)).toBeUndefined();
		expect(checkLanded({ ok: true }, before, after)).toBeUndefined();
	});
});

describe('refusedFields: which field of the node an Instellix refusal is about (issue 23)', () => {
	const info = (details: string[], message = 'Validation failed') => ({ message, details });
	test.each([
		['name: must not be blank', '"Name" (name)'],
		['businessSegmentIdent: business segment not found (rejected value "x")', '"Business Segment" (businessSegmentIdent)'],
		['phases[1].termDuration: must be a time duration', '"Term Duration" (phases[1].termDuration)'],
		['phases[0].transitions[0].nextPhaseIdent: must reference a phase of the plan', '"Transition" (phases[0].transitions[0].nextPhaseIdent)'],
		['phases[0].linkedOptions[0].optionIdent: option not found', '"Linked Options" (phases[0].linkedOptions[0].optionIdent)'],
		['phases[1].options[0]: option legacy-setup already exists', '"Raw Plan Changes (JSON)" (phases[1].options[0])'],
		['phases[0].ident: must be unique within the plan', '"Phase Changes or Add Phases" (phases[0].ident)'],
		['properties[0].value: must not be null', '"Properties" (properties[0].value)'],
		['type: A PARTNER plan has to contain at least one COMMISSION option', '"Type" (type)'],
		['pendingContractTerms: must be an object', '"Pending Contract Terms" (pendingContractTerms)'],
	])('%s', (detail, field) => {
		expect(refusedFields(info([detail, 'Instellix error ID 0b7a1f6e (quote it to Instellix support)']))).toEqual([field]);
	});

	test('without field errors, the words of the message; nothing when they name no field', () => {
		expect(refusedFields(info([], 'Business segment with ident nowhere not found'))).toEqual(['"Business Segment"']);
		expect(refusedFields(info([], 'Plan with id 4711 not found'))).toEqual(['"Plan"']);
		expect(refusedFields(info([], 'Request could not be processed'))).toEqual([]);
	});
});
