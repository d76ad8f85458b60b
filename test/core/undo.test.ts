import type { IDataObject } from 'n8n-workflow';

import { emptyReport, putBackHolds, setAt, undoChange } from '../../nodes/core/undoChange';

// Taking back one recorded change on a comparison view (pure): what the providers' Undo Changes share.

describe('undoChange', () => {
	test('puts back `from` where the view still holds `to`; reports alreadyUndone and changedSince otherwise', () => {
		const view: IDataObject = { plans: { posts: { expiration_date: '2028-01-31' }, messages: { expiration_date: '2029-12-31' } } };
		const report = emptyReport();
		undoChange(view, { field: 'plans.posts.expiration_date', from: '2027-06-30', to: '2028-01-31' }, report);
		undoChange(view, { field: 'plans.messages.expiration_date', from: '2027-03-31', to: '2028-01-31' }, report);
		undoChange(view, { field: 'plans.webhooks', from: null, to: { expiration_date: null } }, report);
		expect(view).toEqual({ plans: { posts: { expiration_date: '2027-06-30' }, messages: { expiration_date: '2029-12-31' } } });
		expect(report.putBack.map((c) => c.field)).toEqual(['plans.posts.expiration_date']);
		expect(report.changedSince).toEqual([{ field: 'plans.messages.expiration_date', from: '2027-03-31', to: '2028-01-31', now: '2029-12-31' }]);
		expect(report.alreadyUndone.map((c) => c.field)).toEqual(['plans.webhooks']);
	});

	test('a field inside something an earlier item of the run added, which is gone, is already undone', () => {
		const view: IDataObject = { plans: {} };
		const report = emptyReport();
		const added = { field: 'plans.webhooks', from: null, to: { expiration_date: '2027-06-30' } };
		undoChange(view, { field: 'plans.webhooks.expiration_date', from: '2027-06-30', to: '2028-01-31' }, report, [added]);
		expect(report.alreadyUndone).toHaveLength(1);
		// Without that earlier item, the field was changed since (the plan was removed by someone else).
		const alone = emptyReport();
		undoChange(view, { field: 'plans.webhooks.expiration_date', from: '2027-06-30', to: '2028-01-31' }, alone);
		expect(alone.changedSince).toHaveLength(1);
	});

	test('two items of the run changed one field one after the other: once the chain is back, the later one is already undone', () => {
		// "12 months" -> "24 months" (item 0) -> "36 months" (item 1), undone once already: the term is 12 months again.
		const view: IDataObject = { phases: { main: { termDuration: { value: 12 } } } };
		const first = { field: 'phases.main.termDuration.value', from: 12, to: 24 };
		const report = emptyReport();
		undoChange(view, { field: 'phases.main.termDuration.value', from: 24, to: 36 }, report, [first]);
		expect(report.alreadyUndone).toHaveLength(1);
		expect(report.changedSince).toHaveLength(0);
	});

	test('a list of plain values is taken back member by member; members others changed stay and are reported', () => {
		const view: IDataObject = { plans: ['Server Gold', 'Laptop Standard', 'Cloud Archive', 'Edge'] };
		const report = emptyReport();
		const change = { field: 'plans', from: ['Server Gold', 'Server Silver', 'Laptop Standard'], to: ['Server Gold', 'Laptop Standard', 'Cloud Archive'] };
		undoChange(view, change, report);
		expect(view.plans).toEqual(['Server Gold', 'Laptop Standard', 'Edge', 'Server Silver']);
		expect(report.putBack).toEqual([change]);
		expect(report.changedSince).toEqual([{ ...change, now: ['Server Gold', 'Laptop Standard', 'Cloud Archive', 'Edge'] }]);
		expect(putBackHolds(view, change)).toBe(true);
		const again = emptyReport();
		undoChange(view, change, again);
		expect(again.alreadyUndone).toEqual([change]);
		expect(view.plans).toEqual(['Server Gold', 'Laptop Standard', 'Edge', 'Server Silver']);
	});

	test('setAt follows keys that hold dots, and sets a missing key whole', () => {
		const view: IDataObject = { attributes: { 'price.EUR': { amount: 100 } } };
		setAt(view, 'attributes.price.EUR.amount', 90);
		setAt(view, 'attributes.new.key', 'x');
		expect(view).toEqual({ attributes: { 'price.EUR': { amount: 90 }, 'new.key': 'x' } });
	});
});
