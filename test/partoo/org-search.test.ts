// The "From list" picker pages through GET /org/search. Where its pages start is not settled: Partoo's 2021
// specification (GitHub PartooHub/developers-website, rest_api/v2/components/index.yml, `query_page`) gives
// `page` a default of 0, today's example answer says `page: 1`. The emulator serves either; the picker must
// list every organization once, whichever it is.
import { PartooEmulator } from './emulator';
import type { StoredCredential } from '../support/harness/credentials';
import { listSearch } from '../support/harness/methods';
import { useEmulator } from '../support/helpers';

const emulator = useEmulator(new PartooEmulator());
const credential = (): StoredCredential => ({ ...emulator.credential(), id: 'partoo', name: 'Partoo account' });

/** Every page the picker shows, following its pagination tokens, as n8n's list does. */
async function allPages(filter?: string): Promise<Array<{ name: string; value: string }>> {
	const shown: Array<{ name: string; value: string }> = [];
	let token: string | undefined;
	for (let pages = 0; pages < 20; pages++) {
		const page = await listSearch('partoo', 'searchOrganizations', credential(), filter, token);
		shown.push(...(page.results as Array<{ name: string; value: string }>));
		token = page.paginationToken as string | undefined;
		if (!token) return shown;
	}
	throw new Error('the picker never stopped paging');
}

/** The organizations the key sees: 42, 43, 44 and the 150 customers (not the other provider's 9000). */
const VISIBLE = [42, 43, 44, ...Array.from({ length: 150 }, (_, n) => 1000 + n)].map(String).sort();

describe.each([0, 1] as const)('Partoo: "From list" when /org/search pages start at %i', (firstPage) => {
	beforeEach(() => {
		emulator.firstPage = firstPage;
	});

	test('lists every organization exactly once, and stops after the last page', async () => {
		const shown = await allPages();
		expect(shown.map((o) => o.value).sort()).toEqual(VISIBLE);
		expect(shown[0]).toEqual({ name: 'Fast Retailer (42)', value: '42' });
		// The first request asks for Partoo's first page by leaving `page` out; then the answers' own numbers.
		const asked = emulator.requests('GET', '/v2/org/search').map((r) => r.query.page);
		expect(asked).toEqual([undefined, String(firstPage + 1)]);
		expect(emulator.requests('GET', '/v2/org/search').every((r) => r.status === 200)).toBe(true);
	});

	test('a search that fits one page asks once', async () => {
		expect(await allPages('bakery')).toEqual([{ name: 'Slow & Steady <Bakery> (43)', value: '43' }]);
		expect(emulator.requests('GET', '/v2/org/search')).toHaveLength(1);
	});

	test('a list of exactly one full page: at most one more request, which is empty', async () => {
		for (let n = 100; n < 150; n++) emulator.orgs.delete(1000 + n);
		for (const id of [42, 43, 44]) emulator.orgs.delete(id);
		const shown = await allPages();
		expect(shown).toHaveLength(100);
		expect(emulator.requests('GET', '/v2/org/search').length).toBeLessThanOrEqual(2);
	});
});
