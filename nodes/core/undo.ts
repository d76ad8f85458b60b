import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { clone } from './changes';
import { ChangeRefused } from './errors';
import type { Operation } from './node';
import type { ChangedResource, UpdateOperation, Write } from './operation';
import { runUpdate } from './runner';
import { type UndoReport, emptyReport, putBackHolds, undoChange } from './undoChange';
import { type UndoItem, type UndoRules, readUndoItem, undoFields } from './undoInput';

// Undo Changes: an update whose input is an earlier output item of the same node. It reads the resource,
// takes back each recorded change that is still there (undoChange), and writes with the update's own write:
// the same turns, confirmation, retries, dry run and pacing as every update. Items of one resource are
// undone last first.

/** What a provider gives for its Undo Changes: its update's resource and write, and how its `changes` map onto it. */
export interface UndoMapping<T, R> extends UndoRules<T> {
	resource: ChangedResource<T, R>;
	write: Write<T, R>;
	/** The resource with its comparison view (`resource.compare`) replaced by `view`: the inverse of compare on the writable part. */
	restore: (current: R, view: IDataObject) => R;
	/** The updates whose output this undo takes, for the field's description, e.g. "Add or Update, Remove or Replace All". */
	operations: string;
}

type UndoInput<T> = T & { undo: UndoItem };

/** How each item's undo went, by item index (apply runs again on a conflict or a re-apply: the last run counts). */
type Reports = Map<number, { report: UndoReport; undo: UndoItem; key: string }>;

/** The item's output with what the undo found, and an outcome that says it. */
function withReport(item: INodeExecutionData, reports: Reports, redact: (json: IDataObject) => IDataObject): INodeExecutionData {
	const index = (item.pairedItem as { item: number } | undefined)?.item;
	const found = index === undefined ? undefined : reports.get(index);
	if (!found || 'error' in item.json) return item;
	const { undo } = found;
	let { report } = found;
	let json = item.json;
	let outcome = json.outcome;
	if (outcome === 'updated') outcome = 'undone';
	else if (outcome === 'unchanged') {
		// Nothing was written for the resource: what this item would put back, another item of the run set back
		// again (A to B to A), so the resource already is as the undo leaves it.
		report = { ...report, putBack: [], alreadyUndone: [...report.alreadyUndone, ...report.putBack] };
		json = { ...json, changes: [] };
		if (report.changedSince.length > 0) outcome = 'changedSince';
		else if (report.alreadyUndone.length > 0) outcome = 'alreadyUndone';
	}
	const list = (name: string, entries: unknown[]) => (entries.length > 0 ? { [name]: entries as IDataObject[] } : {});
	return {
		...item,
		json: redact({
			...json,
			outcome,
			...list('alreadyUndone', report.alreadyUndone),
			...list('changedSince', report.changedSince),
			...list('cannotUndo', undo.cannotUndo),
		}),
	};
}

export function defineUndo<T, R>(mapping: UndoMapping<T, R>): Operation {
	const fields = undoFields({ what: mapping.what, operations: mapping.operations });
	const compare = mapping.resource.compare ?? mapping.resource.view;
	return {
		kind: 'update',
		fields,
		run: async (ctx, transport, settings) => {
			const reports: Reports = new Map();
			const operation: UpdateOperation<UndoInput<T>, R> = {
				fields,
				input: (params) => {
					const input = readUndoItem(params, mapping);
					reports.set(params.itemIndex, { report: emptyReport(), undo: input.undo, key: mapping.resource.key(input) });
					return input;
				},
				resource: mapping.resource,
				lastFirst: true,
				apply: (current, input) => {
					const report = emptyReport();
					const key = mapping.resource.key(input);
					reports.set(input.undo.itemIndex, { report, undo: input.undo, key });
					if (input.undo.changes.length === 0) return current;
					const earlier = [...reports].filter(([i, r]) => i < input.undo.itemIndex && r.key === key).flatMap(([, r]) => r.undo.changes);
					const view = clone(compare(current));
					for (const change of input.undo.changes) undoChange(view, change, report, earlier);
					if (report.putBack.length === 0) return current;
					const restored = mapping.restore(current, view);
					// Never report a change as put back that the write would not carry.
					const missed = report.putBack.filter((c) => !putBackHolds(compare(restored), c)).map((c) => c.field);
					if (missed.length > 0) {
						throw new ChangeRefused(missed.join(', '), `the ${mapping.what} cannot be set back to what it was before`, 'Put these fields back by hand; the other changes of this item were not sent either.');
					}
					return restored;
				},
				write: mapping.write,
			};
			const out = await runUpdate(ctx, transport, operation, settings);
			return out.map((item) => withReport(item, reports, (json) => transport.redactor.redactValue(json)));
		},
	};
}
