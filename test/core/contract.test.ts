// The operation registry is typed: a definition whose parts disagree does not compile. Each
// `@ts-expect-error` below fails `npm run typecheck` (and ts-jest) the day such a mistake compiles again.
import type { IDataObject } from 'n8n-workflow';

import { defineRead, defineResource, defineUpdate } from '../../nodes/core/node';

interface Input {
	orgId: number;
	plans: string[];
}
interface Plans {
	orgId: number;
	plans: string[];
}

const resource = {
	key: (input: Input) => String(input.orgId),
	label: (input: Input) => `organization ${input.orgId}`,
	read: async (_op: unknown, input: Input): Promise<Plans> => ({ orgId: input.orgId, plans: [] }),
	view: (r: Plans): IDataObject => ({ orgId: r.orgId, plans: r.plans }),
};
const write = { requests: (_before: Plans, after: Plans) => [{ method: 'POST' as const, path: `/org/${after.orgId}/plans`, body: after.plans }] };
const input = (): Input => ({ orgId: 42, plans: ['posts'] });

test('a consistent update and read compile and register', () => {
	const update = defineUpdate({ fields: [], input, resource, apply: (current: Plans, item: Input) => ({ ...current, plans: [...current.plans, ...item.plans] }), write });
	const get = defineRead({ fields: [], input, run: async (_op, item) => ({ orgId: item.orgId }) });
	const picker = { displayName: 'Operation', name: 'operation', type: 'options' as const, default: 'get' };
	expect(
		defineResource({
			value: 'plan',
			name: 'Plan',
			operationField: { ...picker, options: [{ name: 'Get', value: 'get' }, { name: 'Update', value: 'update' }] },
			operations: { get, update },
		}).operations,
	).toEqual({ get, update });
});

test('mistyped operations do not compile', () => {
	// An apply that expects another input than the operation reads.
	// @ts-expect-error apply's input is not the operation's input
	defineUpdate({ fields: [], input, resource, apply: (current: Plans, item: { planId: string }) => ({ ...current, plans: [item.planId] }), write });
	// An apply that returns something other than the resource.
	// @ts-expect-error apply must return the resource it was given
	defineUpdate({ fields: [], input, resource, apply: (current: Plans) => current.plans, write });
	// A write for another resource.
	// @ts-expect-error the write's resource is not the one read
	defineUpdate({ fields: [], input, resource, apply: (current: Plans) => current, write: { requests: (_b: { id: string }) => [] } });
	// A read whose run uses a field the input does not have.
	// @ts-expect-error run reads a field the input lacks
	defineRead({ fields: [], input, run: async (_op, item) => ({ id: item.planId }) });
	// A picker offering an operation the resource does not define.
	const get = defineRead({ fields: [], input, run: async () => ({}) });
	const picker = { displayName: 'Operation', name: 'operation', type: 'options' as const, default: 'get' };
	// @ts-expect-error "remove" is not one of the operations
	expect(() => defineResource({ value: 'plan', name: 'Plan', operationField: { ...picker, options: [{ name: 'Remove', value: 'remove' }] }, operations: { get } })).toThrow(
		'the Operation picker offers remove but the operations are get',
	);
	// An operation the picker does not offer is found when the node loads.
	expect(() => defineResource({ value: 'plan', name: 'Plan', operationField: { ...picker, options: [] }, operations: { get } })).toThrow(
		'the Operation picker offers  but the operations are get',
	);
});
