import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeNode } from '../core/execute';
import * as organization from './actions/organization';
import { RESOURCE } from './actions/organization/common';
import { commvaultApi } from './api';
import { searchOrganizations } from './methods/listSearch';
import { getPlans } from './methods/loadOptions';

export class Commvault implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Commvault',
		name: 'commvault',
		icon: { light: 'file:../../icons/commvault.svg', dark: 'file:../../icons/commvault.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: "Associate plans and default plans with a Commvault organization without losing the plans you do not name",
		defaults: { name: 'Commvault' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'commvaultApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Organization', value: RESOURCE }],
				default: RESOURCE,
				description: 'What to work on: a Commvault organization (company) and its plans',
			},
			...organization.description,
		],
	};

	methods = {
		listSearch: { searchOrganizations },
		loadOptions: { getPlans },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, commvaultApi, { [RESOURCE]: organization.operations });
	}
}
