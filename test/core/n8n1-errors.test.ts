// n8n 1.x's request helper wraps an HTTP error in a NodeApiError that keeps only the status (httpCode) and a
// JSON body (context.data): its ExecutionBaseError drops the axios error it was given as `cause`, headers and
// all. Seen in n8n 1.123.81, where Elastic Path's 405 (a store without the single-plan GET) read as a network
// failure and ended the run instead of falling back to the list. The core reads the status from that shape.
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { DEFAULT_TRANSPORT_SETTINGS, Transport } from '../../nodes/core/transport';
import { partooApi } from '../../nodes/Partoo/api';

const node = { id: '1', name: 'Partoo', type: 'n8n-nodes-plan-provisioning.partoo', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** The error n8n 1.x's httpRequestWithAuthentication throws for an HTTP error: no `cause`, no headers. */
function n8n1HttpError(status: number, data?: object): NodeApiError {
	const error = new NodeApiError(node, { message: `Request failed with status code ${status}` }, { httpCode: String(status) });
	if (data) error.context.data = data;
	expect(error.cause).toBeUndefined();
	return error;
}

function transportAnswering(answers: Array<() => unknown>) {
	let calls = 0;
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'ptk_TEST_0123456789abcdef', environment: 'custom', baseUrl: 'http://127.0.0.1:1/v2' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				const answer = answers[Math.min(calls++, answers.length - 1)]();
				if (answer instanceof Error) throw answer;
				return answer;
			},
		},
	} as unknown as IExecuteFunctions;
	return { transport: new Transport(ctx, partooApi, { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 1, backoffCapMs: 5 }), calls: () => calls };
}

test("a provider's answer is an HTTP error with its status and body, not a network failure", async () => {
	const { transport } = transportAnswering([() => n8n1HttpError(404, { errors: { json: { org_id: ['Resource not found'] } } })]);
	const error = (await transport.request({ method: 'GET', path: '/org/999/plans' }, 0).catch((e: unknown) => e)) as NodeApiError;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.httpCode).toBe('404');
	expect(error.message).toMatch(/^Partoo returned 404 \(item 0\): /);
	expect(error.message).toContain('Resource not found');
});

test('a 503 is retried by its status, then the answer is used', async () => {
	const { transport, calls } = transportAnswering([() => n8n1HttpError(503), () => ({ statusCode: 200, headers: {}, body: { plans: [] } })]);
	expect(await transport.request({ method: 'GET', path: '/org/42/plans' }, 0)).toEqual({ plans: [] });
	expect(calls()).toBe(2);
});
