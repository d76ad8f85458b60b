// An MCP client as an AI agent uses one (the official SDK), against n8n's MCP Server Trigger.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface McpTool {
	name: string;
	description?: string;
	inputSchema: { type: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

export interface McpSession {
	listTools: () => Promise<McpTool[]>;
	/** tools/call; returns the text the tool answered and whether n8n marked it an error. */
	callTool: (name: string, args: Record<string, unknown>) => Promise<{ text: string; isError: boolean }>;
	close: () => Promise<void>;
}

/**
 * Connects over Streamable HTTP to an MCP Server Trigger's production URL (`<n8n>/mcp/<path>`). n8n answers
 * /healthz before it has activated the published workflows: until then the URL answers 404 (or, in 2.41,
 * the editor's page), and this keeps trying.
 */
export async function connectMcp(url: string, timeoutMs = 60_000): Promise<McpSession> {
	const deadline = Date.now() + timeoutMs;
	let client: Client;
	for (;;) {
		client = new Client({ name: 'plan-provisioning-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(url)));
			break;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	return {
		listTools: async () => (await client.listTools()).tools as McpTool[],
		callTool: async (name, args) => {
			const result = (await client.callTool({ name, arguments: args })) as { content?: Array<{ type: string; text?: string }>; isError?: boolean };
			const text = (result.content ?? []).map((part) => part.text ?? '').join('\n');
			return { text, isError: result.isError === true };
		},
		close: async () => await client.close(),
	};
}
