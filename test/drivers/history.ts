// Helpers for runs of many executions at once on one resource.
import { isDeepStrictEqual } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../support/harness/run';
import { jsonOf } from '../support/helpers';

/** Equal as JSON (outputs come back from n8n as plain JSON). */
const same = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));

export interface Reported {
	field: string;
	from: unknown;
	to: unknown;
}

/** Starts `count` executions at the same moment (like simultaneous webhook calls) and waits for all. */
export async function atOnce(count: number, start: (i: number) => Promise<RunResult>): Promise<RunResult[]> {
	return await Promise.all(Array.from({ length: count }, (_, i) => start(i)));
}

/** The single output item of a node in each run (the runs must have succeeded). */
export function outputsOf(results: RunResult[], node: string): IDataObject[] {
	return results.map((r, i) => {
		if (r.error) throw new Error(`execution ${i} failed: ${r.error.message}`);
		const out = jsonOf(r.output(node));
		if (out.length !== 1) throw new Error(`execution ${i} output ${out.length} items`);
		return out[0];
	});
}

/** `value` under the keys of `path` ("a.b" gives { a: { b: value } }). */
const nest = (path: string[], value: unknown): unknown => path.reduceRight((inner, key) => ({ [key]: inner }), value);

/**
 * Every change an output reports for `field`: those in `changes` and those it reports as superseded. A
 * change reported inside the field ("plans.posts.expiration_date" for "plans.posts") is read as a change
 * of the field, whose value then holds that one key.
 */
function reportedFor(output: IDataObject, field: string): Reported[] {
	const lists = [output.changes, output.superseded].filter(Array.isArray) as Reported[][];
	return lists
		.flat()
		.filter((c) => c.field === field || c.field.startsWith(`${field}.`))
		.map((c) => {
			const inner = c.field.slice(field.length + 1).split('.').filter(Boolean);
			return { field, from: c.from === null ? null : nest(inner, c.from), to: c.to === null ? null : nest(inner, c.to) };
		});
}

/**
 * The changes that every execution reports for one field form one serial history: starting from the value
 * before the burst, each reported change starts where another ended, and the last one ends at the value the
 * provider holds now. Two executions that both report a change from the same value (a lost update: both
 * read it, the later write dropped the earlier one) break the chain.
 */
export function serialHistory(field: string, initial: unknown, final: unknown, outputs: IDataObject[]): string[] {
	const links = outputs.flatMap((o) => reportedFor(o, field));
	let current = initial;
	const remaining = [...links];
	while (remaining.length > 0) {
		const next = remaining.findIndex((l) => same(l.from, current));
		if (next < 0) {
			return [`${field}: no reported change starts at ${JSON.stringify(current)}; left: ${JSON.stringify(remaining)}`];
		}
		current = remaining[next].to;
		remaining.splice(next, 1);
	}
	return same(current, final) ? [] : [`${field}: the reports end at ${JSON.stringify(current)}, the provider holds ${JSON.stringify(final)}`];
}

/** Outputs whose outcome is "updated" although a change they report is not what the provider holds now. */
export function falseUpdates(outputs: IDataObject[], now: (field: string) => unknown, fields: string[]): string[] {
	return outputs.flatMap((o, i) =>
		o.outcome !== 'updated'
			? []
			: ((o.changes ?? []) as Reported[])
					.filter((c) => fields.includes(c.field) && !same(c.to, now(c.field)))
					.map((c) => `execution ${i} reports "updated" ${c.field} = ${JSON.stringify(c.to)}, the provider holds ${JSON.stringify(now(c.field))}`),
	);
}
