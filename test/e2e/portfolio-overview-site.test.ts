// The overview (the entry page: consolidated status, status grid, what changed, timeline), a project
// page and a portfolio page, built from the fixture model and read in Chromium. (site.test.ts checks
// every page for the CSP, relative links, weight and axe.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { follow } from './browser.ts';
import { fixtureModel, useFixtureSite, pageFolders } from './fixture-site.ts';

const model = fixtureModel();
const { portfolio } = model;
const hostile = portfolio.projects.find((p) => p.project.name.includes('<script>'))!;
const site = useFixtureSite('overview-site');
const open = (page: string) => site.open(page);
const figure = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=ancestor::figure');
const tally = (c: string) => portfolio.projects.filter((p) => p.status.status === c).length;

describe('portfolio overview', () => {
  it('is the entry page: the estate status, then a card per portfolio with every project and its reason', async () => {
    const { page, problems } = await open('');
    await expect(page.locator('h1').textContent()).resolves.toBe('Portfolio overview');
    const headline = page.locator('.status-line').first();
    await expect(headline.locator('.rag').textContent()).resolves.toBe(portfolio.overview.overall.status);
    await expect(headline.textContent()).resolves.toContain(`${tally('red')} red, ${tally('amber')} amber and ${tally('green')} green of ${portfolio.projects.length} projects`);
    const cards = page.locator('.status-card');
    await expect(cards.count()).resolves.toBe(portfolio.overview.grid.length);
    await expect(cards.locator('li').count()).resolves.toBe(portfolio.projects.length);
    // Each project: its colour as a word, and the first signals of its reason when it is not green.
    const iam = portfolio.projects.find((p) => p.project.id === 'IAM')!;
    const item = cards.locator('li', { hasText: iam.project.name });
    await expect(item.locator('.rag').textContent()).resolves.toBe('red');
    await expect(item.locator('.status-reason').textContent()).resolves.toContain(iam.status.signals[0]!.text);
    // A hostile project name is text, not markup.
    await expect(cards.getByRole('link', { name: hostile.project.name }).count()).resolves.toBe(1);
    await expect(page.locator('.status-card script, .status-card b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists what changed since the previous build, red first, each linked to its page', async () => {
    const { page, problems } = await open('');
    const { changes } = portfolio.overview;
    await expect(page.locator('#what-changed + p').textContent()).resolves.toContain(`Compared with the build as of ${changes.previousAsOf}`);
    const rows = page.locator('#changes-table tbody tr');
    await expect(rows.count()).resolves.toBe(changes.changes.length);
    const first = rows.first();
    await expect(first.locator('th').textContent()).resolves.toBe(changes.changes[0]!.kind);
    await expect(first.locator('td').nth(1).textContent()).resolves.toBe(changes.changes[0]!.before!.status!);
    await expect(first.locator('td').nth(2).textContent()).resolves.toBe(changes.changes[0]!.after!.status!);
    await follow(page, first.getByRole('link', { name: changes.changes[0]!.name }));
    await expect(page.locator('h1').textContent()).resolves.toContain(changes.changes[0]!.name);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the portfolio timeline with statuses, forecasts past plan, freezes and today', async () => {
    const { page, problems } = await open('');
    const timeline = figure(page, 'portfolio-timeline');
    const red = await timeline.locator('g.tl-red title').allTextContents();
    const openRed = portfolio.releases.filter((r) => r.status?.status === 'red' && r.plannedRelease !== null);
    expect(red.length).toBe(openRed.length);
    expect(red.some((t) => t.includes(`P85 forecast ${openRed[0]!.forecastP85}`) || openRed[0]!.forecastP85 === null)).toBe(true);
    await expect(timeline.locator('g.cal-today-label text').textContent()).resolves.toBe(`Today (as of ${model.meta.asOf})`);
    await expect(timeline.locator('.chart-legend li').allTextContents()).resolves.toContain('Red (open release)');
    await expect(page.locator('#portfolio-timeline-title + p').textContent()).resolves.toMatch(/\d+ red, \d+ amber, \d+ green open releases/);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('what changed page', () => {
  it('lists status changes, dates that moved (slips first) and what is new, linked from the overview', async () => {
    const { changes } = portfolio.overview;
    const { page, problems } = await open('');
    await follow(page, page.getByRole('link', { name: 'Everything that changed' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('What changed since the previous build');
    const moved = page.locator('#moved-dates tbody tr');
    await expect(moved.count()).resolves.toBe(changes.moved.length);
    await expect(moved.first().locator('td').last().textContent()).resolves.toBe(`+${changes.moved[0]!.days}`);
    await expect(moved.last().locator('td').last().textContent()).resolves.toBe(String(changes.moved.at(-1)!.days));
    const added = changes.changes.filter((c) => c.before === null).length;
    await expect(page.locator('#new-items tbody tr').count()).resolves.toBe(added);
    await expect(page.locator('#status-changes tbody tr').count()).resolves.toBe(changes.changes.filter((c) => c.before && c.after).length);
    await follow(page, moved.first().getByRole('link'));
    await expect(page.locator('h1').textContent()).resolves.toContain(changes.moved[0]!.name);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('project page', () => {
  it('shows the status with its reason, the risks, open releases with forecasts, effort, spend, conflicts and lessons', async () => {
    const crm = portfolio.projects.find((p) => p.project.id === 'CRM')!;
    const { page, problems } = await open('');
    await follow(page, page.locator('.status-card').getByRole('link', { name: crm.project.name }));
    await expect(page.locator('h1').textContent()).resolves.toBe(crm.project.name);
    await expect(page.locator('.status-line .rag').textContent()).resolves.toBe(crm.status.status);
    await expect(page.locator('.status-line').textContent()).resolves.toContain(crm.status.signals[0]!.text);
    await expect(page.locator('#risks-table tbody tr').count()).resolves.toBe(crm.risks.length);
    const openRows = crm.releases.filter((r) => r.status !== null);
    await expect(page.locator('#open-releases-table tbody tr').count()).resolves.toBe(openRows.length);
    const first = page.locator('#open-releases-table tbody tr').first();
    await expect(first.locator('th').textContent()).resolves.toBe(openRows[0]!.release.name);
    await expect(first.locator('.rag').textContent()).resolves.toBe(openRows[0]!.status!.status);
    await expect(figure(page, 'effort-chart').count()).resolves.toBe(1);
    await expect(page.locator('#spend-table tbody tr').count()).resolves.toBe(crm.spend!.months.length);
    await expect(page.locator('#lessons-table tbody tr').count()).resolves.toBe(crm.lessons.length);
    await expect(page.locator('#conflicts').count()).resolves.toBe(1);
    // Up to its portfolio.
    await follow(page, page.locator('.context').getByRole('link', { name: crm.portfolio!.name }));
    await expect(page.locator('h1').textContent()).resolves.toBe(crm.portfolio!.name);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('exists for every project, and keeps a hostile name as text', async () => {
    expect(pageFolders(path.join(site.out, 'projects'))).toEqual(portfolio.projects.map((p) => p.project.slug).sort());
    const { page, problems } = await open(`projects/${hostile.project.slug}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(hostile.project.name);
    await expect(page.locator('main script, main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('portfolio and program pages', () => {
  it('show the group status, its programs and projects by status, and its open releases', async () => {
    const g = portfolio.portfolios.find((x) => x.programs.length > 0)!;
    const { page, problems } = await open(`portfolios/${g.group.slug}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(g.group.name);
    await expect(page.locator('.status-line .rag').textContent()).resolves.toBe(g.status.status);
    await expect(page.locator('#programs-table tbody tr').count()).resolves.toBe(g.programs.length);
    await expect(page.locator('#projects-table tbody tr').count()).resolves.toBe(g.projects.length);
    await expect(page.locator('#releases-table tbody tr').count()).resolves.toBe(g.releases.length);
    await follow(page, page.locator('#programs-table tbody tr').first().getByRole('link'));
    await expect(page.locator('.context').textContent()).resolves.toBe('Program');
    expect(problems).toEqual([]);
    await page.close();
  });
});
