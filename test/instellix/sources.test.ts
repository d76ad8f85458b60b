// Issue 22, "every assumption has a source": in docs/providers/instellix.md each documented fact and each
// UNCONFIRMED assumption names the public page or specification it rests on, or says none was found.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const doc = readFileSync(path.join(__dirname, '../../docs/providers/instellix.md'), 'utf8');

/** The top-level bullets of the section under `heading` (continuation lines joined). */
function bullets(heading: string): string[] {
	const start = doc.indexOf(`## ${heading}`);
	expect(start).toBeGreaterThanOrEqual(0);
	const end = doc.indexOf('\n## ', start + 3);
	const section = doc.slice(start, end < 0 ? undefined : end);
	return section.split('\n- ').slice(1).map((b) => b.replace(/\n\s+/g, ' '));
}

const SOURCE = /docs\.instellix\.io `[^`]+`|docs\.nitrobox\.io `[^`]+`|docs\.instellix\.io \(|no public source found/;

test.each([['Documented facts the node relies on, and their sources'], ['What was assumed (UNCONFIRMED)']])('%s: every bullet names its source', (heading) => {
	const list = bullets(heading);
	expect(list.length).toBeGreaterThan(5);
	expect(list.filter((b) => !SOURCE.test(b))).toEqual([]);
});
