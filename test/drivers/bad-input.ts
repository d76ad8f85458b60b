// The bad-input corpus (issue 8): malformed inputs, driven through item JSON and the expressions of
// workflow fixtures, each of which must be refused before anything is sent, naming the field (as the
// user sees it) and the item, and saying how to fix it; plus inputs that look malformed but are valid and
// must be accepted (and land exactly as given).
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../support/emulator';
import type { StoredCredential } from '../support/harness/credentials';
import type { RunResult, WorkflowJson } from '../support/harness/run';
import { run } from '../support/helpers';

/** Marks a key to leave out of the item (so its expression resolves to undefined). */
export const UNSET = Symbol('unset');

export type Override = Record<string, unknown>;

export interface Rejection {
	/** What is wrong, for the test title. */
	name: string;
	/** Which workflow fixture runs it (a key of `Corpus.workflows`). */
	workflow: string;
	/** The bad values, laid over the workflow's valid item. */
	bad: Override;
	/** The field as the user sees it, exactly as the message must name it. */
	field: string;
	/** What the message must also say about the value (optional). */
	problem?: RegExp;
	/**
	 * Where the bad item sits among valid ones (default 2: two valid items come first). Options are read
	 * from the first item, so their bad values sit at 0.
	 */
	at?: number;
}

export interface Acceptance {
	name: string;
	workflow: string;
	item: Override;
	/** Checks the emulator's state (and the output) after the run. */
	check: (result: RunResult) => void | Promise<void>;
}

export interface Corpus {
	node: string;
	emulator: Emulator;
	credentials: () => StoredCredential[];
	workflows: Record<string, WorkflowJson>;
	/** A valid item per workflow, and a second valid one (another resource). */
	valid: Record<string, [IDataObject, IDataObject]>;
	rejections: Rejection[];
	acceptances?: Acceptance[];
}

export function itemWith(base: IDataObject, override: Override): IDataObject {
	const item: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(override)) {
		if (value === UNSET) delete item[key];
		else item[key] = value;
	}
	return item as IDataObject;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Readable test titles: long values shortened. */
function shown(value: unknown): string {
	if (value === UNSET) return '(missing)';
	const text = typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'undefined' : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 37)}…(${text.length} chars)` : text;
}

export const titleOf = (r: Rejection) =>
	`${r.field}: ${r.name} (${Object.entries(r.bad)
		.map(([k, v]) => `${k}=${shown(v)}`)
		.join(', ')})`;

export function describeCorpus(c: Corpus): void {
	test(`the corpus holds at least 30 malformed inputs for ${c.node}`, () => {
		expect(c.rejections.length).toBeGreaterThanOrEqual(30);
		// Every title is distinct, so each case is its own test.
		expect(new Set(c.rejections.map(titleOf)).size).toBe(c.rejections.length);
	});

	describe(`${c.node}: refused before anything is sent, naming the field and the item`, () => {
		test.each(c.rejections.map((r) => [titleOf(r), r] as const))('%s', async (_title, r) => {
			const [first, second] = c.valid[r.workflow];
			const at = r.at ?? 2;
			const items = [first, second, first].map((item) => ({ ...item }));
			items.splice(at, 1, itemWith(items[at], r.bad));
			const result = await run(c.workflows[r.workflow], c.credentials(), items);
			const message = String(result.error?.message);
			expect(message).toMatch(new RegExp(`^Invalid "${escape(r.field)}" in item ${at}: `));
			if (r.problem) expect(message).toMatch(r.problem);
			expect(String(result.error?.description ?? '')).not.toBe('');
			expect((result.error as { context?: { itemIndex?: number } } | undefined)?.context?.itemIndex).toBe(at);
			// Nothing at all reached the provider: no read, no write, not even a sign-in.
			expect(c.emulator.log.map((l) => `${l.method} ${l.path}`)).toEqual([]);
			expect(result.output(c.node)).toEqual([]);
		});
	});

	if (c.acceptances?.length) {
		describe(`${c.node}: inputs that look malformed but are valid are accepted as given`, () => {
			test.each(c.acceptances!.map((a) => [a.name, a] as const))('%s', async (_name, a) => {
				const [first] = c.valid[a.workflow];
				const result = await run(c.workflows[a.workflow], c.credentials(), [itemWith(first, a.item)]);
				expect(result.error?.message).toBeUndefined();
				await a.check(result);
			});
		});
	}
}
