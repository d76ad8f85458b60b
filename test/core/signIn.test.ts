import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { type SignInSpec, signIn } from '../../nodes/core/signIn';

const SECRET = 'S3cret-Value';

function spec(answer: () => Promise<unknown>): { helpers: IHttpRequestHelper['helpers']; spec: SignInSpec } {
	return {
		helpers: { httpRequest: async (_options: IHttpRequestOptions) => await answer() } as IHttpRequestHelper['helpers'],
		spec: {
			provider: 'Acme',
			request: { method: 'POST', url: 'https://acme.example/login?x=1' },
			secrets: [SECRET],
			readError: (body) => (body as { message?: string } | undefined)?.message,
			readToken: (body) => {
				const token = (body as { token?: string } | undefined)?.token;
				return token ? { token } : { message: (body as { why?: string } | undefined)?.why };
			},
			fix: { refused: (status) => `Check the key (${status}).`, unreachable: 'Check the URL.', noToken: 'Check the user.' },
		},
	};
}

describe('signIn (shared by the token and login credentials)', () => {
	test('returns the token', async () => {
		const { helpers, spec: s } = spec(async () => ({ token: 'T-1' }));
		expect(await signIn(helpers, s)).toBe('T-1');
		const { helpers: h2, spec: s2 } = spec(async () => JSON.stringify({ token: 'T-2' }));
		expect(await signIn(h2, s2)).toBe('T-2');
	});

	test('a refusal keeps the provider text, says how to fix it, and holds no secret in any form', async () => {
		const { helpers, spec: s } = spec(async () => {
			throw { response: { status: 401, data: { message: `bad secret ${SECRET} / ${Buffer.from(SECRET).toString('base64')}` } } };
		});
		await expect(signIn(helpers, s)).rejects.toMatchObject({ name: 'SignInFailed', message: 'Acme login failed (HTTP 401): bad secret [redacted] / [redacted]. Check the key (401).', transient: false });
	});

	test('a 5xx says to try later', async () => {
		const { helpers, spec: s } = spec(async () => {
			throw { cause: { response: { status: 503, data: 'down for maintenance' } } };
		});
		await expect(signIn(helpers, s)).rejects.toMatchObject({ name: 'SignInFailed', message: 'Acme login failed (HTTP 503): down for maintenance. Acme had a problem; try again later.', transient: true });
	});

	test('an unreachable host is described in words (n8n would replace a message holding an error code)', async () => {
		const { helpers, spec: s } = spec(async () => {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		});
		await expect(signIn(helpers, s)).rejects.toMatchObject({ name: 'SignInFailed', message: 'Acme login failed: could not reach https://acme.example/login (the connection was refused). Check the URL.', transient: true });
	});

	test('a 2xx answer without a token is a failure with the provider message', async () => {
		const { helpers, spec: s } = spec(async () => ({ why: 'Invalid Username or Password' }));
		await expect(signIn(helpers, s)).rejects.toMatchObject({ name: 'SignInFailed', message: 'Acme login failed: Invalid Username or Password. Check the user.', transient: false });
	});
});
