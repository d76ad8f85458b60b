// What the emulators saw, per customer and per provider: the state of each customer's resource (pristine,
// the deal applied, or anything else) and the writes each resource received (sent and applied).
import type { LoggedRequest } from '../../support/emulator';
import { type CustomerEmulators, crmApplied, customer } from '../../support/customers';

/** The providers in the order the CRM workflow's nodes run (Webhook → Partoo → … → Instellix). */
export const PROVIDERS = ['partoo', 'blendVisionOne', 'elasticPath', 'commvault', 'instellix'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Customer `n`'s resource ID at a provider: the key its writes are counted under. */
export function resourceOf(provider: Provider, n: number): string {
	const c = customer(n);
	return {
		partoo: String(c.partooOrgId),
		blendVisionOne: c.blendVisionSubOrgId,
		elasticPath: c.elasticPathPlanId,
		commvault: String(c.commvaultOrgId),
		instellix: String(c.instellixPlanId),
	}[provider];
}

/** The resource a logged request writes to (undefined for reads, sign-ins and token requests). */
export function writeTarget(provider: Provider, request: LoggedRequest): string | undefined {
	const { method, path } = request;
	switch (provider) {
		case 'partoo':
			return method === 'POST' ? /^\/v2\/org\/(\d+)\/plans$/.exec(path)?.[1] : undefined;
		case 'blendVisionOne':
			return method === 'PATCH' || method === 'POST' ? /^\/bv\/org\/v1\/sub-orgs\/([0-9a-f-]{36})(?::[a-z-]+)?$/.exec(path)?.[1] : undefined;
		case 'elasticPath':
			return method === 'PUT' ? /^\/v2\/subscriptions\/offerings\/[^/]+\/plans\/([^/]+)$/.exec(path)?.[1] : undefined;
		case 'commvault':
			return method === 'PUT' && path.endsWith('/Organization') ? /<shortName\b[^>]*\bid="(\d+)"/.exec(request.body)?.[1] : undefined;
		case 'instellix':
			return method === 'PUT' ? /^\/v2\/plans\/(\d+)$/.exec(path)?.[1] : undefined;
	}
}

export interface WriteCount {
	/** Write requests that reached the provider (retries included). */
	sent: number;
	/** Those the provider applied (2xx; Commvault: its update ledger with errorCode 0, as it answers refusals with 200). */
	applied: number;
}

/** Writes per resource at each provider, from the emulators' request logs. */
export function writesByResource(e: CustomerEmulators): Record<Provider, Map<string, WriteCount>> {
	const out = {} as Record<Provider, Map<string, WriteCount>>;
	for (const provider of PROVIDERS) {
		const counts = new Map<string, WriteCount>();
		const at = (id: string) => {
			if (!counts.has(id)) counts.set(id, { sent: 0, applied: 0 });
			return counts.get(id)!;
		};
		for (const request of e[provider].log) {
			const id = writeTarget(provider, request);
			if (id === undefined) continue;
			at(id).sent++;
			if (provider !== 'commvault' && request.status >= 200 && request.status < 300) at(id).applied++;
		}
		if (provider === 'commvault') {
			for (const update of e.commvault.updates) if (update.errorCode === 0) at(String(update.orgId)).applied++;
		}
		out[provider] = counts;
	}
	return out;
}

/** Status counts of every request an emulator logged, e.g. { "200": 412, "429": 3 }. */
export function statusCounts(e: CustomerEmulators, provider: Provider): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const request of e[provider].log) counts[request.status] = (counts[request.status] ?? 0) + 1;
	return counts;
}

/** The part of a provider's state that holds customer `n`. */
export function resourceState(e: CustomerEmulators, provider: Provider, n: number): string {
	const c = customer(n);
	switch (provider) {
		case 'partoo':
			return JSON.stringify(e.partoo.plans(c.partooOrgId));
		case 'blendVisionOne':
			return JSON.stringify(e.blendVisionOne.subOrg(c.blendVisionSubOrgId));
		case 'elasticPath':
			return JSON.stringify(e.elasticPath.plan(c.elasticPathOfferingId, c.elasticPathPlanId));
		case 'commvault':
			return JSON.stringify(e.commvault.orgs.get(c.commvaultOrgId));
		case 'instellix':
			return JSON.stringify(e.instellix.plan(c.instellixPlanId));
	}
}

export type ResourceOutcome = 'pristine' | 'applied' | 'other';

/**
 * Customer `n` at each provider: `pristine` (as seeded), `applied` (crmApplied finds the deal there and
 * nothing else changed) or `other` (anything else: a half-applied, doubled or foreign change).
 */
export function customerOutcome(e: CustomerEmulators, pristine: CustomerEmulators, n: number): Record<Provider, ResourceOutcome> {
	const problems = crmApplied(e, n);
	const out = {} as Record<Provider, ResourceOutcome>;
	for (const provider of PROVIDERS) {
		if (resourceState(e, provider, n) === resourceState(pristine, provider, n)) out[provider] = 'pristine';
		else if (!problems.some((p) => p.startsWith(`${provider} `))) out[provider] = 'applied';
		else out[provider] = 'other';
	}
	return out;
}

/** How many providers, counted from the first node, show the deal; -1 when they are not such a prefix. */
export function appliedPrefix(outcome: Record<Provider, ResourceOutcome>): number {
	const states = PROVIDERS.map((p) => outcome[p]);
	if (states.includes('other')) return -1;
	const k = states.indexOf('pristine') < 0 ? states.length : states.indexOf('pristine');
	return states.slice(k).every((s) => s === 'pristine') ? k : -1;
}

/** The most requests within any `windowMs` (a sliding window over the logged arrival times). */
export function peakInWindow(requests: LoggedRequest[], windowMs: number): number {
	const times = requests.map((r) => r.at).sort((a, b) => a - b);
	let peak = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

/**
 * Peak request rates the providers saw from all executions together, against their documented limits:
 * Partoo per API key per minute (the suite has one key), Elastic Path per second for the store (each worker
 * paces its own executions).
 */
export function peakRates(e: CustomerEmulators): { partooPerKeyPerMinute: number; elasticPathPerSecond: number; responses429: Record<Provider, number> } {
	return {
		partooPerKeyPerMinute: peakInWindow(e.partoo.log, 60_000),
		elasticPathPerSecond: peakInWindow(e.elasticPath.log, 1000),
		responses429: Object.fromEntries(PROVIDERS.map((p) => [p, e[p].log.filter((r) => r.status === 429).length])) as Record<Provider, number>,
	};
}
