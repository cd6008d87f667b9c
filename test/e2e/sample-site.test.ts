// The whole pipeline on the bundled sample, as `npm run build` runs it: ingest data/exports, build the
// site twice (the same bytes), open it in Chromium, and keep the README's screenshot up to date.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ingest } from '../../src/ingest/pipeline.ts';
import { buildSite } from '../../src/publish/build-site.ts';
import { launchBrowser, openPage } from './browser.ts';
import { serveFolder, type StaticServer } from './serve.ts';
import { tempDir } from '../helpers/ingest.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dir = tempDir('almanac-sample-site-');
const db = path.join(dir, 'almanac.duckdb');
const out = path.join(dir, 'dist');

let server: StaticServer;
let browser: Browser;

/** Every file of a folder with its hash, by relative path. */
function digest(root: string): Record<string, string> {
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
  return Object.fromEntries(files.map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(root, f))).digest('hex')]));
}

beforeAll(async () => {
  const summary = await ingest({ inputs: [path.join(REPO, 'data/exports')], db, quiet: true });
  expect(summary.errors).toEqual([]);
  await buildSite({ db, out });
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
  });

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
