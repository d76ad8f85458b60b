// npm start prints the error of every execution that fails while it runs (also the webhook calls nobody watches
// in the editor): it asks n8n's REST API for failed executions every few seconds.
import type { N8nRest } from '../test/support/n8n/n8n';

interface ExecutionSummary {
	id: string;
	workflowId?: string;
}

interface ExecutionDetail {
	data?: string;
	workflowData?: { name?: string };
}

interface RunError {
	message?: string;
	description?: string;
	node?: { name?: string };
}

/** n8n stores run data in the `flatted` format (every object and string by its index in one array): the value. */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Set<object>();
	const revive = (value: unknown): unknown => {
		if (value && typeof value === 'object' && !revived.has(value)) {
			revived.add(value);
			const target = value as Record<string, unknown>;
			for (const [key, v] of Object.entries(target)) if (typeof v === 'string') target[key] = revive(table[Number(v)]);
		}
		return value;
	};
	return revive(table[0]);
}

/** One line about a failed execution: its workflow, the node that failed and the error, and where to see it. */
export function describeFailure(url: string, summary: ExecutionSummary, detail: ExecutionDetail): string {
	let error: RunError | undefined;
	let lastNode: string | undefined;
	try {
		const run = unflatten(detail.data ?? '[null]') as { resultData?: { error?: RunError; lastNodeExecuted?: string } } | null;
		error = run?.resultData?.error;
		lastNode = run?.resultData?.lastNodeExecuted;
	} catch {
		// an n8n that stores run data differently: the link still shows it
	}
	const node = error?.node?.name ?? lastNode;
	const what = error?.message ? `: ${error.message}${error.description ? ` (${error.description.split('\n')[0]})` : ''}` : '';
	return `execution ${summary.id} of "${detail.workflowData?.name ?? summary.workflowId}" failed${node ? ` at "${node}"` : ''}${what}\n  ${url}/workflow/${summary.workflowId}/executions/${summary.id}`;
}

/** Polls n8n for failed executions and prints each new one once; returns the function that stops it. */
export async function watchFailedExecutions(rest: N8nRest, print: (line: string) => void, everyMs = 3000): Promise<() => void> {
	const failed = async () => {
		const filter = encodeURIComponent(JSON.stringify({ status: ['error', 'crashed'] }));
		const page = await rest.request<{ results?: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=50`);
		return page.results ?? [];
	};
	const seen = new Set((await failed()).map((e) => e.id));
	let busy = false;
	let warned = false;
	const timer = setInterval(() => {
		if (busy) return;
		busy = true;
		void (async () => {
			for (const summary of (await failed()).filter((e) => !seen.has(e.id)).reverse()) {
				seen.add(summary.id);
				const detail = await rest.request<ExecutionDetail>('GET', `/executions/${summary.id}`).catch(() => ({}));
				print(describeFailure(rest.url, summary, detail));
			}
		})()
			.catch((error: unknown) => {
				if (!warned) print(`could not read n8n's failed executions (${error instanceof Error ? error.message : String(error)}); the editor lists them under Executions`);
				warned = true;
			})
			.finally(() => (busy = false));
	}, everyMs);
	return () => clearInterval(timer);
}
