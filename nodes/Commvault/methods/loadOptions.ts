import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { commvaultApi, paths } from '../api';
import { plansFromList } from '../shapes';

/** The plans of GET Plan, by name (the update XML names plans by planName). */
export async function getPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const transport = new Transport(this, commvaultApi);
	const body = await transport.request({ method: 'GET', path: paths.plans, format: 'text' });
	return plansFromList(body)
		.sort((a, b) => a.planName.localeCompare(b.planName))
		.map((plan) => ({
			name: plan.planName,
			value: plan.planName,
			...(plan.planId !== null ? { description: `Plan ID ${plan.planId}` } : {}),
		}));
}
