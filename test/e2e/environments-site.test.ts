// The environments page, the environment pages and the quality page, built from the fixture model and
// read in Chromium. (site.test.ts checks every page of the fixture site for the CSP, relative links,
// weight and axe.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { follow } from './browser.ts';
import { brokenLinks } from './link-check.ts';
import { fixtureModel, useFixtureSite, pageFolders } from './fixture-site.ts';
import { FINISHED_PROGRESS_ROWS } from '../../src/components/quality-tables.ts';

const model = fixtureModel();
const env = model.environments;
const hostileEnv = env.environments.find((e) => e.name.includes('<script>'))!;
const hostileTeam = model.quality.capacityByTeam.find((t) => t.team.includes('<i>'))!;

const site = useFixtureSite('env-site');
const open = (page: string, ctx?: BrowserContext) => site.open(page, ctx);

const figure = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');

describe('environment pages', () => {
  it('exist for every environment of the model, and every link of the site resolves', () => {
    const pages = pageFolders(path.join(site.out, 'environments'));
    expect(pages).toEqual(env.environments.map((e) => e.slug).sort());
    // The metrics export is written by `almanac build` after Astro, so this Astro-only build lacks it.
    const broken = brokenLinks(site.out).broken.filter((b) => !/^data\/index\.html: href="metrics\.(csv|json)"/.test(b));
    expect(broken).toEqual([]);
  });
});

describe('environments page', () => {
  it('lists the inventory, each environment linking to its page', async () => {
    const { page, problems } = await open('environments/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Environments');
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toBe('Environments');
    await expect(page.locator('#environments-table tbody tr').count()).resolves.toBe(env.environments.length);
    await expect(page.locator('#kinds tbody tr').count()).resolves.toBe(env.byKind.length);
    await follow(page, page.locator('#environments-table').getByRole('link', { name: hostileEnv.name, exact: true }));
    await expect(page.locator('h1').textContent()).resolves.toBe(hostileEnv.name);
    await expect(page.locator('main img, main script, main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the booking calendar with approved and requested bookings, the conflict and today', async () => {
    const { page, problems } = await open('environments/');
    const calendar = figure(page, 'booking-calendar');
    await expect(calendar.locator('g.book-approved rect').count()).resolves.toBe(10);
    await expect(calendar.locator('g.book-requested rect').count()).resolves.toBe(2);
    // The conflict shades both lanes of SIT 1, and outlines its two bookings.
    await expect(calendar.locator('g.book-conflict title').allTextContents()).resolves.toEqual(
      Array(2).fill('Conflict on SIT 1 – Channels: 2026-03-23 to 2026-03-27 (5 days), up to 2 approved bookings on a capacity of 1 (bk-MOB-R15-sit, bk-TRD-R13-sit)'),
    );
    await expect(calendar.locator('g.book-in-conflict rect').count()).resolves.toBe(2);
    await expect(calendar.locator('g.cal-today-label text').textContent()).resolves.toBe('Today (as of 2026-03-31)');
    await expect(calendar.locator('.chart-legend li').allTextContents()).resolves.toEqual([
      'Approved booking', 'Requested (not yet approved)', 'Conflict: more approved bookings than capacity (red outline: its bookings)',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shades utilisation per environment and week, and lists conflicts and idle environments', async () => {
    const { page, problems } = await open('environments/');
    const heatmap = figure(page, 'utilisation-heatmap');
    await expect(heatmap.locator('g.util-0 rect').count()).resolves.toBe(env.utilization.rows.length);
    await expect(heatmap.locator('g.util-4 title').first().textContent()).resolves.toMatch(/^SIT 1 – Channels, week of 2026-\d\d-\d\d: \d+% booked$/);
    await expect(heatmap.locator('.chart-legend li').count()).resolves.toBe(5);
    const conflicts = page.locator('#conflicts-table tbody tr');
    await expect(conflicts.count()).resolves.toBe(2);
    await follow(page, page.locator('#conflicts-table').getByRole('link', { name: 'TRD 2026.13' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('TRD 2026.13');
    await page.goBack();
    // Most costly first: the performance lab, idle all 84 days.
    await expect(page.locator('#idle-table tbody tr').first().locator('th').textContent()).resolves.toBe('Performance Lab');
    await expect(page.locator('#idle-table tbody tr').count()).resolves.toBe(env.idle.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows demand against capacity for the next 12 weeks, the overloaded weeks and the unbooked phases', async () => {
    const { page, problems } = await open('environments/');
    const titles = await page.locator('section[aria-labelledby="demand"] figure.chart .chart-title').allTextContents();
    expect(titles).toEqual(['All environments', 'Kind: sit', 'Kind: uat', 'Kind: perf', 'Kind: preprod']);
    const perf = figure(page, 'demand-kind-3');
    await expect(perf.locator('g.demand-over text').count()).resolves.toBe(2);
    await expect(perf.locator('g.demand-unbooked title').first().textContent()).resolves.toBe(
      'perf environments, week of 2026-05-04: 120 h booked + 168 h unbooked = 288 h of 84 h capacity (343%), over capacity',
    );
    await expect(perf.locator('g.demand-capacity line').count()).resolves.toBeGreaterThanOrEqual(12);
    await expect(page.locator('#unbooked-table tbody tr').count()).resolves.toBe(env.demand.unbookedPhases.length);
    // The weekly numbers are folded away until asked for.
    await expect(page.locator('#demand-table').isVisible()).resolves.toBe(false);
    await page.locator('#demand-numbers summary').click();
    await expect(page.locator('#demand-table tbody tr').count()).resolves.toBe(12 * 5);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads fine without JavaScript', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await open('environments/', noJs);
    await expect(page.locator('figure.chart svg').count()).resolves.toBe(7);
    await expect(page.locator('#environments-table tbody tr').count()).resolves.toBe(env.environments.length);
    expect(problems).toEqual([]);
    await noJs.close();
  });
});

describe('environment page', () => {
  it('shows its facts, bookings, utilisation, next weeks, conflicts and the releases it serves', async () => {
    const { page, problems } = await open('environments/sit-1/');
    await expect(page.locator('h1').textContent()).resolves.toBe('SIT 1 – Channels');
    await expect(page.locator('.facts dt').allTextContents()).resolves.toEqual([
      'Kind', 'Use', 'Capacity (concurrent bookings)', 'Owner', 'Cost per day', 'Booked, last 12 weeks', 'Bookings (approved)', 'Conflicts', 'Idle days',
    ]);
    await expect(page.locator('.facts dd').last().textContent()).resolves.toBe('42 days of 84 (2026-01-07 – 2026-03-31), costing 16,800');
    await expect(figure(page, 'bookings-near').locator('g.book-approved rect').count()).resolves.toBe(3);
    await expect(figure(page, 'utilisation').locator('g[class^="util-"] rect').count()).resolves.toBeGreaterThan(4);
    await expect(figure(page, 'next-weeks').locator('g.fill-1 rect').count()).resolves.toBe(2);
    await expect(page.locator('#conflicts-table tbody tr').count()).resolves.toBe(2);
    // All four bookings, the cancelled one too, which the calendar leaves out.
    await expect(page.locator('#bookings-table tbody tr').count()).resolves.toBe(4);
    await expect(page.locator('#bookings-table').getByRole('cell', { name: 'cancelled' }).count()).resolves.toBe(1);
    await expect(page.locator('#served-table').getByRole('link').allTextContents()).resolves.toEqual(['IAM 2026.10', 'TRD 2026.13', 'MOB 2026.15']);
    await follow(page, page.locator('#served-table').getByRole('link', { name: 'MOB 2026.15' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('MOB 2026.15');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps hostile names as text, and says what an unmeasured environment lacks', async () => {
    const { page, problems } = await open(`environments/${hostileEnv.slug}/`);
    await expect(page.locator('.release-who').textContent()).resolves.toBe(`${hostileEnv.id} · uat · ${hostileEnv.owner}`);
    await expect(page.locator('#bookings-table').getByRole('cell', { name: '<i>UAT</i> & "smoke"' }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script, main b, main i').count()).resolves.toBe(0);
    const prod = await open('environments/prod-1/');
    const text = await prod.page.locator('main').innerText();
    for (const line of ['Utilisation is not measured: a production environment nobody books.', 'Days over capacity, a row per booking involved: none.', 'Every booking, of any status, by start: none.']) {
      expect(text).toContain(line);
    }
    await expect(prod.page.locator('main svg').count()).resolves.toBe(0);
    expect([...problems, ...prod.problems]).toEqual([]);
    await page.close();
    await prod.page.close();
  });

  it('is linked from the release pages that book it', async () => {
    const { page, problems } = await open('releases/crm-r14/');
    await follow(page, page.locator('#bookings').getByRole('link', { name: 'uat-2' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('UAT 2 – Payments & CRM');
    await expect(page.locator('#served-table').getByRole('link', { name: 'CRM 2026.14' }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('quality page', () => {
  const q = model.quality;
  const overloaded = q.weeks.filter((w) => w.overload > 0);

  it('shows test demand against QA capacity with the overload weeks shaded and listed', async () => {
    const { page, problems } = await open('quality/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Quality');
    const load = figure(page, 'test-load-chart');
    await expect(load.locator('g.load-over-week rect').count()).resolves.toBe(overloaded.length);
    await expect(load.locator('g.load-over title').count()).resolves.toBe(overloaded.length);
    await expect(load.locator('g.load-capacity path').count()).resolves.toBe(1);
    await expect(page.locator('#overload-table tbody tr th').allTextContents()).resolves.toEqual(overloaded.map((w) => w.week).reverse());
    await expect(page.locator('#teams-table').getByRole('rowheader', { name: hostileTeam.team, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script, main i').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists test progress per release with a bar, open releases first, finished ones folded', async () => {
    const { page, problems } = await open('quality/');
    const open_ = q.testProgress.filter((p) => p.state !== 'released' && p.state !== 'cancelled');
    await expect(page.locator('#progress-table tbody tr').count()).resolves.toBe(open_.length);
    // A bar for each release with planned cases (DWH's smoke cycle has none).
    await expect(page.locator('#progress-table svg.cell-bar').count()).resolves.toBe(open_.filter((p) => p.plannedCases > 0).length);
    await expect(page.locator('#progress-table svg.cell-bar').first().getAttribute('aria-hidden')).resolves.toBe('true');
    await expect(page.locator('#finished-progress-table').isVisible()).resolves.toBe(false);
    await page.locator('#finished-progress summary').click();
    await expect(page.locator('#finished-progress-table tbody tr').count()).resolves.toBe(Math.min(q.testProgress.length - open_.length, FINISHED_PROGRESS_ROWS));
    await follow(page, page.locator('#progress-table').getByRole('link', { name: 'CRM 2026.14' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('CRM 2026.14');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws defect flow and open bugs, and tables escaped defects and density', async () => {
    const { page, problems } = await open('quality/');
    await expect(figure(page, 'defect-flow').locator('g.week-hover title').count()).resolves.toBe(q.defects.length);
    await expect(figure(page, 'open-defects').locator('g.stroke-1 title').count()).resolves.toBe(q.defects.length);
    await expect(page.locator('#defects-by-release tbody tr').count()).resolves.toBe(q.byRelease.length);
    await expect(page.locator('#defects-by-system tbody tr').count()).resolves.toBe(q.bySystem.length);
    await expect(page.locator('#defects-by-system').getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
