import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerNode } from '../core/node';
import { plan } from './actions/plan';
import { partooApi } from './api';
import { searchOrganizations } from './methods/listSearch';

const node = providerNode(partooApi, {
	resources: [plan],
	resourceDescription: 'What to work on: the plans of a Partoo organization',
});

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
		properties: node.properties,
	};

	methods = {
		listSearch: { searchOrganizations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await node.execute(this);
	}
}
