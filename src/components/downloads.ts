// The CSV files pages offer for download, collected while the pages render. A page renders to one
// HTML file and a component cannot write another, so DataTable and Chart register their CSV here and
// the `csv-downloads` integration (src/publish/csv-downloads.ts) writes the files beside the pages: as
// they are registered during a build, the dev server serves them from here. The page bundle and the
// Astro config each load their own copy of this module, in the one process that builds (and
// prerenders) the site: hence one registry and one writer on globalThis.

import { createHash } from 'node:crypto';

const KEY = Symbol.for('release-almanac.csv-downloads');
const WRITER = Symbol.for('release-almanac.csv-writer');
type Registry = Map<string, string>;
type Writer = (path: string, csv: string) => void;
const shared = globalThis as { [KEY]?: Registry; [WRITER]?: Writer };
const registry = (): Registry => (shared[KEY] ??= new Map());

/** During a build: `write` is called with each CSV as it is registered (once per path). */
export function writeCsvAsOffered(write: Writer | undefined): void {
  shared[WRITER] = write;
}

/**
 * Registers `csv` as `<name>.csv` in the folder of the page at `pathname` (the page's URL path) and
 * returns the link to it from that page: relative, so it works from any base path and from disk.
 */
export function offerCsv(pathname: string, name: string, csv: string): string {
  // Element ids of the pages: kept to characters that are safe in a file name and a URL.
  const file = `${name.replace(/[^\w-]/g, '_')}.csv`;
  const path = decodeURI(pathname.slice(0, pathname.lastIndexOf('/') + 1)).replace(/^\/+/, '') + file;
  const write = shared[WRITER];
  // A build writes each file as it is registered and keeps only a digest, for the check below: the
  // enterprise site's 31,600 CSV files are 100 MB the pages step's heap would otherwise carry to its end.
  const kept = write ? createHash('sha1').update(csv).digest('base64') : csv;
  const before = registry().get(path);
  // Two downloads of one name on a page would overwrite each other. (The dev server re-renders edited pages.)
  if (before !== undefined && before !== kept && process.env.NODE_ENV === 'production') throw new Error(`two downloads named ${file} on the page ${pathname}`);
  registry().set(path, kept);
  if (before === undefined) write?.(path, csv);
  return file;
}

/** Every CSV registered so far outside a build (the dev server's), by its path in the site (`releases/releases-table.csv`). */
export const offeredCsv = (): ReadonlyMap<string, string> => registry();
