// Many "deal won" calls of the CRM webhook (examples/crm-deal-won.json) for ONE customer at the same moment,
// each deal with its own plans: shared by the real-n8n suites (regular mode, queue mode).
import { isDeepStrictEqual } from 'node:util';

import { BV_PLANS } from '../blendvision-one/emulator';
import { type CustomerEmulators, crmPayload, customer } from './customers';
import { PARTOO_PLAN_NAMES } from '../partoo/emulator';

const pad = (n: number) => String(n + 1).padStart(2, '0');
/** Plans a reseller sells besides the seed's, one per deal of a burst (BlendVision One, Commvault). */
export const bvAddOn = (i: number) => `b0000000-0000-4000-8000-0000000002${pad(i)}`;
export const commvaultPlan = (i: number) => `Tenant Backup ${pad(i)}`;
/** Partoo documents 11 plans and customers start with one: deal i asks for one of the other ten. */
export const partooPlan = (i: number) => PARTOO_PLAN_NAMES[1 + (i % 10)];

/** Puts the plans of a burst of `count` deals into the providers' catalogs (after every emulator reset). */
export function addBurstPlans(e: CustomerEmulators, count: number): void {
	e.blendVisionOne.addAssignablePlans(Array.from({ length: count }, (_, i) => ({ id: bvAddOn(i), name: `Add-on ${pad(i)}` })));
	for (let i = 0; i < count; i++) {
		e.commvault.plans.set(commvaultPlan(i), { planId: 500 + i, planName: commvaultPlan(i), subtype: 33554437 });
	}
}

/** Deal i of a burst for customer n: its own id and plans, the same contract end (so no two contradict). */
export function burstPayload(n: number, i: number) {
	const { body } = crmPayload(n);
	return {
		...body,
		deal: { ...body.deal, id: `deal-${n}-${pad(i)}`, partooPlans: [partooPlan(i)], blendVisionPlanIds: [bvAddOn(i)], commvaultPlans: [commvaultPlan(i)] },
	};
}

interface Change {
	field: string;
	from: unknown;
	to: unknown;
}

/**
 * What customer n's resources should hold after a burst of `count` deals, as a list of problems (empty when
 * all is well): every plan of every deal at Partoo, BlendVision One and Commvault, none of the customer's
 * plans gone. Elastic Path's external reference and Instellix's "crm_deal" property name ONE deal by nature
 * (the latest): they must hold one of the burst's deals, and the webhook's answers (a summary per provider,
 * see answerProblems) must agree. In one process (`oneProcess`) they form one serial history ending at
 * the value Instellix holds; across processes executions may read the same value at the same time, and the
 * value held must be the one an execution reports as its change (the others report theirs as superseded, or
 * as replaced later).
 */
export function burstProblems(e: CustomerEmulators, n: number, count: number, answers: Array<Record<string, unknown>>, oneProcess = true): string[] {
	const c = customer(n);
	const deals = Array.from({ length: count }, (_, i) => burstPayload(n, i).deal);
	const problems: string[] = [];
	const partoo = e.partoo.plans(c.partooOrgId);
	for (const deal of deals) {
		const plan = partoo.find((p) => p.name === deal.partooPlans[0]);
		if (plan?.expiration_date !== deal.contractEnd) problems.push(`partoo: ${deal.id}'s ${deal.partooPlans[0]} is ${JSON.stringify(plan ?? 'missing')}`);
	}
	if (!partoo.some((p) => p.name === 'presence_management')) problems.push('partoo: presence_management was removed');
	// One problem per lost change.
	const bv = e.blendVisionOne.subOrg(c.blendVisionSubOrgId).plan_ids;
	for (const d of deals) if (!bv.includes(d.blendVisionPlanIds[0])) problems.push(`blendVisionOne: ${d.id}'s plan is missing`);
	if (!bv.includes(BV_PLANS.starter)) problems.push('blendVisionOne: the Starter plan the customer had was removed');
	const cv = e.commvault.org(c.commvaultOrgId).plans;
	for (const d of deals) if (!cv.includes(d.commvaultPlans[0])) problems.push(`commvault: ${d.id}'s plan is missing`);
	if (!cv.includes('Server Gold')) problems.push('commvault: Server Gold was removed');
	const ep = e.elasticPath.plan(c.elasticPathOfferingId, c.elasticPathPlanId)?.attributes;
	if (!deals.some((d) => d.id === ep?.external_ref) || !ep?.fixed_price) problems.push(`elasticPath: external_ref ${JSON.stringify(ep?.external_ref)}`);
	const properties = e.instellix.plan(c.instellixPlanId).properties as Array<{ ident: string; value: string }>;
	const held = properties.find((p) => p.ident === 'crm_deal')?.value;
	if (!deals.some((d) => d.id === held) || !properties.some((p) => p.ident === 'data_volume')) problems.push(`instellix: properties ${JSON.stringify(properties)}`);
	problems.push(...answerProblems(n, count, answers));
	const instellix = answers.map((a) => (a.providers as Record<string, Record<string, unknown>> | undefined)?.instellix ?? {});
	problems.push(...(oneProcess ? instellixHistory(instellix, held) : instellixClaimed(instellix, held)));
	return problems;
}

/**
 * Every answer is the CRM example's success answer for one deal of the burst, each deal answered once, and
 * reports that deal's own plan as added at Partoo, BlendVision One and Commvault (a caller whose Instellix
 * value was superseded by a later deal still learns its other changes landed).
 */
function answerProblems(n: number, count: number, answers: Array<Record<string, unknown>>): string[] {
	const problems: string[] = [];
	const deals = new Map(Array.from({ length: count }, (_, i) => [burstPayload(n, i).deal.id, burstPayload(n, i).deal]));
	const answered = answers.map((a) => a.deal);
	if (new Set(answered).size !== answers.length) problems.push(`answers: a deal answered twice: ${JSON.stringify(answered)}`);
	for (const answer of answers) {
		const deal = deals.get(answer.deal as string);
		const providers = (answer.providers ?? {}) as Record<string, { outcome?: string; changes?: Change[] }>;
		if (answer.result !== 'applied' || !deal) {
			problems.push(`answers: ${JSON.stringify(answer).slice(0, 300)}`);
			continue;
		}
		const mentions = (key: string, value: string) =>
			providers[key]?.outcome === 'updated' && JSON.stringify(providers[key].changes ?? []).includes(JSON.stringify(value).slice(1, -1));
		// Deals i and i + 10 ask Partoo for the same plan: the later one finds it there already.
		const partooShared = [...deals.values()].filter((d) => d.partooPlans[0] === deal.partooPlans[0]).length > 1;
		for (const [key, value] of [['partoo', deal.partooPlans[0]], ['blendVisionOne', deal.blendVisionPlanIds[0]], ['commvault', deal.commvaultPlans[0]]]) {
			if (key === 'partoo' && partooShared && providers.partoo?.outcome === 'unchanged') continue;
			if (!mentions(key, value)) problems.push(`answers: ${deal.id}'s answer does not report ${value} as added at ${key}: ${JSON.stringify(providers[key])}`);
		}
		if (!['updated', 'superseded', 'unchanged'].includes(providers.elasticPath?.outcome ?? '') || !providers.instellix?.outcome) {
			problems.push(`answers: ${deal.id}'s answer lacks Elastic Path's or Instellix's outcome: ${JSON.stringify(providers)}`);
		}
	}
	return problems;
}

const changesOf = (a: Record<string, unknown>, key: 'changes' | 'superseded') =>
	((a[key] as Change[]) ?? []).filter((c) => c.field.startsWith('properties.crm_deal'));
const valueOf = (v: unknown) => (v && typeof v === 'object' ? (v as { value?: unknown }).value : v) ?? null;

/** The value Instellix holds is the change some answer (Instellix's part) reports as made (not superseded). */
function instellixClaimed(answers: Array<Record<string, unknown>>, held: string | undefined): string[] {
	const claimed = answers.some((a) => changesOf(a, 'changes').some((c) => valueOf(c.to) === held));
	return claimed ? [] : [`instellix: no answer reports crm_deal ${JSON.stringify(held)} as its change`];
}

/** The answers' Instellix changes of "crm_deal" chain from "none" to the value held (each starts where one ended). */
function instellixHistory(answers: Array<Record<string, unknown>>, held: string | undefined): string[] {
	const links = answers.flatMap((a) => [...changesOf(a, 'changes'), ...changesOf(a, 'superseded')]);
	let current: unknown = null;
	while (links.length > 0) {
		const next = links.findIndex((l) => isDeepStrictEqual(valueOf(l.from), current));
		if (next < 0) return [`instellix: no reported change of crm_deal starts at ${JSON.stringify(current)}; left ${JSON.stringify(links)}`];
		current = valueOf(links[next].to);
		links.splice(next, 1);
	}
	return current === (held ?? null) ? [] : [`instellix: the answers end at ${JSON.stringify(current)}, Instellix holds ${JSON.stringify(held)}`];
}
