// CPU of our own code only: the node's execute() (runner, transport, pacing, operations, diff, redaction)
// with n8n's parameter resolution and HTTP stack taken out. A run through the harness records every
// answer the emulator gave (at the transport's single HTTP call); the same run is then replayed with a
// plain execute context (parameters resolved beforehand, the recorded answers handed back without I/O)
// and this process's CPU time is measured around execute().
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Transport } from '../../nodes/core/transport';
import type { ApiRequest, HttpResponse } from '../../nodes/core/types';
import { registry } from '../../test/support/harness/registry';
import { runWorkflow } from '../../test/support/harness/run';
import type { EmulatorProcess } from './control';
import { Profiler, type ProfileSummary, summarise } from './profile';
import { settle } from './settle';
import { NODE_NAME, ourWorkflow } from './inprocess';
import type { Workload } from './workloads';

type Attempt = (this: Transport, req: ApiRequest) => Promise<HttpResponse>;
const proto = Transport.prototype as unknown as { attempt: Attempt };

export interface OurCodeFigures {
	items: number;
	/** CPU (user + system) of execute() in the replay, per item (ms). */
	cpuMsPerItem: number;
	/** CPU per item of each measured replay (ms); the figure is the lowest. */
	runsCpuMsPerItem: number[];
	/** Self time of our code in a profiled replay, when asked for. */
	profile?: ProfileSummary;
	/** Wall time of execute() in the replay (ms): the lowest of the replays. */
	wallMs: number;
	/**
	 * Main-thread time per item (ms): the replay's wall time, since a replay never waits (no I/O, and no
	 * pacing waits: a replay runs with the Rate Limit off where the provider has one). Unlike the CPU
	 * figure it leaves out V8's background threads (optimising compiler, concurrent GC).
	 */
	mainThreadMsPerItem: number;
	/** Requests replayed (equals the recorded ones when the replay matched the recording). */
	replayed: number;
	recorded: number;
	outputs: number;
}

/** Resolves `={{ $json.field }}` parameters against an item, the only expressions the workloads use. */
function resolve(value: unknown, json: IDataObject): unknown {
	if (typeof value === 'string') {
		const match = /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value);
		if (!match) return value;
		return match[1].split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as IDataObject)[k] : undefined), json);
	}
	if (Array.isArray(value)) return value.map((v) => resolve(v, json));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, json)]));
	return value;
}

function pick(params: IDataObject, name: string): unknown {
	return name.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as IDataObject)[k] : undefined), params);
}

export async function measureOurCode(
	emulators: EmulatorProcess,
	workload: Workload,
	items: IDataObject[],
	concurrency: number,
	replayOptions: IDataObject = {},
	profileFile?: string,
): Promise<OurCodeFigures> {
	const { provider } = workload;
	const emulator = emulators.emulators[provider];
	const original = proto.attempt;
	const recording = new Map<string, HttpResponse[]>();
	const key = (req: ApiRequest) => `${req.method} ${req.path}`;

	// 1. Record: a real run through the harness (n8n-core), answers kept per method and path, in order.
	await emulators.reset(provider);
	await emulators.latency(provider, 0);
	proto.attempt = async function (this: Transport, req: ApiRequest) {
		const response = await original.call(this, req);
		const list = recording.get(key(req)) ?? [];
		list.push(structuredClone(response));
		recording.set(key(req), list);
		return response;
	};
	try {
		const credentials = [{ id: 'bench', name: 'bench', type: emulator.credential.type, data: { ...emulator.credential.data } }];
		const recorded = await runWorkflow(ourWorkflow(workload, { concurrency }), { credentials, items });
		if (recorded.error) throw new Error(`recording run failed: ${recorded.error.message}`);
	} finally {
		proto.attempt = original;
	}
	const recordedCount = [...recording.values()].reduce((a, l) => a + l.length, 0);

	// 2. Replay with a plain context: everything n8n would do per parameter and per request is gone.
	const nodeType = registry().nodeTypes.getByNameAndVersion(workload.nodeType, 1) as INodeType;
	const raw = workload.parameters({ concurrency, ...replayOptions }) as INode['parameters'];
	const node: INode = {
		id: 'bench-node',
		name: NODE_NAME,
		type: workload.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: raw,
		credentials: { [workload.credentialType]: { id: 'bench', name: 'bench' } },
	};
	const withDefaults = (NodeHelpers.getNodeParameters(nodeType.description.properties, raw, true, false, node, nodeType.description) ?? {}) as IDataObject;
	const replayOnce = async (): Promise<{ cpuMs: number; wallMs: number; replayed: number; outputs: number }> => {
		const perItem = items.map((json) => resolve(withDefaults, json) as IDataObject);
		const queues = new Map([...recording].map(([k, list]) => [k, list.map((r) => structuredClone(r))]));
		let replayed = 0;
		const input: INodeExecutionData[] = items.map((json) => ({ json }));
		const ctx = {
			getNode: () => node,
			getInputData: () => input,
			getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => pick(perItem[itemIndex], name) ?? fallback,
			continueOnFail: () => false,
			getCredentials: async () => ({ ...emulator.credential.data }),
			getExecutionCancelSignal: () => undefined,
			helpers: {},
		} as unknown as IExecuteFunctions;
		proto.attempt = async function (this: Transport, req: ApiRequest) {
			const answer = queues.get(key(req))?.shift();
			if (!answer) throw new Error(`No recorded answer for ${key(req)}`);
			replayed++;
			return answer;
		};
		await settle();
		try {
			const cpu = process.cpuUsage();
			const started = performance.now();
			const out = await (nodeType.execute as (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>).call(ctx);
			const wallMs = performance.now() - started;
			const used = process.cpuUsage(cpu);
			return { cpuMs: (used.user + used.system) / 1000, wallMs, replayed, outputs: out[0].length };
		} finally {
			proto.attempt = original;
		}
	};
	await replayOnce(); // warm-up (JIT)
	// The lowest of five replays: CPU time on a shared machine only ever goes up with load.
	const runs = [];
	for (let n = 0; n < 5; n++) runs.push(await replayOnce());
	const best = runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
	let profile: ProfileSummary | undefined;
	if (profileFile) {
		// One more replay under the sampling profiler, for where our code spends its time (not for figures).
		const profiler = new Profiler();
		await profiler.start();
		await replayOnce();
		profile = summarise(await profiler.stop(profileFile));
	}
	return {
		items: items.length,
		cpuMsPerItem: best.cpuMs / items.length,
		runsCpuMsPerItem: runs.map((r) => r.cpuMs / items.length),
		wallMs: Math.min(...runs.map((r) => r.wallMs)),
		mainThreadMsPerItem: Math.min(...runs.map((r) => r.wallMs)) / items.length,
		replayed: best.replayed,
		recorded: recordedCount,
		outputs: best.outputs,
		profile,
	};
}
