import { describe, expect, it } from 'vitest';
import { assignLanes } from '../../src/components/charts/calendar-lanes.ts';
import { CALENDAR_BARS, CALENDAR_GROUPS, calendarChart, monthsAround, wholeQuarters, type CalendarView } from '../../src/components/charts/calendar.ts';
import type { ReleasesPage } from '../../src/report/model-releases.ts';
import { HOSTILE, releaseRow, svgOf, titles } from './helpers.ts';

const ASOF = '2026-03-31';
const ROWS = [
  releaseRow('A', { state: 'released', plannedStart: '2026-01-05', plannedRelease: '2026-02-10', actualRelease: '2026-02-20', slipDays: 10, stateReason: 'released 2026-02-20, 10 days after plan' }),
  // Overlaps A in time: same project, second lane.
  releaseRow('B', { state: 'released', plannedStart: '2026-02-01', plannedRelease: '2026-03-01', actualRelease: '2026-02-27', slipDays: -2, systemIds: ['core', 'edge'] }),
  releaseRow('C', { state: 'overdue', plannedStart: '2026-03-01', plannedRelease: '2026-03-20', projectId: 'Q', projectName: HOSTILE, systemIds: [] }),
  releaseRow('D', { state: 'in_progress', plannedStart: '2026-03-15', plannedRelease: '2026-05-01', projectId: null, projectName: null }),
  releaseRow('OLD', { state: 'released', plannedStart: '2024-01-01', plannedRelease: '2024-02-01', actualRelease: '2024-02-01', slipDays: 0 }),
  releaseRow('UNDATED'),
];
const FREEZES: ReleasesPage['calendar']['freezes'] = [
  { name: 'Year end', start: '2025-12-15', end: '2026-01-05', scope: null },
  { name: 'Quarter close', start: '2026-03-26', end: '2026-04-02', scope: ['edge'] },
];
const view = (by: CalendarView['by']): CalendarView => ({ id: `cal-${by}`, title: `By ${by}`, by, ...monthsAround(ASOF, 6, 6), ticks: 'month' });

describe('calendar lanes', () => {
  it('puts overlapping releases of a group on separate lanes, and groups in name order', () => {
    const { lanes, laneOf } = assignLanes([
      { group: 'b', start: '2026-01-01', end: '2026-01-31', id: '1' },
      { group: 'b', start: '2026-01-15', end: '2026-02-15', id: '2' },
      { group: 'b', start: '2026-02-01', end: '2026-02-28', id: '3' },
      { group: 'a', start: '2026-01-01', end: '2026-12-31', id: '4' },
    ]);
    expect(lanes).toEqual([
      { key: '0:0', group: 'a', first: true, odd: false },
      { key: '1:0', group: 'b', first: true, odd: true },
      { key: '1:1', group: 'b', first: false, odd: true },
    ]);
    // 3 starts after 1 ends, so it reuses the first lane.
    expect(laneOf).toEqual(['1:0', '1:1', '1:0', '0:0']);
  });
});

describe('calendar windows', () => {
  it('spans whole months around the as-of date, or whole quarters', () => {
    expect(monthsAround('2026-03-31', 6, 6)).toEqual({ from: '2025-09-01', to: '2026-09-30' });
    expect(monthsAround('2026-01-10', 1, 0)).toEqual({ from: '2025-12-01', to: '2026-01-31' });
    expect(wholeQuarters('2024-08-21', '2026-10-02')).toEqual({ from: '2024-07-01', to: '2026-12-31' });
  });
});

describe('calendar chart', () => {
  it('draws a bar per release in the window, coloured by state, with its dates in the tooltip', () => {
    const chart = calendarChart(ROWS, FREEZES, ASOF, view('project'));
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'state-released')).toEqual([
      'P A name (Payments): planned 2026-01-05 → 2026-02-10; released 2026-02-20, 10 days after plan',
      'P B name (Payments): planned 2026-02-01 → 2026-03-01; planned',
    ]);
    expect(titles(svg, 'state-overdue')).toHaveLength(1);
    expect(titles(svg, 'state-in-progress')).toEqual(['D name ((no project)): planned 2026-03-15 → 2026-05-01; planned']);
    // OLD is outside the window, UNDATED has no dates.
    expect(svg.querySelectorAll('[class^="state-"] rect').length).toBe(4);
    // A and B overlap: Payments takes two lanes, labelled once.
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels.filter((t) => t === 'Payments')).toHaveLength(1);
    expect(chart.reading).toBe('4 releases of 3 projects in Sep 2025 – Sep 2026, 1 overdue; 1 freeze window shaded.');
  });

  it('marks late releases with a slip line and a diamond, on-time ones with a dot, overdue ones to today', () => {
    const svg = svgOf(calendarChart(ROWS, FREEZES, ASOF, view('project')).svg);
    expect(titles(svg, 'cal-late')).toEqual(['P A name: released 2026-02-20, 10 days after plan']);
    expect(svg.querySelectorAll('g.cal-late line').length).toBe(1);
    expect(titles(svg, 'cal-actual')).toEqual(['P B name: planned']);
    expect(svg.querySelectorAll('g.cal-overdue line').length).toBe(1);
  });

  it('shades all-system freezes across every row, and scoped ones only on their systems in the by-system view', () => {
    const byProject = svgOf(calendarChart(ROWS, FREEZES, ASOF, view('project')).svg);
    expect(titles(byProject, 'cal-freeze')).toEqual(['Freeze: Year end, 2025-12-15 to 2026-01-04 (all systems)']);
    const bySystem = calendarChart(ROWS, FREEZES, ASOF, view('system'));
    const svg = svgOf(bySystem.svg);
    expect(titles(svg, 'cal-freeze')).toEqual(['Freeze: Year end, 2025-12-15 to 2026-01-04 (all systems)', 'Freeze: Quarter close, 2026-03-26 to 2026-04-01 (edge)']);
    // The scoped freeze is one lane high: the edge row's.
    const [all, scoped] = [...svg.querySelectorAll('g.cal-freeze rect')];
    expect(Number(scoped!.getAttribute('height'))).toBeLessThan(Number(all!.getAttribute('height')) / 3);
    // B ships on two systems: a bar on each row.
    expect(titles(svg, 'state-released').filter((t) => t.startsWith('P B name'))).toEqual([
      'P B name (core): planned 2026-02-01 → 2026-03-01; planned',
      'P B name (edge): planned 2026-02-01 → 2026-03-01; planned',
    ]);
    expect(bySystem.legend.map((l) => l.label)).toContain('Freeze window');
  });

  it('marks today with a labelled rule, and only when today is in the window', () => {
    const svg = svgOf(calendarChart(ROWS, FREEZES, ASOF, view('project')).svg);
    expect(svg.querySelectorAll('g.cal-today line').length).toBe(1);
    expect(svg.querySelector('g.cal-today-label text')?.textContent).toBe('Today (as of 2026-03-31)');
    const past = svgOf(calendarChart(ROWS, FREEZES, ASOF, { ...view('project'), from: '2024-01-01', to: '2024-12-31' }).svg);
    expect(past.querySelectorAll('g.cal-today').length).toBe(0);
  });

  it('uses month ticks near today and quarter ticks over the whole span', () => {
    const ticks = (ticks: CalendarView['ticks'], from: string, to: string) =>
      svgOf(calendarChart(ROWS, [], ASOF, { ...view('project'), from, to, ticks }).svg).querySelectorAll('g[aria-hidden] path').length;
    // A year and a bit: 13 month ticks, 5 quarter ticks, plus the band axis's own.
    expect(ticks('month', '2025-01-01', '2025-12-31') - ticks('quarter', '2025-01-01', '2025-12-31')).toBe(8);
  });

  it('keeps hostile names as text, and gives the same bytes for the same input', () => {
    const chart = calendarChart(ROWS, FREEZES, ASOF, view('project'));
    expect(chart.svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<(script|img)/);
    const svg = svgOf(chart.svg);
    expect(svg.querySelectorAll('script, img').length).toBe(0);
    expect([...svg.querySelectorAll('text')].some((t) => t.textContent === `${HOSTILE.slice(0, 25)}…`)).toBe(true);
    expect(calendarChart(structuredClone(ROWS), structuredClone(FREEZES), ASOF, view('project')).svg).toBe(chart.svg);
  });

  it('draws the projects with the most releases in the window when there are many, and says how many are left out', () => {
    // Project k has k + 1 releases in March, the busiest last.
    const rows = Array.from({ length: CALENDAR_GROUPS + 2 }, (_, k) =>
      Array.from({ length: k + 1 }, (_, i) => releaseRow(`P${k}-${i}`, { projectId: `p${k}`, projectName: `Project ${k}`, plannedStart: '2026-03-02', plannedRelease: '2026-03-20' })),
    ).flat();
    const chart = calendarChart(rows, [], ASOF, view('project'));
    const labels = [...svgOf(chart.svg).querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining([`Project ${CALENDAR_GROUPS + 1}`, 'Project 2']));
    expect(labels).not.toContain('Project 1');
    expect(chart.reading).toMatch(new RegExp(`of ${CALENDAR_GROUPS + 2} projects .* Drawn: the ${CALENDAR_GROUPS} projects with the most releases, of ${CALENDAR_GROUPS + 2}; the CSV download has them all\\.$`));
    expect(chart.data!.rows.length).toBe(rows.length);
  });

  it(`draws fewer projects when the busiest hold more than ${CALENDAR_BARS} releases, and always the busiest one`, () => {
    // Three projects of 70 releases each in March: two fit the budget of bars; one of 200 alone is still drawn.
    const project = (k: number, n: number) => Array.from({ length: n }, (_, i) => releaseRow(`P${k}-${i}`, { projectId: `p${k}`, projectName: `Project ${k}`, plannedStart: '2026-03-02', plannedRelease: '2026-03-20' }));
    const three = calendarChart([0, 1, 2].flatMap((k) => project(k, 70)), [], ASOF, view('project'));
    expect(three.reading).toMatch(/Drawn: the 2 projects with the most releases, of 3; the CSV download has them all\.$/);
    expect(three.data!.rows.length).toBe(210);
    const big = calendarChart(project(0, CALENDAR_BARS + 40), [], ASOF, view('project'));
    expect(big.reading).not.toContain('Drawn:');
  });

  it('says so when nothing falls in the window', () => {
    const chart = calendarChart([ROWS[4]!], [], ASOF, view('project'));
    expect(chart.reading).toBe('No release is planned or shipped in Sep 2025 – Sep 2026.');
    expect(chart.legend).toEqual([]);
  });
});
