import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeNode } from '../core/execute';
import * as subOrganization from './actions/subOrganization';
import { RESOURCE } from './actions/subOrganization/common';
import { blendVisionOneApi } from './api';
import { searchParentOrganizations, searchSubOrganizations } from './methods/listSearch';
import { getPlans } from './methods/loadOptions';

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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Sub-Organization', value: RESOURCE }],
				default: RESOURCE,
				description: 'What to work on: a sub-organization of the main organization',
			},
			...subOrganization.description,
		],
	};

	methods = {
		listSearch: { searchSubOrganizations, searchParentOrganizations },
		loadOptions: { getPlans },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, blendVisionOneApi, { [RESOURCE]: subOrganization.operations });
	}
}
