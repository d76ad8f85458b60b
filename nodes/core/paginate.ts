export interface Page<T> {
	items: T[];
	/** Whether the provider has more pages after this one. */
	hasMore: boolean;
}

/** Safety net against a provider that never says it is done. */
const MAX_PAGES = 10_000;

/**
 * Collects items page by page until the provider has no more or `limit` items are collected.
 * `page` counts from 0; each provider turns it into its own page number or offset.
 */
export async function paginate<T>(fetchPage: (page: number) => Promise<Page<T>>, limit?: number): Promise<T[]> {
	const all: T[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const { items, hasMore } = await fetchPage(page);
		all.push(...items);
		if (limit !== undefined && all.length >= limit) return all.slice(0, limit);
		if (!hasMore || items.length === 0) break;
	}
	return all;
}
