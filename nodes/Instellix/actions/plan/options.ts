import type { IDataObject } from 'n8n-workflow';

import { ChangeRefused, httpStatusOf } from '../../../core/errors';
import type { OperationContext } from '../../../core/operation';
import { type OptionLookup, type Plan, type PlanResource, paths } from '../../api';
import { LINKED_OPTION_IDENT_KEY, isCommission, linkedOptionIdentOf, optionNotFoundKind, optionTypeOf, phasesOf } from '../../plan';

/*
 * The options of a plan: looking up their types, and the rules that need them (an option added must
 * exist; CUSTOMER plans hold no COMMISSION option, PARTNER plans at least one).
 */

/** What of an item the option rules look at, each part by the field of the item that sets it (for messages). */
export interface OptionChange {
	/** The field that sets the plan type, when the item sets it. */
	typeField?: string;
	/** The options the item links. */
	linked: Array<{ field: string; idents: string[] }>;
	/** The fields of the item that may unlink options (or remove phases that link them). */
	unlinked: string[];
}

function linkedIdents(phase: IDataObject): string[] {
	const list = Array.isArray(phase.linkedOptions) ? phase.linkedOptions : [];
	return list.map(linkedOptionIdentOf).filter((v): v is string => v !== undefined);
}

/** Whether the item's change can break the CUSTOMER / PARTNER rule (so option types are needed). */
export function touchesOptionRule(input: OptionChange): boolean {
	return input.typeField !== undefined || input.linked.some((l) => l.idents.length > 0) || input.unlinked.length > 0;
}

/** Instellix's answer to a failed lookup, as text for messages. */
function answerOf(body: unknown): string {
	const b = body as { message?: unknown; error?: unknown } | undefined;
	const text = typeof body === 'string' ? body : typeof b?.message === 'string' ? b.message : typeof b?.error === 'string' ? b.error : JSON.stringify(body ?? '');
	return text.trim().slice(0, 200);
}

/** One option, looked up once per execution and shared by every item and plan. */
async function lookUp(op: OperationContext, ident: string, itemIndex: number): Promise<OptionLookup> {
	return await op.once(`instellix-option:${ident}`, async () =>
		await op.transport.request({ method: 'GET', path: paths.option(ident) }, itemIndex).then(
			(body): OptionLookup => ({ type: optionTypeOf(body) ?? 'UNKNOWN' }),
			(error: unknown): OptionLookup => {
				if (httpStatusOf(error) !== 404) throw error;
				// The item that needs the option is refused in apply, saying which of the two the 404 meant.
				const body = (error as { errorResponse?: { body?: unknown } }).errorResponse?.body;
				return { notFound: optionNotFoundKind(body), answer: answerOf(body) };
			},
		),
	);
}

/** The lookups the option rules of `group` need: every option the plan links or the items add. */
export async function lookUpOptions(op: OperationContext, plan: Plan, group: OptionChange[], itemIndex: number): Promise<Record<string, OptionLookup>> {
	const options: Record<string, OptionLookup> = {};
	if (!group.some(touchesOptionRule)) return options;
	const idents = new Set<string>();
	for (const phase of phasesOf(plan)) for (const ident of linkedIdents(phase)) idents.add(ident);
	for (const item of group) for (const { idents: added } of item.linked) for (const ident of added) idents.add(ident);
	for (const ident of idents) options[ident] = await lookUp(op, ident, itemIndex);
	return options;
}

/** The field an item's option change is named by in messages. */
function fieldOf(input: OptionChange): string {
	return input.typeField ?? input.linked.find((l) => l.idents.length > 0)?.field ?? input.unlinked[0] ?? 'Linked Options';
}

/** Refuses the item when an option lookup showed that the lookup itself has no endpoint. */
function checkLookupEndpoint(options: Record<string, OptionLookup>, input: OptionChange): void {
	const failed = Object.entries(options).find(([, lookup]) => 'notFound' in lookup && lookup.notFound === 'endpoint');
	if (!failed) return;
	const [ident, lookup] = failed as [string, { answer: string }];
	throw new ChangeRefused(
		fieldOf(input),
		`the node could not look up option "${ident}": GET ${paths.option(ident)} answered 404 with no Instellix answer about an option, so the option endpoint is not at that path on this Instellix; the options may well exist`,
		`Instellix answered: ${lookup.answer || '(nothing)'}. The option path is an assumption of this node (UNCONFIRMED); please report this answer. Until it is fixed, change the plan's linked options or type in the Instellix portal.`,
	);
}

/** The CUSTOMER / PARTNER rule, and that added options exist, on the plan as it would be sent. */
export function checkOptionRules(resource: PlanResource, input: OptionChange): void {
	const { plan, planId, options } = resource;
	checkLookupEndpoint(options, input);
	for (const change of input.linked) {
		const unknown = change.idents.filter((ident) => 'notFound' in (options[ident] ?? {}));
		if (unknown.length) {
			const answer = (options[unknown[0]] as { answer: string }).answer;
			throw new ChangeRefused(
				change.field,
				`Instellix has no option ${unknown.map((u) => `"${u}"`).join(', ')} (GET ${paths.option(unknown[0])} answered 404)`,
				`Instellix answered: ${answer}. Check the option idents in Instellix (options are created with the Option API or in the portal) and run again.`,
			);
		}
	}
	const type = plan.type;
	if (type !== 'PARTNER' && type !== 'CUSTOMER') return;
	const commission: string[] = [];
	const untyped: string[] = [];
	for (const phase of phasesOf(plan)) {
		for (const ident of linkedIdents(phase)) {
			const lookup = options[ident];
			if (!lookup || !('type' in lookup)) untyped.push(ident);
			else if (isCommission(lookup.type)) commission.push(ident);
		}
		// Deprecated inline options carry their own type.
		for (const inline of Array.isArray(phase.options) ? (phase.options as IDataObject[]) : []) {
			if (isCommission(optionTypeOf(inline))) {
				commission.push(String(inline[LINKED_OPTION_IDENT_KEY] ?? inline.name ?? 'an inline option'));
			}
		}
	}
	const field = input.typeField ?? 'Linked Options';
	if (type === 'PARTNER' && commission.length === 0) {
		throw new ChangeRefused(
			field,
			`a PARTNER plan must contain at least one COMMISSION option, and plan ${planId} would contain none${
				untyped.length ? ` (Instellix does not know the options ${untyped.join(', ')})` : ''
			}`,
			'Link a COMMISSION option to one of its phases ("Linked Options to Add"), keep the COMMISSION option you are removing, or set "Type" to Customer.',
		);
	}
	if (type === 'CUSTOMER' && commission.length > 0) {
		throw new ChangeRefused(
			field,
			`a CUSTOMER plan cannot contain COMMISSION options, and plan ${planId} would contain ${[...new Set(commission)].join(', ')}`,
			'Unlink those options from the phases ("Linked Options to Remove"), or set "Type" to Partner.',
		);
	}
}
