import { asArray, id, isObject, readBody, text } from './body';

// Organizations and plans: their shapes, and the readers of the GET answers that carry them.

/** A plan as an organization carries it (associated plan or default plan). */
export interface PlanRef {
	planName: string;
	planId: number | null;
	/** Default plans only: Commvault's plan subtype (e.g. 33554437 for a server plan). */
	subtype?: number;
}

/** An organization (a "company" in the Command Center) with its plans and default plans. */
export interface Organization {
	id: number;
	name: string;
	domainName: string;
	plans: PlanRef[];
	defaultPlans: PlanRef[];
}

/** An organization as GET /Organization lists it. */
export interface OrganizationSummary {
	id: number;
	name: string;
	domainName: string;
	description: string;
	enabled: boolean | null;
}

/** The two plan lists of an organization this node changes. */
export type PlanList = 'plans' | 'defaultPlans';

function planRef(entry: unknown, withSubtype: boolean): PlanRef | undefined {
	if (!isObject(entry)) return undefined;
	const plan = isObject(entry.plan) ? entry.plan : entry;
	const planName = text(plan.planName);
	if (!planName) return undefined;
	const ref: PlanRef = { planName, planId: id(plan.planId) };
	if (withSubtype) {
		const subtype = id(entry.subtype);
		if (subtype !== null) ref.subtype = subtype;
	}
	return ref;
}

/** GET /Organization/{id}: `organizationInfo` with `organization`, `planDetails[]`, `organizationProperties.defaultPlans[]`. */
export function organizationFromDetails(orgId: number, body: unknown): Organization {
	const root = readBody(body);
	const info = isObject(root.organizationInfo) ? root.organizationInfo : root;
	const organization = isObject(info.organization) ? info.organization : {};
	const shortName = isObject(organization.shortName) ? organization.shortName : {};
	const properties = isObject(info.organizationProperties) ? info.organizationProperties : {};
	return {
		id: id(shortName.id) ?? orgId,
		name: text(organization.connectName),
		domainName: text(shortName.domainName),
		plans: asArray(info.planDetails)
			.map((p) => planRef(p, false))
			.filter((p): p is PlanRef => p !== undefined),
		defaultPlans: asArray(properties.defaultPlans)
			.map((p) => planRef(p, true))
			.filter((p): p is PlanRef => p !== undefined),
	};
}

function enabledOf(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === '1' || value === 1) return true;
	if (value === 'false' || value === '0' || value === 0) return false;
	return null;
}

/**
 * GET /Organization: `providers[]` with `connectName` and `shortName { id, domainName }`.
 * ASSUMPTION (UNCONFIRMED): one answer holds every organization; no paging or filter is documented.
 */
export function organizationsFromList(body: unknown): OrganizationSummary[] {
	const root = readBody(body);
	return asArray(root.providers)
		.filter(isObject)
		.map((p) => {
			const shortName = isObject(p.shortName) ? p.shortName : {};
			return {
				id: id(shortName.id) ?? 0,
				name: text(p.connectName),
				domainName: text(shortName.domainName),
				description: text(p.description),
				enabled: enabledOf(p.enabled),
			};
		})
		.filter((o) => o.id > 0);
}

/**
 * ASSUMPTION (UNCONFIRMED): GET /Plan lists the plans under a top-level `plans` array (Commvault's docs
 * name the per-plan fields `plan.planId` and `plan.planName` but not the array's key). If `plans` is
 * absent, the first top-level array whose entries carry a `plan` is used.
 */
export function plansFromList(body: unknown): PlanRef[] {
	const root = readBody(body);
	let entries = asArray(root.plans);
	if (entries.length === 0) {
		const other = Object.values(root).find((v) => asArray(v).some((e) => isObject(e) && isObject(e.plan)));
		entries = asArray(other);
	}
	const byName = new Map<string, PlanRef>();
	for (const entry of entries) {
		const ref = planRef(entry, false);
		if (ref && !byName.has(ref.planName)) byName.set(ref.planName, ref);
	}
	return [...byName.values()];
}
