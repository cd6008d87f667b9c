// The site's search index: Pagefind reads the built pages (the parts Base.astro marks with
// data-pagefind-body) and writes its index and browser code to `<site>/pagefind/`, which the search
// page loads on use. Run on the work folder before the swap, so a failed index never replaces a site.
import fs from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';

export const SEARCH_INDEX_DIR = 'pagefind';
// Pagefind's own search interfaces: the site has its own (public/assets/search.js), so they only weigh.
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

/** Indexes the site in `siteDir` into `siteDir/pagefind/`; returns how many pages went in. */
export async function writeSearchIndex(siteDir: string): Promise<{ pages: number }> {
  const site = path.resolve(siteDir);
  // The result URLs keep index.html like every site link, so they work from any static server.
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: true, forceLanguage: 'en' });
  if (!index) throw new Error(`the search index could not start: ${errors.join('; ') || 'no message'}`);
  try {
    const added = await index.addDirectory({ path: site });
    fail('read the pages', added.errors);
    const out = path.join(site, SEARCH_INDEX_DIR);
    const written = await index.writeFiles({ outputPath: out });
    fail('write the index', written.errors);
    for (const file of fs.readdirSync(out)) if (UNUSED.test(file)) fs.rmSync(path.join(out, file));
    return { pages: added.page_count };
  } finally {
    // Not close(): Pagefind runs one service per process, which builds running side by side share.
    await index.deleteIndex();
  }
}

function fail(step: string, errors: string[]): void {
  if (errors.length) throw new Error(`the search index could not ${step}: ${errors.join('; ')}`);
}
