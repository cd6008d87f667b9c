import { describe, expect, it } from 'vitest';
import { defectFlowChart, flowReading, openDefectsChart, openReading } from '../../src/components/charts/defects.ts';
import { loadReading, testLoadChart } from '../../src/components/charts/test-load.ts';
import type { QualityPage } from '../../src/report/model-environments.ts';
import { svgOf, titles } from './helpers.ts';

const ASOF = '2026-03-31';
const week = (i: number) => ({ week: `2026-W${String(10 + i).padStart(2, '0')}`, monday: new Date(Date.UTC(2026, 2, 2 + 7 * i)).toISOString().slice(0, 10) });
const LOAD: QualityPage['weeks'] = [
  { ...week(0), demand: 40, capacity: 0, overload: 40 },
  { ...week(1), demand: 80, capacity: 100, overload: 0 },
  { ...week(2), demand: 150, capacity: 100, overload: 50 },
  { ...week(3), demand: 0, capacity: 100, overload: 0 },
  { ...week(4), demand: 100, capacity: 100, overload: 0 },
];

describe('test load', () => {
  it('draws demand within capacity, the part above it, the capacity steps and the overload weeks', () => {
    const chart = testLoadChart('load', LOAD, ASOF);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual([
      'Week 2026-W11 (from 2026-03-09): 80 h of test demand against 100 h of QA capacity, within capacity',
      'Week 2026-W12 (from 2026-03-16): 150 h of test demand against 100 h of QA capacity, overloaded by 50 h',
      'Week 2026-W14 (from 2026-03-30): 100 h of test demand against 100 h of QA capacity, within capacity',
    ]);
    // A week without capacity is overloaded whole: its bar is all in the overload colour.
    expect(titles(svg, 'load-over')).toEqual([
      'Week 2026-W10 (from 2026-03-02): 40 h of test demand against 0 h of QA capacity, overloaded by 40 h',
      'Week 2026-W12 (from 2026-03-16): 150 h of test demand against 100 h of QA capacity, overloaded by 50 h',
    ]);
    expect(svg.querySelectorAll('g.load-over-week rect').length).toBe(2);
    expect(svg.querySelectorAll('g.load-capacity path').length).toBe(1);
    expect(svg.querySelector('g.cal-today-label text')?.textContent).toBe('Today (as of 2026-03-31)');
    expect(chart.reading).toBe('2 of 5 weeks overloaded (the latest 2026-W12, 50 h over); 370 h of test demand against 400 h of QA capacity in all.');
    expect(chart.legend.map((l) => l.className)).toEqual(['fill-1', 'load-over', 'load-capacity', 'load-over-week']);
    expect(testLoadChart('load', structuredClone(LOAD), ASOF).svg).toBe(chart.svg);
  });

  it('reads without overload, and without data', () => {
    expect(loadReading(LOAD.slice(1, 2))).toBe('No week overloaded in 1 week; 80 h of test demand against 100 h of QA capacity in all.');
    expect(loadReading([])).toBe('No dated test cycles or QA capacity in the exports.');
    expect(testLoadChart('load', LOAD.slice(1, 2), ASOF).legend.map((l) => l.className)).toEqual(['fill-1', 'load-capacity']);
  });
});

const FLOW: QualityPage['defects'] = [
  { ...week(0), opened: 3, closed: 0, open: 3 },
  { ...week(1), opened: 0, closed: 2, open: 1 },
  { ...week(2), opened: 4, closed: 1, open: 4 },
  { ...week(3), opened: 2, closed: 2, open: 4 },
  { ...week(4), opened: 1, closed: 4, open: 1 },
];

describe('defect flow', () => {
  it('draws opened bugs above the axis and closed ones below, one tooltip per week', () => {
    const chart = defectFlowChart('flow', FLOW);
    const svg = svgOf(chart.svg);
    expect(svg.querySelectorAll('g.fill-2 rect').length).toBe(4);
    expect(svg.querySelectorAll('g.fill-1 rect').length).toBe(4);
    expect(titles(svg, 'week-hover')).toHaveLength(5);
    expect(titles(svg, 'week-hover')[1]).toBe('Week 2026-W11 (from 2026-03-09): 0 opened, 2 closed, 1 open at the end of the week');
    // Closed bugs count down, but the axis reads them as counts.
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).not.toContain('−2');
    expect(chart.reading).toBe('10 bugs opened and 9 closed in 5 weeks (2026-W10 – 2026-W14); 7 opened and 9 closed in the last 4 weeks.');
    expect(defectFlowChart('flow', structuredClone(FLOW)).svg).toBe(chart.svg);
  });

  it('draws the bugs open at each week end', () => {
    const chart = openDefectsChart('open', FLOW);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'stroke-1')).toHaveLength(5);
    expect(svg.querySelectorAll('g.open-area path').length).toBe(1);
    expect(chart.reading).toBe('1 bug open at the end of 2026-W14, against 3 four weeks earlier; the most was 4 (2026-W12).');
  });

  it('reads without bugs', () => {
    expect(flowReading([])).toBe('No bugs in the exports.');
    expect(openReading([])).toBe('No bugs in the exports.');
    expect(openReading(FLOW.slice(0, 1))).toBe('3 bugs open at the end of 2026-W10; the most was 3 (2026-W10).');
  });
});
