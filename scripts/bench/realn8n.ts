// The real-n8n side: the cached n8n 2.40.7 (test/support/n8n/n8n.ts), a user folder with our packed package
// installed the self-hoster way, and `n8n execute` per run. Both our node and the HTTP Request node run
// this way, and their times are the nodes' `executionTime` from the run data.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import {
	type N8nInstall,
	type UserFolder,
	createUserFolder,
	ensureN8n,
	n8nCli,
	packPackage,
	step,
	writeImportFile,
} from '../../test/support/n8n/n8n';
import type { EmulatorProcess, ProviderKey } from './control';
import { type RequestCounts, countRequests } from './inprocess';
import { type Batching, type GenericCredential, type Workload, commvaultLoginNode } from './workloads';

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
	/** Wall time of the `n8n execute` command (n8n's start-up included), ms. */
	cliMs: number;
}

export type Side = 'ours' | 'http';

export interface N8nWorkflowSpec {
	id: string;
	workload: Workload;
	side: Side;
	items: IDataObject[];
	concurrency: number;
	batching: Batching;
	nodeOptions?: IDataObject;
}

const PROVIDER_CODE: Record<ProviderKey, string> = { partoo: 'pt', blendVisionOne: 'bv', elasticPath: 'ep', commvault: 'cv', instellix: 'ix' };

/** A 16-character workflow ID (n8n's length) for a run. */
export function workflowId(provider: ProviderKey, side: Side, variant: string, concurrency: number): string {
	return `bench${PROVIDER_CODE[provider]}${side === 'ours' ? 'o' : 'h'}${variant}${String(concurrency).padStart(2, '0')}`.padEnd(16, '0').slice(0, 16);
}

export const OUR_NODE = 'Plan Provisioning';

/** Nodes whose executionTime is the side's time. */
function measuredNodes(spec: N8nWorkflowSpec, chain: INode[]): string[] {
	if (spec.side === 'ours') return [OUR_NODE];
	return [...(spec.workload.provider === 'commvault' ? ['Login'] : []), ...chain.map((n) => n.name)];
}

export class RealN8n {
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
		mkdirSync(work, { recursive: true });
		const tgz = packPackage(path.join(work, 'pack'));
		const user = createUserFolder(tgz, { dir: path.join(work, 'user'), port: 5679 });
		// Keep every execution (n8n prunes old ones by default).
		Object.assign(user.env, { EXECUTIONS_DATA_PRUNE: 'false' });
		return new RealN8n(install, user, work, emulators);
	}

	cleanup(): void {
		if (process.env.BENCH_KEEP_N8N) return;
		rmSync(this.work, { recursive: true, force: true });
	}

	/** Every credential the runs use: ours (the emulators' own) and the generic ones of the HTTP side. */
	private credentials(): Array<GenericCredential | IDataObject> {
		const list: Array<GenericCredential | IDataObject> = [];
		for (const [key, emulator] of Object.entries(this.emulators.emulators) as Array<[ProviderKey, (typeof this.emulators.emulators)[ProviderKey]]>) {
			list.push({ id: ourCredentialId(key), name: `${key} (bench)`, type: emulator.credential.type, data: emulator.credential.data });
		}
		return list;
	}

	/**
	 * Imports the credentials again: a run then starts without a stored token, as the in-process runs do
	 * (n8n keeps fetched tokens in its database between executions).
	 */
	async importCredentials(generic: GenericCredential[]): Promise<void> {
		const file = writeImportFile(this.work, 'credentials.json', [...this.credentials(), ...generic]);
		const result = await n8nCli(this.install, this.user.env, ['import:credentials', `--input=${file}`]);
		if (result.code !== 0) throw new Error(`n8n import:credentials failed:\n${result.stdout.slice(-1500)}${result.stderr.slice(-1500)}`);
	}

	/** Builds and imports the workflows (one n8n call for all of them). */
	async importWorkflows(specs: N8nWorkflowSpec[]): Promise<Map<string, string[]>> {
		const dir = path.join(this.work, 'workflows');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const measured = new Map<string, string[]>();
		for (const spec of specs) {
			const { workflow, nodes } = this.workflowFor(spec);
			writeFileSync(path.join(dir, `${spec.id}.json`), JSON.stringify(workflow));
			measured.set(spec.id, nodes);
		}
		const result = await n8nCli(this.install, this.user.env, ['import:workflow', '--separate', `--input=${dir}`]);
		if (result.code !== 0) throw new Error(`n8n import:workflow failed:\n${result.stdout.slice(-1500)}${result.stderr.slice(-1500)}`);
		return measured;
	}

	private workflowFor(spec: N8nWorkflowSpec): { workflow: IDataObject; nodes: string[] } {
		const { workload } = spec;
		const emulator = this.emulators.emulators[workload.provider];
		const start: INode = { id: 'bench-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		// The items, as a bulk export would bring them: a fixed JSON list split into one item each.
		const make: INode = {
			id: 'bench-make',
			name: 'Make Items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [440, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: spec.items }), options: {} },
		};
		const split: INode = {
			id: 'bench-items',
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [660, 0],
			parameters: { fieldToSplitOut: 'items', options: {} },
		};
		let chain: INode[];
		if (spec.side === 'ours') {
			chain = [
				{
					id: 'bench-ours',
					name: OUR_NODE,
					type: workload.nodeType,
					typeVersion: 1,
					position: [880, 0],
					parameters: workload.parameters({ concurrency: spec.concurrency, ...(spec.nodeOptions ?? {}) }) as INode['parameters'],
					credentials: { [workload.credentialType]: { id: ourCredentialId(workload.provider), name: `${workload.provider} (bench)` } },
				},
			];
		} else {
			chain = workload.http(emulator, spec.batching, workload.httpCredential(emulator));
		}
		const head: INode[] = spec.side === 'http' && workload.provider === 'commvault' ? [start, commvaultLoginNode(emulator)] : [start];
		const nodes = [...head, make, split, ...chain];
		const connections: IDataObject = {};
		for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
		return {
			workflow: { id: spec.id, name: `Bench ${spec.id}`, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} },
			nodes: measuredNodes(spec, chain),
		};
	}

	/** Runs one imported workflow with `n8n execute` against freshly reset emulators. */
	async execute(spec: N8nWorkflowSpec, measured: string[], latencyMs: number, generic: GenericCredential[]): Promise<N8nRunFigures> {
		const { provider } = spec.workload;
		await this.importCredentials(generic);
		await this.emulators.reset(provider);
		await this.emulators.latency(provider, latencyMs);
		const started = Date.now();
		const result = await n8nCli(this.install, this.user.env, ['execute', `--id=${spec.id}`, '--rawOutput'], 1_800_000);
		const cliMs = Date.now() - started;
		writeFileSync(path.join(this.work, `${spec.id}.out.json`), result.stdout);
		await this.emulators.latency(provider, 0);
		const log = await this.emulators.log(provider);
		const counts = countRequests(log, spec.workload.tokenPath);

		let runError: string | undefined;
		const perNode: Record<string, number> = {};
		let outputs = 0;
		let errorItems = 0;
		try {
			const start = result.stdout.indexOf('{\n');
			const run = JSON.parse(result.stdout.slice(start >= 0 ? start : result.stdout.indexOf('{'))) as {
				data: {
					resultData: {
						error?: { message: string };
						runData: Record<string, Array<{ executionTime?: number; error?: { message: string }; data?: { main: Array<Array<{ json: IDataObject }>> } }>>;
					};
				};
			};
			const { runData, error } = run.data.resultData;
			runError = error?.message;
			for (const name of measured) {
				const task = runData[name]?.[0];
				perNode[name] = task?.executionTime ?? Number.NaN;
				if (task?.error && !runError) runError = `${name}: ${task.error.message}`;
			}
			const last = runData[measured[measured.length - 1]]?.[0]?.data?.main?.[0] ?? [];
			outputs = last.length;
			// n8n's error items (continue on fail): `error` is a message, or an object with one. Commvault's own
			// answers carry `error: { errorCode: 0 }` on success, which is not one.
			errorItems = last.filter((i) => typeof i.json.error === 'string' || (typeof i.json.error === 'object' && i.json.error !== null && 'message' in i.json.error)).length;
		} catch (error) {
			runError = `could not read the run data (${String(error)}): ${(result.stderr || result.stdout).slice(-800)}`;
		}
		const problems = spec.workload.verify(await this.emulators.state(provider), spec.items);
		step(`  n8n execute ${spec.id}: ${cliMs} ms${runError ? ` (error: ${runError.slice(0, 200)})` : ''}`);
		return {
			items: spec.items.length,
			nodesMs: Object.values(perNode).reduce((a, b) => a + b, 0),
			perNode,
			outputs,
			errorItems,
			lost: new Set(problems.map((p) => p.split(':')[0])).size,
			problems: problems.slice(0, 5),
			runError,
			cliMs,
			...counts,
		};
	}
}

export function ourCredentialId(provider: ProviderKey): string {
	return `bench${PROVIDER_CODE[provider]}Ours`.padEnd(16, '0');
}
