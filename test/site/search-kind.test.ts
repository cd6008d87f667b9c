import { describe, expect, it } from 'vitest';
import { SEARCH_KINDS, SEARCH_PAGE, searchKind } from '../../src/components/search-kind.ts';
import { SITE_NAV } from '../../src/report/nav.ts';

describe('searchKind', () => {
  it.each([
    // One thing per page: a release, project, portfolio or program, environment, month; the changes.
    ['releases/pay-3-1-0/', 'release'],
    ['projects/pay/', 'project'],
    ['portfolios/corporate-markets/', 'portfolio'],
    ['programs/open-banking/', 'portfolio'],
    ['environments/uat-01/', 'environment'],
    ['monthly/2026-03/', 'monthly'],
    ['monthly/', 'monthly'],
    ['changes/', 'change'],
    // Lists and the other sections are plain pages.
    ['', 'page'],
    ['releases/', 'page'],
    ['environments/', 'page'],
    ['forecasts/backtest/', 'page'],
    ['data/', 'page'],
    // A section named like a kind's prefix is not that kind.
    ['releases-archive/', 'page'],
  ])('%s is a %s', (page, kind) => {
    expect(searchKind(page)).toBe(kind);
  });

  it('keeps the search page out of the index', () => {
    expect(searchKind(SEARCH_PAGE)).toBeNull();
  });

  it('offers every kind it gives, each once', () => {
    const kinds = SEARCH_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const { path } of SITE_NAV) {
      const kind = searchKind(path);
      if (kind !== null) expect(kinds).toContain(kind);
    }
  });
});
