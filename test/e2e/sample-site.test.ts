// The whole pipeline on the bundled sample, as `npm run build` runs it: ingest data/exports, build the
// site twice (the same bytes), open it in Chromium, and keep the README's screenshot up to date.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDb } from '../../src/db/duckdb.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { buildSite } from '../../src/publish/build-site.ts';
import { timeForBuilds } from './build-site.ts';
import { loadRows } from '../../src/report/load.ts';
import { slugs } from '../../src/report/slug.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser, openPage, follow } from './browser.ts';
import { brokenLinks } from './link-check.ts';
import { serveFolder, type StaticServer } from './serve.ts';
import { tempDir } from '../helpers/ingest.ts';
import { pageFolders } from './fixture-site.ts';
import { SITE_NAV } from '../../src/report/nav.ts';
import { TABLE_ROW_CAP } from '../../src/components/table.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dir = tempDir('almanac-sample-site-');
const db = path.join(dir, 'almanac.duckdb');
const out = path.join(dir, 'dist');

let server: StaticServer;
let browser: Browser;

/** How many rows a CSV download of the site holds, after its header. */
const csvRows = (file: string) => Papa.parse(fs.readFileSync(path.join(out, file), 'utf8'), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data.length - 1;

/** Every file of a folder with its hash, by relative path. */
function digest(root: string): Record<string, string> {
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
  return Object.fromEntries(files.map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(root, f))).digest('hex')]));
}

beforeAll(async () => {
  const summary = await ingest({ inputs: [path.join(REPO, 'data/exports')], db, quiet: true });
  expect(summary.errors).toEqual([]);
  const start = performance.now();
  const built = await buildSite({ db, out });
  const ms = Math.round(performance.now() - start);
  const weight = (page: string) => Math.round(fs.statSync(path.join(out, page, 'index.html')).size / 1024);
  const weights = ['', 'releases/', 'dependencies/', 'environments/', 'quality/', 'changes/', 'delivery/'].map((p) => `${p || 'overview'} ${weight(p)} kB`).join(', ');
  console.info(`sample site: ${built.pages} pages built in ${ms} ms; ${weights}`);
  server = await serveFolder(out);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('site built from the bundled sample', () => {
  it('is the same, byte for byte, when built again from the same exports', async () => {
    const again = path.join(dir, 'dist-again');
    const db2 = path.join(dir, 'again.duckdb');
    await ingest({ inputs: [path.join(REPO, 'data/exports')], db: db2, quiet: true });
    await buildSite({ db: db2, out: again });
    expect(digest(again)).toEqual(digest(out));
  }, timeForBuilds(2));

  it('writes the metrics export with the release metrics', () => {
    const csv = fs.readFileSync(path.join(out, 'data/metrics.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('metric,scope_kind,scope_id,period,value,unit,detail');
    for (const m of ['releases.count_released', 'releases.on_time_rate', 'releases.slip_days_median', 'releases.slip_days_p85']) {
      expect(csv.some((l) => l.startsWith(`${m},all,*,all,`)), m).toBe(true);
    }
    const json = JSON.parse(fs.readFileSync(path.join(out, 'data/metrics.json'), 'utf8')) as unknown[];
    expect(json.length).toBe(csv.filter((l) => l).length - 1);
  });

  it('shows the overview with its charts, and no errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const { page, problems } = await openPage(context, server.url, server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Portfolio overview');
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('svg[role="img"] rect title').count()).toBeGreaterThan(10);
    expect(await page.locator('table tbody tr').count()).toBe(12);
    const png = await page.screenshot({ fullPage: true });
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(REPO, 'test-results/sample-overview.png'), png);
    // The README shows this page; rewritten only when it changed, so a test run does not churn the repository.
    const readme = path.join(REPO, 'docs/screenshot.png');
    if (!fs.existsSync(readme) || !fs.readFileSync(readme).equals(png)) fs.writeFileSync(readme, png);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the data page with every file read', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context, `${server.url}data/`, server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Data');
    const files = fs.readdirSync(path.join(REPO, 'data/exports')).filter((f) => /\.(csv|json)$/.test(f));
    const text = await page.locator('main').innerText();
    for (const f of files) expect(text, f).toContain(`data/exports/${f}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('release pages of the bundled sample', () => {
  it('has a page for every release, and every link of the site resolves', async () => {
    const conn = await openDb(db, { readOnly: true });
    const ids = (await loadRows(conn, 'release')).map((r) => r.id);
    conn.close();
    expect(ids.length).toBeGreaterThan(100);
    const pages = pageFolders(path.join(out, 'releases'));
    expect(pages).toEqual([...slugs(ids).values()].sort());
    for (const page of pages) expect(fs.existsSync(path.join(out, 'releases', page, 'index.html')), page).toBe(true);
    const environments = pageFolders(path.join(out, 'environments'));
    const links = brokenLinks(out);
    // A page per section of the navigation, the backtest and what changed; a page per release, environment, project, portfolio, program and month.
    const each = ['projects', 'portfolios', 'programs', 'monthly'].reduce((n, d) => n + pageFolders(path.join(out, d)).length, 0);
    expect(links.pages).toBe(SITE_NAV.length + 2 + ids.length + environments.length + each);
    expect(links.broken).toEqual([]);
  });

  it('shows the calendar by project and by system, with freezes and today', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}releases/`, server.url);
    for (const id of ['calendar-project-near', 'calendar-project-whole', 'calendar-system-near']) {
      const svg = page.locator(`#${id}-title`).locator('xpath=ancestor::figure').locator('svg');
      await expect(svg.locator('g[class^="state-"] rect').count(), id).resolves.toBeGreaterThan(20);
      await expect(svg.locator('g.cal-freeze rect').count(), id).resolves.toBeGreaterThan(0);
      await expect(svg.locator('g.cal-today-label text').textContent(), id).resolves.toMatch(/^Today \(as of \d{4}-\d{2}-\d{2}\)$/);
    }
    // Quarter closes are scoped to a few systems: only the by-system view shades them.
    const freezes = (id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure').locator('g.cal-freeze title').allTextContents();
    expect((await freezes('calendar-project-whole')).every((t) => t.endsWith('(all systems)'))).toBe(true);
    expect((await freezes('calendar-system-near')).some((t) => t.includes('quarter-end close'))).toBe(true);
    // The table shows the first TABLE_ROW_CAP releases; its CSV holds every one.
    const releases = pageFolders(path.join(out, 'releases')).length;
    await expect(page.locator('#releases-table tbody tr').count()).resolves.toBe(Math.min(releases, TABLE_ROW_CAP));
    expect(csvRows('releases/releases-table.csv')).toBe(releases);
    const png = await page.screenshot({ fullPage: true });
    fs.writeFileSync(path.join(REPO, 'test-results/sample-releases.png'), png);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a release with its phases, burn-up, dependencies and delivery', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context, `${server.url}releases/pay-3.2.0/`, server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('PAY 3.2.0');
    await expect(page.locator('#phases-title').locator('xpath=ancestor::figure').locator('g.gantt-planned rect').count()).resolves.toBeGreaterThan(2);
    await expect(page.locator('#burnup-title').locator('xpath=ancestor::figure').locator('g.stroke-1 circle').count()).resolves.toBeGreaterThan(2);
    for (const table of ['changes', 'deployments', 'test-cycles']) await expect(page.locator(`#${table} tbody tr`).count(), table).resolves.toBeGreaterThan(0);
    const upstream = page.locator('#upstream').getByRole('link');
    await expect(upstream.count()).resolves.toBe(1);
    await follow(page, upstream);
    await expect(page.locator('#downstream').getByRole('link', { name: 'PAY 3.2.0' }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('computes in the browser the moves that the impact table lists', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}dependencies/`, server.url);
    const rows = await page.locator('#impact-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    const column = (await page.locator('#impact-table thead th').allTextContents()).findIndex((t) => t.startsWith('Moves if 14 days'));
    // The release with the most releases downstream.
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[0]!, (counts.get(r[0]!) ?? 0) + 1);
    const release = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const expected = rows.filter((r) => r[0] === release && r[column] !== '0').map((r) => `${r[2]} moves ${r[column]} ${r[column] === '1' ? 'day' : 'days'}`);
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ label: release });
    await page.getByLabel('slips by').fill('14');
    const moves = (await page.locator('#what-if-moves li').allTextContents()).map((t) => t.replace(/ \(path slack .*\)$/, ''));
    expect(moves.sort()).toEqual(expected.sort());
    expect(moves.length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(REPO, 'test-results/sample-dependencies.png'), await page.screenshot({ fullPage: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on the release pages in the ${colorScheme} theme`, async () => {
      for (const page of ['releases/', 'dependencies/', 'releases/pay-3.2.0/']) {
        expect(await axeViolations(browser, server.url + page, colorScheme), page).toEqual([]);
      }
    });
  }
});

describe('environment and quality pages of the bundled sample', () => {
  it('has a page for every environment, with its bookings', async () => {
    const conn = await openDb(db, { readOnly: true });
    const ids = (await loadRows(conn, 'environment')).map((e) => e.id);
    conn.close();
    expect(ids.length).toBeGreaterThan(10);
    expect(pageFolders(path.join(out, 'environments'))).toEqual([...slugs(ids).values()].sort());
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}environments/perf-01/`, server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Performance Lab A');
    await expect(page.locator('#bookings-table tbody tr').count()).resolves.toBeGreaterThan(20);
    await expect(page.locator('#served-table tbody tr').count()).resolves.toBeGreaterThan(10);
    await expect(page.locator('#conflicts-table tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('figure.chart svg[role="img"]').count()).resolves.toBe(3);
    fs.writeFileSync(path.join(REPO, 'test-results/sample-environment.png'), await page.screenshot({ fullPage: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the booking calendar, utilisation, conflicts, idle environments and demand', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}environments/`, server.url);
    const figure = (id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');
    await expect(figure('booking-calendar').locator('g.book-approved rect').count()).resolves.toBeGreaterThan(100);
    await expect(figure('booking-calendar').locator('g.book-conflict rect').count()).resolves.toBeGreaterThan(0);
    await expect(figure('booking-calendar').locator('g.cal-today-label text').textContent()).resolves.toMatch(/^Today \(as of \d{4}-\d{2}-\d{2}\)$/);
    await expect(figure('utilisation-heatmap').locator('g.util-4 rect').count()).resolves.toBeGreaterThan(20);
    await expect(page.locator('#conflicts-table tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('#idle-table tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('section[aria-labelledby="demand"] figure.chart').count()).resolves.toBeGreaterThan(2);
    await expect(page.locator('#unbooked-table tbody tr').count()).resolves.toBeGreaterThan(0);
    fs.writeFileSync(path.join(REPO, 'test-results/sample-environments.png'), await page.screenshot({ fullPage: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows test load with overload weeks, test progress and defects', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}quality/`, server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Quality');
    const overloads = await page.locator('#overload-table tbody tr').count();
    expect(overloads).toBeGreaterThan(0);
    await expect(page.locator('#test-load-chart-title').locator('xpath=ancestor::figure').locator('g.load-over-week rect').count()).resolves.toBe(overloads);
    await expect(page.locator('#progress-table svg.cell-bar').count()).resolves.toBeGreaterThan(10);
    await expect(page.locator('#defect-flow-title').locator('xpath=ancestor::figure').locator('g.week-hover title').count()).resolves.toBeGreaterThan(50);
    await expect(page.locator('#defects-by-release tbody tr').count()).resolves.toBeGreaterThan(50);
    await expect(page.locator('#defects-by-system tbody tr').count()).resolves.toBeGreaterThan(10);
    fs.writeFileSync(path.join(REPO, 'test-results/sample-quality.png'), await page.screenshot({ fullPage: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on the environment and quality pages in the ${colorScheme} theme`, async () => {
      for (const page of ['environments/', 'environments/perf-01/', 'quality/']) {
        expect(await axeViolations(browser, server.url + page, colorScheme), page).toEqual([]);
      }
    });
  }
});

describe('changes and delivery pages of the bundled sample', () => {
  it('shows the funnel, the trends, the calendar, collisions and the incidents changes caused, linked both ways', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}changes/`, server.url);
    const figure = (id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');
    await expect(page.locator('h1').textContent()).resolves.toBe('Changes');
    await expect(figure('changes-funnel').locator('g.fill-1 title').count()).resolves.toBeGreaterThan(1);
    await expect(figure('changes-opened').locator('g.fill-1 title').count()).resolves.toBeGreaterThan(20);
    for (const id of ['changes-success', 'changes-shares', 'changes-in-freeze', 'changes-lead-time']) {
      await expect(figure(id).locator('svg title').count(), id).resolves.toBeGreaterThan(0);
    }
    await expect(figure('changes-calendar').locator('g.chg-successful rect').count()).resolves.toBeGreaterThan(100);
    await expect(figure('changes-calendar').locator('g.cal-today-label text').textContent()).resolves.toMatch(/^Today \(as of \d{4}-\d{2}-\d{2}\)$/);
    await expect(page.locator('#collisions-table tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('#in-freeze-table tbody tr').count()).resolves.toBeGreaterThan(5);
    const caused = page.locator('#caused-table tbody tr');
    expect(await caused.count()).toBeGreaterThan(20);
    // The newest incident a change caused: to its change's row, and back.
    const change = caused.first().locator('td:nth-child(6) a');
    const anchor = (await change.getAttribute('href'))!.slice(1);
    const incident = await caused.first().locator('th').getAttribute('id');
    await follow(page, change);
    await expect.poll(() => page.evaluate(() => document.querySelector(':target')?.id)).toBe(anchor);
    const row = page.locator(`#changes-table tr:has([id="${anchor}"])`);
    await expect(row.locator('td:last-child a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).resolves.toContain(`#${incident}`);
    expect(await page.locator('#changes-table tbody tr').count()).toBe(TABLE_ROW_CAP);
    expect(csvRows('changes/changes-table.csv')).toBeGreaterThan(1000);
    fs.writeFileSync(path.join(REPO, 'test-results/sample-changes.png'), await page.screenshot({ fullPage: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the DORA measures with their tiers and the year, and every incident\'s attribution', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, `${server.url}delivery/`, server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Delivery (DORA)');
    await expect(page.locator('.lead').textContent()).resolves.toMatch(/Tiers of the DORA \d{4} report/);
    await expect(page.locator('.measure .tier-badge').count()).resolves.toBe(4);
    await expect(page.locator('figure.chart svg[role="img"]').count()).resolves.toBe(5);
    await expect(page.locator('#by-system tbody tr').count()).resolves.toBeGreaterThan(10);
    await expect(page.locator('#by-team tbody tr').count()).resolves.toBeGreaterThan(3);
    const rows = await page.locator('#attributions-table tbody tr').count();
    const counted = (await page.locator('#rule-counts tbody td:nth-child(2)').allTextContents()).reduce((n, t) => n + Number(t.replace(/,/g, '')), 0);
    // The table shows the newest TABLE_ROW_CAP incidents; its CSV holds every one the rules count.
    expect(rows).toBe(Math.min(counted, TABLE_ROW_CAP));
    expect(csvRows('delivery/attributions-table.csv')).toBe(counted);
    expect(counted).toBeGreaterThan(100);
    await expect(page.locator('#attributions-table .cell-note', { hasText: /^data\/exports\/incident\.json \/records\/\d+$/ }).count()).resolves.toBe(rows);
    fs.writeFileSync(path.join(REPO, 'test-results/sample-delivery.png'), await page.screenshot({ fullPage: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on the changes and delivery pages in the ${colorScheme} theme`, async () => {
      for (const page of ['changes/', 'delivery/']) {
        expect(await axeViolations(browser, server.url + page, colorScheme), page).toEqual([]);
      }
    });
  }
});
