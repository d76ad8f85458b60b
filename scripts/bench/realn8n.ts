// The real-n8n side: the cached n8n 2.40.7 (test/support/n8n/n8n.ts) running as a server, with our packed
// package installed the self-hoster way. Every benchmark workflow starts with a webhook that brings the run's
// items, so one n8n process serves all runs (as production does: tokens, plan catalogs and the like are kept
// between executions, and n8n's start-up is paid once). Both our node and the HTTP Request node run this way;
// their times are the measured nodes' `executionTime` from the saved execution.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import {
	type N8nInstall,
	N8nRest,
	type N8nServer,
	type UserFolder,
	createUserFolder,
	ensureN8n,
	n8nCliOrThrow,
	packPackage,
	startN8n,
	step,
	writeImportFile,
} from '../../test/support/n8n/n8n';
import { type EmulatorProcess, type LogEntry, type ProviderKey, type RequestCounts, countRequests } from './control';
import type { CpuProfile } from './profile';
import { type Batching, type GenericCredential, type Workload, commvaultLoginNode } from './workloads';

// n8n stores run data in the `flatted` format (n8n's own dependency, hoisted into node_modules).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flatted = require('flatted') as { parse: (text: string) => unknown };

export interface N8nRunFigures extends RequestCounts {
	items: number;
	/** Sum of the measured nodes' executionTime (ms): our node, or the HTTP Request chain. */
	nodesMs: number;
	/** Each measured node's executionTime (ms). */
	perNode: Record<string, number>;
	/** Items out of the last measured node. */
	outputs: number;
	errorItems: number;
	lost: number;
	problems: string[];
	runError?: string;
	/** Wall time of the webhook call (the whole execution), ms; NaN when the webhook answered at once. */
	callMs: number;
	/** The saved execution's start to end (ms). */
	execMs?: number;
	/** When each measured node ran: [start, end] in epoch ms. */
	windows: Array<[number, number]>;
}

export type Side = 'ours' | 'http';

export interface N8nWorkflowSpec {
	id: string;
	workload: Workload;
	side: Side;
	concurrency: number;
	batching: Batching;
	nodeOptions?: IDataObject;
	/** Our node as installed: no Concurrency set, and the provider's documented Rate Limit (limits section). */
	defaults?: boolean;
	/** Other credentials than the provider's bench ones (the limits section gives each Partoo run its own key). */
	ourCredential?: { id: string; name: string };
	httpCredential?: GenericCredential;
	/** Retry On Fail on every HTTP Request node, as n8n's docs suggest against rate limits. */
	retry?: { maxTries: number; waitBetweenTries: number };
	/** The webhook answers at once and the run waits for the saved execution (runs of many minutes). */
	answerAtOnce?: boolean;
}

const PROVIDER_CODE: Record<ProviderKey, string> = { partoo: 'pt', blendVisionOne: 'bv', elasticPath: 'ep', commvault: 'cv', instellix: 'ix' };

/** A 16-character workflow ID (n8n's length) for a run; `variant` tells apart options and batchings. */
export function workflowId(provider: ProviderKey, side: Side, variant: string, concurrency: number): string {
	return `bench${PROVIDER_CODE[provider]}${side === 'ours' ? 'o' : 'h'}${variant}${String(concurrency).padStart(2, '0')}`.padEnd(16, '0').slice(0, 16);
}

export const OUR_NODE = 'Plan Provisioning';

/** n8n's port, and its task-runner broker's (by default 5679, which every other n8n here uses too). */
const PORT = 5697;
const BROKER_PORT = 5698;

/** Nodes whose executionTime is the side's time. */
function measuredNodes(spec: N8nWorkflowSpec, chain: INode[]): string[] {
	if (spec.side === 'ours') return [OUR_NODE];
	return [...(spec.workload.provider === 'commvault' ? ['Login'] : []), ...chain.map((n) => n.name)];
}

interface SavedRun {
	resultData: {
		error?: { message: string };
		runData: Record<string, Array<{ startTime?: number; executionTime?: number; error?: { message: string }; data?: { main: Array<Array<{ json: IDataObject }>> } }>>;
	};
}

interface SavedExecution extends SavedRun {
	/** From the execution's start to its end (ms). */
	wallMs: number;
}

export class RealN8n {
	private server: N8nServer | undefined;

	private rest: N8nRest | undefined;

	private readonly measured = new Map<string, string[]>();

	private profiles = 0;

	private constructor(
		readonly install: N8nInstall,
		readonly user: UserFolder,
		private readonly work: string,
		private readonly emulators: EmulatorProcess,
	) {}

	/** Installs (once, cached) n8n, packs our package and installs it into a fresh user folder. */
	static prepare(emulators: EmulatorProcess): RealN8n {
		const install = ensureN8n();
		const work = path.join(os.tmpdir(), `plan-provisioning-bench-${process.pid}`);
		rmSync(work, { recursive: true, force: true });
		mkdirSync(path.join(work, 'profiles'), { recursive: true });
		const tgz = packPackage(path.join(work, 'pack'));
		const user = createUserFolder(tgz, { dir: path.join(work, 'user'), port: PORT });
		Object.assign(user.env, {
			// Keep every execution (n8n prunes old ones by default), log only what goes wrong.
			EXECUTIONS_DATA_PRUNE: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_RUNNERS_BROKER_PORT: String(BROKER_PORT),
			// Idle until the benchmark asks for a CPU profile (SIGUSR2).
			NODE_OPTIONS: `--require ${path.join(__dirname, 'n8n-profiler-hook.js')}`,
			BENCH_PROFILE_DIR: path.join(work, 'profiles'),
		});
		return new RealN8n(install, user, work, emulators);
	}

	get profileDir(): string {
		return path.join(this.work, 'profiles');
	}

	/** Imports the credentials and workflows, starts n8n and makes every workflow's webhook live. */
	async start(specs: N8nWorkflowSpec[], generic: GenericCredential[]): Promise<void> {
		const credentials: Array<GenericCredential | IDataObject> = [...generic];
		for (const [key, emulator] of Object.entries(this.emulators.emulators) as Array<[ProviderKey, (typeof this.emulators.emulators)[ProviderKey]]>) {
			credentials.push({ id: ourCredentialId(key), name: `${key} (bench)`, type: emulator.credential.type, data: emulator.credential.data });
		}
		await n8nCliOrThrow(this.install, this.user.env, ['import:credentials', `--input=${writeImportFile(this.work, 'credentials.json', credentials)}`]);
		const dir = path.join(this.work, 'workflows');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		for (const spec of specs) {
			const { workflow, nodes } = this.workflowFor(spec);
			writeFileSync(path.join(dir, `${spec.id}.json`), JSON.stringify(workflow));
			this.measured.set(spec.id, nodes);
		}
		await n8nCliOrThrow(this.install, this.user.env, ['import:workflow', '--separate', `--input=${dir}`]);
		step(`starting n8n ${this.install.version} with ${specs.length} benchmark workflows`);
		this.server = await startN8n(this.install, this.user.env);
		this.rest = new N8nRest(this.server.url);
		try {
			await this.rest.login();
		} catch (error) {
			throw new Error(`${String(error)}\nn8n's log:\n${this.server.log().slice(-3000)}`);
		}
		for (const spec of specs) {
			const { versionId } = await this.rest.request<{ versionId: string }>('GET', `/workflows/${spec.id}`);
			await this.rest.request('POST', `/workflows/${spec.id}/activate`, { versionId });
		}
	}

	async stop(): Promise<void> {
		await this.server?.stop();
		this.server = undefined;
		if (!process.env.BENCH_KEEP_N8N) rmSync(this.work, { recursive: true, force: true });
	}

	private workflowFor(spec: N8nWorkflowSpec): { workflow: IDataObject; nodes: string[] } {
		const { workload } = spec;
		const emulator = this.emulators.emulators[workload.provider];
		const webhook = benchNode('Webhook', 'n8n-nodes-base.webhook', 2, 0, {
			httpMethod: 'POST',
			path: spec.id,
			...(spec.answerAtOnce ? { responseMode: 'onReceived' } : { responseMode: 'lastNode', responseData: 'noData' }),
			options: {},
		});
		webhook.webhookId = `${spec.id}-hook`;
		// The run's items, as a bulk export would bring them: one list split into one item each.
		const make = benchNode('Make Items', 'n8n-nodes-base.set', 3.4, 440, {
			mode: 'raw',
			jsonOutput: "={{ JSON.stringify({ items: $('Webhook').first().json.body.items }) }}",
			options: {},
		});
		const split = benchNode('Items', 'n8n-nodes-base.splitOut', 1, 660, { fieldToSplitOut: 'items', options: {} });
		let chain: INode[];
		const ourCredential = spec.ourCredential ?? { id: ourCredentialId(workload.provider), name: `${workload.provider} (bench)` };
		if (spec.side === 'ours') {
			chain = [
				{
					id: 'bench-ours',
					name: OUR_NODE,
					type: workload.nodeType,
					typeVersion: 1,
					position: [880, 0],
					// Undefined options are left out of the saved workflow: the node's defaults apply.
					parameters: workload.parameters(spec.defaults ? { rateLimit: undefined, ...spec.nodeOptions } : { concurrency: spec.concurrency, ...spec.nodeOptions }) as INode['parameters'],
					credentials: { [workload.credentialType]: ourCredential },
				},
			];
		} else {
			chain = workload.http(emulator, spec.batching, spec.httpCredential ?? workload.httpCredential(emulator));
			if (spec.retry) chain = chain.map((node) => ({ ...node, retryOnFail: true, ...spec.retry }));
		}
		const head: INode[] = spec.side === 'http' && workload.provider === 'commvault' ? [webhook, commvaultLoginNode(emulator)] : [webhook];
		const nodes = [...head, make, split, ...chain];
		const connections: IDataObject = {};
		for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
		return {
			workflow: { id: spec.id, name: `Bench ${spec.id}`, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {}, active: false },
			nodes: measuredNodes(spec, chain),
		};
	}

	/**
	 * Runs a workflow once on `items` (resources no earlier run touched) and reads its saved execution; the
	 * emulator keeps its state and tokens, only its request log is emptied first. With `profile`, n8n's main
	 * thread is profiled for exactly this run and the profile is returned too.
	 */
	async run(spec: N8nWorkflowSpec, items: IDataObject[], options: { profile?: boolean } = {}): Promise<{ figures: N8nRunFigures; profile?: CpuProfile }> {
		if (!this.server || !this.rest) throw new Error('n8n is not started');
		const { provider } = spec.workload;
		await this.emulators.clearLog(provider);
		const profileFile = options.profile ? await this.startProfile() : undefined;
		const started = Date.now();
		const res = await fetch(`${this.server.url}/webhook/${spec.id}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items }),
		});
		await res.text();
		const callMs = Date.now() - started;
		const profile = profileFile ? await this.stopProfile(profileFile) : undefined;
		const counts = countRequests(await this.emulators.log(provider), spec.workload.tokenPath);
		const figures = await this.figuresOf(spec, items, started, counts, res.ok ? undefined : `the webhook answered ${res.status}`);
		figures.callMs = callMs;
		return { figures, profile };
	}

	/** Starts a run of an `answerAtOnce` workflow; the returned function waits for its saved execution. */
	async startLong(spec: N8nWorkflowSpec, items: IDataObject[]): Promise<{ started: number; finish: (log: () => Promise<LogEntry[]>) => Promise<N8nRunFigures> }> {
		if (!this.server || !spec.answerAtOnce) throw new Error('n8n is not started, or the workflow does not answer at once');
		const started = Date.now();
		const res = await fetch(`${this.server.url}/webhook/${spec.id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
		await res.text();
		const finish = async (log: () => Promise<LogEntry[]>) => {
			const saved = this.savedRun(spec.id, started, 3 * 3600_000);
			await saved.catch(() => undefined);
			const counts = countRequests(await log(), spec.workload.tokenPath);
			return await this.figuresOf(spec, items, started, counts, res.ok ? undefined : `the webhook answered ${res.status}`, saved);
		};
		return { started, finish };
	}

	private async figuresOf(
		spec: N8nWorkflowSpec,
		items: IDataObject[],
		started: number,
		counts: RequestCounts,
		error: string | undefined,
		saved: Promise<SavedExecution> = this.savedRun(spec.id, started),
	): Promise<N8nRunFigures> {
		const { provider } = spec.workload;
		let runError = error;
		let execMs = Number.NaN;
		const perNode: Record<string, number> = {};
		const windows: Array<[number, number]> = [];
		let outputs = 0;
		let errorItems = 0;
		const measured = this.measured.get(spec.id) ?? [];
		try {
			const { resultData, wallMs } = await saved;
			execMs = wallMs;
			runError = resultData.error?.message ?? runError;
			for (const name of measured) {
				const task = resultData.runData[name]?.[0];
				perNode[name] = task?.executionTime ?? Number.NaN;
				if (task?.startTime !== undefined && task.executionTime !== undefined) windows.push([task.startTime, task.startTime + task.executionTime]);
				if (task?.error && !runError) runError = `${name}: ${task.error.message}`;
			}
			const last = resultData.runData[measured[measured.length - 1]]?.[0]?.data?.main?.[0] ?? [];
			outputs = last.length;
			// n8n's error items (continue on fail): `error` is a message, or an object with one. Commvault's own
			// answers carry `error: { errorCode: 0 }` on success, which is not one.
			errorItems = last.filter((i) => typeof i.json.error === 'string' || (typeof i.json.error === 'object' && i.json.error !== null && 'message' in i.json.error)).length;
		} catch (error) {
			runError = `could not read the execution: ${String(error)}`;
		}
		const problems = spec.workload.verify(await this.emulators.state(provider), items);
		const figures: N8nRunFigures = {
			items: items.length,
			nodesMs: Object.values(perNode).reduce((a, b) => a + b, 0),
			perNode,
			outputs,
			errorItems,
			lost: new Set(problems.map((p) => p.split(':')[0])).size,
			problems: problems.slice(0, 5),
			runError,
			callMs: Number.NaN,
			execMs,
			windows,
			...counts,
		};
		return figures;
	}

	/** The execution of this workflow that started at or after `since` (ms), once n8n has saved it (waits up to `timeoutMs`). */
	private async savedRun(workflowId: string, since: number, timeoutMs = 20_000): Promise<SavedExecution> {
		const rest = this.rest as N8nRest;
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const list = await rest.request<{ results: Array<{ id: string; status: string; startedAt?: string; createdAt?: string; stoppedAt?: string }> }>('GET', `/executions?filter=${filter}&limit=1`);
			const latest = list.results[0];
			const at = Date.parse(latest?.startedAt ?? latest?.createdAt ?? '');
			if (latest && at >= since - 1000 && !['new', 'running', 'waiting'].includes(latest.status)) {
				const execution = await rest.request<{ data: string }>('GET', `/executions/${latest.id}`);
				const run = flatted.parse(execution.data) as { resultData: SavedRun['resultData'] };
				return { resultData: run.resultData, wallMs: Date.parse(latest.stoppedAt ?? '') - at };
			}
			await new Promise((resolve) => setTimeout(resolve, timeoutMs > 60_000 ? 2000 : 200));
		}
		throw new Error(`no finished execution of ${workflowId} found`);
	}

	private async startProfile(): Promise<string> {
		this.profiles += 1;
		process.kill(this.server?.process.pid as number, 'SIGUSR2');
		// The hook starts the profiler at once; give it a moment to be running before the run starts.
		await new Promise((resolve) => setTimeout(resolve, 300));
		return path.join(this.profileDir, `${this.profiles}.cpuprofile`);
	}

	private async stopProfile(file: string): Promise<CpuProfile> {
		process.kill(this.server?.process.pid as number, 'SIGUSR2');
		for (let i = 0; i < 300 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 100));
		return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	}
}

function benchNode(name: string, type: string, typeVersion: number, x: number, parameters: IDataObject): INode {
	return { id: `bench-${name.toLowerCase().replace(/\W+/g, '-')}`, name, type, typeVersion, position: [x, 0], parameters: parameters as INode['parameters'] };
}

export function ourCredentialId(provider: ProviderKey): string {
	return `bench${PROVIDER_CODE[provider]}Ours`.padEnd(16, '0');
}
