import { planListUpdate } from './common';

/** The plans associated with (available to) the organization: planDetails, planDetailsOperationType. */
export const operation = planListUpdate('plans');
