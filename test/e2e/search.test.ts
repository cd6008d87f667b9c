// Site search, built from the fixture model (the Pagefind index included, as `almanac build` writes it)
// and used in Chromium: names, keys and change numbers found, the kind filter, hostile text kept as
// text, the `/` shortcut, the CSP (its violations are console errors), and the page without JavaScript.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { follow } from './browser.ts';
import { serveFolder } from './serve.ts';
import { fixtureModel, useFixtureSite } from './fixture-site.ts';

const model = fixtureModel();
const hostileRelease = model.releases.rows.find((r) => r.name.includes('<script>'))!;
const release = model.releases.rows.find((r) => r.id === 'CRM-R14')!;
const change = model.changes.rows[0]!;

const site = useFixtureSite('search-site');

/** Waits for the search page to show the results for `query` (the status names it once they are listed). */
const settled = (page: Page, query: string) => page.locator('#search-status').filter({ hasText: `for “${query}”` }).waitFor();

/** Types `query` into the search page's box and waits for its results. */
async function search(page: Page, query: string): Promise<void> {
  await page.locator('#search-q').fill(query);
  await settled(page, query);
}

const resultLinks = (page: Page) => page.locator('#search-results li > a');
const hrefs = async (page: Page) => (await resultLinks(page).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)));

describe('search index', () => {
  it('is written with the site, without Pagefind\'s own interfaces, and leaves the search page out', () => {
    const dir = path.join(site.out, 'pagefind');
    expect(fs.existsSync(path.join(dir, 'pagefind.js'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => /ui|highlight/.test(f))).toEqual([]);
    const html = (page: string) => fs.readFileSync(path.join(site.out, page, 'index.html'), 'utf8');
    expect(html(`releases/${release.slug}/`)).toMatch(/<main[^>]* data-pagefind-body[^>]* data-pagefind-filter="kind:release"/);
    expect(html('changes/')).toContain('data-pagefind-filter="kind:change"');
    expect(html('search/')).not.toContain('data-pagefind-body');
    // WebAssembly is allowed on the search page only.
    expect(html('search/')).toContain("script-src 'self' 'wasm-unsafe-eval';");
    for (const page of ['', 'releases/', `releases/${release.slug}/`, 'changes/']) expect(html(page), page).not.toContain('wasm-unsafe-eval');
  });

  it('keeps search.js small: the search page\'s scripts stay well inside the 15 kB gzipped budget', () => {
    const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(site.out, 'assets', file))).length;
    expect(gz('search.js')).toBeLessThan(4_000);
    expect(gz('theme.js') + gz('tables.js') + gz('search.js')).toBeLessThan(15_000);
  });
});

describe('search page', () => {
  it('finds a release by its name, and the result leads to its page', async () => {
    const { page, problems } = await site.open('search/');
    const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/pagefind/')).length);
    await expect(loaded()).resolves.toBe(0); // nothing of the index before someone searches
    await search(page, release.name);
    await expect(loaded()).resolves.toBeGreaterThan(0);
    const link = resultLinks(page).filter({ hasText: release.name }).first();
    await expect(link.getAttribute('href')).resolves.toBe(`/releases/${release.slug}/index.html`);
    await expect(page.locator('#search-results mark').count()).resolves.toBeGreaterThan(0);
    expect(page.url()).toContain(`?q=${encodeURIComponent(release.name).replace(/%20/g, '+')}`);
    await follow(page, link);
    await expect(page.locator('h1').textContent()).resolves.toBe(release.name);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds a release by its key, and a change by its number', async () => {
    const { page, problems } = await site.open('search/');
    for (const key of [release.id, release.id.toLowerCase()]) {
      await search(page, key);
      await expect(hrefs(page)).resolves.toContain(`${site.url}releases/${release.slug}/index.html`);
    }
    await search(page, change.number);
    await expect(hrefs(page)).resolves.toContain(`${site.url}changes/index.html`);
    expect(problems).toEqual([]);
    await page.close();
  });

  // Ids and times nobody searches for, which were most of the enterprise index's words.
  const releaseWith = (has: (d: (typeof model.releases.details)[number]) => boolean) => {
    const detail = model.releases.details.find(has)!;
    return { detail, page: `releases/${model.releases.rows.find((r) => r.id === detail.id)!.slug}/`, own: detail.id };
  };
  const deployed = releaseWith((d) => d.deployments.length > 0);
  const booked = releaseWith((d) => d.bookings.length > 0);
  // A booking in no conflict: the conflicts table lists its bookings, and they are searchable there.
  const environment = model.environments.details.find((d) => d.bookings.some((b) => !b.inConflict))!;
  const environmentRow = model.environments.environments.find((e) => e.id === environment.id)!;
  /** The text Pagefind indexed for a page (its fragment). */
  const indexedText = (page: string): string => {
    const dir = path.join(site.out, 'pagefind', 'fragment');
    const fragments = fs.readdirSync(dir).map((f) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string; content: string });
    return fragments.find((f) => f.url === `/${page}index.html`)!.content;
  };
  it.each([
    { what: 'release pages\' deployment rows', table: 'deployments', page: deployed.page, id: deployed.detail.deployments[0]!.id, own: deployed.own },
    { what: 'release pages\' booking rows', table: 'bookings', page: booked.page, id: booked.detail.bookings[0]!.id, own: booked.own },
    { what: 'environment pages\' booking rows', table: 'bookings-table', page: `environments/${environmentRow.slug}/`, id: environment.bookings.find((b) => !b.inConflict)!.id, own: environmentRow.name },
  ])('leaves $what out of the index', async ({ table, page: at, id, own }) => {
    const html = fs.readFileSync(path.join(site.out, at, 'index.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<div class="table-scroll" id="${table}"[^>]* data-pagefind-ignore="all"`));
    expect(html).toContain(id);
    const indexed = indexedText(at);
    expect(indexed).toContain(own);
    expect(indexed).not.toContain(id);
    // The page's own words still find it.
    const { page, problems } = await site.open('search/');
    await search(page, own);
    await expect(hrefs(page)).resolves.toContain(`${site.url}${at}index.html`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by kind, counting each kind\'s results', async () => {
    const { page, problems } = await site.open('search/?q=CRM');
    await settled(page, 'CRM');
    const all = Number((await page.locator('#search-status').textContent())?.match(/^\d+/)?.[0]);
    expect(all).toBeGreaterThan(10);
    // Ten at a time.
    await expect(resultLinks(page).count()).resolves.toBe(10);
    await page.locator('#search-more').click();
    await resultLinks(page).nth(Math.min(all, 20) - 1).waitFor();
    await expect(resultLinks(page).count()).resolves.toBe(Math.min(all, 20));
    await expect(page.locator('#search-more').isHidden()).resolves.toBe(all <= 20);
    // The reader carries on from the first new result.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(await resultLinks(page).nth(10).textContent());
    const kinds = await page.locator('.search-result-kind').allTextContents();
    expect(new Set(kinds).size).toBeGreaterThan(1);
    // Every page has one kind: the kinds' counts add up to everything's.
    const counted = (await page.locator('.kind-count').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
    expect(counted[0]).toBe(all);
    expect(counted.slice(1).reduce((a, b) => a + b, 0)).toBe(all);
    await page.getByRole('radio', { name: /^Environments/ }).check();
    await page.locator('#search-status').filter({ hasText: 'among environments' }).waitFor();
    await expect(page.locator('.search-result-kind').allTextContents()).resolves.toSatisfy((k: string[]) => k.length > 0 && k.every((x) => x === 'Environments'));
    for (const href of await hrefs(page)) expect(href).toMatch(/\/environments\/[^/]+\/index\.html$/);
    const count = await page.getByRole('radio', { name: /^Environments/ }).locator('xpath=..').locator('.kind-count').textContent();
    expect(count).toBe(` (${await resultLinks(page).count()})`);
    expect(page.url()).toContain('kind=environment');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a hostile release name in results as text, with nothing injected', async () => {
    const { page, problems } = await site.open('search/');
    await search(page, 'alert');
    await expect(resultLinks(page).filter({ hasText: hostileRelease.name }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#search-results').locator('script, img, b, i').count()).resolves.toBe(0);
    await expect(page.locator('#search-results mark').first().textContent()).resolves.toMatch(/alert/i);
    await expect(page.locator('#search-results .search-excerpt').allTextContents()).resolves.toSatisfy((t: string[]) => t.some((x) => x.includes('<script>alert(')));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes `/` to the search box, Escape clears it, and the header box leads to the search page', async () => {
    const { page, problems } = await site.open('releases/');
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search-q');
    await page.keyboard.type(release.id);
    await Promise.all([page.waitForURL(/search\/index\.html\?q=/), page.keyboard.press('Enter')]);
    await settled(page, release.id);
    await expect(page.locator('#search-q').inputValue()).resolves.toBe(release.id);
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-q');
    // Typed into the box, `/` is a character like any other.
    await page.keyboard.press('End');
    await page.keyboard.type('/');
    await expect(page.locator('#search-q').inputValue()).resolves.toBe(`${release.id}/`);
    await page.keyboard.press('Escape');
    await expect(page.locator('#search-q').inputValue()).resolves.toBe('');
    await expect(resultLinks(page).count()).resolves.toBe(0);
    expect(page.url()).not.toContain('q=');
    expect(problems).toEqual([]);
    await page.close();
  });

  // Pagefind runs its WebAssembly in a worker (whose CSP is its own response's); where the worker cannot
  // start it compiles it in the page, which only the search page's 'wasm-unsafe-eval' allows.
  it('still searches when the worker cannot start, within the search page\'s CSP', async () => {
    const context = await site.browser.newContext();
    try {
      await context.route('**/pagefind-worker.js', (route) => route.abort());
      const { page, problems } = await site.open(`search/?q=${release.id}`, context);
      await settled(page, release.id);
      await expect(hrefs(page)).resolves.toContain(`${site.url}releases/${release.slug}/index.html`);
      expect(problems.filter((p) => !/falling back to main thread/.test(p))).toEqual([]);
      expect(problems.length).toBeGreaterThan(0); // the fallback was taken
    } finally {
      await context.close();
    }
  });

  it('links results right when the site lives under a base path', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-search-base-'));
    fs.symlinkSync(site.out, path.join(parent, 'almanac'));
    const server = await serveFolder(parent);
    const page = await site.context.newPage();
    try {
      await page.goto(`${server.url}almanac/search/index.html?q=${release.id}`);
      await settled(page, release.id);
      const link = resultLinks(page).filter({ hasText: release.name }).first();
      await expect(link.getAttribute('href')).resolves.toBe(`/almanac/releases/${release.slug}/index.html`);
      await follow(page, link);
      await expect(page.locator('h1').textContent()).resolves.toBe(release.name);
    } finally {
      await page.close();
      await server.close();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('passes axe in both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) expect(await axeViolations(site.browser, `${site.url}search/index.html`, scheme), scheme).toEqual([]);
  });

  it('reads without JavaScript: it says search needs it and links to the lists', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    try {
      const { page, problems } = await site.open('search/?q=CRM', noJs);
      await expect(page.locator('#search-nojs').isVisible()).resolves.toBe(true);
      await expect(page.locator('#search-nojs').textContent()).resolves.toContain('needs JavaScript');
      await expect(page.locator('#search-form').isVisible()).resolves.toBe(false);
      await follow(page, page.locator('#search-nojs').getByRole('link', { name: 'Releases' }));
      await expect(page.locator('h1').textContent()).resolves.toBe('Releases');
      // The header box still reaches the search page.
      await Promise.all([page.waitForURL(/search\/index\.html\?q=x/), page.locator('#site-search-q').fill('x').then(() => page.locator('#site-search-q').press('Enter'))]);
      expect(problems).toEqual([]);
    } finally {
      await noJs.close();
    }
  });
});
