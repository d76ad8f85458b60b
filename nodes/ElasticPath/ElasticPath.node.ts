import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerNode } from '../core/node';
import { offeringPlan } from './actions/offeringPlan';
import { elasticPathApi } from './api';
import { searchOfferings, searchPlans } from './methods/listSearch';

const node = providerNode(elasticPathApi, {
	resources: [offeringPlan],
	resourceDescription: 'What to work on: a plan inside a subscription offering',
});

export class ElasticPath implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Elastic Path Subscriptions',
		name: 'elasticPath',
		icon: { light: 'file:../../icons/elastic-path.svg', dark: 'file:../../icons/elastic-path.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read and update the plans of Elastic Path subscription offerings, changing only the attributes you name',
		defaults: { name: 'Elastic Path Subscriptions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'elasticPathApi', required: true }],
		properties: node.properties,
	};

	methods = {
		listSearch: { searchOfferings, searchPlans },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await node.execute(this);
	}
}
