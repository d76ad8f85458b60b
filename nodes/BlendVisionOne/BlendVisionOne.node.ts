import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerNode } from '../core/node';
import { subOrganization } from './actions/subOrganization';
import { blendVisionOneApi } from './api';
import { searchParentOrganizations, searchSubOrganizations } from './methods/listSearch';
import { getPlans } from './methods/loadOptions';

const node = providerNode(blendVisionOneApi, {
	resources: [subOrganization],
	resourceDescription: 'What to work on: a sub-organization of the main organization',
});

export class BlendVisionOne implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BlendVision One',
		name: 'blendVisionOne',
		icon: { light: 'file:../../icons/blendvision-one.svg', dark: 'file:../../icons/blendvision-one.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: "Change a BlendVision One sub-organization's plans and contract without losing what you do not name",
		defaults: { name: 'BlendVision One' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'blendVisionOneApi', required: true }],
		properties: node.properties,
	};

	methods = {
		listSearch: { searchSubOrganizations, searchParentOrganizations },
		loadOptions: { getPlans },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await node.execute(this);
	}
}
