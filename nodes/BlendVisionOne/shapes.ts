import type { IDataObject } from 'n8n-workflow';

// The shapes of BlendVision One's bodies (organizations, plans, business settings) and the resource the
// Update operation works on.

export const BUSINESS = 'ORGANIZATION_TYPE_BUSINESS';

export const ORGANIZATION_TYPES = [
	'ORGANIZATION_TYPE_ROOT',
	'ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR',
	'ORGANIZATION_TYPE_RESELLER',
	BUSINESS,
] as const;

/** "ORGANIZATION_TYPE_GENERAL_DISTRIBUTOR" -> "General distributor", as messages and lists name a type. */
export const typeName = (type: string) =>
	type.replace('ORGANIZATION_TYPE_', '').toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export const ORGANIZATION_STATUSES = [
	'ORGANIZATION_STATUS_ACTIVATED',
	'ORGANIZATION_STATUS_VERIFYING',
	'ORGANIZATION_STATUS_FAIL_TO_VERIFY',
	'ORGANIZATION_STATUS_DEACTIVATED',
	'ORGANIZATION_STATUS_DELETING',
	'ORGANIZATION_STATUS_DELETED',
	'ORGANIZATION_STATUS_ACTIVATION_SCHEDULED',
] as const;

export const BUSINESS_PLAN_BVONE = 'BUSINESS_PLAN_TYPE_BVONE';
export const BUSINESS_PLAN_CXM = 'BUSINESS_PLAN_TYPE_CXM';

/** `BusinessSetting` of a BUSINESS sub-organization. `business_plan_type` is output only. */
export interface BusinessSetting {
	business_plan_type?: string;
	category?: string;
	tax_id?: string;
	enable_create_site?: boolean;
	site_limit?: number;
	enable_custom_domain?: boolean;
	marketplace_url?: string;
	marketplace_id?: string;
	single_device_login?: boolean;
}

/** The business setting keys the update body accepts. */
export const WRITABLE_BUSINESS_KEYS = [
	'category',
	'tax_id',
	'enable_create_site',
	'site_limit',
	'enable_custom_domain',
	'marketplace_url',
	'marketplace_id',
	'single_device_login',
] as const;

export type WritableBusinessKey = (typeof WRITABLE_BUSINESS_KEYS)[number];

/** Documented limits of the business settings. */
export const BUSINESS_LIMITS = {
	categoryMax: 40,
	taxIdMax: 8,
	siteLimitMin: 1,
	siteLimitMax: 50,
	marketplaceUrlMax: 2000,
};

/** An `Organization` as GET /bv/org/v1/sub-orgs/{id} and the list return it (all fields output only). */
export interface Organization {
	id: string;
	name?: string;
	parent_id?: string;
	parent_name?: string;
	type?: string;
	status?: string;
	description?: string;
	owner_email?: string;
	billing_cycle?: number;
	contract_valid_start_time?: string;
	contract_months?: number;
	contract_days?: number;
	contract_valid_end_time?: string;
	next_contract?: IDataObject | null;
	has_sub_orgs?: boolean;
	business_setting?: BusinessSetting;
	template_id?: string;
	template?: { id?: string; name?: string } | null;
	enterprise_id?: string;
	[key: string]: unknown;
}

/** A plan of the acting organization (GET /bv/org/v1/organizations/{id}/plans), possibly a group. */
export interface CatalogPlan {
	id: string;
	name?: string;
	type?: string;
	status?: string;
	description?: string;
	sub_plans?: CatalogPlan[];
}

/** A plan that can be put in `plan_ids`, with the group it belongs to (for labels). */
export interface PlanChoice {
	id: string;
	name: string;
	group?: string;
	description?: string;
}

/** A plan assigned to the sub-organization, as output. */
export interface AssignedPlan {
	id: string;
	name?: string;
	group?: string;
	in_used?: boolean;
}

/**
 * The plans an organization can give its sub-organizations. `source` says whose list it is: the
 * organization's own (`parent`), or the main organization's when the organization's could not be read.
 */
export interface GivablePlans {
	plans: PlanChoice[];
	source: 'parent' | 'main';
}

/** The resource the Update operation works on: the sub-organization, its plans, and what can be assigned. */
export interface SubOrgState {
	organization: Organization;
	owner_info?: IDataObject;
	plans: AssignedPlan[];
	/** The organization the credential acts for. */
	mainOrgId: string;
	/**
	 * What each organization the sub-organization is (or is moved) under can give it, by organization ID.
	 * ASSUMPTION (UNCONFIRMED): a sub-organization can only get plans its parent has, and
	 * GET /bv/org/v1/organizations/{id}/plans lists them for a sub-organization as parent too. Never output.
	 */
	givable: Record<string, GivablePlans>;
	/**
	 * The new parents items name, by organization ID, as GET /bv/org/v1/sub-orgs/{id} returned them (null:
	 * not a sub-organization of the main organization, e.g. the main organization itself). Never output.
	 */
	parents?: Record<string, Organization | null>;
}
