import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../core/descriptions';
import { ID_REGEX_SOURCE } from '../../api';

// Fields several operations show (each operation lists the ones it uses in its description.ts).

export const subOrganizationField: INodeProperties = resourceLocator({
	displayName: 'Sub-Organization',
	name: 'subOrganization',
	description: 'The sub-organization of the main organization (the one in the credential) to read or change',
	searchListMethod: 'searchSubOrganizations',
	id: {
		placeholder: 'e.g. 9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47',
		regex: ID_REGEX_SOURCE,
		errorMessage: 'A sub-organization ID is a UUID, e.g. 9d1e0c2a-4b7f-4e21-9c3d-2f6a1b0e5d47',
	},
});
