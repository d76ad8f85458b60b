import type { IDataObject } from 'n8n-workflow';

import type { ItemParams } from '../../../../core/params';
import { type ObjectChange, isObject } from './objects';

// Reading the JSON fields of an item: transitions, object fields (merge, replace, clear), raw changes.

export function readJsonObject(params: ItemParams, value: unknown, label: string, fix: string): IDataObject {
	const parsed = params.checkJson(value, label, fix);
	if (!isObject(parsed)) throw params.error(label, 'it is not a JSON object', fix);
	return parsed;
}

export function readTransitionsJson(params: ItemParams, value: unknown, label: string): IDataObject[] {
	const parsed = params.checkJson(value, label, 'Write a JSON array of objects, e.g. [{"type": "AUTO_RENEWAL"}].');
	if (!Array.isArray(parsed) || parsed.some((t) => !isObject(t))) {
		throw params.error(label, 'it is not an array of objects', 'Write a JSON array of objects, e.g. [{"type": "AUTO_RENEWAL"}], or [] for none.');
	}
	return parsed as IDataObject[];
}

const HOWS = ['merge', 'replace', 'clear'] as const;

/**
 * An object field's change from its "how" (merge, replace, clear; `keep` where the field offers it) and its
 * JSON. Merging or replacing with nothing ({} or empty) is refused: it would look like a change and be none.
 */
export function readObjectChange(
	params: ItemParams,
	entry: { how: unknown; json: unknown },
	labels: { how: string; json: string },
	keep: boolean,
): ObjectChange | undefined {
	const { how, json } = entry;
	const choice = params.checkChoice(how, labels.how, keep ? (['keep', ...HOWS] as const) : HOWS, keep ? 'keep' : 'merge');
	if (choice === 'keep') return undefined;
	if (choice === 'clear') return { how: 'clear' };
	const jsonLabel = labels.json;
	const fix = 'Write a JSON object with the fields "Get" shows, or choose another change.';
	const empty = json === undefined || json === null || (typeof json === 'string' && json.trim() === '');
	if (empty) throw params.error(jsonLabel, 'it is empty', fix);
	const value = readJsonObject(params, json, jsonLabel, fix);
	if (Object.keys(value).length === 0) throw params.error(jsonLabel, 'it is {}, which changes nothing', fix);
	return { how: choice as 'merge' | 'replace', value };
}
