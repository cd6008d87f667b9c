import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { onTimeRateChart, onTimeReading, releasesPerMonthChart, releasesReading } from '../../src/components/charts/releases.ts';
import type { MonthReleases } from '../../src/report/model.ts';

function month(month: string, onTime: number, late: number): MonthReleases {
  const released = onTime + late;
  return { month, released, onTime, late, onTimeRate: released === 0 ? null : onTime / released, slipMedian: null, slipP85: null };
}

const MONTHS = [month('2025-11', 3, 1), month('2025-12', 0, 0), month('2026-01', 1, 4), month('2026-02', 2, 0)];

function svgOf(markup: string) {
  return parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document.querySelector('svg')!;
}

describe('releases per month', () => {
  it('stacks on-time and late bars per month, with a tooltip on each', () => {
    const chart = releasesPerMonthChart(MONTHS);
    const svg = svgOf(chart.svg);
    const onTime = [...svg.querySelectorAll('g.fill-1 rect')];
    const late = [...svg.querySelectorAll('g.fill-2 rect')];
    // Empty bars are left out.
    expect(onTime.length).toBe(3);
    expect(late.length).toBe(2);
    expect(onTime.map((r) => r.querySelector('title')?.textContent)).toEqual([
      'Nov 2025: 4 released, 3 on time, 1 late',
      'Jan 2026: 5 released, 1 on time, 4 late',
      'Feb 2026: 2 released, 2 on time, 0 late',
    ]);
    expect(chart.legend.map((l) => l.className)).toEqual(['fill-1', 'fill-2']);
    expect(svg.getAttribute('aria-label')).toBe(chart.title);
  });

  it('reads in one plain line', () => {
    expect(releasesReading(MONTHS)).toBe(
      '11 releases shipped in 4 months (Nov 2025 – Feb 2026), 55% of them on time; the busiest month was Jan 2026 (5).',
    );
    expect(releasesReading([month('2026-01', 1, 0)])).toBe('1 release shipped in Jan 2026, 100% of them on time; the busiest month was Jan 2026 (1).');
    expect(releasesReading([month('2026-01', 0, 0)])).toBe('No release shipped in Jan 2026.');
    expect(releasesReading([])).toBe('No releases yet.');
  });

  it('is deterministic', () => {
    expect(releasesPerMonthChart(MONTHS).svg).toBe(releasesPerMonthChart(structuredClone(MONTHS)).svg);
  });
});

describe('on-time rate by month', () => {
  it('plots a dot per month with releases, on a 0–100% axis', () => {
    const chart = onTimeRateChart(MONTHS);
    const svg = svgOf(chart.svg);
    const dots = [...svg.querySelectorAll('g.fill-1 circle')];
    expect(dots.map((d) => d.querySelector('title')?.textContent)).toEqual([
      'Nov 2025: 75% on time (3 of 4)',
      'Jan 2026: 20% on time (1 of 5)',
      'Feb 2026: 100% on time (2 of 2)',
    ]);
    const ticks = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(ticks).toContain('0%');
    expect(ticks).toContain('100%');
    // The month without releases breaks the line into two pieces.
    expect(svg.querySelector('g.stroke-1 path')?.getAttribute('d')?.match(/M/g)?.length).toBe(2);
  });

  it('reads in one plain line', () => {
    expect(onTimeReading(MONTHS)).toBe('Feb 2026, the latest month with releases: 100% on time, against 55% over 4 months (Nov 2025 – Feb 2026).');
    expect(onTimeReading([month('2026-01', 0, 0)])).toBe('No release has shipped yet, so there is no on-time rate.');
  });
});
