import { readFileSync } from 'node:fs';

import { Logger as N8nLogger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	Logger,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { LoggerProxy, Workflow, createRunExecutionData } from 'n8n-workflow';

import { type StoredCredential, TestCredentialsHelper } from './credentials';
import { registry } from './registry';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export interface RunOptions {
	credentials?: StoredCredential[];
	/** Items the trigger passes on (like data pinned on n8n's Manual Trigger). */
	items?: IDataObject[];
	mode?: WorkflowExecuteMode;
	/** Reuse a helper across runs (keeps stored tokens, like n8n's database would). */
	credentialsHelper?: TestCredentialsHelper;
	/** Run the built package (dist/, after npm run build) instead of the TypeScript sources. */
	built?: boolean;
}

export interface RunResult {
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
	/** Every message a node logged during the run. */
	logs: string[];
	/** Items a node output on its first main output (empty when it did not run). */
	output: (nodeName: string) => INodeExecutionData[];
	/** What a Respond to Webhook node answered the caller (the first answer), if one ran. */
	response?: { statusCode: number; body: Record<string, unknown> };
	/** The error that stopped the run, if any. */
	error: IRun['data']['resultData']['error'];
}

const logs: string[] = [];
const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	};
const logger = {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	verbose: capture('verbose'),
	scoped: () => logger,
} as unknown as Logger;
LoggerProxy.init(logger);
// n8n's own services (e.g. the ErrorReporter that logs every node error) log through the DI logger:
// capture those lines too, so secret scans see everything n8n would write to its log.
Container.set(N8nLogger, logger as unknown as N8nLogger);

/** What WorkflowExecute and the node contexts need from the host n8n, for tests. */
export function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the test harness');
		},
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function loadWorkflow(file: string): WorkflowJson {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
}

/** Replaces `{{NAME}}`-style placeholders anywhere in a workflow JSON (e.g. credential ids). */
export function fillWorkflow(workflow: WorkflowJson, values: Record<string, string | number | boolean>): WorkflowJson {
	let text = JSON.stringify(workflow);
	for (const [key, value] of Object.entries(values)) text = text.split(`__${key}__`).join(String(value));
	return JSON.parse(text) as WorkflowJson;
}

/**
 * Runs a workflow through n8n-core's real WorkflowExecute, starting at its trigger with `items`,
 * with our node types and a credentials helper that implements n8n's authentication machinery.
 */
export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<RunResult> {
	const { nodeTypes, typeNames } = registry(options.built ? 'dist' : 'source');
	// Exported workflows name our nodes by their short package-less type; accept both.
	const nodes = workflowJson.nodes.map((node) => ({
		...node,
		type: typeNames[node.type] ?? node.type,
	}));
	const workflow = new Workflow({
		id: 'test-workflow',
		name: workflowJson.name ?? 'test',
		nodes,
		connections: workflowJson.connections,
		nodeTypes,
		active: false,
		settings: workflowJson.settings ?? {},
	});

	const credentialsHelper = options.credentialsHelper ?? new TestCredentialsHelper();
	for (const credential of options.credentials ?? []) credentialsHelper.set(credential);

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowJson as never);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));
	let response: RunResult['response'];
	hooks.addHandler('sendResponse', (sent) => {
		response ??= { statusCode: Number(sent.statusCode ?? 200), body: sent.body as Record<string, unknown> };
	});

	const additionalData = additionalDataFor(credentialsHelper, hooks);

	// n8n's own start-node rules know the Manual Trigger; a Webhook start is the node nothing feeds.
	const start = workflow.getStartNode() ?? nodes.find((n) => workflow.getParentNodes(n.name).length === 0);
	if (!start) throw new Error('The workflow has no start node');
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [items] }, source: null }],
		},
	});

	const logStart = logs.length;
	const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const runData = run.data.resultData.runData;
	return {
		run,
		credentialsHelper,
		logs: logs.slice(logStart),
		response,
		error: run.data.resultData.error,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
	};
}
