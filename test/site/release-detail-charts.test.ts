import { describe, expect, it } from 'vitest';
import { burnupChart, burnupReading } from '../../src/components/charts/burnup.ts';
import { ganttChart, ganttReading } from '../../src/components/charts/gantt.ts';
import type { ReleaseDetail } from '../../src/report/model-releases.ts';
import { HOSTILE, svgOf, titles } from './helpers.ts';

const ASOF = '2026-03-31';
const PHASES: ReleaseDetail['phases'] = [
  { phase: 'build', plannedStart: '2026-02-01', plannedEnd: '2026-02-28', actualStart: '2026-02-01', actualEnd: '2026-03-03' },
  { phase: 'sit', plannedStart: '2026-03-01', plannedEnd: '2026-03-20', actualStart: '2026-03-04', actualEnd: null },
  { phase: 'uat', plannedStart: '2026-03-21', plannedEnd: '2026-04-10', actualStart: null, actualEnd: null },
  { phase: 'cutover', plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null },
];

describe('phase Gantt', () => {
  it('draws a planned bar per planned phase, an actual bar per finished one and a running bar to today', () => {
    const chart = ganttChart('phases', PHASES, ASOF);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'gantt-planned')).toEqual([
      'build: planned 2026-02-01 → 2026-02-28; actual 2026-02-01 → 2026-03-03; started on plan, ended 3 days late',
      'sit: planned 2026-03-01 → 2026-03-20; actual 2026-03-04 → running (as of 2026-03-31); started 3 days late',
      'uat: planned 2026-03-21 → 2026-04-10; not started',
    ]);
    expect(titles(svg, 'gantt-actual')).toHaveLength(1);
    expect(titles(svg, 'gantt-running')).toHaveLength(1);
    // Every phase has its row, the unplanned one too.
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['build', 'sit', 'uat', 'cutover', 'Today (as of 2026-03-31)']));
    expect(svg.getAttribute('aria-label')).toBe('Lifecycle phases, planned and actual');
    expect(chart.legend.map((l) => l.className)).toEqual(['gantt-planned', 'gantt-actual', 'gantt-running']);
    expect(ganttChart('phases', structuredClone(PHASES), ASOF).svg).toBe(chart.svg);
  });

  it('reads in one line', () => {
    expect(ganttReading(PHASES, ASOF)).toBe('4 phases: 1 done, 1 running, 2 not started; the last finished phase (build) ended 3 days late.');
    expect(ganttReading([PHASES[2]!], ASOF)).toBe('1 phase: 0 done, 0 running, 1 not started.');
  });

  it('keeps a hostile phase name as text', () => {
    const chart = ganttChart('phases', [{ ...PHASES[0]!, phase: HOSTILE }], ASOF);
    expect(chart.svg).not.toMatch(/<(script|img)/);
    expect([...svgOf(chart.svg).querySelectorAll('text')].some((t) => t.textContent === HOSTILE)).toBe(true);
  });
});

const WEEKS: ReleaseDetail['burnup'] = [
  { week: '2026-03-02', scope: 10, done: 0 },
  { week: '2026-03-09', scope: 14, done: 3 },
  { week: '2026-03-16', scope: 14, done: 9 },
];

describe('scope burn-up', () => {
  it('draws the scope and done lines with a tooltip per week, and the planned release', () => {
    const chart = burnupChart('burnup', WEEKS, '2026-04-15');
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'stroke-1')).toEqual([
      'Week of 2026-03-02: 0 of 10 work items done',
      'Week of 2026-03-09: 3 of 14 work items done',
      'Week of 2026-03-16: 9 of 14 work items done',
    ]);
    expect(svg.querySelectorAll('g.stroke-2 path').length).toBe(1);
    expect(svg.querySelector('g.cal-today-label text')?.textContent).toBe('Planned release 2026-04-15');
    // A plan before the first week is not drawn.
    expect(svgOf(burnupChart('b', WEEKS, '2026-01-01').svg).querySelectorAll('g.cal-today-label').length).toBe(0);
  });

  it('reads in one line', () => {
    expect(burnupReading(WEEKS)).toBe('Week of 2026-03-16: 9 of 14 work items done (64%); scope went from 10 to 14 since the week of 2026-03-02.');
    expect(burnupReading([WEEKS[0]!])).toBe('Week of 2026-03-02: 0 of 10 work items done (0%); scope steady at 10.');
    expect(burnupReading([])).toBe('No work items are planned for this release.');
  });
});
