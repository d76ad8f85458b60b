// The secrets driver (issue 8), fed by each provider's test/<provider>/secrets.test.ts: every provider's
// operations run with recognisable credential values (canaries holding the marker SECRET-CANARY), on success
// paths, error paths, dry runs, continue-on-fail, token refresh and failed sign-ins, with servers that echo the
// secret or the token back in error bodies; then this scan finds zero hits.
//
// A deeper secret scan than test/support/helpers.ts's expectNoSecrets: every form a secret can travel in
// (plain, Base64, Base64url, URL-encoded, form-encoded, JSON-escaped, XML-escaped), searched in every string of the
// run's data (outputs, error items, the run's error with its stack, description, messages, errorResponse
// and JSON), in every log line, and in any further text (credential test results, list searches).
import type { IDataObject } from 'n8n-workflow';

import type { StoredCredential } from '../support/harness/credentials';
import type { RunResult, WorkflowJson } from '../support/harness/run';
import { expectNoSecrets, withNode } from '../support/helpers';

/** The marker every canary secret carries: finding it anywhere means a (partial) leak. */
export const CANARY = 'SECRET-CANARY';

const xmlEscape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Every form in which `secret` could show up in a text. */
export function secretForms(secret: string): string[] {
	const utf8 = Buffer.from(secret, 'utf8');
	const forms = new Set([
		secret,
		utf8.toString('base64'),
		utf8.toString('base64').replace(/=+$/, ''),
		utf8.toString('base64url'),
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		new URLSearchParams({ s: secret }).toString().slice(2),
		encodeURI(secret),
		JSON.stringify(secret).slice(1, -1),
		xmlEscape(secret),
	]);
	return [...forms].filter((form) => form.length >= 6);
}

export interface Finding {
	where: string;
	secret: string;
	form: string;
}

/**
 * Walks a value: strings are searched; objects and arrays are walked, Error objects including their
 * own non-enumerable properties (message, stack) and their `cause` chain's name and message, the way
 * n8n serialises it.
 */
export function findIn(value: unknown, secrets: string[], where = '$', found: Finding[] = [], seen = new WeakSet<object>()): Finding[] {
	const forms = secrets.flatMap((secret) => secretForms(secret).map((form) => ({ secret, form })));
	const visit = (v: unknown, path: string, depth: number): void => {
		if (typeof v === 'string') {
			for (const { secret, form } of forms) if (v.includes(form)) found.push({ where: path, secret, form });
			return;
		}
		if (!v || typeof v !== 'object' || depth > 40) return;
		if (seen.has(v)) return;
		seen.add(v);
		if (Array.isArray(v)) {
			v.forEach((entry, i) => visit(entry, `${path}[${i}]`, depth + 1));
			return;
		}
		const keys = new Set(Object.keys(v));
		if (v instanceof Error) {
			for (const key of ['message', 'stack', 'description', 'messages', 'errorResponse', 'context']) keys.add(key);
			const cause = (v as { cause?: unknown }).cause;
			if (cause instanceof Error) visit({ name: cause.name, message: cause.message }, `${path}.cause`, depth + 1);
			else if (cause !== undefined) visit(cause, `${path}.cause`, depth + 1);
			const json = (v as { toJSON?: () => unknown }).toJSON;
			if (typeof json === 'function') visit(JSON.stringify(json.call(v)), `${path}.toJSON()`, depth + 1);
		}
		for (const key of keys) {
			if (key === 'cause') continue;
			// The node definition on an error is the workflow's own parameters, not a secret carrier.
			if (key === 'node' && v instanceof Error) continue;
			visit((v as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
		}
	};
	visit(value, where, 0);
	return found;
}

/** Everything of a run a user, a later node or a log could see. */
export function runSurfaces(result: RunResult): Record<string, unknown> {
	const resultData = result.run.data.resultData;
	return {
		resultData,
		resultDataJson: JSON.stringify(resultData),
		error: result.error,
		errorJson: result.error ? JSON.stringify(result.error) : '',
		logs: result.logs,
	};
}

/** Asserts that no secret (in any form) and no canary marker appears anywhere in the run or the extra texts. */
export function expectNoSecretAnywhere(results: RunResult[], secrets: string[], extra: unknown[] = []): void {
	const all = [...new Set([...secrets.filter((s) => s.length >= 6), CANARY])];
	// The shared check first (plain values in run data, error and logs), then the deeper one.
	for (const result of results) expectNoSecrets(result, all);
	const findings: Finding[] = [];
	results.forEach((result, n) => findIn(runSurfaces(result), all, `run${n}`, findings));
	extra.forEach((value, n) => findIn(value, all, `extra${n}`, findings));
	expect(findings.map((f) => `${f.where}: ${f.form === f.secret ? f.secret : `${f.form} (a form of ${f.secret})`}`)).toEqual([]);
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A wrong secret for the provider, as recognisable as the right one. */
export const WRONG = (provider: string) => `${CANARY}-${provider}-WRONG 7d1f!`;

/** The emulator's credential with some fields replaced (the canaries). */
export function credential(id: string, name: string, base: { type: string; data: Record<string, unknown> }, data: Record<string, unknown>): StoredCredential[] {
	return [{ id, name, type: base.type, data: { ...base.data, ...data } as StoredCredential['data'] }];
}

/** The workflow with the node set to continue on fail (and some parameters replaced). */
export const continueOnFail = (workflow: WorkflowJson, node: string, parameters: IDataObject = {}) => withNode(workflow, node, parameters, { onError: 'continueRegularOutput' });

/** The workflow with some of the node's options set. */
export const withOptions = (workflow: WorkflowJson, node: string, opts: IDataObject, settings: IDataObject = {}) =>
	withNode(workflow, node, { options: { ...((workflow.nodes.find((n) => n.name === node)?.parameters.options as IDataObject) ?? {}), ...opts } }, settings);

/** The scan must see something: a result whose error or items say "[redacted]" really met a secret. */
export function redactedSomewhere(result: RunResult): boolean {
	return JSON.stringify({ data: result.run.data.resultData, message: result.error?.message, description: result.error?.description }).includes('[redacted]');
}
