// The lessons, staffing and conflicts pages, built from the fixture model and read in Chromium: the
// numbers against the model, the links to the pages and rows they name, hostile text as text, axe, and
// a reading without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatCount, formatPercent } from '../../src/components/format.ts';
import { axeViolations } from './axe.ts';
import { follow } from './browser.ts';
import { brokenLinks } from './link-check.ts';
import { fixtureModel, useFixtureSite } from './fixture-site.ts';

const model = fixtureModel();
const { lessons, staffing, conflicts } = model.portfolio;
const PAGES = ['lessons/', 'staffing/', 'conflicts/'];

const site = useFixtureSite('portfolio-site');
const open = (page: string) => site.open(page);

/** The cells' texts of each body row of the table in the element `#id`. */
const cells = (page: Page, id: string) => page.locator(`#${id} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
const figure = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');
const target = (page: Page) => page.evaluate(() => document.querySelector(':target')?.id ?? null);
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v * 100).toFixed(1)}%`;

describe('lessons page', () => {
  it('counts lessons per category and quarter as the model does, and states each trend with its test', async () => {
    const { page, problems } = await open('lessons/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Lessons learned');
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toBe('Lessons');
    const quarters = await cells(page, 'lessons-by-quarter');
    expect(quarters.map((r) => r.slice(1))).toEqual(lessons.quarters.map((_, i) => [lessons.totals[i], ...lessons.categories.map((c) => c.counts[i])].map((n) => formatCount(n!))));
    expect(quarters.map((r) => r[0])).toEqual(lessons.quarters);
    const bars = lessons.categories.flatMap((c) => c.counts.filter((n) => n > 0));
    await expect(figure(page, 'lessons-chart').locator('g.fill-1 title').count()).resolves.toBe(bars.length);
    await expect(page.locator('.pf-test').textContent()).resolves.toBe(lessons.test.text);
    const trends = await cells(page, 'lessons-trends');
    expect(trends.map((r) => [r[0], r[3]])).toEqual(lessons.categories.map((c) => [c.category, c.trend]));
    const rising = lessons.categories.find((c) => c.trend === 'rising')!;
    expect(trends[0]!.slice(4)).toEqual([`${rising.test!.statistic} (${rising.test!.expected})`, `< 0.0001exact`]);
    expect(trends.find((r) => r[0] === 'test data')!.slice(3)).toEqual(['steady', '7 (9)', '0.5918exact']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists open actions oldest first with their ages, and recurring challenges with their projects', async () => {
    const { page, problems } = await open('lessons/');
    const actions = await cells(page, 'lessons-open-actions');
    expect(actions.map((r) => [r[0], r[1]])).toEqual(lessons.openActions.map((a) => [a.id, String(a.ageDays)]));
    const ages = actions.map((r) => Number(r[1]));
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    await expect(page.locator('#lessons-open-actions caption').textContent()).resolves.toBe(`${lessons.openActions.length} open actions, oldest first`);
    const recurring = page.locator('#lessons-recurring tbody tr').first();
    await expect(recurring.getByRole('link').count()).resolves.toBe(lessons.recurring[0]!.projects.length);
    await expect(recurring.getByRole('link').first().getAttribute('href')).resolves.toBe(`../projects/${lessons.recurring[0]!.projects[0]!.slug}/index.html`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the keyword table and the mined reasons, linking changes to their rows and releases to their pages', async () => {
    const { page, problems } = await open('lessons/');
    await expect(cells(page, 'lessons-keywords')).resolves.toEqual(lessons.mined.table.map((k) => [k.category, k.keywords]));
    await expect(cells(page, 'lessons-mined-counts')).resolves.toEqual(lessons.mined.byCategory.map((c) => [c.category, String(c.changes), String(c.releases)]));
    const changes = await cells(page, 'lessons-mined-changes');
    expect(changes.map((r) => [r[0], r[5]])).toEqual(lessons.mined.changes.map((c) => [c.number, `${c.reason.category}${c.reason.text}`]));
    // The most days late first.
    const slipped = await cells(page, 'lessons-mined-releases');
    const latest = [...lessons.mined.releases].sort((a, b) => (b.slipDays ?? -1) - (a.slipDays ?? -1));
    expect(slipped.map((r) => r[3])).toEqual(latest.map((r) => String(r.slipDays)));
    expect(slipped[0]![4]).toContain(`${latest[0]!.reasons[0]!.category}: ${latest[0]!.reasons[0]!.text}`);
    const release = lessons.mined.releases[1]!.release;
    await follow(page, page.locator('#lessons-mined-releases').getByRole('link', { name: release.name }));
    await expect(page.locator('h1').textContent()).resolves.toContain(release.name);
    await page.goBack();
    const change = lessons.mined.changes[0]!;
    await follow(page, page.locator('#lessons-mined-changes').getByRole('link', { name: change.number }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Changes');
    await expect.poll(() => target(page)).toBe(`change-${change.change!.slug}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps hostile lesson titles as text, and filters every lesson', async () => {
    const { page, problems } = await open('lessons/');
    const hostile = lessons.lessons.filter((l) => /<script>|onerror/.test(l.title ?? ''));
    expect(hostile.length).toBe(2);
    for (const l of hostile) await expect(page.locator('#lessons-all').getByRole('cell', { name: l.title!, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('#lessons-open-actions').getByRole('cell', { name: hostile.find((l) => l.openAction)!.title!, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script, main b, main i').count()).resolves.toBe(0);
    await expect(page.locator('#lessons-all tbody tr').count()).resolves.toBe(lessons.lessons.length);
    await page.getByLabel('Filter rows').fill('test data');
    await expect(page.locator('#lessons-all tbody tr:visible').count()).resolves.toBe(lessons.lessons.filter((l) => l.category === 'test data').length);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('staffing page', () => {
  it('states the basis and tables effort share per team, portfolio and program as the model has it', async () => {
    const { page, problems } = await open('staffing/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Staffing and spend');
    await expect(page.locator('.pf-basis').textContent()).resolves.toBe(`Effort basis: ${staffing.basisText}.`);
    for (const [id, series] of [['team', staffing.byTeam], ['portfolio', staffing.byPortfolio], ['program', staffing.byProgram]] as const) {
      const rows = await cells(page, `staffing-effort-${id}`);
      expect(rows, id).toEqual(series.map((s) => [s.group?.name ?? s.id, formatCount(s.totalDone), formatPercent(s.totalShare), ...s.share.map(formatPercent)]));
    }
    const group = staffing.byPortfolio[0]!.group!;
    await expect(page.locator('#staffing-effort-portfolio').getByRole('link', { name: group.name }).getAttribute('href')).resolves.toBe(`../portfolios/${group.slug}/index.html`);
    await expect(cells(page, 'staffing-throughput')).resolves.toEqual(staffing.throughput.teams.map((t) => [
      t.team, String(t.median), formatCount(t.items.reduce((a, b) => a + b, 0)), ...t.items.map(String),
    ]));
    await expect(page.locator('figure.chart').count()).resolves.toBe(5);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows planned against actual spend and its variance for each scope', async () => {
    const { page, problems } = await open('staffing/');
    const rows = await cells(page, 'staffing-spend');
    expect(rows.length).toBe(staffing.spend.length);
    for (const scope of staffing.spend.filter((s) => s.toDate.variance !== null)) {
      const name = scope.kind === 'all' ? 'All projects' : (scope.project ?? scope.group)!.name;
      const row = rows.find((r) => r[0] === name && r[1] === scope.kind)!;
      expect(row.slice(3, 6), name).toEqual([formatCount(scope.toDate.planned), formatCount(scope.toDate.actual), signed(scope.toDate.variance!)]);
    }
    expect(rows.find((r) => r[0] === 'Payments Hub')![5]).toBe('+18.0%');
    const all = staffing.spend.find((s) => s.kind === 'all')!;
    await expect(figure(page, 'spend-chart').locator('g.stroke-2 title').count()).resolves.toBe(all.months.filter((m) => m.actual !== null).length);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('conflicts page', () => {
  it('lists each current conflict with its kind in words, summary, days and whom it affects', async () => {
    const { page, problems } = await open('conflicts/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Scheduling and resource conflicts');
    await expect(page.locator('.pf-basis').textContent()).resolves.toBe(conflicts.basis);
    const rows = await cells(page, 'conflicts-current');
    expect(rows.map((r) => r[1])).toEqual(conflicts.conflicts.map((c) => c.summary));
    expect(rows.map((r) => r[0])).toEqual(['Change in a freeze', 'Team over-committed', 'Team over-committed', 'Environment double booking', 'Release in a freeze']);
    expect(rows.map((r) => r[2])).toEqual(conflicts.conflicts.map((c) => (c.first === c.last ? c.first : `${c.first}to ${c.last}`)));
    await expect(cells(page, 'conflicts-past')).resolves.toEqual([['Team over-committed', '0'], ['Environment double booking', '1'], ['Release in a freeze', '0'], ['Change in a freeze', '2']]);
    const freeze = page.locator('#conflicts-current tbody tr').first();
    await expect(freeze.getByRole('link').allTextContents()).resolves.toEqual(['Payments Hub', 'CHG0030016', 'CHG0030017']);
    // The change the changes page does not list is named without a link.
    expect(rows[0]![7]).toBe('CHG0030016, CHG0030017, CHG0099001');
    await page.getByLabel('Filter rows').fill('environment double booking');
    await expect(page.locator('#conflicts-current tbody tr:visible').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links a conflict to its environment, its releases and the changes in a freeze', async () => {
    const { page, problems } = await open('conflicts/');
    const booking = conflicts.conflicts.find((c) => c.kind === 'environment_double_booking')!;
    await follow(page, page.locator('#conflicts-current').getByRole('link', { name: booking.environment!.name }));
    await expect(page.locator('h1').textContent()).resolves.toBe(booking.environment!.name);
    await page.goBack();
    const release = conflicts.conflicts.find((c) => c.kind === 'release_in_freeze')!.releases[0]!;
    await follow(page, page.locator('#conflicts-current').getByRole('link', { name: release.name }));
    await expect(page.locator('h1').textContent()).resolves.toContain(release.name);
    await page.goBack();
    await follow(page, page.locator('#conflicts-current').getByRole('link', { name: 'CHG0030017' }));
    await expect.poll(() => target(page)).toBe('change-chg0030017');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('all three pages', () => {
  it('read fine without JavaScript', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const expected = { 'lessons/': ['lessons-all', lessons.lessons.length, 1], 'staffing/': ['staffing-spend', staffing.spend.length, 5], 'conflicts/': ['conflicts-current', conflicts.conflicts.length, 0] } as const;
    for (const [path, [table, rows, charts]] of Object.entries(expected)) {
      const { page, problems } = await site.open(path, noJs);
      await expect(page.locator(`#${table} tbody tr:visible`).count(), path).resolves.toBe(rows);
      await expect(page.locator('figure.chart svg').count(), path).resolves.toBe(charts);
      await expect(page.locator('.sort, .table-filter').count(), path).resolves.toBe(0);
      expect(problems, path).toEqual([]);
    }
    await noJs.close();
  });

  it('pass axe in both themes', async () => {
    for (const path of PAGES) {
      for (const scheme of ['light', 'dark'] as const) expect(await axeViolations(site.browser, site.url + path, scheme), `${path} ${scheme}`).toEqual([]);
    }
  });

  it('link only to pages and rows that exist (project, portfolio and program pages aside)', () => {
    const mine = brokenLinks(site.out).broken.filter((b) => PAGES.some((p) => b.startsWith(`${p}index.html:`)));
    expect(mine.filter((b) => !/href="\.\.\/(projects|portfolios|programs)\//.test(b))).toEqual([]);
  });
});
