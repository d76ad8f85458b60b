// Undo Changes (issue 26), written once and fed by each provider's profile: an update, then an undo of its
// output, checked against the emulator's state (the whole resource) and its request log.
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../support/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import type { WorkflowJson } from '../support/harness/run';
import { jsonOf, run, withNode } from '../support/helpers';

export interface UndoProfile {
	/** The node's name in both workflows. */
	node: string;
	emulator: Emulator;
	credentials: () => StoredCredential[];
	/** An update workflow and the undo workflow (its "Output to Undo" is {{ $json }}). */
	update: WorkflowJson;
	undo: WorkflowJson;
	/** Update items that change several fields of one resource, one after the other. */
	items: IDataObject[];
	/** The whole resource the items change, as the emulator holds it. */
	state: () => unknown;
	/** Changes one of the fields the items changed, as a person in the provider's console would; returns the field as `changes` names it. */
	laterChange: () => string;
	/** Write requests the emulator received. */
	writes: () => number;
	/** A run of 200 items across 50 resources, and the state of all 50. */
	many: { items: IDataObject[]; state: () => unknown; setup?: () => void };
	/** An output item of another provider's node (its changes are not this node's). */
	foreign: IDataObject;
}

const byField = (list: IDataObject[]) => [...list].sort((a, b) => String(a.field).localeCompare(String(b.field)));
const outputsOf = (result: Awaited<ReturnType<typeof run>>, node: string) => jsonOf(result.output(node));

export function describeUndo(profile: UndoProfile): void {
	const { node, emulator } = profile;
	const update = async (items: IDataObject[]) => {
		const result = await run(profile.update, profile.credentials(), items);
		expect(result.error?.message).toBeUndefined();
		const out = outputsOf(result, node);
		expect(out.every((o) => o.outcome === 'updated')).toBe(true);
		return out;
	};
	const undo = async (items: IDataObject[], parameters: IDataObject = {}) =>
		await run(withNode(profile.undo, node, parameters), profile.credentials(), items);

	describe(`${node}: Undo Changes`, () => {
		test('update, then undo its output: the resource is exactly as before, and undoing again writes nothing', async () => {
			const before = profile.state();
			const changed = await update(profile.items);
			expect(profile.state()).not.toEqual(before);
			const writes = profile.writes();
			const result = await undo(changed);
			expect(result.error?.message).toBeUndefined();
			const out = outputsOf(result, node);
			expect(out.map((o) => o.outcome)).toEqual(changed.map(() => 'undone'));
			expect(profile.state()).toEqual(before);
			// Items of one resource share one read and one write.
			expect(profile.writes()).toBe(writes + 1);

			const again = await undo(changed);
			expect(again.error?.message).toBeUndefined();
			const second = outputsOf(again, node);
			expect(second.map((o) => o.outcome)).toEqual(changed.map(() => 'alreadyUndone'));
			expect(second.map((o) => byField(o.alreadyUndone as IDataObject[]))).toEqual(changed.map((c) => byField(c.changes as IDataObject[])));
			expect(profile.writes()).toBe(writes + 1);
			expect(profile.state()).toEqual(before);
		});

		test('a field changed since is left alone and reported as changedSince; the rest is put back', async () => {
			const changed = await update(profile.items);
			const field = profile.laterChange();
			const later = profile.state();
			const result = await undo(changed);
			expect(result.error?.message).toBeUndefined();
			const out = outputsOf(result, node);
			const since = out.flatMap((o) => (o.changedSince ?? []) as IDataObject[]);
			expect([...new Set(since.map((c) => c.field))]).toEqual([field]);
			expect(since[0].now).not.toEqual(since[0].to);
			expect(out.some((o) => o.outcome === 'undone')).toBe(true);
			expect(profile.state()).not.toEqual(later);
			// Undoing the rest again finds it undone; the later change stays.
			const again = outputsOf(await undo(changed), node);
			expect([...new Set(again.flatMap((o) => (o.changedSince ?? []) as IDataObject[]).map((c) => c.field))]).toEqual([field]);
		});

		test('dry run: shows per item what would be put back and what is left alone, and sends no write', async () => {
			const changed = await update(profile.items);
			const field = profile.laterChange();
			const after = profile.state();
			const writes = profile.writes();
			const result = await undo(changed, { options: { dryRun: true } });
			expect(result.error?.message).toBeUndefined();
			const out = outputsOf(result, node);
			expect(out.every((o) => o.outcome === 'dryRun' && Array.isArray(o.request))).toBe(true);
			// Per item: what would be put back (`changes`), and what is left alone and why (`changedSince`, with the value now).
			const putBack = (c: IDataObject) => (c.changes as IDataObject[]).filter((x) => x.field !== field).map((x) => ({ field: x.field, from: x.to, to: x.from }));
			// (A list changed since is still taken back member by member: its entry is left out of this comparison.)
			const except = (list: IDataObject[]) => byField(list.filter((x) => x.field !== field));
			expect(out.map((o) => except(o.changes as IDataObject[]))).toEqual(changed.map((c) => byField(putBack(c))));
			const since = out.flatMap((o) => (o.changedSince ?? []) as IDataObject[]);
			expect(since.length).toBeGreaterThan(0);
			expect(since.every((c) => c.field === field && c.now !== undefined)).toBe(true);
			expect(profile.writes()).toBe(writes);
			expect(profile.state()).toEqual(after);
		});

		test('an undo of a 200-item run across 50 resources restores all 50', async () => {
			profile.many.setup?.();
			const before = profile.many.state();
			const changed = await update(profile.many.items);
			expect(changed).toHaveLength(200);
			const writes = profile.writes();
			const result = await undo(changed, { options: { concurrency: 10 } });
			expect(result.error?.message).toBeUndefined();
			const out = outputsOf(result, node);
			expect(out.every((o) => o.outcome === 'undone')).toBe(true);
			expect(profile.many.state()).toEqual(before);
			// One write per resource, and again where Confirm Write found it reverted (`reapplied`, on each of its 4 items).
			const rewritten = out.reduce((n, o) => n + Number(o.reapplied ?? 0), 0) / 4;
			expect(profile.writes()).toBe(writes + 50 + rewritten);
		});

		test('items that are not this node\'s output are refused before anything is sent, naming the item', async () => {
			const changed = await update(profile.items.slice(0, 1));
			const sent = emulator.log.length;
			const cases: Array<[IDataObject, RegExp]> = [
				[{ ...changed[0], changes: undefined }, /has no "changes"/],
				[profile.foreign, /not a change of|not the output of/],
				[{ ...changed[0], changes: [{ field: 'plans' }] }, /not a \{ field, from, to \} entry/],
				[{ error: 'The resource was not found', details: { itemIndex: 0 } }, /error item/],
			];
			for (const [bad, problem] of cases) {
				const result = await undo([changed[0], bad]);
				expect(result.error?.message).toMatch(/^Invalid "Output to Undo" in item 1: /);
				expect(result.error?.message).toMatch(problem);
				expect(result.error?.description).toBeTruthy();
			}
			expect(emulator.log.length).toBe(sent);
		});
	});
}
