// The plan attributes the update names: their labels as the user sees them, and those that may be cleared.

/** Labels of the plan attributes as the user sees them, for messages. */
export const LABELS: Record<string, string> = {
	name: 'Name',
	description: 'Description',
	external_ref: 'External Reference',
	billing_interval_type: 'Billing Interval Type',
	billing_frequency: 'Billing Frequency',
	trial_period: 'Trial Period',
	plan_length: 'Plan Length',
	end_behavior: 'End Behavior',
	can_pause: 'Can Pause',
	can_resume: 'Can Resume',
	can_cancel: 'Can Cancel',
	base_price_percentage: 'Base Price Percentage',
	fixed_price: 'Prices',
	price: 'Prices',
	sku: 'SKU',
	main_image: 'Main Image URL',
	price_units: 'Price Units',
};

export const CLEARABLE = [
	{ name: 'Base Price Percentage (Older Model)', value: 'base_price_percentage' },
	{ name: 'Description', value: 'description' },
	{ name: 'External Reference', value: 'external_ref' },
	{ name: 'Main Image URL (Newer Model)', value: 'main_image' },
	{ name: 'Price Units (Newer Model)', value: 'price_units' },
	{ name: 'Prices (All Currencies)', value: 'prices' },
	{ name: 'SKU (Newer Model)', value: 'sku' },
	{ name: 'Trial Period (Older Model)', value: 'trial_period' },
] as const;
export type Clearable = (typeof CLEARABLE)[number]['value'];
