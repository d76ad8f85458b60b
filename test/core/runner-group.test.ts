// Unit test for the core change the Instellix node needed: an update's `resource.read` receives the inputs
// of every item that shares the read (`group`), so lookups any item's `apply` needs can be fetched up front.
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { defineUpdate } from '../../nodes/core/node';
import { Redactor } from '../../nodes/core/redact';
import { DEFAULT_TRANSPORT_SETTINGS, type Transport } from '../../nodes/core/transport';
import type { ApiRequest } from '../../nodes/core/types';

const node: INode = { id: '1', name: 'Node', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

function fakeContext(items: IDataObject[]): IExecuteFunctions {
	return {
		getInputData: () => items.map((json) => ({ json })),
		continueOnFail: () => false,
		getNode: () => node,
	} as unknown as IExecuteFunctions;
}

function fakeTransport(sent: ApiRequest[]): Transport {
	// Only what the runner uses of a Transport.
	return {
		redactor: new Redactor(),
		settings: DEFAULT_TRANSPORT_SETTINGS,
		learnSecrets: async () => ({}),
		scopes: async () => ({ resource: 'test', account: 'test' }),
		url: (path: string) => `http://x${path}`,
		request: async (req: ApiRequest) => {
			sent.push(req);
			return undefined;
		},
	} as unknown as Transport;
}

const SETTINGS = { dryRun: false, concurrency: 1, confirm: false, turnTimeoutMs: 1000, resource: 'test' };

interface Input {
	key: string;
	add: string;
}

test('read gets the inputs of every item of its group, in input order, on every read', async () => {
	const reads: Array<{ first: string; group: string[] | undefined }> = [];
	const operation = defineUpdate<Input, { list: string[] }>({
		fields: [],
		input: (params) => params.ctx.getInputData()[params.itemIndex].json as unknown as Input,
		resource: {
			key: (input) => input.key,
			label: (input) => `resource ${input.key}`,
			read: async (_op, input, _i, group) => {
				reads.push({ first: input.add, group: group?.map((g) => g.add) });
				return { list: [] };
			},
			view: (r) => ({ list: r.list }),
		},
		apply: (current, input) => ({ list: [...current.list, input.add] }),
		write: { requests: (_b, after) => [{ method: 'PUT', path: '/x', body: after.list }] },
	});
	const sent: ApiRequest[] = [];
	const items = [
		{ key: 'a', add: 'a1' },
		{ key: 'b', add: 'b1' },
		{ key: 'a', add: 'a2' },
		{ key: 'a', add: 'a3' },
	];
	const out = await operation.run(fakeContext(items), fakeTransport(sent), SETTINGS);
	// Group "a": the read before the write and the re-read after it (no `write.result`) both get the group.
	expect(reads).toEqual([
		{ first: 'a1', group: ['a1', 'a2', 'a3'] },
		{ first: 'a1', group: ['a1', 'a2', 'a3'] },
		{ first: 'b1', group: ['b1'] },
		{ first: 'b1', group: ['b1'] },
	]);
	expect(sent.map((r) => r.body)).toEqual([['a1', 'a2', 'a3'], ['b1']]);
	expect(out).toHaveLength(4);
});

test('an operation whose read ignores the group works as before', async () => {
	const operation = defineUpdate<Input, { list: string[] }>({
		fields: [],
		input: (params) => params.ctx.getInputData()[params.itemIndex].json as unknown as Input,
		resource: {
			key: (input) => input.key,
			label: (input) => `resource ${input.key}`,
			read: async () => ({ list: ['x'] }),
			view: (r) => ({ list: r.list }),
		},
		apply: (current, input) => ({ list: [...current.list, input.add] }),
		write: { requests: (_b, after) => [{ method: 'PUT', path: '/x', body: after.list }], result: (_answers, after) => after },
	});
	const sent: ApiRequest[] = [];
	const out = await operation.run(fakeContext([{ key: 'a', add: 'y' }]), fakeTransport(sent), SETTINGS);
	expect(sent.map((r) => r.body)).toEqual([['x', 'y']]);
	expect(out[0].json).toMatchObject({ list: ['x', 'y'], outcome: 'updated' });
});
