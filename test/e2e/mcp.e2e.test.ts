// The nodes as an AI agent's tools: examples/mcp-plan-tools.json (n8n's MCP Server Trigger with Partoo and
// Instellix tools whose inputs the model fills through $fromAI) published in a running n8n, used over MCP
// with the official client, as an agent does: list the tools, call them, and check the emulators.
import { createEmulators } from '../support/emulators';
import type { ExampleEmulators } from '../examples.cases';
import { serveAgentTools, testAgentTools } from '../support/n8n/agent-tools';
import { importExamples } from '../support/n8n/examples';
import { e2eState, freshUserFolder } from './lib/state';

const emulators = createEmulators();
const { install } = e2eState();
const user = freshUserFolder(5683);
let served: Awaited<ReturnType<typeof serveAgentTools>>;

beforeAll(async () => {
	for (const emulator of Object.values(emulators)) await emulator.start();
	await importExamples(install, user, emulators);
	served = await serveAgentTools(install, user);
});

afterAll(async () => {
	await served?.stop();
	await Promise.all(Object.values(emulators).map((e) => e.stop()));
});

beforeEach(() => Object.values(emulators).forEach((e) => e.resetAll()));

testAgentTools(() => served.mcp, emulators as unknown as ExampleEmulators);
