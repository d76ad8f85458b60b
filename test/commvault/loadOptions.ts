import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { type StoredCredential, TestCredentialsHelper } from '../harness/credentials';
import { registry } from '../harness/registry';
import { additionalDataFor } from '../harness/run';

/** Calls a node's loadOptions method the way the editor fills a dropdown (the harness has listSearch only). */
export async function loadOptions(
	nodeName: string,
	method: string,
	credential: StoredCredential,
	helper = new TestCredentialsHelper(),
): Promise<INodePropertyOptions[]> {
	const { nodeTypes, typeNames } = registry();
	const type = typeNames[nodeName];
	const node: INode = {
		id: 'method-node',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	helper.set(credential);
	const ctx = new LoadOptionsContext(workflow, node, additionalDataFor(helper), 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(type, 1) as INodeType;
	const fn = nodeType.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method} on ${nodeName}`);
	return await fn.call(ctx);
}
