import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeNode } from '../core/execute';
import * as plan from './actions/plan';
import { RESOURCE } from './actions/plan/common';
import { partooApi } from './api';
import { searchOrganizations } from './methods/listSearch';

export class Partoo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Partoo',
		name: 'partoo',
		icon: { light: 'file:../../icons/partoo.svg', dark: 'file:../../icons/partoo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: "Change an organization's plans in Partoo without losing the plans you do not name",
		defaults: { name: 'Partoo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'partooApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Organization Plan', value: RESOURCE }],
				default: RESOURCE,
				description: 'What to work on: the plans of a Partoo organization',
			},
			...plan.description,
		],
	};

	methods = {
		listSearch: { searchOrganizations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, partooApi, { [RESOURCE]: plan.operations });
	}
}
