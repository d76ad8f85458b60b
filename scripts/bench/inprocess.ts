// Runs our node in this process through the test harness (n8n-core's real WorkflowExecute), against
// the emulator process, and measures wall time and this process's CPU time around the run.
import { performance } from 'node:perf_hooks';

import type { IDataObject, INode } from 'n8n-workflow';

import { type WorkflowJson, runWorkflow } from '../../test/support/harness/run';
import type { EmulatorProcess, LogEntry } from './control';
import { settle } from './settle';
import type { Workload } from './workloads';

export const NODE_NAME = 'Bench Node';

export interface RequestCounts {
	/** Every request the emulator logged (token requests included). */
	requests: number;
	tokenRequests: number;
	/** Requests answered 429. */
	rateLimited: number;
	/** Requests answered 401 (expired or missing token). */
	unauthorized: number;
	/** Requests answered >= 500 or dropped. */
	serverErrors: number;
}

export function countRequests(log: LogEntry[], tokenPath: RegExp | undefined): RequestCounts {
	return {
		requests: log.length,
		tokenRequests: tokenPath ? log.filter((r) => tokenPath.test(r.path)).length : 0,
		rateLimited: log.filter((r) => r.status === 429).length,
		unauthorized: log.filter((r) => r.status === 401).length,
		serverErrors: log.filter((r) => r.status >= 500 || r.status < 0).length,
	};
}

export interface InProcessFigures extends RequestCounts {
	items: number;
	/** The node's own execution time as n8n records it (ms). */
	nodeMs: number;
	/** Wall time around the whole workflow run (ms). */
	wallMs: number;
	/** CPU time (user + system) of this process during the run (ms). */
	cpuMs: number;
	/** CPU time of the emulator process during the run (ms; clock-tick resolution). */
	emulatorCpuMs?: number;
	outputs: number;
	/** Outputs whose pairedItem does not point at their own input item. */
	pairingErrors: number;
	errorItems: number;
	/** Items whose change is not in the emulator's state (first few listed). */
	lost: number;
	problems: string[];
	runError?: string;
}

/** The workflow the harness runs: a trigger that passes the items on, then our node. */
export function ourWorkflow(workload: Workload, options: IDataObject, nodeSettings: Partial<INode> = {}): WorkflowJson {
	const nodes: INode[] = [
		{ id: 'bench-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'bench-node',
			name: NODE_NAME,
			type: workload.nodeType,
			typeVersion: 1,
			position: [220, 0],
			parameters: workload.parameters(options) as INode['parameters'],
			credentials: { [workload.credentialType]: { id: 'bench', name: `${workload.label} (bench)` } },
			...nodeSettings,
		},
	];
	return {
		name: `Bench ${workload.label}`,
		nodes,
		connections: { Start: { main: [[{ node: NODE_NAME, type: 'main' as never, index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export async function runInProcess(
	emulators: EmulatorProcess,
	workload: Workload,
	items: IDataObject[],
	options: { concurrency: number; latencyMs: number; nodeOptions?: IDataObject; nodeSettings?: Partial<INode> },
): Promise<InProcessFigures> {
	const { provider } = workload;
	await emulators.reset(provider);
	await emulators.latency(provider, options.latencyMs);
	const emulator = emulators.emulators[provider];
	const workflow = ourWorkflow(workload, { concurrency: options.concurrency, ...(options.nodeOptions ?? {}) }, options.nodeSettings);
	const credentials = [{ id: 'bench', name: `${workload.label} (bench)`, type: emulator.credential.type, data: { ...emulator.credential.data } }];

	await settle();
	const emulatorCpuBefore = emulators.cpuMs();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runWorkflow(workflow, { credentials, items });
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const emulatorCpuAfter = emulators.cpuMs();

	const task = result.run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = result.output(NODE_NAME);
	let pairingErrors = 0;
	const perItem = new Map<number, number>();
	for (const out of outputs) {
		const paired = out.pairedItem as { item: number } | undefined;
		if (!paired || typeof paired.item !== 'number') pairingErrors++;
		else perItem.set(paired.item, (perItem.get(paired.item) ?? 0) + 1);
	}
	for (let i = 0; i < items.length; i++) if (perItem.get(i) !== 1 && outputs.length === items.length) pairingErrors++;
	const errorItems = outputs.filter((o) => o.json.error !== undefined).length;

	await emulators.latency(provider, 0);
	const log = await emulators.log(provider);
	const problems = workload.verify(await emulators.state(provider), items);
	return {
		items: items.length,
		nodeMs: task?.executionTime ?? Number.NaN,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		emulatorCpuMs: emulatorCpuBefore !== undefined && emulatorCpuAfter !== undefined ? emulatorCpuAfter - emulatorCpuBefore : undefined,
		outputs: outputs.length,
		pairingErrors,
		errorItems,
		lost: new Set(problems.map((p) => p.split(':')[0])).size,
		problems: problems.slice(0, 5),
		runError: result.error?.message,
		...countRequests(log, workload.tokenPath),
	};
}
