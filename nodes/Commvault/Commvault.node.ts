import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerNode } from '../core/node';
import { organization } from './actions/organization';
import { commvaultApi } from './api';
import { searchOrganizations } from './methods/listSearch';
import { getPlans } from './methods/loadOptions';

const node = providerNode(commvaultApi, {
	resources: [organization],
	resourceDescription: 'What to work on: a Commvault organization (company) and its plans',
});

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
		properties: node.properties,
	};

	methods = {
		listSearch: { searchOrganizations },
		loadOptions: { getPlans },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await node.execute(this);
	}
}
