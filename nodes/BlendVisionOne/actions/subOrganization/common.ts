import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationContext } from '../../../core/operation';
import type { ItemParams } from '../../../core/params';
import {
	type AssignedPlan,
	type GivablePlans,
	actingOrgId,
	assignablePlans,
	assignedPlans,
	blendVisionOneApi,
	fromSubOrgResponse,
	ID_PATTERN,
	ID_REGEX_SOURCE,
	type PlanChoice,
	paths,
	type SubOrgState,
} from '../../api';
import { resourceLocator } from '../../../core/descriptions';
import { httpStatusOf } from '../../../core/errors';

export const ID_HINT =
	'Use the sub-organization ID, a UUID such as 9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47, or choose the sub-organization from the list.';

export const subOrganizationField: INodeProperties = resourceLocator({
	displayName: 'Sub-Organization',
	name: 'subOrganization',
	description: 'The sub-organization of the main organization (the one in the credential) to read or change',
	searchListMethod: 'searchSubOrganizations',
	id: {
		placeholder: 'e.g. 9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47',
		regex: ID_REGEX_SOURCE,
		errorMessage: 'A sub-organization ID is a UUID, e.g. 9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47',
	},
});

export function readSubOrgId(params: ItemParams): string {
	// Lower case, as BlendVision One writes IDs: an ID given in capitals names the same sub-organization.
	return params.locator('subOrganization', 'Sub-Organization', { pattern: ID_PATTERN, patternHint: ID_HINT }).toLowerCase();
}

/** GET the sub-organization (its record and owner). */
export async function readSubOrgRecord(op: OperationContext, id: string, itemIndex: number): Promise<Pick<SubOrgState, 'organization' | 'owner_info'>> {
	const body = await op.transport.request({ method: 'GET', path: paths.subOrg(id) }, itemIndex);
	return fromSubOrgResponse(body, id);
}

/** The organization the credential acts for. */
export async function mainOrgIdOf(op: OperationContext, itemIndex: number): Promise<string> {
	return actingOrgId(await op.ctx.getCredentials(blendVisionOneApi.credentialType, itemIndex));
}

/** GET the plans assigned to the sub-organization. */
export async function readSubOrgPlans(op: OperationContext, id: string, itemIndex: number): Promise<SubOrgState['plans']> {
	return assignedPlans(await op.transport.request({ method: 'GET', path: paths.subOrgPlans(id) }, itemIndex));
}

/** GET the sub-organization and its plans. */
export async function readSubOrg(op: OperationContext, id: string, itemIndex: number): Promise<Pick<SubOrgState, 'organization' | 'owner_info' | 'plans'>> {
	const { organization, owner_info } = await readSubOrgRecord(op, id, itemIndex);
	return { organization, owner_info, plans: await readSubOrgPlans(op, id, itemIndex) };
}

/**
 * The plans an organization can give its sub-organizations, read once per process and organization (for
 * 10 minutes) and again at once when `wanted` names a plan the list does not hold (a plan added since).
 * When a sub-organization's list cannot be read (403, 404), the main organization's is used instead.
 */
export async function readGivable(
	op: OperationContext,
	orgId: string,
	mainOrgId: string,
	itemIndex: number,
	wanted: string[] = [],
): Promise<GivablePlans> {
	const list = async (id: string, fresh: boolean) =>
		await op.shared(
			`plans:${id}`,
			async () => assignablePlans(await op.transport.request({ method: 'GET', path: paths.orgPlans(id) }, itemIndex)),
			{ fresh },
		);
	const read = async (fresh: boolean): Promise<GivablePlans> => {
		if (orgId === mainOrgId) return { plans: await list(mainOrgId, fresh), source: 'parent' };
		// A parent whose own list cannot be read (403, 404): the main organization's plans instead.
		const unreadable = (error: unknown) => [403, 404].includes(httpStatusOf(error) ?? 0);
		return await list(orgId, fresh).then(
			(plans): GivablePlans => ({ plans, source: 'parent' }),
			async (error: unknown) => {
				if (!unreadable(error)) throw error;
				return { plans: await list(mainOrgId, fresh), source: 'main' } as GivablePlans;
			},
		);
	};
	const givable = await read(false);
	const known = (id: string) => givable.plans.some((p) => p.id.toLowerCase() === id.toLowerCase());
	return wanted.every(known) ? givable : await read(true);
}

/** A sub-organization as output: the organization, its owner, and its plans. */
export function subOrgView(state: Pick<SubOrgState, 'organization' | 'owner_info' | 'plans'>): IDataObject {
	return {
		...(state.organization as IDataObject),
		...(state.owner_info ? { owner_info: state.owner_info } : {}),
		plan_ids: state.plans.map((p) => p.id),
		plans: state.plans as unknown as IDataObject[],
	};
}

export function withPlanNames(ids: string[], current: AssignedPlan[], catalog: PlanChoice[]): AssignedPlan[] {
	return ids.map((id) => {
		const existing = current.find((p) => p.id === id);
		if (existing) return existing;
		const choice = catalog.find((p) => p.id === id);
		return { id, ...(choice ? { name: choice.name, ...(choice.group ? { group: choice.group } : {}) } : {}) };
	});
}
