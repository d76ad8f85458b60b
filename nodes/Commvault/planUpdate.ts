import { XMLBuilder } from 'fast-xml-parser';

import type { ApiRequest } from '../core/types';
import { paths } from './api';
import { asArray, id, isObject, readBody, text } from './body';
import type { Organization, PlanList } from './shapes';

// The plan-list update: PUT /Organization with an Api_UpdateOrganizationPropertiesRequest (XML).

/**
 * Commvault's operation types for plan lists.
 * ASSUMPTION (UNCONFIRMED): ADD adds the plans sent, DELETE removes the plans sent and OVERWRITE makes
 * the plans sent the whole list, as Commvault documents for the sibling plan-users API; the page of
 * PUT Organization lists the values without defining them. The node's write plan and the emulator
 * rely on these meanings.
 */
export type OperationType = 'ADD' | 'DELETE' | 'OVERWRITE';

const xmlBuilder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	suppressEmptyNode: true,
	suppressBooleanAttributes: false,
	format: true,
	indentBy: '  ',
	// Escapes & < > " ' in attribute values.
	processEntities: true,
});

const ROOT_ELEMENT = 'Api_UpdateOrganizationPropertiesRequest';

/**
 * The documented PUT /Organization body for one operation on one plan list. For associated plans the
 * operation attribute (`planDetailsOperationType`) sits on `organizationInfo`; for default plans
 * (`defaultPlansOperationType`) it sits on `organizationProperties`.
 *
 * ASSUMPTION (UNCONFIRMED): several plans are sent as repeated `planDetails` (or `defaultPlans`)
 * elements with one `plan` each, the way Commvault's XML writes arrays; the docs only show one plan.
 * ASSUMPTION (UNCONFIRMED): this minimal body (identity plus one plan list, as in the documented
 * samples) is enough; the organization is named in the body only, without `?organizationId=`.
 */
export function buildUpdateXml(
	org: Pick<Organization, 'id' | 'domainName'>,
	list: PlanList,
	operation: OperationType,
	planNames: string[],
): string {
	const organization = { shortName: { '@_domainName': org.domainName, '@_id': String(org.id) } };
	const plans = planNames.map((planName) => ({ plan: { '@_planName': planName } }));
	const organizationInfo =
		list === 'plans'
			? { '@_planDetailsOperationType': operation, planDetails: plans, organization }
			: {
					organization,
					organizationProperties: { '@_defaultPlansOperationType': operation, defaultPlans: plans },
				};
	return (xmlBuilder.build({ [ROOT_ELEMENT]: { organizationInfo } }) as string).trim();
}

/** What an update body asks for; read back from the XML (used to judge whether a write landed). */
export function readUpdateXml(xml: unknown): { orgId: number | null; list: PlanList; operation: string; planNames: string[] } | undefined {
	if (typeof xml !== 'string') return undefined;
	const info = readBody(xml).organizationInfo;
	if (!isObject(info)) return undefined;
	const organization = isObject(info.organization) ? info.organization : {};
	const shortName = isObject(organization.shortName) ? organization.shortName : {};
	const names = (entries: unknown) =>
		asArray(entries)
			.flatMap((e) => (isObject(e) ? asArray(e.plan) : []))
			.map((p) => (isObject(p) ? text(p.planName) : ''))
			.filter((n) => n !== '');
	const properties = isObject(info.organizationProperties) ? info.organizationProperties : undefined;
	if (properties && 'defaultPlansOperationType' in properties) {
		return { orgId: id(shortName.id), list: 'defaultPlans', operation: text(properties.defaultPlansOperationType), planNames: names(properties.defaultPlans) };
	}
	return { orgId: id(shortName.id), list: 'plans', operation: text(info.planDetailsOperationType), planNames: names(info.planDetails) };
}

/** One PUT /Organization request. ADD and DELETE change the list relative to what it is, so they are not idempotent. */
export function updateRequest(
	org: Pick<Organization, 'id' | 'domainName'>,
	list: PlanList,
	operation: OperationType,
	planNames: string[],
): ApiRequest {
	return {
		method: 'PUT',
		path: paths.update,
		body: buildUpdateXml(org, list, operation, planNames),
		headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
		format: 'text',
		idempotent: operation === 'OVERWRITE',
	};
}
