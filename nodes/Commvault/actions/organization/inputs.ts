import type { ItemParams } from '../../../core/params';
import type { PlanList } from '../../shapes';
import { LIST_LABEL } from './fields';

// Reading the shared fields (fields.ts) from one item: no requests.

/** Commvault organization IDs (shortName.id) are whole numbers. */
const ORG_ID = /^\d{1,10}$/;

export interface OrgInput {
	orgId: number;
}

export type Mode = 'add' | 'remove' | 'replace';
const MODES: readonly Mode[] = ['add', 'remove', 'replace'];

/** What Update Plans and Update Default Plans read from an item. */
export interface UpdateInput extends OrgInput {
	mode: Mode;
	/** Plan names, or plan IDs given as whole numbers (resolved against GET Plan). */
	plans: string[];
	removeUnlisted: boolean;
}

export function readOrgId(params: ItemParams): number {
	const value = params.locator('organization', 'Organization', {
		pattern: ORG_ID,
		patternHint:
			'Use the numeric Commvault organization ID (the shortName.id of GET Organization, e.g. 12), or choose the organization from the list.',
	});
	return Number(value);
}

/** Plan names from the multi-select, or from an expression giving an array or a comma-separated list. */
function readPlanNames(params: ItemParams, required: boolean): string[] {
	const label = 'Plan Names or IDs';
	const value = params.raw('plans', label, []);
	const list =
		typeof value === 'number'
			? [value]
			: params.checkList(value, label, 'plan names', 'Choose plans from the list, or use an expression that gives an array of plan names.');
	const names: string[] = [];
	for (const entry of list) {
		if (typeof entry === 'number' && Number.isInteger(entry)) {
			names.push(String(entry));
			continue;
		}
		if (typeof entry !== 'string') {
			throw params.error(label, `${JSON.stringify(entry).slice(0, 80)} is not a plan name`, 'Give each plan as its name (text) or its plan ID.');
		}
		const name = entry.trim();
		if (name === '') continue;
		if (name.length > 256) throw params.error(label, `a plan name is ${name.length} characters long`, 'Plan names are at most 256 characters; check the expression.');
		if (!names.includes(name)) names.push(name);
	}
	if (required && names.length === 0) {
		throw params.error(label, 'no plan was chosen', `Choose at least one plan for "${label}".`);
	}
	return names;
}

/** The change one item asks of one plan list. */
export function readPlanListChange(params: ItemParams, list: PlanList): UpdateInput {
	const orgId = readOrgId(params);
	const mode = params.option('mode', 'Mode', MODES, 'add');
	return {
		orgId,
		mode,
		// Replace may name no plan (with the toggle on, that removes them all); the others need one.
		plans: readPlanNames(params, mode !== 'replace'),
		removeUnlisted: mode === 'replace' ? params.boolean('removeUnlisted', `Remove ${LIST_LABEL[list].field} Not Listed`) : false,
	};
}
