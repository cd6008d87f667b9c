import { describe, expect, it } from 'vitest';
import { frequencyChart, frequencyReading, sizeChart, sizeReading, slipChart, slipReading } from '../../src/components/charts/predictability.ts';
import type { MonthReleases } from '../../src/report/model.ts';
import { svgOf, titles } from './helpers.ts';

const month = (m: string, released: number, slipMedian: number | null, slipP85: number | null): MonthReleases => ({
  month: m, released, onTime: 0, late: released, onTimeRate: released ? 0 : null, slipMedian, slipP85,
});
const MONTHS = [month('2026-01', 3, 2, 9), month('2026-02', 0, null, null), month('2026-03', 2, -1, 4)];

describe('predictability charts', () => {
  it('plots the median and P85 slip per month, breaking the lines where nothing shipped', () => {
    const chart = slipChart(MONTHS);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'stroke-1')).toEqual(['Jan 2026: median 2 days, P85 9 days (3 released)', 'Mar 2026: median -1 day, P85 4 days (2 released)']);
    expect(svg.querySelector('g.stroke-2 path')?.getAttribute('d')?.match(/M/g)?.length).toBe(2);
    expect(chart.reading).toBe('Mar 2026, the latest month with releases: median slip -1 day, and 85% of releases within 4 days.');
    expect(slipReading([month('2026-01', 0, null, null)])).toMatch(/^No release with a planned date/);
  });

  it('draws releases per week as a bar per month with releases', () => {
    const frequency = [{ month: '2026-01', perWeek: 0.68 }, { month: '2026-02', perWeek: 0 }, { month: '2026-03', perWeek: 1.13 }];
    const svg = svgOf(frequencyChart(frequency).svg);
    expect(titles(svg, 'fill-1')).toEqual(['Jan 2026: 0.7 releases per week', 'Mar 2026: 1.1 releases per week']);
    expect(frequencyReading(frequency)).toBe('0.6 releases per week on average over 3 months; the most in Mar 2026 (1.1 per week).');
    expect(frequencyReading([{ month: '2026-01', perWeek: 0 }])).toBe('No release has shipped yet.');
  });

  it('plots the median and P85 size per month', () => {
    const sizes = [{ month: '2026-01', median: 12, p85: 30, releases: 3 }, { month: '2026-02', median: null, p85: null, releases: 0 }];
    const svg = svgOf(sizeChart(sizes).svg);
    expect(titles(svg, 'stroke-2')).toEqual(['Jan 2026: median 12, P85 30 work items per release (3 released)']);
    expect(sizeReading(sizes)).toBe('Jan 2026, the latest month with releases: a median release held 12 work items (P85 30).');
  });
});
