// The secret scan itself: it finds what it looks for, so a clean scan means something.
import { CANARY, b64, findIn, secretForms } from './secrets';

const SECRET = `${CANARY}-commvault-7d1f&<Sécure>"'`;

describe('Secrets: the scanner', () => {
	test('finds a planted secret in every form and place it looks (so a clean scan means something)', () => {
		const secret = SECRET;
		const places: unknown[] = [
			{ json: { note: `x ${secret} y` } },
			{ json: { note: b64(secret) } },
			{ json: { note: encodeURIComponent(secret) } },
			JSON.stringify({ s: secret }),
			'&lt;&amp;' + secretForms(secret).find((f) => f.includes('&amp;')),
			Object.assign(new Error(`boom ${b64(secret)}`), { description: 'd' }),
			new Error('outer', { cause: new Error(`inner ${secret}`) }),
			[`log line ${Buffer.from(secret).toString('base64url')}`],
			{ json: { note: `only the marker ${CANARY}` } },
		];
		for (const place of places) expect(findIn(place, [secret, CANARY]).length).toBeGreaterThan(0);
		const error = new Error('no secret here');
		error.message = 'changed';
		expect(findIn({ error, logs: ['clean'] }, [secret, CANARY])).toEqual([]);
	});
});
