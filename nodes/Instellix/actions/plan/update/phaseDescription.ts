import type { INodeProperties } from 'n8n-workflow';

import {
	ADD_OPTIONS,
	KEEP_OBJECT,
	KEEP_TRANSITIONS,
	NEW_OPTIONS,
	OBJECT_CHANGES,
	REMOVE_OPTIONS,
	TRANSITIONS,
	billingConfigField,
	billingConfigJsonField,
	endOfMonthChoice,
	endOfMonthSwitch,
	linkedOptionsField,
	nameField,
	nextPhaseField,
	noticeField,
	positionField,
	referencePhaseField,
	termField,
	transitionField,
	transitionsJsonField,
} from './phaseFieldList';

/*
 * The Update fields about phases: changes to existing phases, phases to add, phases to remove.
 *
 * Node version 2 puts the field that identifies an entry first and gathers the optional ones in a collection
 * ("Update Fields", "Phase Fields"), as n8n's own nodes do. Version 1 (workflows saved with 0.2.0 and until
 * this change) keeps its flat entries, so those workflows run and show as they were saved. The input reads both.
 */

/** `field`, shown only on nodes of version 1 (the flat layout). */
function v1(field: INodeProperties): INodeProperties {
	return { ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, '@version': [1] } } };
}

/** A collection of optional fields, shown from version 2 on. */
function optional(name: string, displayName: string, placeholder: string, description: string, options: INodeProperties[]): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, description, displayOptions: { hide: { '@version': [1] } }, options };
}

const phaseIdentField: INodeProperties = {
	displayName: 'Phase Name or ID',
	name: 'phase',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
	required: true,
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

const newIdentField: INodeProperties = {
	displayName: 'Ident',
	name: 'ident',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. trial_3m',
	description: 'The ident of the new phase, unique within the plan',
};

const changeTransition = transitionField([...TRANSITIONS.slice(0, 2), KEEP_TRANSITIONS, ...TRANSITIONS.slice(2)], 'keep', 'What happens when the phase ends. Replaces the transitions of the phase.');
const newTransition = transitionField(TRANSITIONS, 'none', 'What happens when the phase ends');

/** What a phase change can set, in the collection of version 2 (a field added there is a change). */
const changeFields: INodeProperties[] = [
	billingConfigField(OBJECT_CHANGES, 'merge'),
	billingConfigJsonField,
	endOfMonthSwitch,
	linkedOptionsField('addLinkedOptions', 'Linked Options to Add', ADD_OPTIONS),
	linkedOptionsField('removeLinkedOptions', 'Linked Options to Remove', REMOVE_OPTIONS),
	nameField,
	nextPhaseField,
	noticeField,
	termField,
	transitionField(TRANSITIONS, 'none', 'What happens when the phase ends. Replaces the transitions of the phase.'),
	transitionsJsonField,
];

const newPhaseFields: INodeProperties[] = [
	endOfMonthSwitch,
	linkedOptionsField('linkedOptions', 'Linked Options', NEW_OPTIONS),
	nameField,
	nextPhaseField,
	noticeField,
	positionField,
	referencePhaseField,
	termField,
	newTransition,
	transitionsJsonField,
];

export const phaseFields: INodeProperties[] = [
	{
		displayName: 'Phase Changes',
		name: 'phaseChanges',
		type: 'fixedCollection',
		placeholder: 'Add phase change',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Changes to existing phases, by phase ident. Phases and phase fields not named here are kept.',
		options: [
			{
				name: 'phase',
				displayName: 'Phase',
				// Alphabetical (n8n's lint); in version 2 only "Phase Name or ID" and "Update Fields" show.
				values: [
					v1(billingConfigField([OBJECT_CHANGES[0], KEEP_OBJECT, ...OBJECT_CHANGES.slice(1)], 'keep')),
					v1(billingConfigJsonField),
					v1(endOfMonthChoice),
					v1(linkedOptionsField('addLinkedOptions', 'Linked Options to Add', ADD_OPTIONS)),
					v1(linkedOptionsField('removeLinkedOptions', 'Linked Options to Remove', REMOVE_OPTIONS)),
					v1(nameField),
					v1(nextPhaseField),
					v1(noticeField),
					phaseIdentField,
					v1(termField),
					v1(changeTransition),
					v1(transitionsJsonField),
					optional('updateFields', 'Update Fields', 'Add field to change', 'The fields of the phase to change; fields not added here keep their value', changeFields),
				],
			},
		],
	},
	{
		displayName: 'Add Phases',
		name: 'addPhases',
		type: 'fixedCollection',
		placeholder: 'Add new phase',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'New phases, e.g. a 3-month trial. Set their billing config in Phase Changes.',
		options: [
			{
				name: 'phase',
				displayName: 'New Phase',
				// Alphabetical (n8n's lint); in version 2 only "Ident" and "Phase Fields" show.
				values: [
					v1(endOfMonthSwitch),
					newIdentField,
					v1(linkedOptionsField('linkedOptions', 'Linked Options', NEW_OPTIONS)),
					v1(nameField),
					v1(nextPhaseField),
					v1(noticeField),
					optional('phaseFields', 'Phase Fields', 'Add field', 'The other fields of the new phase: without a Term Duration or Transition it has none, and End of Month is on', newPhaseFields),
					v1(positionField),
					v1(referencePhaseField),
					v1(termField),
					v1(newTransition),
					v1(transitionsJsonField),
				],
			},
		],
	},
	{
		displayName: 'Phases to Remove',
		name: 'removePhases',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhases', loadOptionsDependsOn: ['plan.value'] },
		default: [],
		description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
];
