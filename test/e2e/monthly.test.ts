// Monthly status pages end to end. First the real pipeline on the status fixture: a closed month is
// frozen by the build, a later export that changes that month leaves its page byte for byte as it was,
// and `refreeze` recomputes it. Then the fixture site in Chromium: headline numbers and deltas against
// the model, frozen, provisional and unrecorded months, hostile text as text, links, and print: at
// most two A4 pages, also for a month whose every list is full.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildSite } from '../../src/publish/build-site.ts';
import { comparisons, kpiValue } from '../../src/components/monthly-tables.ts';
import { formatMonth } from '../../src/components/format.ts';
import { MONTHLY_CAPS } from '../../src/report/monthly-page.ts';
import type { MonthlyPage } from '../../src/report/model-monthly.ts';
import { FIXTURES, ingestFiles, tempDir } from '../helpers/ingest.ts';
import { axeViolations } from './axe.ts';
import { buildSite as buildFixtureSite, timeForBuilds } from './build-site.ts';
import { fixtureModel, useFixtureSite } from './fixture-site.ts';
import { openPage } from './browser.ts';
import { serveFolder } from './serve.ts';

const dir = tempDir('almanac-monthly-e2e-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('frozen months through the pipeline', () => {
  const exportsDir = path.join(dir, 'exports');
  const db = path.join(dir, 'data', 'almanac.duckdb');
  const out = path.join(dir, 'dist');
  const read = (month: string) => fs.readFileSync(path.join(out, 'monthly', month, 'index.html'), 'utf8');
  /** Ingests the exports as of 2026-03-31, after February's end + 5 grace days: February is closed, March open. */
  const ingest = async () => expect((await ingestFiles([exportsDir], { db, asOf: '2026-03-31' })).summary.errors).toEqual([]);

  it('freezes a closed month, keeps it through changed exports, and recomputes it on --refreeze', async () => {
    fs.cpSync(path.join(FIXTURES, 'metrics/status'), exportsDir, { recursive: true });
    fs.mkdirSync(path.dirname(db));
    await ingest();
    await buildSite({ db, out });
    const snapshot = path.join(dir, 'data', 'snapshots', '2026-02.json');
    expect(fs.readdirSync(path.dirname(snapshot)).filter((f) => f.endsWith('.json')).sort()).toEqual(['2026-01.json', '2026-02.json']);
    const february = read('2026-02');
    expect(february).toContain('Frozen on 2026-03-31 from the build as of 2026-03-31');
    expect(february).toContain('Statuses were not recorded for this month (no build ran during it).');
    expect(february).toMatch(/Alpha 3<\/a>.*2026-02-10.*9 days late/s);
    expect(read('2026-03')).toContain('Provisional: this month is still open.');
    const frozenFile = fs.readFileSync(snapshot, 'utf8');

    // Alpha 3 turns out to have shipped on the 12th: the data changes, February's page does not.
    const releases = path.join(exportsDir, 'releases.csv');
    fs.writeFileSync(releases, fs.readFileSync(releases, 'utf8').replace('2026-02-01,2026-02-10', '2026-02-01,2026-02-12'));
    await ingest();
    await buildSite({ db, out });
    expect(fs.readFileSync(path.join(out, 'releases/index.html'), 'utf8')).toContain('2026-02-12');
    expect(read('2026-02')).toBe(february);
    expect(fs.readFileSync(snapshot, 'utf8')).toBe(frozenFile);

    await buildSite({ db, out, refreeze: '2026-02' });
    const refrozen = read('2026-02');
    expect(refrozen).not.toBe(february);
    expect(refrozen).toMatch(/Alpha 3<\/a>.*2026-02-12.*11 days late/s);
    expect(JSON.parse(fs.readFileSync(snapshot, 'utf8')).shipped.rows[0].actual).toBe('2026-02-12');

    // A damaged snapshot fails the build, naming the file; the site stays as it was.
    fs.writeFileSync(snapshot, '{"month": "2026-02"');
    await expect(buildSite({ db, out })).rejects.toThrow(`${snapshot}: not a frozen monthly page`);
    expect(read('2026-02')).toBe(refrozen);
    await expect(buildSite({ db, out, refreeze: '2026-03' })).rejects.toThrow('--refreeze 2026-03: the month is not closed yet');
  }, timeForBuilds(6));
});

const model = fixtureModel();
const { months } = model.monthly;
const site = useFixtureSite('monthly-site');
const byState = (kind: MonthlyPage['state']['kind']) => months.find((p) => p.state.kind === kind)!;
const text = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));

/** Pages of an A4 print of the page: the page objects of the PDF (`/Type /Page`, not `/Pages`). */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4' });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('monthly pages of the fixture', () => {
  it('lists every month newest first, each with its state and headline numbers', async () => {
    const { page, problems } = await site.open('monthly/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Monthly status');
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toBe('Monthly');
    const rows = await page.locator('#months-table tbody tr').evaluateAll((trs) => trs.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
    expect(rows.map((r) => r[0])).toEqual(months.map((p) => formatMonth(p.month)));
    expect(rows.map((r) => r[1])).toEqual(['provisional: still open', 'frozen on 2026-03-08', 'frozen on 2026-02-20', 'frozen on 2026-01-20']);
    const shipped = (p: MonthlyPage) => kpiValue('count', p.kpis.find((k) => k.metric === 'releases.count_released')!.value);
    expect(rows.map((r) => r[2])).toEqual(months.map(shipped));
    expect(rows.at(-1)![6]).toBe('not recorded');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the open month: headline numbers and deltas as the model has them, hostile text as text', async () => {
    const p = byState('open');
    const { page, problems } = await site.open(`monthly/${p.month}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Monthly status: ${formatMonth(p.month)}`);
    await expect(page.locator('#month-state').textContent()).resolves.toBe('Provisional: this month is still open.');
    await expect(page.locator('#month-statuses').textContent()).resolves.toBe(`Statuses of this build, as of ${p.statuses.asOf}: 3 red, 0 amber, 1 green projects.`);
    const said = (c: ReturnType<typeof comparisons>['previous']) => `${c.delta}${c.judgement && c.judgement !== 'same' ? ` ${c.judgement}` : ''}`;
    for (const k of p.kpis) {
      const row = `#kpis tr[data-metric="${k.metric}"]`;
      const { previous, average } = comparisons(k, p.month);
      await expect(page.locator(`${row} .kpi-value`).evaluate((td) => td.firstChild!.textContent), k.metric).resolves.toBe(kpiValue(k.unit, k.value));
      await expect(text(page, `${row} .delta`), k.metric).resolves.toEqual([said(previous), said(average)]);
    }
    // On-time rate 67% against 0% in February and a mean of 33%.
    await expect(text(page, '#kpis tr[data-metric="releases.on_time_rate"] .delta')).resolves.toEqual(['+66.7 pp better', '+33.3 pp better']);
    await expect(text(page, '#kpis tr[data-metric="incidents.count"] .cell-note')).resolves.toEqual(['incidents.count', '2 incidents opened', 'Feb 2026: 2', 'mean of 3 months: 1.3']);

    const hostile = p.initiatives.rows.find((r) => r.name.includes('<script>'))!;
    await expect(text(page, '#initiatives-table tbody th')).resolves.toEqual(p.initiatives.rows.map((r) => r.name));
    await expect(page.locator('#initiatives-table').getByRole('link', { name: hostile.name }).getAttribute('href')).resolves.toBe('../../projects/evl/index.html');
    await expect(page.locator('#risks-table').getByRole('link', { name: p.risks.rows[0]!.name }).getAttribute('href')).resolves.toBe('../../releases/evl-r13/index.html');
    // Releases the site has no page for (R1, R2) are named without a link.
    await expect(page.locator('#risks-table tbody th a').count()).resolves.toBe(1);
    await expect(text(page, '#lessons-table tbody th')).resolves.toEqual(p.lessons.rows.map((l) => `${l.title}${l.id}, ${l.date}`));
    await expect(page.locator('main script, main img, main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a frozen month with the date it was frozen, and says when statuses were not recorded', async () => {
    const frozen = byState('frozen');
    const { page, problems } = await site.open(`monthly/${frozen.month}/`);
    await expect(page.locator('#month-state').textContent()).resolves.toBe('Frozen on 2026-03-08 from the build as of 2026-03-08: later exports do not change this page.');
    await expect(page.locator('#month-statuses').textContent()).resolves.toBe('Statuses of the last build during the month, as of 2026-02-20: 1 red, 2 amber, 1 green projects.');
    await expect(page.locator('a[rel="next"]').getAttribute('href')).resolves.toBe('../2026-03/index.html');
    const oldest = months.at(-1)!;
    await page.goto(`${site.url}monthly/${oldest.month}/`);
    await expect(page.locator('#month-statuses').textContent()).resolves.toBe('Statuses were not recorded for this month (no build ran during it).');
    await expect(page.locator('#initiatives, #risks').count()).resolves.toBe(0);
    await expect(page.locator('a[rel="prev"]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no axe violations, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      expect(await axeViolations(site.browser, `${site.url}monthly/${months[0]!.month}/`, scheme), scheme).toEqual([]);
      expect(await axeViolations(site.browser, `${site.url}monthly/`, scheme), scheme).toEqual([]);
    }
  });

  it('prints every month on at most two A4 pages, without navigation, keeping the headline table', async () => {
    for (const p of months) {
      const { page, problems } = await site.open(`monthly/${p.month}/`);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.site-header nav').isVisible()).resolves.toBe(false);
      await expect(page.locator('.month-nav').isVisible()).resolves.toBe(false);
      await expect(page.locator('#kpis').isVisible()).resolves.toBe(true);
      await page.emulateMedia({ media: null });
      expect(await printedPages(page), p.month).toBeLessThanOrEqual(2);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('prints a month whose every list is full, with long reasons, on at most two A4 pages', async () => {
    const full = structuredClone(model);
    const p = full.monthly.months[0]!;
    const long = 'P85 forecast 145 days past plan (2027-04-25, plan 2026-12-01); on-time probability 0 % (below 70 %); 2 open blockers';
    const fill = <T>(list: { rows: T[]; total: number }, cap: number, widen: (r: T) => T) => {
      list.rows = Array.from({ length: cap }, (_, i) => widen(list.rows[i % list.rows.length]!));
      list.total = cap + 7;
    };
    fill(p.initiatives, MONTHLY_CAPS.initiatives, (r) => ({ ...r, name: `${r.name} Modernisation Programme`, reason: `red: ${long}` }));
    fill(p.risks, MONTHLY_CAPS.risks, (r) => ({ ...r, reason: `red: ${long}` }));
    fill(p.shipped, MONTHLY_CAPS.shipped, (r) => r);
    fill(p.slipped, MONTHLY_CAPS.slipped, (r) => ({ ...r, why: 'environment availability: lesson LL-0150: UAT environment was unavailable for four days during the test window; testing: change CHG0031973 unsuccessful; and 4 more' }));
    fill(p.planned, MONTHLY_CAPS.planned, (r) => r);
    fill(p.lessons, MONTHLY_CAPS.lessons, (r) => ({ ...r, title: 'Performance lab not ready when the test cycle started, so the cycle ran a week late', action: 'Add a second UAT environment for the channels programme' }));
    const root = path.join(dir, 'full');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'model.json'), JSON.stringify(full));
    await buildFixtureSite(path.join(root, 'model.json'), path.join(root, 'site'));
    const server = await serveFolder(path.join(root, 'site'));
    try {
      const { page, problems } = await openPage(site.context, `${server.url}monthly/${p.month}/`, server.url);
      await expect(page.locator('#initiatives-table tbody tr').count()).resolves.toBe(MONTHLY_CAPS.initiatives);
      await expect(page.locator('.month-more').first().textContent()).resolves.toBe(`Showing ${MONTHLY_CAPS.initiatives} of ${MONTHLY_CAPS.initiatives + 7}.`);
      expect(await printedPages(page)).toBeLessThanOrEqual(2);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  }, timeForBuilds(1));
});

// The fixture's months are what the pages above check; keep it honest about what it holds.
it('has a frozen, a provisional and an unrecorded month in the fixture', () => {
  expect(months.map((p) => [p.state.kind, p.statuses.source])).toEqual([['open', 'build'], ['frozen', 'snapshot'], ['frozen', 'snapshot'], ['frozen', 'none']]);
});
