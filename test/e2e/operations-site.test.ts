// The changes and delivery (DORA) pages, built from the fixture model and read in Chromium. (site.test.ts
// checks every page of the fixture site for the CSP, relative links, weight and axe.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { follow } from './browser.ts';
import { brokenLinks } from './link-check.ts';
import { fixtureModel, useFixtureSite } from './fixture-site.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const model = fixtureModel();
const changes = model.changes;
const delivery = model.delivery;

const site = useFixtureSite('ops-site');
const open = (page: string, ctx?: BrowserContext) => site.open(page, ctx);

const figure = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');
/** The id of the element the URL's fragment names, once the browser has scrolled to it. */
const target = (page: Page) => page.evaluate(() => document.querySelector(':target')?.id ?? null);

describe('changes page', () => {
  it('shows the counts and the funnel in lifecycle order, canceled and stateless changes apart', async () => {
    const { page, problems } = await open('changes/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Changes');
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toBe('Changes');
    await expect(page.locator('.counts dd').first().textContent()).resolves.toBe(String(changes.totals.changes));
    const funnel = figure(page, 'changes-funnel');
    await expect(funnel.locator('g.fill-1 title').allTextContents()).resolves.toEqual([
      'New: 1 change (4% of 25)', 'Assess: 1 change (4% of 25)', 'Authorize: 1 change (4% of 25)', 'Scheduled: 2 changes (8% of 25)',
      'Implement: 1 change (4% of 25)', 'Review: 1 change (4% of 25)', 'Closed: 16 changes (64% of 25)',
    ]);
    await expect(funnel.locator('g.funnel-apart title').allTextContents()).resolves.toEqual(['Canceled: 1 change (4% of 25)', 'No state: 1 change (4% of 25)']);
    await expect(page.locator('.lead').textContent()).resolves.toContain('median time to approval: 7 days');
    await expect(figure(page, 'changes-lead-time').locator('.chart-legend li').count()).resolves.toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the change calendar with freezes shaded, collisions outlined and today marked', async () => {
    const { page, problems } = await open('changes/');
    const calendar = figure(page, 'changes-calendar');
    await expect(calendar.locator('g.chg-open title').first().textContent()).resolves.toMatch(/^CHG\d+ on /);
    await expect(calendar.locator('g.chg-collision rect').count()).resolves.toBe(4);
    const freezes = await calendar.locator('g.cal-freeze title').allTextContents();
    expect(freezes).toContain('Freeze: Year-end freeze 2025, 2025-12-15 to 2026-01-02 (all systems)');
    // The quarter close covers Payments Core (two lanes, for its collision) and the hostile system.
    expect(freezes.filter((t) => t.startsWith('Freeze: Q1 2026 close <i>"ledger"</i>'))).toHaveLength(3);
    await expect(calendar.locator('g.cal-today-label text').textContent()).resolves.toBe('Today (as of 2026-03-31)');
    await expect(page.locator('#collisions-table tbody tr').count()).resolves.toBe(changes.collisions.length);
    await expect(page.locator('#freezes-table tbody tr').count()).resolves.toBe(changes.calendar.freezes.length);
    await expect(page.locator('#in-freeze-table tbody tr').count()).resolves.toBe(changes.rows.filter((c) => c.freezes.length > 0).length);
    await expect(page.locator('#in-freeze-table').getByRole('cell', { name: 'not counted: an emergency' }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links a change to the incidents it caused and each incident back to its change', async () => {
    const { page, problems } = await open('changes/');
    const change = changes.rows.find((c) => c.number === 'CHG007101')!;
    const incident = change.incidents[0]!;
    const row = page.locator(`#changes-table tr:has(#change-${change.slug})`);
    await follow(page, row.getByRole('link', { name: incident.number }));
    expect(new URL(page.url()).hash).toBe(`#incident-${incident.slug}`);
    await expect.poll(() => target(page)).toBe(`incident-${incident.slug}`);
    const incidentRow = page.locator(`#caused-table tr:has(#incident-${incident.slug})`);
    await expect(incidentRow.isVisible()).resolves.toBe(true);
    await follow(page, incidentRow.getByRole('link', { name: change.number }));
    await expect.poll(() => target(page)).toBe(`change-${change.slug}`);
    // An incident naming a change no export holds says so, with no link.
    const unknown = page.locator('#caused-table tr', { hasText: 'INC0010011' });
    await expect(unknown.getByText('no export holds this change').count()).resolves.toBe(1);
    await expect(unknown.getByRole('link', { name: /img/ }).count()).resolves.toBe(0);
    // And on to how the incident was attributed, on the delivery page.
    await follow(page, incidentRow.getByRole('link', { name: 'Change → release link' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Delivery (DORA)');
    await expect.poll(() => target(page)).toBe(`incident-${incident.slug}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists every change, says how many, and keeps hostile text as text', async () => {
    const { page, problems } = await open('changes/');
    await expect(page.locator('#changes-table tbody tr').count()).resolves.toBe(changes.listed.rows);
    await expect(page.getByText(`The list holds all ${changes.listed.total} changes.`).count()).resolves.toBe(1);
    const hostile = changes.rows.find((c) => c.description?.includes('onerror'))!;
    await expect(page.locator('#changes-table').getByRole('cell', { name: hostile.description!, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('#success-by-team').getByRole('rowheader', { name: changes.successBy.team.find((t) => t.team.includes('<script>'))!.team }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script, main b, main i').count()).resolves.toBe(0);
    await page.getByLabel('Filter rows').last().fill('unauthorized');
    await expect(page.locator('#changes-table tbody tr:visible').count()).resolves.toBe(changes.totals.unauthorized);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is linked from the release pages that name a change', async () => {
    const { page, problems } = await open('releases/pay-r15/');
    await follow(page, page.locator('#changes').getByRole('link', { name: 'CHG007101' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Changes');
    await expect.poll(() => target(page)).toBe('change-chg007101');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads fine without JavaScript', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await open('changes/', noJs);
    await expect(page.locator('figure.chart svg').count()).resolves.toBe(7);
    await expect(page.locator('#changes-table tbody tr').count()).resolves.toBe(changes.rows.length);
    expect(problems).toEqual([]);
    await noJs.close();
  });
});

describe('delivery page', () => {
  it('shows the five measures with their tiers and names the report year', async () => {
    const { page, problems } = await open('delivery/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Delivery (DORA)');
    await expect(page.locator('.lead').textContent()).resolves.toContain('Tiers of the DORA 2024 report');
    await expect(page.locator('.measure dt').allTextContents()).resolves.toEqual([
      'Deployment frequency', 'Lead time for changes', 'Change failure rate', 'Failed deployment recovery time', 'Rework rate', 'Overall',
    ]);
    await expect(page.locator('.measure-value').allTextContents()).resolves.toEqual(['1.6 per week', '5.5 days', '10%', '1.5 hours', '4%', 'High']);
    await expect(page.locator('.measure .tier-badge').allTextContents()).resolves.toEqual(['High', 'High', 'High', 'High']);
    await expect(page.locator('#thresholds tbody tr').count()).resolves.toBe(4);
    await expect(page.locator('figure.chart').count()).resolves.toBe(5);
    await expect(figure(page, 'delivery-deployment-frequency').locator('g.tier-elite title').allTextContents()).resolves.toEqual([
      'Mar 2026: 6.1 per week (elite), 27 days with a successful production deployment',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tables the measures per system and per team, every tier and a dash where data is missing', async () => {
    const { page, problems } = await open('delivery/');
    await expect(page.locator('#by-system tbody tr').count()).resolves.toBe(delivery.systems.length);
    await expect(page.locator('#by-team tbody tr').count()).resolves.toBe(delivery.teams.length);
    const notes = await page.locator('#by-system .cell-note').allTextContents();
    for (const tier of ['Elite', 'High', 'Medium', 'Low']) expect(notes, tier).toContain(tier);
    await expect(page.locator('#by-system').getByRole('rowheader', { name: '<script>alert("sys")</script> ESG & "Hub" <b>' }).count()).resolves.toBe(1);
    await expect(page.locator('#by-system tbody td', { hasText: /^—$/ }).count()).resolves.toBeGreaterThan(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists every incident with its rule, the reason and the rows behind it, filterable', async () => {
    const { page, problems } = await open('delivery/');
    const rows = page.locator('#attributions-table tbody tr');
    await expect(rows.count()).resolves.toBe(delivery.attributions.length);
    const rules = await page.locator('#attributions-table tbody td:nth-child(4)').allTextContents();
    for (const rule of ['Deployment link', 'Change → release link', 'Change only', 'Same-system fallback', 'Unattributed']) expect(rules, rule).toContain(rule);
    await expect(page.locator('#rule-counts tbody td:nth-child(2)').allTextContents()).resolves.toEqual(delivery.attributionCounts.map((c) => String(c.incidents)));
    const linked = page.locator('#attributions-table tr:has(#incident-inc0010003)');
    await expect(linked.locator('.cell-note').allTextContents()).resolves.toEqual([
      'exports/incidents.csv line 4', 'priority 1', 'exports/changes.csv line 9', 'exports/releases.csv line 5',
      'success to production, Production, started 2026-02-17 22:00 UTC; exports/deployments.csv line 10',
    ]);
    await expect(page.locator('#attributions-table tr:has(#incident-inc0010006) .cell-note').first().textContent()).resolves.toBe('exports/incident.json /result/5');
    await page.getByLabel('Filter rows').fill('fallback');
    await expect(page.locator('#attributions-table tbody tr:visible').count()).resolves.toBe(2);
    await page.getByLabel('Filter rows').fill('');
    await follow(page, linked.getByRole('link', { name: 'CHG007101' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Changes');
    await expect.poll(() => target(page)).toBe('change-chg007101');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps hostile text as text', async () => {
    const { page, problems } = await open('delivery/');
    await expect(page.locator('#attributions-table').getByRole('cell', { name: 'Payments <script>alert("inc")</script> "stuck" & slow' }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script, main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('both pages', () => {
  it('link only to rows and pages that exist', () => {
    // The metrics export is written by `almanac build` after Astro, so this Astro-only build lacks it.
    const broken = brokenLinks(site.out).broken.filter((b) => !/^data\/index\.html: href="metrics\.(csv|json)"/.test(b));
    expect(broken).toEqual([]);
  });

  it('look right (screenshots in test-results/)', async () => {
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    for (const name of ['changes', 'delivery']) {
      const { page, problems } = await open(`${name}/`);
      const png = await page.screenshot({ fullPage: true });
      fs.writeFileSync(path.join(REPO, `test-results/fixture-${name}.png`), png);
      expect(png.length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
