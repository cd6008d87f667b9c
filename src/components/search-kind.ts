// What kind of page a site path is, for the search index's `kind` filter (Base.astro puts it on
// <main> as data-pagefind-filter). Derived from the path alone, so a new page folder needs a line here
// and nothing else; the search page's kind choices are SEARCH_KINDS, in this order.

export const SEARCH_KINDS = [
  { kind: 'release', label: 'Releases' },
  { kind: 'project', label: 'Projects' },
  { kind: 'portfolio', label: 'Portfolios and programs' },
  { kind: 'environment', label: 'Environments' },
  { kind: 'change', label: 'Changes' },
  { kind: 'monthly', label: 'Monthly reports' },
  { kind: 'page', label: 'Other pages' },
] as const;

export type SearchKind = (typeof SEARCH_KINDS)[number]['kind'];

/** The search page itself: never indexed (it would match every query through its own labels). */
export const SEARCH_PAGE = 'search/';

/**
 * The kind of the page at `page` (a site-relative folder path: `''`, `releases/pay-3-1-0/`), or null
 * for a page the index leaves out. Lists (`releases/`, `environments/`) are plain pages: the kinds name
 * one thing each, and a list would otherwise top every search for a release.
 */
export function searchKind(page: string): SearchKind | null {
  const [section, item] = page.split('/');
  const one = item !== undefined && item !== '';
  switch (section) {
    case 'search': return null;
    case 'releases': return one ? 'release' : 'page';
    case 'environments': return one ? 'environment' : 'page';
    case 'projects': return 'project';
    case 'portfolios':
    case 'programs': return 'portfolio';
    case 'changes': return 'change';
    case 'monthly': return 'monthly';
    default: return 'page';
  }
}
