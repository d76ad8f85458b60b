/** A plan's expiry after an item: the item's when it sets one (or none), else the plan's own. */
export function expiryAfter(current: string | null | undefined, itemExpiry: string | null | undefined): string | null {
	return itemExpiry === undefined ? (current ?? null) : itemExpiry;
}
