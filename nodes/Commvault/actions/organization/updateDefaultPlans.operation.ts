import { planListUpdate } from './common';

/** The organization's default plans: organizationProperties.defaultPlans, defaultPlansOperationType. */
export const operation = planListUpdate('defaultPlans');
