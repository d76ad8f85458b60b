import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerNode } from '../core/node';
import { plan } from './actions/plan';
import { instellixApi } from './api';
import { searchPlans } from './methods/listSearch';
import { getPhases } from './methods/loadOptions';

const node = providerNode(instellixApi, {
	resources: [plan],
	resourceDescription: 'What to work on: an Instellix plan',
});

export class Instellix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instellix',
		name: 'instellix',
		icon: { light: 'file:../../icons/instellix.svg', dark: 'file:../../icons/instellix.dark.svg' },
		group: ['transform'],
		// Version 2 lays out phase entries with their identifying field first (phaseDescription.ts).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read and update Instellix (formerly Nitrobox) plans without losing the fields you do not change',
		defaults: { name: 'Instellix' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'instellixApi', required: true }],
		properties: node.properties,
	};

	methods = {
		listSearch: { searchPlans },
		loadOptions: { getPhases },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await node.execute(this);
	}
}
