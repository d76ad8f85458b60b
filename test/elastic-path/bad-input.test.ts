import { EP_IDS, ElasticPathEmulator } from './emulator';
import { jsonOf, useEmulator, workflowFrom } from '../support/helpers';
import { type Rejection, UNSET, describeCorpus } from '../drivers/bad-input';

const emulator = useEmulator(new ElasticPathEmulator());
const wf = (name: string) => workflowFrom(__dirname, `bad-input/${name}`);

const PRICES = 'Prices (JSON)';

const rejections: Rejection[] = [
	// Offering and Plan (UUIDs)
	{ workflow: 'update', field: 'Offering', name: 'a name instead of an ID', bad: { offeringId: 'Business Seats' }, problem: /is not in the expected form/ },
	{ workflow: 'update', field: 'Offering', name: 'an expression resolving to null', bad: { offeringId: null }, problem: /it is empty/ },
	{ workflow: 'get', field: 'Offering', name: 'a number', bad: { offeringId: 2 } },
	{ workflow: 'update', field: 'Plan', name: 'a UUID one character short', bad: { planId: EP_IDS.seat(1).slice(1) } },
	{ workflow: 'update', field: 'Plan', name: 'an external reference instead of an ID', bad: { planId: 'abc123' } },
	{ workflow: 'update', field: 'Plan', name: 'an expression resolving to undefined', bad: { planId: UNSET }, problem: /it is empty/ },
	{ workflow: 'get', field: 'Plan', name: 'an expression resolving to an array', bad: { planId: [EP_IDS.seat(1)] } },
	// Update Fields
	{ workflow: 'update', field: 'Name', name: 'two characters', bad: { name: 'ab' }, problem: /shorter than 3 characters/ },
	{ workflow: 'update', field: 'Name', name: 'three characters after trimming spaces', bad: { name: '  ab  ' } },
	{ workflow: 'update', field: 'Name', name: 'over 1024 characters', bad: { name: 'n'.repeat(1025) }, problem: /1025 characters long, more than the 1024 allowed/ },
	{ workflow: 'update', field: 'Name', name: 'an expression resolving to an object', bad: { name: { en: 'Gold' } }, problem: /expected text/ },
	{ workflow: 'update', field: 'Description', name: 'over 1024 characters', bad: { description: 'd'.repeat(1025) } },
	{ workflow: 'update', field: 'External Reference', name: 'over 2048 characters', bad: { externalRef: 'r'.repeat(2049) } },
	{ workflow: 'update', field: 'Billing Interval Type', name: 'a plural', bad: { billingIntervalType: 'months' }, problem: /"months" is not one of the allowed values/ },
	{ workflow: 'update', field: 'Billing Interval Type', name: 'a number', bad: { billingIntervalType: 30 } },
	{ workflow: 'update', field: 'Billing Frequency', name: 'zero', bad: { billingFrequency: 0 } },
	{ workflow: 'update', field: 'Billing Frequency', name: 'not a whole number', bad: { billingFrequency: 1.5 } },
	{ workflow: 'update', field: 'Trial Period', name: 'negative', bad: { trialPeriod: -7 } },
	{ workflow: 'update', field: 'Trial Period', name: 'words', bad: { trialPeriod: 'two weeks' } },
	{ workflow: 'update', field: 'Plan Length', name: 'zero', bad: { planLength: 0 } },
	{ workflow: 'update', field: 'End Behavior', name: '"rolling" instead of "roll"', bad: { endBehavior: 'rolling' } },
	{ workflow: 'update', field: 'Can Pause', name: 'yes instead of true', bad: { canPause: 'yes' } },
	{ workflow: 'update', field: 'Can Cancel', name: 'a number', bad: { canCancel: 0 } },
	{ workflow: 'update', field: 'Base Price Percentage', name: 'above 100', bad: { basePricePercentage: 101 } },
	{ workflow: 'update', field: 'Base Price Percentage', name: 'negative', bad: { basePricePercentage: -1 } },
	{ workflow: 'update', field: 'SKU', name: 'over 1024 characters', bad: { sku: 's'.repeat(1025) } },
	{ workflow: 'update', field: 'Main Image URL', name: 'not a URL', bad: { mainImage: 'gold.png' }, problem: /is not an http or https URL/ },
	{ workflow: 'update', field: 'Main Image URL', name: 'a javascript: URL', bad: { mainImage: 'javascript:alert(1)' } },
	{ workflow: 'update', field: 'Price Unit', name: 'an unknown unit', bad: { priceUnit: 'week' } },
	{ workflow: 'update', field: 'Price Unit Amount', name: 'zero', bad: { priceUnitAmount: 0 } },
	// Prices
	{ workflow: 'update', field: PRICES, name: 'invalid JSON', bad: { prices: '[{"currency": "EUR", "amount": }]' }, problem: /it is not valid JSON/ },
	{ workflow: 'update', field: PRICES, name: 'a number', bad: { prices: 2700 }, problem: /expected prices/ },
	{ workflow: 'update', field: PRICES, name: 'a list entry that is not an object', bad: { prices: ['EUR 27.00'] } },
	{ workflow: 'update', field: `${PRICES} > Currency`, name: 'not an ISO 4217 code', bad: { prices: [{ currency: 'EURO', amount: 2700 }] }, problem: /is not an ISO 4217 currency code/ },
	{ workflow: 'update', field: `${PRICES} > Currency`, name: 'a made-up three-letter code', bad: { prices: [{ currency: 'XYZ', amount: 2700 }] } },
	{ workflow: 'update', field: `${PRICES} > Currency`, name: 'missing', bad: { prices: [{ amount: 2700 }] }, problem: /it is empty/ },
	{ workflow: 'update', field: `${PRICES} > Currency (price 2)`, name: 'listed twice', bad: { prices: [{ currency: 'EUR', amount: 1 }, { currency: 'eur', amount: 2 }] }, problem: /EUR is listed more than once/ },
	{ workflow: 'update', field: `${PRICES} > Amount`, name: 'a decimal amount', bad: { prices: [{ currency: 'EUR', amount: 27.5 }] }, problem: /is not a whole number/ },
	{ workflow: 'update', field: `${PRICES} > Amount`, name: 'a negative amount', bad: { prices: [{ currency: 'EUR', amount: -100 }] } },
	{ workflow: 'update', field: `${PRICES} > Amount`, name: 'beyond exact JSON numbers', bad: { prices: { EUR: { amount: 2 ** 60 } } }, problem: /too large/ },
	{ workflow: 'update', field: `${PRICES} > Amount`, name: 'text', bad: { prices: [{ currency: 'EUR', amount: '27,00' }] } },
	{ workflow: 'update', field: `${PRICES} > Includes Tax`, name: 'a word', bad: { prices: [{ currency: 'EUR', amount: 2700, includesTax: 'incl.' }] } },
	{ workflow: 'update', field: 'Replace All Prices', name: 'on without any price', bad: { replacePrices: true }, problem: /it is on but no price is listed/ },
	// Clear Fields
	{ workflow: 'update', field: 'Clear Fields', name: 'an unknown field', bad: { clear: ['name'] }, problem: /"name" is not valid/ },
	{ workflow: 'update', field: 'Clear Fields', name: 'a field that is also set', bad: { description: 'New', clear: ['description'] }, problem: /both given a value and chosen to be cleared/ },
	{ workflow: 'update', field: 'Update Fields', name: 'nothing to change', bad: { name: UNSET }, problem: /nothing to change was given/ },
	// Get Many and options
	{ workflow: 'getAll', field: 'Limit', name: 'negative', bad: { returnAll: false, limit: -5 } },
	{ workflow: 'getAll', field: 'Limit', name: 'not a whole number', bad: { returnAll: false, limit: 2.5 } },
	{ workflow: 'update', field: 'Max Retries', name: 'above 10', bad: { maxRetries: 11 }, at: 0 },
	{ workflow: 'get', field: 'Rate Limit', name: 'words', bad: { rateLimit: 'fast' }, at: 0 },
];

const valid = (n: number) => ({ offeringId: EP_IDS.seats, planId: EP_IDS.seat(n), name: `Seat tier ${n} (valid)`, returnAll: true });

describe('Bad-input corpus: Elastic Path Subscriptions', () => {
	describeCorpus({
		node: 'Elastic Path Subscriptions',
		emulator,
		credentials: () => [{ ...emulator.credential(), id: 'elastic-path', name: 'Elastic Path account' }],
		workflows: { update: wf('update'), get: wf('get'), getAll: wf('getAll') },
		valid: { update: [valid(1), valid(2)], get: [valid(1), valid(2)], getAll: [valid(1), valid(2)] },
		rejections,
		acceptances: [
			{
				name: 'JSON and XML special characters in the name and description are stored exactly',
				workflow: 'update',
				item: { name: `Gold "Plus" <&> {"a": [1]}`, description: `Line 1\nLine 2 \\ 'quoted' </description>` },
				check: () =>
					expect(emulator.plan(EP_IDS.seats, EP_IDS.seat(1))?.attributes).toMatchObject({
						name: `Gold "Plus" <&> {"a": [1]}`,
						description: `Line 1\nLine 2 \\ 'quoted' </description>`,
					}),
			},
			{
				name: "lower-case currency codes, Elastic Path's own map, and an upper-case plan ID",
				workflow: 'update',
				item: { planId: EP_IDS.seat(3).toUpperCase(), name: UNSET, prices: { eur: { amount: 0, includes_tax: true } } },
				check: (result) => {
					expect(emulator.plan(EP_IDS.seats, EP_IDS.seat(3))?.attributes.fixed_price).toEqual({
						USD: { amount: 1003, includes_tax: false },
						EUR: { amount: 0, includes_tax: true },
					});
					expect(jsonOf(result.output('Elastic Path Subscriptions'))[0].changes).toEqual([
						{ field: 'fixed_price.EUR', from: null, to: { amount: 0, includes_tax: true } },
					]);
				},
			},
			{
				name: 'prices given as a JSON string, and Base Price Percentage at its bounds',
				workflow: 'update',
				item: { planId: EP_IDS.seat(4), name: UNSET, prices: '[{"currency":"GBP","amount":900,"includesTax":"true"}]', basePricePercentage: 100 },
				check: () =>
					expect(emulator.plan(EP_IDS.seats, EP_IDS.seat(4))?.attributes).toMatchObject({
						base_price_percentage: 100,
						fixed_price: { USD: { amount: 1004, includes_tax: false }, GBP: { amount: 900, includes_tax: true } },
					}),
			},
		],
	});
});
