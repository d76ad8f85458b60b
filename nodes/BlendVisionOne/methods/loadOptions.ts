import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { actingOrgId, assignablePlans, blendVisionOneApi, planLabel, paths } from '../api';

/** Plans the main organization can assign, for the "Plans" picker: "Group / Plan", valued by plan ID. */
export async function getPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentials = await this.getCredentials(blendVisionOneApi.credentialType);
	const transport = new Transport(this, blendVisionOneApi);
	const body = await transport.request({ method: 'GET', path: paths.orgPlans(actingOrgId(credentials)) });
	return assignablePlans(body)
		.map((plan) => ({ name: planLabel(plan), value: plan.id, description: plan.description ?? plan.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
