// Every link is relative to the page that holds it, so the site works under any base path and from
// disk (file://), where a folder link would open a directory listing instead of the page.

/**
 * The relative URL from the page at `fromPage` to `to`. Both are site-relative: a page is `''` (the
 * overview) or a folder path ending in `/` (`data/`), and links to its `index.html`; anything else
 * (`assets/site.css`, `data/metrics.csv`) is a file.
 */
export function rel(fromPage: string, to: string): string {
  assertSiteRelative(fromPage);
  assertSiteRelative(to);
  if (fromPage !== '' && !fromPage.endsWith('/')) throw new Error(`not a page path (needs a trailing slash): ${fromPage}`);
  const target = to === '' || to.endsWith('/') ? `${to}index.html` : to;
  const from = fromPage.split('/').slice(0, -1);
  const parts = target.split('/');
  let common = 0;
  while (common < from.length && common < parts.length - 1 && from[common] === parts[common]) common++;
  return [...from.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}

function assertSiteRelative(path: string): void {
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`not a site-relative path: ${path}`);
  }
}
