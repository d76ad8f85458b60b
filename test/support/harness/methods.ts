import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { type StoredCredential, TestCredentialsHelper } from './credentials';
import { registry } from './registry';
import { additionalDataFor } from './run';

function contextFor(
	nodeName: string,
	credential: StoredCredential,
	parameters: INodeParameters = {},
	path = 'parameters',
	helper = new TestCredentialsHelper(),
) {
	const { nodeTypes, typeNames } = registry();
	const type = typeNames[nodeName];
	const node: INode = {
		id: 'method-node',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	helper.set(credential);
	const additionalData = additionalDataFor(helper);
	// The editor sends the node's current parameters along, for methods that depend on them.
	additionalData.currentNodeParameters = parameters;
	const ctx = new LoadOptionsContext(workflow, node, additionalData, path);
	return { ctx, nodeType: nodeTypes.getByNameAndVersion(type, 1) as INodeType, workflow, node, helper };
}

/** Calls a node's listSearch method the way the editor's "From list" picker does. */
export async function listSearch(
	nodeName: string,
	method: string,
	credential: StoredCredential,
	filter?: string,
	paginationToken?: string,
	parameters: INodeParameters = {},
): Promise<INodeListSearchResult> {
	const { ctx, nodeType } = contextFor(nodeName, credential, parameters);
	const fn = nodeType.methods?.listSearch?.[method];
	if (!fn) throw new Error(`No listSearch method ${method} on ${nodeName}`);
	return await fn.call(ctx, filter, paginationToken);
}

/**
 * Calls a node's loadOptions method the way the editor fills an options / multiOptions field, with the
 * node's current parameters (and a credentials helper that may be shared to watch its sign-ins).
 */
export async function loadOptions(
	nodeName: string,
	method: string,
	credential: StoredCredential,
	options: { parameters?: INodeParameters; path?: string; helper?: TestCredentialsHelper } = {},
): Promise<INodePropertyOptions[]> {
	const { ctx, nodeType } = contextFor(nodeName, credential, options.parameters, options.path, options.helper);
	const fn = nodeType.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method} on ${nodeName}`);
	return await fn.call(ctx);
}

/**
 * Runs a credential's Test the way n8n does: sign in first when the credential has a
 * preAuthentication step, then send its `test` request with its authentication applied.
 */
export async function testCredential(
	nodeName: string,
	credential: StoredCredential,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const { ctx, workflow, node, helper } = contextFor(nodeName, credential);
	const type = registry().credentialTypes.get(credential.type)!;
	let data: ICredentialDataDecryptedObject = helper.applyDefaults(credential.data, credential.type);
	try {
		if (typeof type.preAuthentication === 'function') {
			data = { ...data, ...(await type.preAuthentication.call({ helpers: ctx.helpers }, data)) } as ICredentialDataDecryptedObject;
		}
		const request = type.test?.request;
		if (!request) return { status: 'Error', message: 'No test request' };
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: data }, undefined, '')
				: value;
		const options = {
			method: request.method ?? 'GET',
			url: `${String(resolve(request.baseURL) ?? '')}${String(resolve(request.url) ?? '')}`,
			qs: request.qs,
			headers: { ...(request.headers ?? {}) },
			body: request.body,
			json: true,
		} as IHttpRequestOptions;
		const authenticated = await helper.authenticate(data, credential.type, options, workflow, node);
		await ctx.helpers.httpRequest(authenticated);
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}
