// Builds the site from the fixture report model and reads it as a person would, in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatCount } from '../../src/components/format.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { buildSite } from './build-site.ts';
import { launchBrowser, openPage } from './browser.ts';
import { serveFolder, type StaticServer } from './serve.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/report/model.json', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const AXE = path.join(REPO, 'node_modules/axe-core/axe.min.js');
const model = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as ReportModel;
const hostileProject = model.overview.projects.find((p) => p.name.includes('<script>'))!;
const hostileReject = model.dataQuality.rejects.find((r) => r.value?.includes('onerror'))!;
const PAGES = ['', 'data/'];

let out: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-site-'));
  const { ms } = await buildSite(FIXTURE, out);
  console.info(`site built from the fixture in ${ms} ms`);
  server = await serveFolder(out);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

async function open(page: string, ctx: BrowserContext = context) {
  return openPage(ctx, server.url + page, server.url);
}

describe('built HTML', () => {
  const html = () => PAGES.map((p) => ({ page: p, text: fs.readFileSync(path.join(out, p, 'index.html'), 'utf8') }));

  it('has no inline styles or scripts and carries the CSP', () => {
    for (const { page, text } of html()) {
      expect(text, page).not.toMatch(/<style[\s>]/i);
      expect(text, page).not.toMatch(/\sstyle=/i);
      for (const script of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
        expect(script, page).toMatch(/^<script src="[^"]+"( defer)?><\/script>$/);
      }
      expect(text, page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'`);
    }
  });

  it('links only with relative URLs inside the site', () => {
    for (const { page, text } of html()) {
      for (const [, url] of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        if (url!.startsWith('#')) continue;
        expect(url, page).not.toMatch(/^(\/|[a-z][a-z0-9+.-]*:)/i);
      }
    }
  });

  it('is the same, byte for byte, when built again from the same model', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-site-again-'));
    try {
      await buildSite(FIXTURE, again);
      const files = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
      expect(files(again)).toEqual(files(out));
      for (const file of files(out)) expect(fs.readFileSync(path.join(again, file)).equals(fs.readFileSync(path.join(out, file))), file).toBe(true);
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });

  it('builds from an empty model (no ingest yet), saying so', async () => {
    const empty: ReportModel = {
      ...model,
      overview: { counts: [], releasesByMonth: [], projects: [] },
      dataQuality: { run: null, files: [], warnings: [], rejects: [], rejectCount: 0, tables: [] },
      metrics: [],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-site-empty-'));
    try {
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(empty));
      await buildSite(path.join(dir, 'model.json'), path.join(dir, 'site'));
      const overview = fs.readFileSync(path.join(dir, 'site/index.html'), 'utf8');
      expect(overview).toContain('No releases yet');
      expect(overview).toContain('No projects in the exports.');
      expect(overview).not.toContain('<svg');
      expect(overview).not.toContain('<dl');
      const data = fs.readFileSync(path.join(dir, 'site/data/index.html'), 'utf8');
      expect(data).toContain('No ingest has run yet.');
      expect(data).toContain('No value was rejected.');
      expect(data).not.toContain('<table');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays light: HTML, CSS and JS of each page under 100 kB', () => {
    const assets = ['site.css', 'theme.js', 'tables.js'].reduce((n, f) => n + fs.statSync(path.join(out, 'assets', f)).size, 0);
    for (const { page, text } of html()) expect(Buffer.byteLength(text) + assets, page).toBeLessThan(100_000);
  });
});

describe('overview page', () => {
  it('renders the counts, two charts with tooltips, and the projects table', async () => {
    const { page, problems } = await open('');
    await expect(page.locator('h1').textContent()).resolves.toBe('Portfolio overview');
    await expect(page.locator('.counts dd').allTextContents()).resolves.toEqual(model.overview.counts.map((c) => formatCount(c.value)));
    const charts = page.locator('figure.chart svg[role="img"]');
    await expect(charts.count()).resolves.toBe(2);
    for (const chart of await charts.all()) {
      await expect(chart.getAttribute('aria-label')).resolves.toBeTruthy();
      await expect(chart.locator('desc').count()).resolves.toBe(1);
      expect(await chart.locator('title').count()).toBeGreaterThan(10);
    }
    await expect(page.locator('#projects-table tbody tr').count()).resolves.toBe(model.overview.projects.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile text as text, and nothing runs from it', async () => {
    const { page, problems } = await open('');
    await expect(page.getByRole('rowheader', { name: hostileProject.name, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script, main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('starts with a skip link that moves the keyboard to the content', async () => {
    const { page, problems } = await open('');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(skip.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the theme and remembers it across a reload', async () => {
    const { page, problems } = await open('');
    const toggle = page.locator('#theme-toggle');
    await expect(toggle.isVisible()).resolves.toBe(true);
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    await toggle.click();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await background()).not.toBe(light);
    await page.reload();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.locator('#theme-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('#theme-toggle').click();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('light');
    expect(await background()).toBe(light);
    expect(problems).toEqual([]);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('sorts a table from the keyboard and filters it', async () => {
    const { page, problems } = await open('');
    const header = page.locator('#projects-table th', { hasText: 'Releases' }).first();
    const column = (await page.locator('#projects-table thead th').allTextContents()).indexOf('Releases') + 1;
    const values = async () =>
      (await page.locator(`#projects-table tbody tr td:nth-child(${column})`).allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    const releases = model.overview.projects.map((p) => p.releases);

    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    expect(await values()).toEqual([...releases].sort((a, b) => a - b));
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    expect(await values()).toEqual([...releases].sort((a, b) => b - a));

    await page.getByLabel('Filter rows').first().fill('corporate');
    const corporate = model.overview.projects.filter((p) => p.portfolio === 'Corporate').length;
    await expect(page.locator('#projects-table tbody tr:visible').count()).resolves.toBe(corporate);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(`Showing ${corporate} of ${releases.length} rows`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is complete without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await open('', noJs);
    await expect(page.locator('#theme-toggle').isVisible()).resolves.toBe(false);
    await expect(page.locator('#projects-table tbody tr').count()).resolves.toBe(model.overview.projects.length);
    await expect(page.locator('figure.chart svg').count()).resolves.toBe(2);
    expect(problems).toEqual([]);
    await noJs.close();
  });

  it('works opened from disk, styles and links included', async () => {
    const fromDisk = await browser.newContext();
    const page = await fromDisk.newPage();
    await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
    await expect(page.evaluate(() => getComputedStyle(document.querySelector('.counts')!).display)).resolves.toBe('grid');
    await page.getByRole('navigation').getByRole('link', { name: 'Data' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Data');
    await fromDisk.close();
  });

  it('looks right (screenshot in test-results/)', async () => {
    const { page, problems } = await open('');
    const png = await page.screenshot({ fullPage: true });
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(REPO, 'test-results/fixture-overview.png'), png);
    expect(png.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('data page', () => {
  it('renders the last ingest: run, files, tables, warnings and rejects', async () => {
    const { page, problems } = await open('data/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Data');
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toBe('Data');
    await expect(page.locator('#files tbody tr').count()).resolves.toBe(model.dataQuality.files.length);
    await expect(page.locator('#tables tbody tr').count()).resolves.toBe(model.dataQuality.tables.length);
    await expect(page.locator('#warnings-table tbody tr').count()).resolves.toBe(model.dataQuality.warnings.length);
    await expect(page.locator('#rejects-table tbody tr').count()).resolves.toBe(model.dataQuality.rejects.length);
    await expect(page.getByText(`Showing ${model.dataQuality.rejects.length} of ${model.dataQuality.rejectCount} rejected values.`).count()).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: hostileReject.value!, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'metrics.csv' }).getAttribute('href')).resolves.toBe('metrics.csv');
    await expect(page.getByRole('link', { name: 'metrics.json' }).getAttribute('href')).resolves.toBe('metrics.json');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('accessibility (axe)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const pagePath of PAGES) {
      it(`${pagePath || 'overview'} has no violations in the ${colorScheme} theme`, async () => {
        // Only this context bypasses the CSP, to inject axe; the pages themselves are tested under it.
        const axeContext = await browser.newContext({ bypassCSP: true, colorScheme });
        const page = await axeContext.newPage();
        await page.goto(server.url + pagePath);
        await page.addScriptTag({ path: AXE });
        const violations = await runAxe(page);
        expect(violations).toEqual([]);
        await axeContext.close();
      });
    }
  }
});

async function runAxe(page: Page): Promise<string[]> {
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return (await axe.run()).violations;
  });
  return results.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}
