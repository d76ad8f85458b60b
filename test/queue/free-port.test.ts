// The queue-mode suite gives every n8n process several ports (n8n, task broker, worker health), asked for one by one.
// The OS may offer a port again as soon as it is closed: seen in CI, a worker's health port was given to another
// process too ("Port … is already in use") and all four queue-mode tests failed.
const offered: number[] = [];

jest.mock('node:net', () => ({
	__esModule: true,
	default: {
		createServer: () => {
			const port = offered.shift();
			return {
				once: () => undefined,
				listen: (_port: number, _host: string, ready: () => void) => ready(),
				address: () => ({ port }),
				close: (closed: () => void) => closed(),
			};
		},
	},
}));

import { freePort } from './lib/services';

test('freePort never hands out a port twice, even when the OS offers it again', async () => {
	offered.push(45263, 45263, 37677);
	expect(await freePort()).toBe(45263);
	expect(await freePort()).toBe(37677);
});
