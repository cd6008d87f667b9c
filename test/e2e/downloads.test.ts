// The CSV downloads of tables and charts, fetched from the fixture site in Chromium the way a reader
// gets them (a click on the link) and read back with a CSV parser. (csv.test.ts covers the encoding;
// site.test.ts checks that every link, these included, names a file of the site.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatCount } from '../../src/components/format.ts';
import { TABLE_ROW_CAP } from '../../src/components/table.ts';
import { openPage } from './browser.ts';
import { buildSite, timeForBuilds } from './build-site.ts';
import { fixtureModel, useFixtureSite } from './fixture-site.ts';
import { brokenLinks } from './link-check.ts';
import { serveFolder, type StaticServer } from './serve.ts';

const model = fixtureModel();
const hostileRelease = model.releases.rows.find((r) => r.name.includes('<script>'))!;
const formulaChange = model.changes.rows.find((c) => c.description?.startsWith('='))!;

const site = useFixtureSite('downloads-site');

/** Clicks a download link and returns the file's text, its bytes checked: a BOM first, CRLF line ends. */
async function download(page: Page, link: Locator): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = fs.readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text.indexOf('\n')).toBe(text.indexOf('\r\n') + 1);
  expect(text.endsWith('\r\n')).toBe(true);
  return text;
}

const parse = (csv: string): string[][] => Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;

/** A table's download: its link, named after the caption, and the CSV parsed next to the table's own header and rows. */
async function tableDownload(page: Page, id: string) {
  const table = page.locator(`#${id} table`);
  const caption = (await table.locator('caption').textContent())!;
  const csv = parse(await download(page, page.getByRole('link', { name: `Download CSV: ${caption}`, exact: true })));
  return {
    csv,
    header: (await table.locator('thead th').allTextContents()).map((t) => t.trim()),
    rows: await table.locator('tbody tr').count(),
  };
}

describe('table downloads', () => {
  it('give the releases table its header and rows, text as written (no HTML escaping)', async () => {
    const { page, problems } = await site.open('releases/');
    const { csv, header, rows } = await tableDownload(page, 'releases-table');
    expect(csv[0]).toEqual(header);
    expect(csv.length - 1).toBe(rows);
    expect(rows).toBe(model.releases.rows.length);
    expect(csv.some((row) => row[0] === hostileRelease.name)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('neutralise a change description a spreadsheet would run as a formula', async () => {
    const { page, problems } = await site.open('changes/');
    const { csv, header, rows } = await tableDownload(page, 'changes-table');
    expect(csv[0]).toEqual(header);
    expect(csv.length - 1).toBe(rows);
    const description = header.indexOf('Description');
    const row = csv.find((r) => r[0]!.startsWith(formulaChange.number))!;
    expect(row[description]).toBe(`'${formulaChange.description}`);
    // No text cell anywhere starts a formula; numbers (a number column's raw value) may be negative.
    expect(csv.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !(cell.startsWith('-') && Number.isFinite(Number(cell))))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('are plain links to files beside the page: there without JavaScript, and from disk', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await site.open('changes/', context);
    const link = page.getByRole('link', { name: 'Download CSV: Changes, newest first', exact: true });
    await expect(link.getAttribute('href')).resolves.toBe('changes-table.csv');
    expect(fs.existsSync(path.join(site.out, 'changes', 'changes-table.csv'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a table given more rows than it shows', () => {
  it('shows the first TABLE_ROW_CAP, says so under its caption, filters only those, links only to those, and its CSV has every row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-long-table-'));
    const out = path.join(dir, 'site');
    let server: StaticServer | undefined;
    try {
      // The fixture's changes, over and over, oldest first as the model holds them: more than a table shows.
      const base = model.changes.rows;
      const rows = Array.from({ length: TABLE_ROW_CAP + 37 }, (_, i) => ({ ...base[i % base.length]!, number: `${base[i % base.length]!.number}-${i}`, slug: `x${i}` }));
      const file = path.join(dir, 'model.json');
      fs.writeFileSync(file, JSON.stringify({ ...model, changes: { ...model.changes, rows, listed: { ...model.changes.listed, rows: rows.length, total: rows.length } } }));
      await buildSite(file, out);
      server = await serveFolder(out);
      const { page, problems } = await openPage(site.context, `${server.url}changes/`, server.url);
      const table = page.locator('#changes-table table');
      const all = formatCount(rows.length);
      await expect(table.locator('caption').textContent()).resolves.toBe(`Changes, newest firstShowing the first ${TABLE_ROW_CAP} of ${all} rows; the CSV download has all ${all}.`);
      await expect(table.locator('tbody tr').count()).resolves.toBe(TABLE_ROW_CAP);
      const newest = rows.toReversed();
      await expect(table.locator('tbody th').evaluateAll((ths) => ths.map((th) => th.id))).resolves.toEqual(newest.slice(0, TABLE_ROW_CAP).map((c) => `change-${c.slug}`));
      const csv = parse(await download(page, page.getByRole('link', { name: 'Download CSV: Changes, newest first', exact: true })));
      expect(csv.slice(1).map((r) => r[0]!.split('\n')[0])).toEqual(newest.map((c) => c.number));
      // The filter says it searches the rows shown: the oldest change is only in the CSV.
      const filter = page.locator('label.table-filter:has(+ .table-status + #changes-table)');
      await expect(filter.textContent()).resolves.toBe(`Filter the first ${TABLE_ROW_CAP} rows `);
      await filter.locator('input').fill(rows[0]!.number);
      await expect(page.locator('.table-status:has(+ #changes-table)').textContent()).resolves.toBe(`Showing 0 of the first ${TABLE_ROW_CAP} rows`);
      // Rows left out have no anchor, and nothing links to them.
      expect(brokenLinks(out).broken.filter((b) => b.includes('no element with id'))).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await server?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, timeForBuilds(1));
});

describe('chart downloads', () => {
  it('give the rows the chart draws: release frequency, a row per month', async () => {
    const { page, problems } = await site.open('releases/');
    const link = page.getByRole('link', { name: 'Download data (CSV): Release frequency by month', exact: true });
    const csv = parse(await download(page, link));
    expect(csv).toEqual([['Month', 'Releases per week'], ...model.releases.predictability.frequency.map((f) => [f.month, String(f.perWeek)])]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('give the change calendar its changes, the hostile description neutralised', async () => {
    const { page, problems } = await site.open('changes/');
    const calendar = page.locator('#changes-calendar-title').locator('xpath=ancestor::figure');
    const csv = parse(await download(page, calendar.getByRole('link', { name: /^Download data \(CSV\): / })));
    expect(csv[0]).toEqual(['Change', 'System', 'Description', 'Outcome', 'Planned start', 'Planned end', 'Inside freezes', 'Collides with']);
    // A bar per change drawn (the outline of a collision is no second bar).
    expect(csv.length - 1).toBe(await calendar.locator('g[class^="chg-"]:not(.chg-collision) rect').count());
    expect(csv.find((r) => r[0] === formulaChange.number)![2]).toBe(`'${formulaChange.description}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
