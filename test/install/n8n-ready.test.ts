// CI once met n8n 2.40.7 answering /rest/settings with 200 and the HTML page "n8n is starting up. Please wait"
// (its database was not migrated yet): login read that as ready, failed to parse it, and every test in the file
// failed. The REST API is ready when it answers with JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { N8nRest, startN8n } from '../support/n8n/n8n';

let server: Server;
let startingUpAnswers = 0;

beforeAll(async () => {
	server = createServer((_req, res) => {
		if (startingUpAnswers > 0) {
			startingUpAnswers--;
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('n8n is starting up. Please wait');
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify({ data: { userManagement: { showSetupOnFirstLoad: false } } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('waits while n8n answers 200 with its "starting up" page, and is ready once the REST API answers JSON', async () => {
	startingUpAnswers = 3;
	const rest = new N8nRest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
	await rest.waitUntilReady(10_000);
	expect(startingUpAnswers).toBe(0);
	await expect(rest.request('GET', '/settings')).resolves.toEqual({ userManagement: { showSetupOnFirstLoad: false } });
});

test('says so when the REST API never answers JSON', async () => {
	startingUpAnswers = Number.MAX_SAFE_INTEGER;
	const rest = new N8nRest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
	await expect(rest.waitUntilReady(1_500)).rejects.toThrow(/did not come up/);
	startingUpAnswers = 0;
});

// `n8n start` answers /healthz, and its REST API, before it has activated the published workflows: a webhook
// posted then answers 404. It prints "Editor is now accessible via" once they are active (1.123, 2.40, 2.41).
test('startN8n returns once n8n start says the editor is accessible, not when /healthz first answers', async () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-n8n-'));
	const fake = path.join(dir, 'n8n.js');
	writeFileSync(
		fake,
		`const http = require('node:http');
let active = false;
http.createServer((req, res) => res.writeHead(req.url === '/webhook' && !active ? 404 : 200).end('{}')).listen(Number(process.env.N8N_PORT), '127.0.0.1');
setTimeout(() => { active = true; console.log('\\nEditor is now accessible via:\\nhttp://localhost'); }, 1500);`,
	);
	const port = await new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port: free } = probe.address() as AddressInfo;
			probe.close(() => resolve(free));
		});
	});
	const install = { node: process.execPath, n8n: fake, version: 'fake', cache: dir };
	const server = await startN8n(install, { ...process.env, N8N_PORT: String(port) });
	try {
		expect((await fetch(`${server.url}/webhook`)).status).toBe(200);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});
