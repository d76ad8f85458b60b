// What an AI agent sees and does through examples/mcp-plan-tools.json, over MCP: shared by the real-n8n suite
// (mcp.e2e.test.ts) and the version matrix (test/compat). Each call is what a model would send; each check
// reads the emulator afterwards.
import type { ExampleEmulators } from '../../examples.cases';
import { activateWorkflow } from './examples';
import { type McpSession, connectMcp } from './mcp';
import { type N8nInstall, type N8nServer, type UserFolder, startN8n } from './n8n';

export const MCP_WORKFLOW_ID = 'exMcpPlanTools01';
/** The MCP Server Trigger's production URL (its path is set in the example). */
export const mcpUrl = (n8nUrl: string) => `${n8nUrl}/mcp/plan-provisioning`;

/** Makes the MCP example (and the workflows `also` names) live, starts n8n and connects an MCP client to it. */
export async function serveAgentTools(install: N8nInstall, user: UserFolder, also: string[] = []): Promise<{ server: N8nServer; mcp: McpSession; stop: () => Promise<void> }> {
	for (const id of [MCP_WORKFLOW_ID, ...also]) await activateWorkflow(install, user, id);
	const server = await startN8n(install, user.env);
	try {
		const mcp = await connectMcp(mcpUrl(server.url));
		const stop = async () => {
			await mcp.close();
			await server.stop();
		};
		return { server, mcp, stop };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

const ORG_ID = 'The Partoo organization ID, a whole number such as 42';
const PLAN_LIST = 'presence_management, review_management, posts, messages, review_booster, bulk_modification, feedback_management, competitive_benchmark, messages_channel_sms, booking_links, webhooks';

/** The tools as the agent lists them: name, description, and each input the model fills, with its type. */
export const EXPECTED_TOOLS = [
	{
		name: 'get_partoo_plans',
		description: 'Get the plans of an organization in Partoo',
		inputs: { organizationId: { type: 'number', description: ORG_ID } },
	},
	{
		name: 'add_partoo_plans',
		description: 'Add or update plans of an organization and keep its other plans in Partoo',
		inputs: {
			organizationId: { type: 'number', description: ORG_ID },
			plans: { type: 'string', description: `Comma-separated names of the plans to add or update, from: ${PLAN_LIST}` },
			expirationDate: {
				type: 'string',
				description: 'The day these plans expire, as YYYY-MM-DD; an empty string keeps the expiry of plans the organization already has',
			},
		},
	},
	{
		name: 'replace_partoo_plans',
		description: 'Replace all plans of an organization with the listed plans in Partoo',
		inputs: {
			organizationId: { type: 'number', description: ORG_ID },
			plans: { type: 'string', description: `Comma-separated names of every plan the organization should have, from: ${PLAN_LIST}` },
		},
	},
	{
		name: 'set_instellix_plan_property',
		description: 'Update a plan and its properties and phases in Instellix',
		inputs: {
			planId: { type: 'number', description: 'The Instellix plan ID, a whole number such as 4711' },
			propertyIdent: { type: 'string', description: 'The ident of the plan property to set, such as data_volume (letters, digits and _ . ~ -)' },
			propertyValue: { type: 'string', description: 'The new value of that property, such as 50 GB' },
		},
	},
];

const planNames = (e: ExampleEmulators, orgId: number) => e.partoo.plans(orgId).map((p) => p.name);

/** Registers the agent's checks; `session` is connected in the caller's beforeAll, emulators reset before each. */
export function testAgentTools(session: () => McpSession, e: ExampleEmulators): void {
	test('tools/list: each tool says what it changes, and asks only for the inputs the author left to the model', async () => {
		const tools = await session().listTools();
		const seen = tools
			.map((tool) => ({
				name: tool.name,
				description: tool.description,
				inputs: Object.fromEntries(Object.entries(tool.inputSchema.properties ?? {}).map(([key, p]) => [key, { type: p.type, description: p.description }])),
				required: [...(tool.inputSchema.required ?? [])].sort(),
			}))
			.sort((a, b) => EXPECTED_TOOLS.findIndex((t) => t.name === a.name) - EXPECTED_TOOLS.findIndex((t) => t.name === b.name));
		expect(seen).toEqual(EXPECTED_TOOLS.map((tool) => ({ ...tool, required: Object.keys(tool.inputs).sort() })));
	});

	test('tools/call get_partoo_plans reads the plans and changes nothing', async () => {
		const result = await session().callTool('get_partoo_plans', { organizationId: 42 });
		expect(result.isError).toBe(false);
		expect(result.text).toContain('presence_management');
		expect(e.partoo.requests('POST')).toEqual([]);
	});

	test('tools/call add_partoo_plans adds the plans the model names and keeps the others', async () => {
		const result = await session().callTool('add_partoo_plans', { organizationId: 42, plans: 'webhooks, booking_links', expirationDate: '2027-12-31' });
		expect(result.isError).toBe(false);
		expect(result.text).toContain('"outcome":"updated"');
		expect(e.partoo.plans(42)).toEqual([
			expect.objectContaining({ name: 'presence_management', expiration_date: '2026-01-01' }),
			expect.objectContaining({ name: 'review_management', expiration_date: null }),
			expect.objectContaining({ name: 'webhooks', expiration_date: '2027-12-31' }),
			expect.objectContaining({ name: 'booking_links', expiration_date: '2027-12-31' }),
		]);
	});

	test('tools/call set_instellix_plan_property sets one property and keeps the rest of the plan', async () => {
		const before = e.instellix.plan(4711) as { properties: unknown[] };
		const result = await session().callTool('set_instellix_plan_property', { planId: 4711, propertyIdent: 'data_volume', propertyValue: '50 GB' });
		expect(result.isError).toBe(false);
		expect(e.instellix.plan(4711)).toEqual({
			...before,
			properties: [
				{ ident: 'data_volume', value: '50 GB' },
				{ ident: 'support', value: 'email', printOnInvoice: true },
			],
		});
	});

	test('a tool call cannot switch on "Remove Plans Not Listed" (nor pick another operation) when the author did not leave it to the model', async () => {
		const result = await session().callTool('replace_partoo_plans', {
			organizationId: 42,
			plans: 'webhooks',
			// Not inputs of this tool: a model adding them changes nothing.
			removeUnlisted: true,
			operation: 'replaceAll',
			options: { dryRun: false },
		});
		expect(result.isError).toBe(true);
		expect(result.text).toContain('Replace All would remove plans organization 42 has but that are not listed: presence_management, review_management');
		expect(planNames(e, 42)).toEqual(['presence_management', 'review_management']);
		expect(e.partoo.requests('POST')).toEqual([]);
	});
}
