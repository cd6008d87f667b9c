// The forecasts page and the backtest page, built from the fixture model and read in Chromium: the
// numbers against the model, the links between table, sections, release pages and the two pages,
// hostile text, the page without JavaScript, axe and weight.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { follow } from './browser.ts';
import { buildSite, timeForBuilds } from './build-site.ts';
import { brokenLinks } from './link-check.ts';
import { fixtureModel, useFixtureSite } from './fixture-site.ts';
import { MAX_HISTOGRAMS } from '../../src/components/forecast-tables.ts';

const model = fixtureModel();
const { settings, releases, backtest } = model.forecasts;
const made = releases.filter((f) => f.outcome === 'forecast');
const hostile = releases.find((f) => f.release.name.includes('<script>'))!;
const noItems = releases.find((f) => f.outcome === 'no_items')!;
const iam = releases.find((f) => f.release.id === 'IAM-R10')!;
const crm = releases.find((f) => f.release.id === 'CRM-R14')!;
const PAGES = ['forecasts/', 'forecasts/backtest/'];

const site = useFixtureSite('forecasts-site');
const open = (page: string, ctx?: BrowserContext) => site.open(page, ctx);

const figure = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');
const target = (page: Page) => page.evaluate(() => document.querySelector(':target')?.id ?? null);
const rowOf = (page: Page, table: string, name: string) => page.locator(`#${table} tr`, { has: page.getByRole('rowheader', { name, exact: true }) });
const cells = (page: Page, table: string, name: string) => rowOf(page, table, name).locator('th, td').allTextContents();

/** Follows the Details link of a release's row to its section on the forecasts page. */
async function toSection(page: Page, ref: { name: string; slug: string }, link: string): Promise<void> {
  await follow(page, rowOf(page, 'forecasts-table', ref.name).getByRole('link', { name: link }));
  expect(new URL(page.url()).hash).toBe(`#forecast-${ref.slug}`);
  await expect.poll(() => target(page)).toBe(`forecast-${ref.slug}`);
}

describe('forecasts page', () => {
  it('shows the settings that reproduce the forecasts, and a row per open release with its dates', async () => {
    const { page, problems } = await open('forecasts/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Forecasts');
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toBe('Forecasts');
    const settingsLine = await page.locator('.forecast-settings').textContent();
    expect(settingsLine).toContain(`10,000 trials, seed ${settings.seed}, ${settings.windowDays}-day window; stream forecast/<release id>/${model.meta.asOf}`);
    await expect(page.locator('#forecasts-table tbody tr').count()).resolves.toBe(releases.length);
    // In the model's order: forecasts by P85 date, then the rest.
    await expect(page.locator('#forecasts-table tbody th').allTextContents()).resolves.toEqual(releases.map((f) => f.release.name));
    expect(iam.onTimeProbability).toBe(0);
    await expect(cells(page, 'forecasts-table', iam.release.name)).resolves.toEqual([
      iam.release.name, 'Overdue', iam.plannedRelease, iam.p50, iam.p85, iam.p95, '0%', `${iam.remaining} of ${iam.items}`, 'Forecast',
    ]);
    // A P95 past the horizon says so, and a small chance is not rounded to none.
    expect([crm.p95, crm.onTimeProbability]).toEqual([null, 0.0012]);
    await expect(cells(page, 'forecasts-table', crm.release.name)).resolves.toEqual([
      crm.release.name, 'In progress', crm.plannedRelease, crm.p50, crm.p85, `after ${crm.horizon}`, '<1%', `${crm.remaining} of ${crm.items}`, 'Forecast',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws each forecast histogram with the plan and quantiles marked', async () => {
    const { page, problems } = await open('forecasts/');
    await expect(page.locator('section.forecast').count()).resolves.toBe(made.length);
    await expect(page.locator('section.forecast figure.chart').count()).resolves.toBe(made.filter((f) => f.histogram.length > 0).length);
    const chart = figure(page, `histogram-${iam.release.slug}`);
    await expect(chart.locator('h2').textContent()).resolves.toBe(`When ${iam.release.name} is done: trials by week`);
    await expect(chart.getAttribute('aria-labelledby')).resolves.toBe(`histogram-${iam.release.slug}-title`);
    await expect(chart.locator('svg[role="img"] desc').textContent()).resolves.toBe(await chart.locator('.chart-reading').textContent());
    await expect(chart.locator('.chart-reading').textContent()).resolves.toMatch(/^Of 10,000 trials, half are done by 2026-04-06, 85% by 2026-04-09 and 95% by 2026-04-11; 0% by the planned 2026-03-20\./);
    await expect(chart.locator('g.fill-1 rect').count()).resolves.toBe(iam.histogram.filter((w) => w.trials > 0).length);
    for (const rule of ['fc-plan', 'fc-p50', 'fc-p85', 'fc-p95']) await expect(chart.locator(`g.${rule} line`).count(), rule).resolves.toBe(1);
    await expect(chart.locator('g.fc-p85 title').textContent()).resolves.toBe(`P85: ${iam.p85} (85% of trials done by then)`);
    // The section gives the basis the trials rest on.
    const section = page.locator(`#forecast-${iam.release.slug}`);
    await expect(section.locator('.forecast-state').textContent()).resolves.toBe(`Overdue; stream ${iam.stream}`);
    await expect(section.locator('.basis dd').nth(2).textContent()).resolves.toBe('Identity Team: 120 items resolved 2025-12-31 to 2026-03-30, 1.3 a day, 20 days with none');
    await expect(section.getByText(iam.reason, { exact: true }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links each row to its section and each section to its release page', async () => {
    const { page, problems } = await open('forecasts/');
    await toSection(page, crm.release, 'Forecast');
    await follow(page, page.locator(`#forecast-${crm.release.slug} h2 a`));
    expect(new URL(page.url()).pathname).toBe(`/releases/${crm.release.slug}/index.html`);
    await expect(page.locator('h1').textContent()).resolves.toContain(crm.release.name);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says why a release has no forecast, and keeps a hostile release name as text', async () => {
    const { page, problems } = await open('forecasts/');
    await toSection(page, noItems.release, 'No forecast: no work items');
    await expect(page.locator(`#forecast-${noItems.release.slug}`).textContent()).resolves.toContain(noItems.reason);
    // The hostile release (its team's name is hostile too) reads as its own words, in the table and the list.
    await expect(page.locator('#forecasts-table').getByRole('rowheader', { name: hostile.release.name, exact: true }).count()).resolves.toBe(1);
    const item = page.locator(`#forecast-${hostile.release.slug}`);
    await expect(item.getByRole('link', { name: hostile.release.name, exact: true }).count()).resolves.toBe(1);
    await expect(item.textContent()).resolves.toContain(`: ${hostile.reason}`);
    expect(hostile.reason).toContain('<Team>');
    await expect(page.locator('main script, main img, main b, main team').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('backtest page', () => {
  it('is linked from the forecasts page and gives the hit rates with what they rest on', async () => {
    const { page, problems } = await open('forecasts/');
    await follow(page, page.getByRole('link', { name: 'How well these forecasts have worked: the backtest' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Forecast backtest');
    await expect(page.locator('.counts dd').allTextContents()).resolves.toEqual(['64%', '29%', '14', '4']);
    expect([backtest.hitRateP85, backtest.hitRateP50, backtest.forecasts, backtest.releases]).toEqual([0.6429, 0.2857, 14, 4]);
    await expect(page.locator('.rests-on').textContent()).resolves.toBe('Each hit rate rests on 14 forecasts of 4 releases, made on 14 dates from 2025-09-23 to 2026-03-24.');
    await expect(page.locator('.lead').textContent()).resolves.toMatch(/every 14 days back from 2026-03-31, .* 2,000 trials, seed 1, 90-day window\./s);
    expect(problems).toEqual([]);
    await follow(page, page.getByRole('link', { name: 'Back to the forecasts' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Forecasts');
    await page.close();
  });

  it('breaks the rates down by lead time, counts what was skipped and lists every forecast', async () => {
    const { page, problems } = await open('forecasts/backtest/');
    await expect(page.locator('#lead-time-table tbody tr').count()).resolves.toBe(backtest.byLeadTime.length);
    await expect(cells(page, 'lead-time-table', '1–4 weeks')).resolves.toEqual(['1–4 weeks', '8', '4', '50%', '88%']);
    await expect(cells(page, 'lead-time-table', '13 weeks or more')).resolves.toEqual(['13 weeks or more', '0', '0', '—', '—']);
    await expect(page.locator('#skipped-table tbody tr').count()).resolves.toBe(backtest.skipped.length);
    await expect(page.locator('#backtest-table tbody tr').count()).resolves.toBe(backtest.rows.length);
    // Newest first: by the date made, latest first, each date's releases in the model's order.
    const newest = [...backtest.rows].sort((a, b) => b.asOf.localeCompare(a.asOf));
    await expect(page.locator('#backtest-table tbody td:nth-child(2)').allTextContents()).resolves.toEqual(newest.map((r) => r.asOf));
    await expect(page.locator('#backtest-table tbody td:nth-child(9)').allTextContents()).resolves.toEqual(newest.map((r) => (r.hitP85 ? 'hit' : 'miss')));
    const rates = figure(page, 'backtest-hit-rates');
    await expect(rates.locator('g.fill-2 rect').count()).resolves.toBe(backtest.byLeadTime.filter((b) => b.hitRateP85 !== null).length);
    const misses = figure(page, 'backtest-misses');
    // Forecasts close together share a circle: its tooltip says how many ("3 forecasts made…"), a lone one's names it.
    const forecasts = async (circles: string) => (await misses.locator(`${circles} title`).allTextContents()).reduce((n, t) => n + (Number(/^(\d+) forecasts made/.exec(t)?.[1]) || 1), 0);
    await expect(forecasts('circle')).resolves.toBe(backtest.rows.filter((r) => r.p85 !== null).length);
    await expect(forecasts('g.bt-miss circle')).resolves.toBe(backtest.rows.filter((r) => !r.hitP85).length);
    await page.getByLabel('Filter rows').fill('miss');
    await expect(page.locator('#backtest-table tbody tr:visible').count()).resolves.toBe(backtest.rows.filter((r) => !r.hitP50 || !r.hitP85).length);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('both pages', () => {
  it('read fine without JavaScript', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const forecasts = await open('forecasts/', noJs);
    await expect(forecasts.page.locator('figure.chart svg').count()).resolves.toBe(made.length);
    await expect(forecasts.page.locator('#forecasts-table tbody tr').count()).resolves.toBe(releases.length);
    const bt = await open('forecasts/backtest/', noJs);
    await expect(bt.page.locator('figure.chart svg').count()).resolves.toBe(2);
    await expect(bt.page.locator('#backtest-table tbody tr').count()).resolves.toBe(backtest.rows.length);
    expect([...forecasts.problems, ...bt.problems]).toEqual([]);
    await noJs.close();
  });

  it('have no axe violations in either theme, and stay light', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const p of PAGES) expect(await axeViolations(site.browser, site.url + p, colorScheme), `${p} ${colorScheme}`).toEqual([]);
    }
    for (const p of PAGES) {
      const text = fs.readFileSync(path.join(site.out, p, 'index.html'), 'utf8');
      expect(text, p).not.toMatch(/<style[\s>]|\sstyle=/i);
      const assets = [...text.matchAll(/\s(?:href|src)="((?:\.\.\/)*assets\/[^"]+)"/g)].reduce((n, [, url]) => n + fs.statSync(path.join(site.out, p, url!)).size, 0);
      expect(Buffer.byteLength(text) + assets, p).toBeLessThan(100_000);
    }
  });

  it(`draw the first ${MAX_HISTOGRAMS} histograms only, and say so, for a portfolio of many open releases`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-forecasts-many-'));
    try {
      // The fixture's longest histogram (99 weeks), 45 times over.
      const many = Array.from({ length: 45 }, (_, i) => ({ ...crm, release: { ...crm.release, id: `CRM-X${i}`, slug: `crm-x${i}`, name: `CRM X${i}` } }));
      const file = path.join(dir, 'model.json');
      fs.writeFileSync(file, JSON.stringify({ ...model, forecasts: { ...model.forecasts, releases: many } }));
      await buildSite(file, path.join(dir, 'site'));
      const html = fs.readFileSync(path.join(dir, 'site/forecasts/index.html'), 'utf8');
      expect(html.match(/<figure class="chart"/g)).toHaveLength(MAX_HISTOGRAMS);
      expect(html.match(/<section class="forecast"/g)).toHaveLength(45);
      expect(html).toContain(`Histograms are drawn for the first ${MAX_HISTOGRAMS} forecasts, by P85 date; the other ${45 - MAX_HISTOGRAMS} show their dates and basis only, to keep the page light.`);
      console.info(`forecasts page with 45 forecasts of 99 weeks: ${Math.round(Buffer.byteLength(html) / 1024)} kB`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, timeForBuilds(1));

  it('link only to pages and rows that exist', () => {
    const broken = brokenLinks(site.out).broken.filter((b) => b.startsWith('forecasts/'));
    expect(broken).toEqual([]);
  });
});
