import { fields as updateFields } from '../../nodes/BlendVisionOne/actions/subOrganization/update/description';
import { ChangeRefused } from '../../nodes/core/errors';
import { updateWrites } from '../../nodes/BlendVisionOne/actions/subOrganization/resource';
import { apply as applyUpdate } from '../../nodes/BlendVisionOne/actions/subOrganization/update/apply';
import type { Input as UpdateInput } from '../../nodes/BlendVisionOne/actions/subOrganization/update/input';
import { assignablePlans, assignedPlans, blendVisionOneApi, hasMorePages, parseBlendVisionError } from '../../nodes/BlendVisionOne/api';
import { normalizeTime, patchBody } from '../../nodes/BlendVisionOne/patch';
import type { SubOrgState } from '../../nodes/BlendVisionOne/shapes';
import { baseUrlOf } from '../../nodes/BlendVisionOne/urls';

const response = (body: unknown, status = 400) => ({ status, headers: {}, body });

describe('BlendVision One api: errors', () => {
	test('reads google.rpc.Status with the reason in an ErrorInfo detail', () => {
		expect(
			parseBlendVisionError(
				response({
					code: 3,
					message: 'cannot append',
					details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ERROR_REASON_HAS_APPENDED_SUB_ORGS', domain: 'x' }],
				}),
			),
		).toEqual({ message: 'cannot append', reason: 'ERROR_REASON_HAS_APPENDED_SUB_ORGS', details: ['gRPC code 3 (INVALID_ARGUMENT)'] });
	});

	test('finds the reason in the message, or anywhere in details', () => {
		expect(parseBlendVisionError(response({ code: 9, message: 'ERROR_REASON_USER_NOT_IN_ORG: not a member' })).reason).toBe('ERROR_REASON_USER_NOT_IN_ORG');
		expect(parseBlendVisionError(response({ code: 6, message: 'x', details: [{ metadata: { why: 'ERROR_REASON_EXISTS' } }] })).reason).toBe('ERROR_REASON_EXISTS');
		expect(parseBlendVisionError(response({ code: 3, message: 'plain' })).reason).toBeUndefined();
	});

	test('keeps field violations, older "error" bodies, text and empty bodies', () => {
		expect(
			parseBlendVisionError(response({ code: 3, message: 'bad', details: [{ fieldViolations: [{ field: 'tax_id', description: 'too long' }] }] })).details,
		).toEqual(['tax_id: too long', 'gRPC code 3 (INVALID_ARGUMENT)']);
		expect(parseBlendVisionError(response({ error: 'old style', code: 5 })).message).toBe('old style');
		expect(parseBlendVisionError(response('<html>Bad Gateway</html>', 502))).toEqual({ message: '<html>Bad Gateway</html>' });
		expect(parseBlendVisionError(response(undefined, 503))).toEqual({ message: 'HTTP 503' });
		expect(parseBlendVisionError(response({ code: 10, details: [{ reason: 'ERROR_REASON_CONFLICT' }] }, 409)).message).toBe('ERROR_REASON_CONFLICT');
	});

	test('hints: reason first, then status, else the core default', () => {
		const hint = blendVisionOneApi.hint!;
		expect(hint({ message: '', reason: 'ERROR_REASON_HAS_APPENDED_SUB_ORGS' }, 400)).toContain('already has sub-organizations');
		expect(hint({ message: '', reason: 'ERROR_REASON_SOMETHING_NEW' }, 400)).toBeUndefined();
		expect(hint({ message: '' }, 403)).toContain('Organization ID');
		expect(hint({ message: '' }, 500)).toBeUndefined();
		// A 404 of a PATCH may be the sub-organization, its new parent or a plan; of a read, only the sub-organization.
		expect(hint({ message: '' }, 404, { method: 'PATCH', path: '/bv/org/v1/sub-orgs/s1' })).toContain('plan');
		expect(hint({ message: '' }, 404, { method: 'GET', path: '/bv/org/v1/sub-orgs/s1/plans' })).toMatch(/^No sub-organization with this ID/);
	});
});

describe('BlendVision One api: reading', () => {
	test('pagination: numbers or int64 strings, or no block at all', () => {
		expect(hasMorePages({ total_items: 136, items_per_page: 100, current_page: 1 }, 1, 100, 100)).toBe(true);
		expect(hasMorePages({ total_items: '136', items_per_page: '100', current_page: '2' }, 2, 100, 36)).toBe(false);
		expect(hasMorePages({ total_items: '200', items_per_page: 100, current_page: 2 }, 2, 100, 100)).toBe(false);
		expect(hasMorePages(undefined, 1, 100, 100)).toBe(true);
		expect(hasMorePages(undefined, 1, 100, 99)).toBe(false);
	});

	test('assignable plans are the leaves, labelled with their group', () => {
		const body = {
			plans: [
				{ id: 'g1', name: 'Group', type: 'PLAN_TYPE_GROUP', sub_plans: [{ id: 'p1', name: 'One', type: 'PLAN_TYPE_PLAN', status: 'PLAN_STATUS_ABLE_TO_ASSIGNED' }, { id: 'p2', name: 'Off', status: 'PLAN_STATUS_DISABLED' }] },
				{ id: 'p3', name: 'Alone' },
			],
		};
		expect(assignablePlans(body)).toEqual([
			{ id: 'p1', name: 'One', group: 'Group' },
			{ id: 'p3', name: 'Alone' },
		]);
		expect(assignablePlans({})).toEqual([]);
	});

	test('assigned plans: every listed plan, deduplicated', () => {
		expect(
			assignedPlans({ plans: [{ plan: { id: 'p1', name: 'One', group_plan: { name: 'G' } }, in_used: false }, { plan: { id: 'p1' } }, { plan: {} }] }),
		).toEqual([{ id: 'p1', name: 'One', group: 'G', in_used: false }]);
	});

	test('times compare as instants; base URL defaults to the documented host', () => {
		expect(normalizeTime('2025-09-01T00:00:00.000Z')).toBe('2025-09-01T00:00:00Z');
		expect(normalizeTime('2025-09-01T08:00:00+08:00')).toBe('2025-09-01T00:00:00Z');
		expect(normalizeTime('')).toBeNull();
		expect(baseUrlOf(' https://proxy.example/bv/ ')).toBe('https://proxy.example/bv');
		expect(baseUrlOf('')).toBe('https://api.one.blendvision.com');
		expect(baseUrlOf(undefined)).toBe('https://api.one.blendvision.com');
	});
});

describe('BlendVision One update: pure apply and writes', () => {
	const state = (over: Partial<SubOrgState['organization']> = {}): SubOrgState => ({
		organization: { id: 's1', name: 'Sub', parent_id: 'p', type: 'ORGANIZATION_TYPE_BUSINESS', owner_email: 'o@x.example', enterprise_id: 'e1', ...over },
		plans: [{ id: 'a' }, { id: 'b' }],
		mainOrgId: 'p',
		givable: {
			p: {
				source: 'parent',
				plans: [
					{ id: 'a', name: 'A' },
					{ id: 'b', name: 'B' },
					{ id: 'c', name: 'C', group: 'G' },
				],
			},
		},
	});
	const input = (over: Partial<UpdateInput> = {}): UpdateInput => ({
		id: 's1',
		planMode: 'add',
		planIds: [],
		removeUnlisted: false,
		clearNextContract: false,
		business: {},
		businessOnly: [],
		...over,
	});

	test('Add, Remove and Replace keep what is not named', () => {
		expect(applyUpdate(state(), input({ planIds: ['c'] })).plans.map((p) => p.id)).toEqual(['a', 'b', 'c']);
		expect(applyUpdate(state(), input({ planMode: 'remove', planIds: ['a'] })).plans.map((p) => p.id)).toEqual(['b']);
		expect(() => applyUpdate(state(), input({ planMode: 'replace', planIds: ['c'] }))).toThrow(ChangeRefused);
		expect(applyUpdate(state(), input({ planMode: 'replace', planIds: ['c'], removeUnlisted: true })).plans).toEqual([{ id: 'c', name: 'C', group: 'G' }]);
	});

	test('unknown plans and BUSINESS-only fields are refused from the current resource', () => {
		expect(() => applyUpdate(state(), input({ planIds: ['zzz'] }))).toThrow(/"zzz" is not a plan the main organization can assign/);
		const reseller = state({ type: 'ORGANIZATION_TYPE_RESELLER' });
		expect(() => applyUpdate(reseller, input({ contractDays: 5, businessOnly: ['Contract Days'] }))).toThrow(/Business sub-organizations only/);
	});

	test('a PATCH body never carries both contract lengths, nor output-only fields', () => {
		const before = state({ contract_months: 12, contract_days: 30, business_setting: { business_plan_type: 'BUSINESS_PLAN_TYPE_BVONE', site_limit: 0 } });
		const body = patchBody(before, before);
		expect(body.contract_months).toBe(12);
		expect(body).not.toHaveProperty('contract_days');
		expect(body).not.toHaveProperty('business_setting');
		const reseller = state({ type: 'ORGANIZATION_TYPE_RESELLER', contract_months: 3, business_setting: { category: 'x' } });
		expect(patchBody(reseller, reseller)).not.toHaveProperty('contract_months');
		expect(patchBody(reseller, reseller)).not.toHaveProperty('business_setting');
	});

	test('a record without enterprise_id: an update is refused before sending, an owner switch alone is not', () => {
		const none = () => state({ enterprise_id: '' });
		expect(() => applyUpdate(none(), input({ description: 'x' }))).toThrow(/"enterprise_id": "Sub" has no enterprise ID/);
		expect(() => applyUpdate(none(), input({ planIds: ['c'] }))).toThrow(ChangeRefused);
		const owner = applyUpdate(none(), input({ ownerEmail: 'new@x.example' }));
		expect(updateWrites(none(), owner).map((r) => r.method)).toEqual(['POST']);
		expect(patchBody(state(), state())).toMatchObject({ enterprise_id: 'e1' });
		expect(Object.keys(patchBody(state(), state()))).not.toEqual(expect.arrayContaining(['name']));
	});

	test('writes: nothing for no change, the owner switch alone for an owner change', () => {
		expect(updateWrites(state(), state())).toEqual([]);
		const after = applyUpdate(state(), input({ ownerEmail: 'new@x.example' }));
		expect(updateWrites(state(), after)).toEqual([
			{ method: 'POST', path: '/bv/org/v1/sub-orgs/s1:switch-owner', body: { new_owner_email: 'new@x.example' } },
		]);
	});
});

describe('BlendVision One update: the editor', () => {
	test('an empty Parent Organization says, in the field and under it, that it keeps the current parent', () => {
		const parent = updateFields.find((f) => f.name === 'parentOrganization')!;
		expect(parent.required).toBe(false);
		expect(parent.hint).toBe('Leave empty to keep the current parent');
		const modes = Object.fromEntries((parent.modes ?? []).map((m) => [m.name, m.placeholder]));
		expect(modes.list).toBe('Keep the current parent');
		expect(modes.id).toMatch(/^Empty keeps the current parent, e\.g\. /);
	});
});
