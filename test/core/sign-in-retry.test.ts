import type { IHttpRequestHelper, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SignInFailed, signIn, signInFailureOf } from '../../nodes/core/signIn';

// The transport retries a request whose token refresh failed for a passing reason (fault matrix: "the sign-in
// answers 503 once" in test/faults/{elastic-path,commvault,instellix}.test.ts). This pins what counts as
// passing: the sign-in says so in its error's type (SignInFailed.transient), not in its wording.
const node = { id: '1', name: 'Node', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

async function failedSignIn(answer: () => Promise<unknown>): Promise<SignInFailed> {
	const helpers = { httpRequest: async () => await answer() } as unknown as IHttpRequestHelper['helpers'];
	const spec = {
		provider: 'Acme',
		request: { method: 'POST' as const, url: 'http://127.0.0.1:9/acme/oauth2/token' },
		secrets: [],
		readError: (body: unknown) => (body as { message?: string } | undefined)?.message,
		readToken: (body: unknown) => ({ message: (body as { why?: string } | undefined)?.why }),
		fix: { refused: () => 'Check the credential.', unreachable: 'Check the URL.', noToken: 'Check the user.' },
	};
	return await signIn(helpers, spec).then(
		() => {
			throw new Error('signed in');
		},
		(error: unknown) => error as SignInFailed,
	);
}

const refused = (status: number, message = 'refused') => async () => {
	throw { response: { status, data: { message } } };
};

describe('A sign-in failure worth trying again', () => {
	test.each([
		['HTTP 503', refused(503, 'Service Unavailable'), true],
		['HTTP 429', refused(429, 'slow down'), true],
		['HTTP 502', refused(502), true],
		['the host refusing the connection', async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), true],
		['HTTP 401 (a wrong secret)', refused(401, 'Invalid client credentials'), false],
		['HTTP 404 (a wrong realm)', refused(404, 'Realm "x" does not exist'), false],
		['an answer without a token', async () => ({ why: 'Invalid Username or Password' }), false],
	])('%s -> transient %s', async (_name, answer, transient) => {
		const failure = await failedSignIn(answer);
		expect(failure).toBeInstanceOf(SignInFailed);
		expect(failure.transient).toBe(transient);
		// As n8n hands it to the node: the cause of the request's NodeApiError.
		expect(signInFailureOf(new NodeApiError(node, failure as unknown as JsonObject))).toBe(failure);
	});

	test("a provider's own 503 is not a failed sign-in", () => {
		const error = new NodeApiError(node, { message: 'Service Unavailable' }, { message: 'Partoo returned 503 (item 0): Service Unavailable', httpCode: '503' });
		expect(signInFailureOf(error)).toBeUndefined();
	});
});
