import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type ItemParams, show } from './params';
import type { FieldChange } from './types';
import type { CannotUndo } from './undoChange';

// Reading one earlier output item for an undo: the fields the user sets, and the checks made before anything
// is sent (an item that is not this node's output, a change of another provider, a change that cannot be
// taken back).

/** What a provider tells the core about the changes its updates record. */
export interface UndoRules<T> {
	/** The resource as the node names it in messages, e.g. "Partoo organization plan". */
	what: string;
	/** Which resource the earlier output item is about: the input its read needs. Throws `params.error` when the item does not say. */
	target: (item: IDataObject, params: ItemParams) => T;
	/** Whether a recorded change is one this node's updates make (its field, and the shape of its values). */
	knows: (change: FieldChange, item: IDataObject) => boolean;
	/** Why a change cannot be taken back exactly, if so; `partly`: the rest of it is put back. */
	limit?: (change: FieldChange, item: IDataObject) => { reason: string; partly: boolean } | undefined;
}

/** One item of an undo: the changes to take back (last first), and those it cannot take back. */
export interface UndoItem {
	itemIndex: number;
	changes: FieldChange[];
	cannotUndo: CannotUndo[];
}

/** The field that holds the earlier output item, as messages name it. */
export const UNDO_OUTPUT = 'Output to Undo';
const OUTPUT = UNDO_OUTPUT;
const PARTIAL = 'Undo What Can Be Undone';

export function undoFields(rules: { what: string; operations: string }): INodeProperties[] {
	return [
		{
			displayName: OUTPUT,
			name: 'output',
			type: 'json',
			default: '={{ $json }}',
			required: true,
			hint: 'The item as the earlier run output it: the resource\'s own fields and its changes, e.g. {"changes": [{"field": "name", "from": "Basic Monthly", "to": "Pro Monthly"}]}',
			description: `One output item of an earlier run of this node (${rules.operations}): the ${rules.what} it changed and its "changes". Each change is put back where the ${rules.what} still holds what the run set; a field changed since is left alone and reported as "changedSince". Items of one resource are undone last first.`,
		},
		{
			displayName: PARTIAL,
			name: 'partial',
			type: 'boolean',
			default: false,
			description:
				'Whether to put back the rest of an item that also holds changes an undo cannot take back exactly (they are listed in "cannotUndo" with the reason). When off, such an item is refused before anything is sent.',
		},
	];
}

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function readChanges(params: ItemParams, item: IDataObject, rules: UndoRules<unknown>): FieldChange[] {
	const notOurs = (problem: string) =>
		params.error(OUTPUT, problem, `Pass the output items of an earlier run of this node (${rules.what}) as they are, e.g. from the execution's data; items of another node or provider cannot be undone here.`);
	if (!Array.isArray(item.changes)) {
		throw notOurs(`it has no "changes" list (got ${show(item.changes)}), so it is not the output of an update of this node`);
	}
	return item.changes.map((entry, n) => {
		if (!isObject(entry) || typeof entry.field !== 'string' || !('from' in entry) || !('to' in entry)) {
			throw notOurs(`change ${n} is ${show(entry)}, not a { field, from, to } entry`);
		}
		const change: FieldChange = { field: entry.field, from: entry.from ?? null, to: entry.to ?? null };
		if (!rules.knows(change, item)) throw notOurs(`change ${n} names "${change.field}" (${show(change.to)}), which is not a change of a ${rules.what}`);
		return change;
	});
}

/** The earlier output item and what to take back of it. Throws, naming the item, before anything is sent. */
export function readUndoItem<T>(params: ItemParams, rules: UndoRules<T>): T & { undo: UndoItem } {
	const item = params.checkJson(params.raw('output', OUTPUT), OUTPUT, 'Use an expression such as {{ $json }}, or paste one output item as JSON.');
	if (!isObject(item)) {
		throw params.error(OUTPUT, `expected one output item (an object) but got ${show(item)}`, 'Give one item per input item, e.g. {{ $json }}; split a list of items into items first (Split Out node).');
	}
	if ('error' in item && !Array.isArray(item.changes)) {
		throw params.error(OUTPUT, 'it is an error item of the earlier run: that item changed nothing', 'Leave the error items out, e.g. with a Filter node on {{ $json.error }} being empty.');
	}
	const target = rules.target(item, params);
	const changes = readChanges(params, item, rules as UndoRules<unknown>);
	if (item.outcome === 'dryRun') {
		params.warn('This item is the output of a dry run: it changed nothing, so there is nothing to put back.');
		return { ...target, undo: { itemIndex: params.itemIndex, changes: [], cannotUndo: [] } };
	}
	const cannotUndo: CannotUndo[] = [];
	const kept: FieldChange[] = [];
	for (const change of changes) {
		const limit = rules.limit?.(change, item);
		if (limit) cannotUndo.push({ ...change, reason: limit.reason });
		if (!limit || limit.partly) kept.push(change);
	}
	if (cannotUndo.length > 0 && !params.boolean('partial', PARTIAL)) {
		const list = cannotUndo.map((c) => `${c.field} (${c.reason})`).join('; ');
		throw params.error(OUTPUT, `an undo cannot take back these changes exactly: ${list}`, `Switch on "${PARTIAL}" to put back the rest and have these listed in "cannotUndo", or put them back by hand.`);
	}
	return { ...target, undo: { itemIndex: params.itemIndex, changes: kept.reverse(), cannotUndo } };
}
