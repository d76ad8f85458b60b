// Field-level views used to confirm writes (nodes/core/fields.ts).
import { leafChanges, leavesOf, standing, valueAt, within } from '../../nodes/core/fields';

test('objects split key by key, lists of plain values member by member, other lists whole', () => {
	const view = { plans: { posts: { expiration_date: '2027-01-01' } }, plan_ids: ['a1', 'a2'], phases: [{ ident: 'x' }], empty: [], none: null };
	expect([...leavesOf(view)]).toEqual([
		['plans.posts.expiration_date', '2027-01-01'],
		['plan_ids["a1"]', true],
		['plan_ids["a2"]', true],
		['phases', [{ ident: 'x' }]],
	]);
});

test('a change of a list shows as the members that came and went', () => {
	expect(leafChanges(leavesOf({ plan_ids: ['a1', 'a2'] }), leavesOf({ plan_ids: ['a2', 'a3'] }))).toEqual([
		{ path: 'plan_ids["a1"]', from: true, to: null },
		{ path: 'plan_ids["a3"]', from: null, to: true },
	]);
	expect(within('plan_ids["a3"]', 'plan_ids')).toBe(true);
	expect(within('plan_idsX', 'plan_ids')).toBe(false);
});

test('a written field is landed, reverted (the value we replaced, set by nobody here) or superseded', () => {
	const written = [
		{ path: 'a', from: 1, to: 2 },
		{ path: 'b', from: 1, to: 2 },
		{ path: 'c', from: 1, to: 2 },
		{ path: 'd', from: 1, to: 2 },
	];
	const now = new Map<string, unknown>([
		['a', 2],
		['b', 1],
		['c', 3],
		['d', 1],
	]);
	const found = standing(written, now, new Map<string, unknown>([['d', 1]]));
	expect(found.landed.map((l) => l.path)).toEqual(['a']);
	expect(found.reverted.map((l) => l.path)).toEqual(['b']);
	// c holds a third value; d holds the old value again, but a later writer in this process set it so.
	expect(found.superseded.map((l) => l.path)).toEqual(['c', 'd']);
});

test('a field a writer here set to our value too is still ours: the old value again there is an older copy', () => {
	const written = [
		{ path: 'plans.posts.expiration_date', from: null, to: '2027-12-31' },
		{ path: 'plans.webhooks.expiration_date', from: null, to: '2027-12-31' },
	];
	// Both gone again; another execution here wrote the same date for posts, and another date for webhooks.
	const setHere = new Map<string, unknown>([
		['plans.posts.expiration_date', '2027-12-31'],
		['plans.webhooks.expiration_date', '2028-01-31'],
	]);
	const found = standing(written, new Map(), setHere);
	expect(found.reverted.map((l) => l.path)).toEqual(['plans.posts.expiration_date']);
	expect(found.superseded.map((l) => l.path)).toEqual(['plans.webhooks.expiration_date']);
});

test('valueAt finds a field whose keys hold dots', () => {
	const view = { properties: { 'tier.gold': { value: 'yes' } }, name: 'Pro' };
	expect(valueAt(view, 'properties.tier.gold')).toEqual({ value: 'yes' });
	expect(valueAt(view, 'properties.tier.gold.value')).toBe('yes');
	expect(valueAt(view, 'missing')).toBeNull();
});
