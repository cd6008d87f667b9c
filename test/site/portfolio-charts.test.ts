import { describe, expect, it } from 'vitest';
import { lessonsChart, lessonsReading } from '../../src/components/charts/lessons.ts';
import { CHART_SERIES, effortChart, multiplesChart, spendChart, spendReading, throughputChart, varianceText } from '../../src/components/charts/staffing.ts';
import { conflictRows, kindCounts, pastRows } from '../../src/components/conflict-tables.ts';
import {
  lessonColumns, lessonRows, minedChangeRows, minedReleaseRows, pValueText, quarterColumns, quarterRows, recurringRows, trendCaption, trendRows,
} from '../../src/components/lesson-tables.ts';
import { rowLinks } from '../../src/components/operation-anchors.ts';
import { effortColumns, effortRows, spendMonthRows, spendRows, throughputColumns, throughputRows } from '../../src/components/staffing-tables.ts';
import type { Cell } from '../../src/components/table.ts';
import type { ReportModel } from '../../src/report/model.ts';
import type { EffortSeries, GroupLink, LessonRow, LessonsPage, ScheduleConflict, SpendScope, StaffingAndSpend } from '../../src/report/model-portfolio.ts';
import { changeRow, HOSTILE, svgOf, titles } from './helpers.ts';

const CRM = { id: 'CRM', slug: 'crm', name: 'Customer 360' };
const PAY = { id: 'PAY', slug: 'pay', name: 'Payments' };
const RETAIL: GroupLink = { kind: 'portfolio', id: 'Retail', slug: 'retail', name: 'Retail' };
const R1 = { id: 'CRM-R1', slug: 'crm-r1', name: 'CRM 1' };
const label = (r: { name: string }) => `label ${r.name}`;
const links = rowLinks('lessons/', { changes: { rows: [changeRow('CHG1')], causedIncidents: [] }, delivery: { attributions: [] } } as unknown as Pick<ReportModel, 'changes' | 'delivery'>);
/** What a reader sees of cells: their text, or their items. */
const texts = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c.list ? c.list.map((i) => i.text).join(', ') : c.text)));
const hrefs = (cell: Cell) => (cell.list ?? [cell]).map((i) => i.href ?? null);

const lesson = (id: string, over: Partial<LessonRow> = {}): LessonRow => ({
  id, date: '2026-01-10', quarter: '2026-Q1', project: CRM, release: null, category: 'testing', title: `${id} title`, impact: 'High',
  action: null, status: null, openAction: false, ageDays: null, ...over,
});

const LESSONS: LessonsPage = {
  quarters: ['2025-Q3', '2025-Q4', '2026-Q1'],
  totals: [1, 3, 5],
  categories: [
    { category: 'testing', counts: [0, 2, 5], total: 7, test: { statistic: 5, expected: 1, pValue: 0.00004, exact: true }, trend: 'rising' },
    { category: 'vendors', counts: [1, 1, 0], total: 2, test: { statistic: 1, expected: 1, pValue: 1, exact: false }, trend: 'steady' },
  ],
  test: { window: ['2025-Q3', '2025-Q4'], alpha: 0.05, text: 'The test.' },
  recurring: [{ kind: 'title', text: 'uat was down', projects: [CRM, PAY], lessons: 4 }],
  openActions: [lesson('LL-2', { title: HOSTILE, action: 'Book earlier', status: 'open', openAction: true, ageDays: 80 })],
  lessons: [lesson('LL-3', { release: R1 }), lesson('LL-2', { title: HOSTILE, action: 'Book earlier', status: 'open', openAction: true, ageDays: 80 })],
  mined: {
    table: [{ category: 'testing', keywords: 'test, smoke' }],
    changes: [
      { number: 'CHG1', change: { number: 'CHG1', slug: 'chg1' }, release: R1, project: CRM, closedAt: '2026-02-01T10:00:00Z', notes: 'smoke failed', reason: { category: 'testing', text: 'close notes say "smoke"' } },
      { number: 'CHG9', change: null, release: null, project: null, closedAt: null, notes: null, reason: { category: 'other', text: 'no close notes' } },
    ],
    releases: [{ release: R1, project: CRM, state: 'overdue', slipDays: 6, reasons: [{ category: 'testing', text: 'phase uat ended 6 days late' }, { category: 'testing', text: 'change CHG1 unsuccessful' }] }],
    byCategory: [{ category: 'testing', changes: 1, releases: 1 }],
  },
};

describe('lessons chart', () => {
  it('draws a row of quarters per category, bars only where there are lessons', () => {
    const chart = lessonsChart('lessons', LESSONS);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual(['2025-Q4: 2 lessons', '2026-Q1: 5 lessons', '2025-Q3: 1 lesson', '2025-Q4: 1 lesson']);
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['testing', 'vendors', '2025-Q3', '2026-Q1']));
    expect(chart.reading).toBe('9 lessons in 3 quarters (2025-Q3 – 2026-Q1), most of them testing (7); rising: testing; falling: none.');
  });

  it('reads an empty page', () => {
    expect(lessonsReading({ ...LESSONS, totals: [0, 0, 0], categories: [] })).toBe('No lessons in the exports.');
  });
});

describe('lessons tables', () => {
  it('counts per quarter and category, marking the quarter outside the trend test', () => {
    expect(quarterColumns(LESSONS).map((c) => c.label)).toEqual(['Quarter', 'All lessons', 'testing', 'vendors']);
    const rows = quarterRows(LESSONS);
    expect(texts(rows)).toEqual([['2025-Q3', '1', '0', '1'], ['2025-Q4', '3', '2', '1'], ['2026-Q1', '5', '5', '0']]);
    expect(rows.map((r) => r[0]!.note ?? null)).toEqual([null, null, 'not in the trend test']);
  });

  it('states each trend with its statistic, expectation and p-value', () => {
    expect(texts(trendRows(LESSONS))).toEqual([['testing', '7', '2', 'rising', '5 (1)', '< 0.0001'], ['vendors', '2', '2', 'steady', '1 (1)', '1']]);
    expect(trendRows(LESSONS).map((r) => r[5]!.note)).toEqual(['exact', 'normal approximation']);
    expect([pValueText(0.0505), pValueText(0.00011), pValueText(0)]).toEqual(['0.0505', '0.0001', '< 0.0001']);
    expect(trendCaption(LESSONS)).toBe('Trends over 2025-Q3 – 2025-Q4, tested at the 0.05 level');
    expect(trendCaption({ ...LESSONS, test: { ...LESSONS.test, window: [] } })).toBe('Trends: no quarter has ended since the first lesson');
    const none = trendRows({ ...LESSONS, categories: [{ ...LESSONS.categories[1]!, test: null }] })[0]!;
    expect(none[3]).toEqual({ text: 'steady', note: 'no lessons in the window' });
  });

  it('links recurring challenges to their projects', () => {
    const [row] = recurringRows(LESSONS, 'lessons/');
    expect(texts([row!])).toEqual([['uat was down', '2', 'Customer 360, Payments', '4']]);
    expect(row![0]!.note).toBe('same title');
    expect(hrefs(row![2]!)).toEqual(['../projects/crm/index.html', '../projects/pay/index.html']);
  });

  it('lists lessons with their age when open, titles as text', () => {
    expect(lessonColumns(true).map((c) => c.label).slice(0, 3)).toEqual(['Lesson', 'Age (days)', 'Date']);
    const [open] = lessonRows(LESSONS.openActions, 'lessons/', label, true);
    expect(texts([open!])).toEqual([['LL-2', '80', '2026-01-10', 'Customer 360', '—', 'testing', HOSTILE, 'Book earlier', 'open']]);
    expect(open![6]!.href).toBeUndefined();
    const all = lessonRows(LESSONS.lessons, 'lessons/', label, false);
    expect(all[0]![3]).toEqual({ text: 'label CRM 1', href: '../releases/crm-r1/index.html' });
    expect(all[1]![4]).toEqual({ text: 'testing', note: 'impact: High' });
    expect(all[1]![7]).toEqual({ text: 'open', note: 'open action, 80 days' });
  });

  it('links mined changes to their rows when the changes page lists them, and gives each slipped release its reasons', () => {
    const changes = minedChangeRows(LESSONS, 'lessons/', label, links);
    expect(texts(changes)).toEqual([
      ['CHG1', '2026-02-01', 'label CRM 1', 'Customer 360', 'smoke failed', 'testing'],
      ['CHG9', '—', '—', '—', '—', 'other'],
    ]);
    expect([changes[0]![0]!.href, changes[1]![0]!.href]).toEqual(['../changes/index.html#change-chg1', undefined]);
    expect(changes[0]![5]!.note).toBe('close notes say "smoke"');
    expect(texts(minedReleaseRows(LESSONS, 'lessons/', label))).toEqual([
      ['label CRM 1', 'Customer 360', 'Overdue', '6', 'testing: phase uat ended 6 days late; testing: change CHG1 unsuccessful'],
    ]);
  });
});

const MONTHS = ['2026-01', '2026-02', '2026-03'];
const series = (id: string, done: number[], share: Array<number | null>, group: GroupLink | null = null): EffortSeries => ({
  id, group, done, share, totalDone: done.reduce((a, b) => a + b, 0), totalShare: 0.5,
});
const STAFFING: StaffingAndSpend = {
  basis: 'work_items', basisText: 'work items: …', months: MONTHS, totalDone: [10, 0, 4],
  byTeam: [series('Cards', [5, 0, 1], [0.5, null, 0.25]), series(HOSTILE, [5, 0, 3], [0.5, null, 0.75])],
  byPortfolio: [series('Retail', [10, 0, 4], [1, null, 1], RETAIL)],
  byProgram: [],
  throughput: { weeks: [{ week: '2026-W12', monday: '2026-03-16' }, { week: '2026-W13', monday: '2026-03-23' }], teams: [{ team: 'Cards', items: [3, 0], median: 1.5 }] },
  spend: [],
};
const SPEND_ALL: SpendScope = {
  kind: 'all', id: '*', project: null, group: null, budget: 1000,
  months: [{ period: '2026-02', planned: 100, actual: 120, variance: 0.2 }, { period: '2026-03', planned: 100, actual: null, variance: null }],
  toDate: { period: 'all', planned: 100, actual: 120, variance: 0.2 }, total: { planned: 200, actual: 120 },
};

describe('staffing charts', () => {
  it('draws effort share per month as percentages, a row per team, empty months left out', () => {
    const chart = effortChart('effort', 'team', STAFFING.byTeam, STAFFING);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual(['Jan 2026: 50% (5 of 10)', 'Mar 2026: 25% (1 of 4)', 'Jan 2026: 50% (5 of 10)', 'Mar 2026: 75% (3 of 4)']);
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['Cards', '50%', 'Mar 2026']));
    expect(svg.innerHTML).not.toContain('<script');
    expect(chart.reading).toBe('2 teams over 3 months (Jan 2026 – Mar 2026), in work items; the largest share overall: Cards, 50%.');
  });

  it('draws throughput per week with the median as a rule', () => {
    const chart = throughputChart('tp', STAFFING.throughput);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual(['2026-W12 (from 2026-03-16): 3 done']);
    expect(titles(svg, 'stroke-2')).toEqual(['Cards: median 1.5 a week']);
    expect(chart.reading).toBe('1 team over 2 weeks (2026-W12 – 2026-W13); the highest median: Cards, 1.5 a week.');
    expect(chart.legend.map((l) => l.className)).toEqual(['fill-1', 'stroke-2']);
  });

  it('draws the teams that did the most and the rest as one row, every team in the CSV', () => {
    const teams = Array.from({ length: CHART_SERIES + 3 }, (_, k) => series(`Team ${k}`, [k * k, 0, 1], [(k * k) / 100, null, 0.01]));
    const chart = effortChart('effort', 'team', teams, { ...STAFFING, totalDone: [100, 0, 100] });
    const labels = [...svgOf(chart.svg).querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining([`Team ${CHART_SERIES + 2}`, 'Team 3', '3 other teams']));
    expect(labels).not.toContain('Team 2');
    // The other teams' share adds up theirs: 0 + 1 + 4 of 100 in January, 3 × 1 in March.
    expect(titles(svgOf(chart.svg), 'fill-1').filter((t) => /\((5|3) of 100\)$/.test(t))).toEqual(['Jan 2026: 5% (5 of 100)', 'Mar 2026: 3% (3 of 100)']);
    expect(chart.reading).toMatch(new RegExp(`Drawn: the ${CHART_SERIES} teams with the most work items done, of ${CHART_SERIES + 3}, the other 3 together as one row; the CSV download has them all\\.$`));
    expect(new Set(chart.data!.rows.map((r) => r[0])).size).toBe(CHART_SERIES + 3);
    const throughput = throughputChart('tp', { weeks: STAFFING.throughput.weeks, teams: teams.map((t, k) => ({ team: t.id, items: [k, 1], median: (k + 1) / 2 })) });
    expect(titles(svgOf(throughput.svg), 'stroke-2')).toContain('3 other teams: median 3 a week');
  });

  it('labels every nth column counted back from the last', () => {
    const svg = svgOf(multiplesChart({
      id: 'm', title: 'T', reading: 'R', columns: ['a', 'b', 'c', 'd', 'e'], columnLabel: 'X', every: 2, y: { label: 'Y' },
      rows: [{ label: 'row', values: [1, 2, 3, 4, 5], tip: (i) => `tip ${i}` }],
    }).svg);
    const ticks = [...svg.querySelectorAll('text')].map((t) => t.textContent).filter((t) => /^[a-e]$/.test(t ?? ''));
    expect(ticks).toEqual(['a', 'c', 'e']);
  });

  it('draws planned and actual spend per month and reads the variance to date', () => {
    const chart = spendChart('spend', SPEND_ALL);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'stroke-1')).toEqual(['Feb 2026: planned 100, actual 120', 'Mar 2026: planned 100, actual —']);
    expect(titles(svg, 'stroke-2')).toEqual(['Feb 2026: planned 100, actual 120']);
    expect(chart.reading).toBe('To date (1 month with actual amounts): planned 100, actual 120, +20.0% against plan; 100 more planned after.');
    expect(spendReading({ ...SPEND_ALL, toDate: { ...SPEND_ALL.toDate, planned: 0, variance: null } })).toContain('no variance (nothing planned to date)');
    expect([0.045, -0.0011, 0, 0.00001, null].map(varianceText)).toEqual(['+4.5%', '-0.1%', '0.0%', '0.0%', '—']);
  });
});

describe('staffing tables', () => {
  it('tables effort share per month, portfolios linking to their pages', () => {
    expect(effortColumns('Team', 'work items', MONTHS).map((c) => c.label)).toEqual(['Team', 'Done (work items)', 'Share, all months', 'Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(texts(effortRows(STAFFING.byTeam, 'staffing/'))).toEqual([['Cards', '6', '50%', '50%', '—', '25%'], [HOSTILE, '8', '50%', '50%', '—', '75%']]);
    expect(effortRows(STAFFING.byPortfolio, 'staffing/')[0]![0]).toEqual({ text: 'Retail', href: '../portfolios/retail/index.html' });
  });

  it('tables throughput per week with the median and total', () => {
    expect(throughputColumns(STAFFING.throughput).map((c) => c.label)).toEqual(['Team', 'Median per week', 'Done in 2 weeks', '2026-W12', '2026-W13']);
    expect(texts(throughputRows(STAFFING.throughput))).toEqual([['Cards', '1.5', '3', '3', '0']]);
  });

  it('tables spend per scope with its variance, and the months of one scope', () => {
    const project: SpendScope = { ...SPEND_ALL, kind: 'project', id: 'PAY', project: PAY, budget: null, toDate: { period: 'all', planned: 200, actual: 190, variance: -0.05 } };
    const rows = spendRows([SPEND_ALL, project], 'staffing/');
    expect(texts(rows)).toEqual([['All projects', 'all', '1,000', '100', '120', '+20.0%', '200'], ['Payments', 'project', '—', '200', '190', '-5.0%', '200']]);
    expect(rows[1]![0]!.href).toBe('../projects/pay/index.html');
    expect(rows[1]![5]!.sort).toBe(-0.05);
    expect(texts(spendMonthRows(SPEND_ALL))).toEqual([['Feb 2026', '100', '120', '+20.0%'], ['Mar 2026', '100', '—', '—']]);
  });
});

const conflict = (kind: ScheduleConflict['kind'], over: Partial<ScheduleConflict> = {}): ScheduleConflict => ({
  kind, summary: `${kind} summary`, first: '2026-04-01', last: '2026-04-03', releases: [], projects: [], teams: [], environment: null, freeze: null, changes: [], ...over,
});

describe('conflict tables', () => {
  it('names the kind in words and links who is affected', () => {
    const rows = conflictRows([
      conflict('environment_double_booking', { releases: [R1], projects: [CRM], teams: ['Cards', HOSTILE], environment: { id: 'uat', slug: 'uat', name: 'UAT' } }),
      conflict('change_in_freeze', { first: '2026-04-02', last: '2026-04-02', freeze: 'Year end', changes: [{ number: 'CHG1', change: { number: 'CHG1', slug: 'chg1' } }, { number: 'CHG9', change: null }] }),
    ], 'conflicts/', label, rowLinks('conflicts/', { changes: { rows: [changeRow('CHG1')], causedIncidents: [] }, delivery: { attributions: [] } } as unknown as Pick<ReportModel, 'changes' | 'delivery'>));
    expect(texts(rows)).toEqual([
      ['Environment double booking', 'environment_double_booking summary', '2026-04-01', 'label CRM 1', 'Customer 360', `Cards, ${HOSTILE}`, 'UAT', '—'],
      ['Change in a freeze', 'change_in_freeze summary', '2026-04-02', '—', '—', '—', 'Year end', 'CHG1, CHG9'],
    ]);
    expect([rows[0]![2]!.note, rows[1]![2]!.note]).toEqual(['to 2026-04-03', undefined]);
    expect([...hrefs(rows[0]![3]!), ...hrefs(rows[0]![4]!), ...hrefs(rows[0]![6]!)]).toEqual(['../releases/crm-r1/index.html', '../projects/crm/index.html', '../environments/uat/index.html']);
    expect(hrefs(rows[0]![5]!)).toEqual([null, null]);
    expect(hrefs(rows[1]![7]!)).toEqual(['../changes/index.html#change-chg1', null]);
  });

  it('counts current conflicts per kind and past ones as the model has them', () => {
    expect(kindCounts([conflict('release_in_freeze'), conflict('release_in_freeze')]).map((k) => `${k.label} ${k.value}`)).toEqual([
      'Team over-committed 0', 'Environment double booking 0', 'Release in a freeze 2', 'Change in a freeze 0',
    ]);
    expect(texts(pastRows({ conflicts: [], past: [{ kind: 'team_overcommitted', count: 3 }], basis: '' }))).toEqual([['Team over-committed', '3']]);
  });
});
