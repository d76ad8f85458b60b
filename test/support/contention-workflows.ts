// The n8n workflows of the contention rounds (test/support/contention.ts): one per provider, a production
// webhook whose call runs the provider node on one resource and answers with the node's output.

export type ContentionProvider = 'partoo' | 'blendVisionOne' | 'instellix';
export const CONTENTION_PROVIDERS: ContentionProvider[] = ['partoo', 'blendVisionOne', 'instellix'];

/** The n8n credential each workflow uses (Contention.credentials() holds them, pointing at its emulators). */
export const CONTENTION_CREDENTIAL_IDS: Record<ContentionProvider, string> = { partoo: 'partooContend01', blendVisionOne: 'bvOneContend001', instellix: 'instellixConte1' };

export const contentionWebhookPath = (provider: ContentionProvider) => `contention/${provider}`;

/** Webhook → provider node (answering with the node's output), one workflow per provider. */
export function contentionWorkflow(provider: ContentionProvider) {
	const credential = (type: string, name: string) => ({ [type]: { id: CONTENTION_CREDENTIAL_IDS[provider], name } });
	const node = {
		partoo: {
			type: 'n8n-nodes-plan-provisioning.partoo',
			credentials: credential('partooApi', 'Partoo'),
			parameters: {
				resource: 'organizationPlan',
				operation: 'addOrUpdate',
				organization: { __rl: true, mode: 'id', value: '={{ $json.body.orgId }}' },
				plans: '={{ $json.body.plans }}',
				expirationDate: '={{ $json.body.contractEnd }}',
			},
		},
		blendVisionOne: {
			type: 'n8n-nodes-plan-provisioning.blendVisionOne',
			credentials: credential('blendVisionOneApi', 'BlendVision One'),
			parameters: {
				resource: 'subOrganization',
				operation: 'update',
				subOrganization: { __rl: true, mode: 'id', value: '={{ $json.body.id }}' },
				planMode: 'add',
				planIds: '={{ $json.body.planIds }}',
			},
		},
		instellix: {
			type: 'n8n-nodes-plan-provisioning.instellix',
			credentials: credential('instellixApi', 'Instellix'),
			parameters: {
				resource: 'plan',
				operation: 'update',
				plan: { __rl: true, mode: 'id', value: '={{ $json.body.planId }}' },
				properties: { set: [{ ident: '={{ $json.body.ident }}', value: '={{ $json.body.value }}' }] },
			},
		},
	}[provider];
	const id = `contend${provider.slice(0, 6)}000000`.slice(0, 16);
	return {
		id,
		name: `Contention: ${provider}`,
		nodes: [
			{ id: `${id}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path: contentionWebhookPath(provider), responseMode: 'lastNode', options: {} } },
			{ id: `${id}-node`, name: 'Provider', typeVersion: 1, position: [220, 0], ...node },
		],
		connections: { Webhook: { main: [[{ node: 'Provider', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Waits until an n8n serves a workflow's production webhook: a GET (which starts nothing) is answered
 * "not registered for GET" once the POST webhook is there, "not registered" before. */
export async function contentionWebhookRegistered(url: string, provider: ContentionProvider): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const res = await fetch(`${url}/webhook/${contentionWebhookPath(provider)}`).catch(() => undefined);
		const text = (await res?.text().catch(() => '')) ?? '';
		if (res?.ok || /POST request|for GET/i.test(text)) return;
		if (Date.now() > deadline) throw new Error(`${url} did not register the ${provider} webhook: ${text.slice(0, 300)}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}
