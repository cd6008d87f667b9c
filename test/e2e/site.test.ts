// Builds the site from the fixture report model and reads it as a person would, in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { formatCount } from '../../src/components/format.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { buildSite, timeForBuilds } from './build-site.ts';
import { axeViolations } from './axe.ts';
import { follow } from './browser.ts';
import { FIXTURE, fixtureModel, useFixtureSite } from './fixture-site.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const model = fixtureModel();
const hostileProject = model.overview.projects.find((p) => p.name.includes('<script>'))!;
const hostileReject = model.dataQuality.rejects.find((r) => r.value?.includes('onerror'))!;
const hostileRelease = model.releases.rows.find((r) => r.name.includes('<script>'))!;
const hostileProjectPage = model.portfolio.projects.find((p) => p.project.name.includes('<script>'))!;
const hostileEnvironment = model.environments.environments.find((e) => e.name.includes('<script>'))!;
// The release pages: the hostile one, and one with every section filled; the same for environments.
const PAGES = [
  '', 'data/', 'releases/', 'dependencies/', `releases/${hostileRelease.slug}/`, 'releases/crm-r14/',
  'environments/', 'quality/', `environments/${hostileEnvironment.slug}/`, 'environments/sit-1/', 'changes/', 'delivery/',
  'forecasts/', 'forecasts/backtest/', 'staffing/', 'conflicts/', 'lessons/', 'projects/crm/', `projects/${hostileProjectPage.project.slug}/`,
  'portfolios/corporate/', 'programs/credit/', 'what-changed/',
];

const site = useFixtureSite('site', { colorScheme: 'light' });
const open = (page: string, ctx?: BrowserContext) => site.open(page, ctx);

describe('built HTML', () => {
  const html = () => PAGES.map((p) => ({ page: p, text: fs.readFileSync(path.join(site.out, p, 'index.html'), 'utf8') }));

  it('has no inline styles or scripts and carries the CSP', () => {
    for (const { page, text } of html()) {
      expect(text, page).not.toMatch(/<style[\s>]/i);
      expect(text, page).not.toMatch(/\sstyle=/i);
      for (const script of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
        // A script file, or a JSON data block (never executed, so the CSP allows it) holding no `<`.
        expect(script, page).toMatch(/^(<script src="[^"]+"( defer)?><\/script>|<script type="application\/json" id="[a-z-]+">[^<]*<\/script>)$/);
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
      expect(files(again)).toEqual(files(site.out));
      for (const file of files(site.out)) expect(fs.readFileSync(path.join(again, file)).equals(fs.readFileSync(path.join(site.out, file))), file).toBe(true);
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  }, timeForBuilds(1));

  it('builds from an empty model (no ingest yet), saying so', async () => {
    const empty: ReportModel = {
      ...model,
      overview: { counts: [], releasesByMonth: [], projects: [] },
      releases: { rows: [], details: [], calendar: { from: '2026-03-31', to: '2026-03-31', freezes: [] }, predictability: { byMonth: [], byProject: [], bySystem: [], frequency: [], size: [] } },
      dependencies: { nodes: [], edges: [], cycles: [], criticalPaths: [], impact: [] },
      environments: {
        environments: [], byKind: [], calendar: { from: '2026-03-31', to: '2026-03-31' }, utilization: { weeks: [], rows: [] },
        conflicts: [], idle: [], demand: { weeks: [], unbookedPhases: [] }, details: [],
      },
      quality: { weeks: [], capacityByTeam: [], testProgress: [], defects: [], byRelease: [], bySystem: [] },
      dataQuality: { run: null, files: [], warnings: [], rejects: [], rejectCount: 0, tables: [] },
      changes: {
        totals: {
          changes: 0, emergency: 0, unauthorized: 0, emergencyShare: null, unauthorizedShare: null,
          success: { closed: 0, successful: 0, successfulWithIssues: 0, unsuccessful: 0, successRate: null }, inFreeze: 0, collisions: 0, causedIncidents: 0,
          leadTimeMedian: null, approvalMedian: null,
        },
        funnel: model.changes.funnel.map((s) => ({ ...s, changes: 0 })),
        months: [],
        successBy: { closeCode: model.changes.successBy.closeCode.map((c) => ({ ...c, changes: 0 })), team: [], system: [] },
        rows: [],
        listed: { rows: 0, total: 0, collisions: 0, totalCollisions: 0, causedIncidents: 0 },
        collisions: [],
        calendar: { from: '2026-03-31', to: '2026-03-31', freezes: [] },
        causedIncidents: [],
      },
      delivery: {
        ...model.delivery, months: [], all: null, systems: [], teams: [], attributions: [], listed: { attributions: 0, total: 0 },
        attributionCounts: model.delivery.attributionCounts.map((c) => ({ ...c, incidents: 0 })),
      },
      forecasts: { settings: model.forecasts.settings, releases: [], backtest: { forecasts: 0, releases: 0, hitRateP50: null, hitRateP85: null, dates: [], trials: model.forecasts.settings.backtestTrials, byLeadTime: [], rows: [], skipped: [] } },
      portfolio: {
        overview: {
          overall: { status: 'green', reason: 'green: no projects', signals: [] }, grid: [], portfolios: [], programs: [],
          timeline: { from: '2026-03-31', to: '2026-03-31', freezes: [], rows: [] },
          changes: { previousAsOf: null, note: 'no earlier build to compare with', changes: [], moved: [] },
          releaseCounts: { red: 0, amber: 0, green: 0, released: 0, cancelled: 0 },
        },
        releases: [], projects: [], portfolios: [], programs: [],
        staffing: { ...model.portfolio.staffing, months: [], totalDone: [], byTeam: [], byPortfolio: [], byProgram: [], throughput: { weeks: [], teams: [] }, spend: [] },
        conflicts: { conflicts: [], past: model.portfolio.conflicts.past.map((p) => ({ ...p, count: 0 })), basis: model.portfolio.conflicts.basis },
        lessons: {
          quarters: [], totals: [], categories: [], test: model.portfolio.lessons.test, recurring: [], openActions: [], lessons: [],
          mined: { table: model.portfolio.lessons.mined.table, changes: [], releases: [], byCategory: [] },
        },
      },
      metrics: [],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-site-empty-'));
    try {
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(empty));
      await buildSite(path.join(dir, 'model.json'), path.join(dir, 'site'));
      const overview = fs.readFileSync(path.join(dir, 'site/index.html'), 'utf8');
      expect(overview).toContain('No releases yet');
      expect(overview).toContain('No projects yet: the status appears once the exports hold projects and releases.');
      expect(overview).toContain('No projects in the exports.');
      expect(overview).not.toContain('<svg');
      expect(overview).not.toContain('<dl');
      const data = fs.readFileSync(path.join(dir, 'site/data/index.html'), 'utf8');
      expect(data).toContain('No ingest has run yet.');
      expect(data).toContain('No value was rejected.');
      expect(data).not.toContain('<table');
      const releases = fs.readFileSync(path.join(dir, 'site/releases/index.html'), 'utf8');
      expect(releases).toContain('No releases in the exports.');
      expect(releases).toContain('No release has shipped yet');
      expect(releases).not.toContain('<svg');
      const dependencies = fs.readFileSync(path.join(dir, 'site/dependencies/index.html'), 'utf8');
      expect(dependencies).toContain('No release depends on another in the exports.');
      expect(dependencies).not.toMatch(/<svg|<script type="application\/json"|what-if/);
      const environments = fs.readFileSync(path.join(dir, 'site/environments/index.html'), 'utf8');
      for (const line of ['No environment is booked in the exports.', 'No approved booking in the exports', 'No environments in the exports.']) expect(environments).toContain(line);
      expect(environments).not.toMatch(/<svg|<table/);
      const quality = fs.readFileSync(path.join(dir, 'site/quality/index.html'), 'utf8');
      for (const line of ['No dated test cycles or QA capacity in the exports.', 'No test cycles in the exports.', 'No bugs in the exports.']) expect(quality).toContain(line);
      expect(quality).not.toMatch(/<svg|<table|<dl/);
      const changes = fs.readFileSync(path.join(dir, 'site/changes/index.html'), 'utf8');
      expect(changes).toContain('No changes in the exports.');
      expect(changes).not.toMatch(/<svg|<table|<dl/);
      const delivery = fs.readFileSync(path.join(dir, 'site/delivery/index.html'), 'utf8');
      for (const line of ['No production deployment and no attributed incident in the exports', 'No incidents in the exports.', 'DORA 2024 report']) expect(delivery).toContain(line);
      expect(delivery).not.toMatch(/<svg|<dl/);
      for (const page of ['forecasts', 'forecasts/backtest', 'staffing']) {
        expect(fs.readFileSync(path.join(dir, 'site', page, 'index.html'), 'utf8'), page).not.toMatch(/<svg|<table/);
      }
      // The lessons page still shows its close-note keyword table: it is the rule, not data.
      expect(fs.readFileSync(path.join(dir, 'site/lessons/index.html'), 'utf8')).toContain('No lessons in the exports.');
      // Conflicts still counts the past ones by kind: all zero.
      expect(fs.readFileSync(path.join(dir, 'site/conflicts/index.html'), 'utf8')).toContain('0 current or upcoming conflicts');
      expect(fs.existsSync(path.join(dir, 'site/projects'))).toBe(false);
      // Built after the fixture's site: no page of that earlier build may come back.
      expect(fs.readdirSync(path.join(dir, 'site/releases'))).toEqual(['index.html']);
      expect(fs.readdirSync(path.join(dir, 'site/environments'))).toEqual(['index.html']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, timeForBuilds(1));

  // The page budget (README, Performance): a page with the CSS and JS it loads, gzipped, under 60 kB.
  it('stays light: HTML, CSS and JS of each page under 60 kB gzipped', () => {
    const gz = (data: string | Buffer) => zlib.gzipSync(data).length;
    for (const { page, text } of html()) {
      const assets = [...text.matchAll(/\s(?:href|src)="((?:\.\.\/)*assets\/[^"]+)"/g)].reduce((n, [, url]) => n + gz(fs.readFileSync(path.join(site.out, page, url!))), 0);
      expect(gz(text) + assets, page).toBeLessThan(60_000);
    }
  });
});

describe('overview page', () => {
  it('renders the counts, the timeline and two charts with tooltips, and the projects table', async () => {
    const { page, problems } = await open('');
    await expect(page.locator('h1').textContent()).resolves.toBe('Portfolio overview');
    const { releaseCounts } = model.portfolio.overview;
    await expect(page.locator('.counts dd').allTextContents()).resolves.toEqual(
      [releaseCounts.red, releaseCounts.amber, releaseCounts.green, ...model.overview.counts.map((c) => c.value)].map(formatCount),
    );
    const charts = page.locator('figure.chart svg[role="img"]');
    await expect(charts.count()).resolves.toBe(3);
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
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await open('', noJs);
    await expect(page.locator('#theme-toggle').isVisible()).resolves.toBe(false);
    await expect(page.locator('#projects-table tbody tr').count()).resolves.toBe(model.overview.projects.length);
    await expect(page.locator('figure.chart svg').count()).resolves.toBe(3);
    expect(problems).toEqual([]);
    await noJs.close();
  });

  it('works opened from disk, styles and links included', async () => {
    const fromDisk = await site.browser.newContext();
    const page = await fromDisk.newPage();
    await page.goto(pathToFileURL(path.join(site.out, 'index.html')).href);
    await expect(page.evaluate(() => getComputedStyle(document.querySelector('.counts')!).display)).resolves.toBe('grid');
    await follow(page, page.getByRole('navigation').getByRole('link', { name: 'Data' }));
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
    // The fixture's ingest ran without --pseudonymize: no word of pseudonyms (pseudonymized-site.test.ts has them).
    await expect(page.locator('#pseudonymized').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'metrics.csv' }).getAttribute('href')).resolves.toBe('metrics.csv');
    await expect(page.getByRole('link', { name: 'metrics.json' }).getAttribute('href')).resolves.toBe('metrics.json');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('releases page', () => {
  it('shows the calendar by project (months and quarters) and, on request, by system', async () => {
    const { page, problems } = await open('releases/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Releases');
    const visible = page.locator('figure.chart:visible svg[role="img"]');
    const calendars = ['calendar-project-near', 'calendar-project-whole'];
    for (const id of calendars) {
      const svg = page.locator(`#${id}-title`).locator('xpath=ancestor::figure').locator('svg');
      await expect(svg.isVisible()).resolves.toBe(true);
      // The all-systems year-end freeze, shaded, and today's rule with its label.
      await expect(svg.locator('g.cal-freeze title').allTextContents()).resolves.toEqual(['Freeze: Year-end freeze 2025, 2025-12-15 to 2026-01-02 (all systems)']);
      await expect(svg.locator('g.cal-today line').count()).resolves.toBe(1);
      await expect(svg.locator('g.cal-today-label text').textContent()).resolves.toBe('Today (as of 2026-03-31)');
      await expect(svg.locator('g.state-overdue rect').count()).resolves.toBe(1);
    }
    const bySystem = page.locator('#calendar-by-system');
    await expect(bySystem.locator('svg').isVisible()).resolves.toBe(false);
    await bySystem.locator('summary').click();
    await expect(bySystem.locator('svg').isVisible()).resolves.toBe(true);
    // The scoped quarter-close freeze shades only its two systems' rows.
    await expect(bySystem.locator('g.cal-freeze title').allTextContents()).resolves.toEqual([
      'Freeze: Year-end freeze 2025, 2025-12-15 to 2026-01-02 (all systems)',
      ...Array(2).fill('Freeze: Q1 2026 close <i>"ledger"</i>, 2026-03-26 to 2026-04-02 (pay-core, <img src=x onerror=alert(1)>)'),
    ]);
    expect(await visible.count()).toBe(7);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists every release, linking to its page, and filters them', async () => {
    const { page, problems } = await open('releases/');
    const rows = page.locator('#releases-table tbody tr');
    await expect(rows.count()).resolves.toBe(model.releases.rows.length);
    await page.getByLabel('Filter rows').first().fill('overdue');
    await expect(page.locator('#releases-table tbody tr:visible').count()).resolves.toBe(1);
    await page.getByLabel('Filter rows').first().fill('');
    await expect(page.locator('#by-project tbody tr').count()).resolves.toBe(model.releases.predictability.byProject.length);
    await page.getByRole('link', { name: hostileRelease.name, exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(hostileRelease.name);
    await expect(page.locator('main img, main script, main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('release page', () => {
  it('shows state, dates, phases, burn-up, dependencies and delivery tables', async () => {
    const { page, problems } = await open('releases/crm-r14/');
    await expect(page.locator('h1').textContent()).resolves.toBe('CRM 2026.14');
    await expect(page.locator('.release-state').textContent()).resolves.toBe('In progress in progress: 37 of 64 work items done, planned for 2026-04-16');
    await expect(page.locator('.facts dd').first().textContent()).resolves.toBe('2026-02-20');
    const gantt = page.locator('#phases-title').locator('xpath=ancestor::figure');
    await expect(gantt.locator('g.gantt-planned rect').count()).resolves.toBe(4);
    await expect(gantt.locator('g.gantt-actual rect').count()).resolves.toBe(1);
    await expect(gantt.locator('g.gantt-running rect').count()).resolves.toBe(1);
    const burnup = page.locator('#burnup-title').locator('xpath=ancestor::figure');
    await expect(burnup.locator('g.stroke-1 circle').count()).resolves.toBe(model.releases.details.find((d) => d.id === 'CRM-R14')!.burnup.length);
    for (const table of ['changes', 'deployments', 'bookings', 'test-cycles']) await expect(page.locator(`#${table} tbody tr`).count(), table).resolves.toBeGreaterThan(0);
    await expect(page.locator('#downstream').getByRole('link').allTextContents()).resolves.toEqual(['LND 2026.17']);
    await page.locator('#upstream').getByRole('link', { name: 'PAY 2026.15' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('PAY 2026.15');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says what a release without phases, work items or links lacks', async () => {
    const { page, problems } = await open('releases/fin-r6/');
    const text = await page.locator('main').innerText();
    for (const line of ['No lifecycle phases in the exports.', 'No work items are planned for this release.', 'Upstream: releases this one waits for: none.', 'Changes: none.', 'Test cycles: none.']) {
      expect(text).toContain(line);
    }
    await expect(page.locator('main svg').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is linked from the overview as a project\'s next release', async () => {
    const { page, problems } = await open('');
    await page.locator('#projects-table').getByRole('link', { name: 'LND 2026.17' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('LND 2026.17');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('dependencies page', () => {
  it('draws the graph with its cycle, and lists cycles and critical paths', async () => {
    const { page, problems } = await open('dependencies/');
    const graph = page.locator('#dependency-graph-title').locator('xpath=ancestor::figure').locator('svg');
    await expect(graph.locator('g.dep-node rect').count()).resolves.toBe(model.dependencies.nodes.length);
    await expect(graph.locator('g.dep-edge path[marker-end]').count()).resolves.toBe(model.dependencies.edges.length);
    await expect(graph.locator('g.dep-cycle path[marker-end]').count()).resolves.toBe(2);
    await expect(page.locator('.cycles li').allTextContents()).resolves.toEqual(['RSK 2025.4, TRD 2026.13']);
    await expect(page.locator('.critical-paths li').nth(1).textContent()).resolves.toBe('LND 2026.17: PAY 2026.15 (gap 37 days) → CRM 2026.14 (gap 4 days) → LND 2026.17');
    await expect(page.locator('#impact-table tbody tr').count()).resolves.toBe(model.dependencies.impact.reduce((n, i) => n + i.downstream.length, 0));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('answers "what if this release slips?" in the browser', async () => {
    const { page, problems } = await open('dependencies/');
    await expect(page.locator('#what-if').isVisible()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ label: 'IAM 2026.10' });
    await page.getByLabel('slips by').fill('20');
    // Path slack: MOB 5, EVL 16, DWH 18 (through EVL, 16 + 2).
    await expect(page.locator('#what-if-summary').textContent()).resolves.toBe('If IAM 2026.10 slips by 20 days, 3 of its 3 downstream releases move:');
    await expect(page.locator('#what-if-moves li').allTextContents()).resolves.toEqual([
      'MOB 2026.15 moves 15 days (path slack 5 days)',
      `${hostileRelease.name} moves 4 days (path slack 16 days)`,
      'DWH 2026.1 moves 2 days (path slack 18 days)',
    ]);
    await page.getByLabel('slips by').fill('10');
    await expect(page.locator('#what-if-moves li').allTextContents()).resolves.toEqual(['MOB 2026.15 moves 5 days (path slack 5 days)']);
    await expect(page.locator('#what-if-summary').textContent()).resolves.toBe('If IAM 2026.10 slips by 10 days, 1 of its 3 downstream releases move (the slack absorbs it for 2):');
    await page.getByLabel('slips by').fill('3');
    await expect(page.locator('#what-if-summary').textContent()).resolves.toBe('If IAM 2026.10 slips by 3 days, no release moves: the slack absorbs it.');
    await page.getByLabel('slips by').fill('-4');
    await expect(page.locator('#what-if-summary').textContent()).resolves.toBe('Enter a whole number of days, zero or more.');
    await page.getByLabel('slips by').fill('20');
    await page.locator('#what-if-moves').getByRole('link', { name: 'DWH 2026.1' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('DWH 2026.1');
    await expect(page.locator('main img, main script').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads fine without JavaScript: no control, the impact table is there', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await open('dependencies/', noJs);
    await expect(page.locator('#what-if').isVisible()).resolves.toBe(false);
    await expect(page.locator('#impact-table tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('figure.chart svg').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await noJs.close();
  });
});

describe('accessibility (axe)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const pagePath of PAGES) {
      it(`${pagePath || 'overview'} has no violations in the ${colorScheme} theme`, async () => {
        expect(await axeViolations(site.browser, site.url + pagePath, colorScheme)).toEqual([]);
      });
    }
  }
});
