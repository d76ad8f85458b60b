// The nodes as an AI agent's tools: examples/mcp-plan-tools.json (n8n's MCP Server Trigger with Partoo and
// Instellix tools whose inputs the model fills through $fromAI) published in a running n8n, used over MCP
// with the official client, as an agent does: list the tools, call them, and check the emulators.
import { createEmulators } from '../emulators/index';
import type { ExampleEmulators } from '../examples.cases';
import { MCP_WORKFLOW_ID, mcpUrl, testAgentTools } from './lib/agent-tools';
import { activateWorkflow, importExamples } from './lib/examples';
import { type McpSession, connectMcp } from './lib/mcp';
import { type N8nServer, startN8n } from './lib/n8n';
import { e2eState, freshUserFolder } from './lib/state';

const emulators = createEmulators();
const { install } = e2eState();
const user = freshUserFolder(5683);
let server: N8nServer;
let mcp: McpSession;

beforeAll(async () => {
	for (const emulator of Object.values(emulators)) await emulator.start();
	await importExamples(install, user, emulators);
	await activateWorkflow(install, user, MCP_WORKFLOW_ID);
	server = await startN8n(install, user.env);
	mcp = await connectMcp(mcpUrl(server.url));
});

afterAll(async () => {
	await mcp?.close();
	await server?.stop();
	await Promise.all(Object.values(emulators).map((e) => e.stop()));
});

beforeEach(() => Object.values(emulators).forEach((e) => e.resetAll()));

testAgentTools(() => mcp, emulators as unknown as ExampleEmulators);
