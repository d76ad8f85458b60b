import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { Transport } from '../../core/transport';
import { PLAN_ID, instellixApi, paths } from '../api';

/** The phases of the chosen plan, for "Initial Phase", "Phase Changes" and "Phases to Remove" (value: the phase ident). */
export async function getPhases(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locator = this.getCurrentNodeParameter('plan', { extractValue: true });
	const planId = typeof locator === 'string' || typeof locator === 'number' ? String(locator).trim() : '';
	// No plan chosen yet, or an expression the editor cannot resolve: nothing to offer.
	if (!PLAN_ID.test(planId)) return [];
	const transport = new Transport(this, instellixApi);
	const plan = await transport.request<{ phases?: Array<{ ident?: unknown; name?: unknown }> }>({ method: 'GET', path: paths.plan(planId) });
	return (Array.isArray(plan?.phases) ? plan.phases : [])
		.filter((phase) => typeof phase?.ident === 'string')
		.map((phase) => ({
			name: typeof phase.name === 'string' && phase.name !== '' ? `${phase.name} (${phase.ident as string})` : (phase.ident as string),
			value: phase.ident as string,
		}));
}
