import type { INode } from 'n8n-workflow';

import { ChangeRefused } from '../../nodes/core/errors';
import type { Transport } from '../../nodes/core/transport';
import { fetchPage } from '../../nodes/ElasticPath/lists';
import { apply as applyUpdate } from '../../nodes/ElasticPath/actions/offeringPlan/update/apply';
import { elasticPathApi, pageHasMore, parseElasticPathError, storeCurrencyCodes } from '../../nodes/ElasticPath/api';
import {
	type PlanResource,
	changedAttributes,
	detectPlanModel,
	mergePrices,
	planUpdateRequest,
	toPlanResource,
} from '../../nodes/ElasticPath/plan';
import { apiHost } from '../../nodes/ElasticPath/urls';

const plan = (attributes: Record<string, unknown>, storeCurrencies?: string[]): PlanResource =>
	toPlanResource('o-1', { id: 'p-1', type: 'subscription_offering_plan', attributes: attributes as never }, storeCurrencies);

describe('Elastic Path api: error bodies', () => {
	const parse = (status: number, body: unknown) => parseElasticPathError({ status, headers: {}, body });

	test('JSON:API errors with a string or a number status; every error is kept', () => {
		expect(parse(404, { errors: [{ title: 'Not Found', status: '404', detail: 'No plan found' }] })).toEqual({ message: 'Not Found: No plan found' });
		expect(parse(401, { errors: [{ title: 'Unauthorized', status: 401 }] })).toEqual({ message: 'Unauthorized' });
		expect(
			parse(500, {
				errors: [
					{ status: 500, title: 'Internal server error', detail: 'An internal error has occurred.', meta: { missing_ids: ['a', 'b'] }, request_id: 'r-1' },
					{ status: '400', title: 'Validation Error', source: 'data.attributes.name' },
				],
			}),
		).toEqual({
			message: 'Internal server error: An internal error has occurred.',
			details: ['Validation Error (data.attributes.name)', 'Missing IDs: a, b', 'Request ID: r-1'],
		});
	});

	test('bodies that are not JSON:API', () => {
		expect(parse(502, '<html>Bad Gateway</html>')).toEqual({ message: '<html>Bad Gateway</html>' });
		expect(parse(400, { error: 'invalid_request' })).toEqual({ message: 'invalid_request' });
		expect(parse(503, undefined)).toEqual({ message: 'HTTP 503' });
		expect(parse(500, { errors: [] })).toEqual({ message: 'HTTP 500' });
	});

	test('hints: tenancy mismatch differs from other 403s; generic advice elsewhere', () => {
		expect(elasticPathApi.hint!({ message: 'Permission denied: Permission denied: plan tenancy mismatch' }, 403)).toContain('another owner');
		expect(elasticPathApi.hint!({ message: 'Permission denied' }, 403)).toContain('Application Keys');
		expect(elasticPathApi.hint!({ message: 'x' }, 418)).toBeUndefined();
	});
});

describe('Elastic Path api: plans', () => {
	test('the plan model is told from the attributes', () => {
		expect(detectPlanModel({ name: 'M', billing_interval_type: 'month', end_behavior: 'roll' })).toBe('billing');
		expect(detectPlanModel({ name: 'M', feature_configurations: {} })).toBe('product');
		expect(detectPlanModel({ name: 'M', sku: null })).toBe('product');
		expect(detectPlanModel({ name: 'M' })).toBe('billing');
	});

	test('only attributes that differ are sent; read-only ones never; cleared ones as null', () => {
		const before = plan({ name: 'A', description: 'd', trial_period: 7, updated_at: '2025-01-01' });
		const after = plan({ name: 'B', trial_period: 7, updated_at: '2026-01-01' });
		expect(changedAttributes(before, after)).toEqual({ name: 'B', description: null });
		expect(planUpdateRequest(before, after)).toEqual({
			method: 'PUT',
			path: '/subscriptions/offerings/o-1/plans/p-1',
			body: { data: { id: 'p-1', type: 'subscription_offering_plan', attributes: { name: 'B', description: null } } },
		});
	});

	test('prices merge per currency unless replaced', () => {
		const current = { USD: { amount: 100, includes_tax: false }, GBP: { amount: 90, includes_tax: true } };
		expect(mergePrices(current, { USD: { amount: 120, includes_tax: false } }, false)).toEqual({ ...current, USD: { amount: 120, includes_tax: false } });
		expect(mergePrices(current, { EUR: { amount: 1, includes_tax: true } }, true)).toEqual({ EUR: { amount: 1, includes_tax: true } });
		expect(mergePrices(null, { EUR: { amount: 1, includes_tax: true } }, false)).toEqual({ EUR: { amount: 1, includes_tax: true } });
	});

	test('apply is pure data: model rules, currency rules, clearing what is already empty changes nothing', () => {
		const input = { offeringId: 'o-1', planId: 'p-1', set: {}, prices: {}, replacePrices: false, clear: [] as never[] };
		const billing = plan({ name: 'M', billing_interval_type: 'month', description: null });
		expect(() => applyUpdate(billing, { ...input, set: { sku: 'X' } })).toThrow(ChangeRefused);
		expect(() => applyUpdate(plan({ name: 'M', feature_configurations: {} }), { ...input, set: { plan_length: 2 } })).toThrow(
			/newer, product-like plan model/,
		);
		expect(() =>
			applyUpdate(plan({ name: 'M', billing_interval_type: 'month' }, ['USD']), { ...input, prices: { EUR: { amount: 1, includes_tax: false } } }),
		).toThrow('EUR is not configured in this store (its currencies: USD)');
		const cleared = applyUpdate(billing, { ...input, clear: ['description'] as never[] });
		expect(cleared.plan.attributes.description).toBeNull();
		expect(changedAttributes(plan({ name: 'M', billing_interval_type: 'month', description: null }), cleared)).toEqual({});
	});

	test('pages: a short or empty page, links.next null or missing or going nowhere new, or meta.results.total end the list', () => {
		expect(pageHasMore({ links: {} }, 100, 100)).toBe(true);
		expect(pageHasMore({ links: {} }, 99, 100)).toBe(false);
		expect(pageHasMore({ links: { next: null } }, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { next: '/x?page[offset]=100' } }, 100, 100)).toBe(true);
		expect(pageHasMore({}, 5, 5)).toBe(true);
		// Filled-in links without a `next`, or a `next` that goes nowhere new, end it too.
		const at = (offset: number) => `/v2/subscriptions/offerings/o/plans?page[offset]=${offset}&page[limit]=100`;
		expect(pageHasMore({ links: { current: at(100), last: at(100) } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { current: at(100), next: undefined } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { current: at(100), next: '' } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { current: at(100), next: at(100) } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { next: at(0) } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { next: encodeURI(at(200)) } }, 100, 100, 100)).toBe(true);
		expect(pageHasMore({ links: { next: { href: at(200) } } }, 100, 100, 100)).toBe(true);
		expect(pageHasMore({ links: { next: { href: null } } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: { current: 'a', next: 'a' } }, 100, 100, 100)).toBe(false);
		// `meta.results.total`, where a list carries it.
		expect(pageHasMore({ links: {}, meta: { results: { total: 200 } } }, 100, 100, 100)).toBe(false);
		expect(pageHasMore({ links: {}, meta: { results: { total: 201 } } }, 100, 100, 100)).toBe(true);
		expect(pageHasMore({ links: { next: at(100) } }, 0, 100, 0)).toBe(false);
	});

	test('no request is sent for records past offset 10,000', async () => {
		const request = jest.fn();
		const transport = { node: { name: 'EP' } as INode, request } as unknown as Transport;
		await expect(fetchPage(transport, '/subscriptions/offerings', 101, 100)).rejects.toThrow('past offset 10000');
		expect(request).not.toHaveBeenCalled();
		request.mockResolvedValue({ data: [{ id: 'x' }], links: {} });
		await expect(fetchPage(transport, '/subscriptions/offerings', 100, 100)).resolves.toEqual({ items: [{ id: 'x' }], hasMore: false });
		expect(request).toHaveBeenCalledWith({ method: 'GET', path: '/subscriptions/offerings', qs: { 'page[limit]': 100, 'page[offset]': 10000 } }, undefined);
	});

	test('store currencies: enabled codes only, upper case; unreadable answers give undefined', () => {
		expect(storeCurrencyCodes({ data: [{ code: 'usd' }, { code: 'JPY', enabled: false }, { code: 'EUR', enabled: true }] })).toEqual(['USD', 'EUR']);
		expect(storeCurrencyCodes({ data: [] })).toBeUndefined();
		expect(storeCurrencyCodes('nope')).toBeUndefined();
	});
});

describe('Elastic Path urls', () => {
	test('regions and custom base URLs, with or without /v2', () => {
		expect(apiHost({ region: 'euWest' })).toBe('https://euwest.api.elasticpath.com');
		expect(apiHost({ region: 'usEast' })).toBe('https://useast.api.elasticpath.com');
		expect(apiHost({ region: 'custom', baseUrl: ' https://api.example.com/v2/ ' })).toBe('https://api.example.com');
		expect(apiHost({ region: 'custom', baseUrl: 'https://api.example.com' })).toBe('https://api.example.com');
		expect(elasticPathApi.baseUrl({ region: 'usEast' })).toBe('https://useast.api.elasticpath.com/v2');
		expect(elasticPathApi.baseUrl({ region: 'custom', baseUrl: '' })).toBe('');
	});
});
