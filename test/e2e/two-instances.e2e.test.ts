// Two n8n instances (regular mode, each its own SQLite and user folder, the package installed the self-hoster
// way) on one account of Partoo, BlendVision One and Instellix, 150 ms provider latency, a CPU load generator
// on the host (so each instance's event loop lags as on a busy worker). Each round sends, at the same moment,
// 10 webhook calls per provider for ONE resource (one organization, one sub-organization, one plan), each call
// its own change, alternating between the instances. Counted: changes lost (not at the provider after the
// round), untrue answers ("updated" for a change that is not there), failed calls, requests and time per
// update; first without contention (one call at a time). In each round the first two writes per provider
// meet a 429 with Retry-After: 1, as behind a provider's rate limit: held a second after their read (they
// landed as older copies before the node checked the resource after the wait). The rounds: test/support/contention.ts (the queue-mode
// suite runs them over two workers). Figures: docs/CONCURRENCY.md.
//
// TWO_INSTANCES_ROUNDS (default 10), TWO_INSTANCES_LOAD (busy processes, default 2).
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { CONTENTION_PROVIDERS as PROVIDERS, Contention, contentionWebhookRegistered, contentionWorkflow } from '../support/contention';
import { type N8nServer, n8nCli, startN8n, step, writeImportFile } from '../support/n8n/n8n';
import { freePort } from '../queue/lib/services';
import { e2eState, freshUserFolder } from './lib/state';

const ROUNDS = Number(process.env.TWO_INSTANCES_ROUNDS ?? 10);
const contention = new Contention({ rounds: ROUNDS, calls: 10, latencyMs: 150, loadProcesses: Number(process.env.TWO_INSTANCES_LOAD ?? 2) });
const { install } = e2eState();
const instances: N8nServer[] = [];

beforeAll(async () => {
	await contention.start();
	const ports = [await freePort(), await freePort()];
	const first = freshUserFolder(ports[0]);
	const second = freshUserFolder(ports[1]);
	// Each instance starts a task-runner broker (default port 5679): one port each.
	first.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	second.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	const dir = path.join(first.dir, 'import');
	mkdirSync(dir, { recursive: true });
	for (const p of PROVIDERS) writeImportFile(dir, `${p}.json`, contentionWorkflow(p));
	// Both instances: the same account (credentials) and workflows, each in a database of its own.
	const setUp = async (user: typeof first) => {
		const file = writeImportFile(user.dir, 'credentials.json', contention.credentials());
		for (const args of [
			['import:credentials', `--input=${file}`],
			['import:workflow', '--separate', `--input=${dir}`],
			...PROVIDERS.map((p) => ['publish:workflow', `--id=${contentionWorkflow(p).id}`]),
		]) {
			const result = await n8nCli(install, user.env, args);
			if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
		}
	};
	await Promise.all([setUp(first), setUp(second)]);
	step('starting two n8n instances');
	const started = await Promise.allSettled([startN8n(install, first.env), startN8n(install, second.env)]);
	for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
	for (const s of started) if (s.status === 'rejected') throw s.reason;
	for (const instance of instances) for (const p of PROVIDERS) await contentionWebhookRegistered(instance.url, p);
}, 600_000);

afterAll(async () => {
	contention.stopLoad();
	await Promise.all(instances.map((i) => i.stop()));
	await contention.stop();
});

test(`${ROUNDS} rounds of ${contention.settings.calls} simultaneous changes per provider on one resource over two instances under CPU load: none lost, no untrue answer`, async () => {
	const figures: Record<string, unknown> = {};
	// Without contention: one call at a time, on one instance, no load.
	contention.prepare();
	const quiet = await contention.withoutContention(instances[0].url);
	expect(quiet.failed).toEqual([]);
	figures.withoutContention = quiet.figures;
	// The second instance answers too.
	for (const p of PROVIDERS) expect((await contention.call(instances[1].url, p, ROUNDS, 6)).status).toBe(200);

	// Under load, alternating between the instances.
	const { per, problems, figures: withContention, settings } = await contention.withContention((_, i) => instances[i % 2].url);
	figures.withContention = withContention;
	figures.settings = settings;
	step(`two instances: ${JSON.stringify(figures)}`);
	expect(problems.untrue).toEqual([]);
	expect(PROVIDERS.map((p) => [p, per[p].lost, per[p].failed])).toEqual(PROVIDERS.map((p) => [p, 0, 0]));
});
