import { describe, expect, it } from 'vitest';
import { measureChart, measureReading } from '../../src/components/charts/delivery-trends.ts';
import { formatHours, MEASURES } from '../../src/components/delivery-measures.ts';
import type { DeliveryPeriod, Tiers } from '../../src/report/model-delivery.ts';
import { svgOf, titles } from './helpers.ts';

const NO_TIERS: Tiers = { deploymentFrequency: null, leadTime: null, changeFailureRate: null, recovery: null, overall: null };

function period(p: string, over: Partial<DeliveryPeriod> = {}): DeliveryPeriod {
  return {
    period: p, deployments: 0, deploymentDays: 0, deploymentFrequency: 0, failedDeployments: 0, changeFailureRate: null, leadTimeMedian: null, leadTimeItems: 0,
    recoveryMedian: null, recoveries: 0, rework: 0, reworkRate: null, tiers: { ...NO_TIERS, deploymentFrequency: 'low', overall: 'low' }, ...over,
  };
}

const MONTHS = [
  period('2026-01', {
    deployments: 27, deploymentDays: 26, deploymentFrequency: 5.871, failedDeployments: 1, changeFailureRate: 0.037, leadTimeMedian: 0.5, leadTimeItems: 3,
    recoveryMedian: 30, recoveries: 1, rework: 1, reworkRate: 0.037,
    tiers: { deploymentFrequency: 'elite', leadTime: 'elite', changeFailureRate: 'elite', recovery: 'low', overall: 'low' },
  }),
  period('2026-02'),
  period('2026-03', {
    deployments: 4, deploymentDays: 2, deploymentFrequency: 0.4516, failedDeployments: 1, changeFailureRate: 0.25, leadTimeMedian: 12, leadTimeItems: 1,
    recoveryMedian: 0.5, recoveries: 2, rework: 0, reworkRate: 0,
    tiers: { deploymentFrequency: 'medium', leadTime: 'medium', changeFailureRate: 'low', recovery: 'elite', overall: 'low' },
  }),
];
const TOTAL = period('all', {
  deployments: 31, deploymentDays: 28, deploymentFrequency: 2.1778, failedDeployments: 2, changeFailureRate: 0.0645, leadTimeMedian: 0.75, leadTimeItems: 4,
  recoveryMedian: 1, recoveries: 3, rework: 1, reworkRate: 0.0323,
  tiers: { deploymentFrequency: 'high', leadTime: 'elite', changeFailureRate: 'high', recovery: 'high', overall: 'high' },
});
const spec = (key: string) => MEASURES.find((m) => m.key === key)!;

describe('delivery measures', () => {
  it('word each value with its unit, a dash without one', () => {
    expect(MEASURES.map((m) => m.text(m.value(TOTAL)))).toEqual(['2.2 per week', '0.8 days', '6%', '1 hour', '3%']);
    expect(MEASURES.map((m) => m.text(m.value(period('2026-02'))))).toEqual(['0 per week', '—', '—', '—', '—']);
    // A deployment day a quarter is not none.
    expect(spec('deploymentFrequency').text(0.0769)).toBe('0.08 per week');
    expect(formatHours(22.67)).toBe('22.7 hours');
    expect(MEASURES.map((m) => m.basis(TOTAL))).toEqual([
      '28 days with a successful production deployment', 'median over 4 work items', '2 of 31 deployments failed or caused an incident',
      'median over 3 resolved incidents', '1 of 31 deployments were rework',
    ]);
    expect(MEASURES.map((m) => m.tier(TOTAL.tiers))).toEqual(['high', 'elite', 'high', 'high', null]);
  });
});

describe('measure by month', () => {
  it('draws deployment frequency as bars coloured by tier, months without deployments left out', () => {
    const chart = measureChart(spec('deploymentFrequency'), MONTHS, TOTAL, 'All systems');
    const svg = svgOf(chart.svg);
    expect(chart.id).toBe('delivery-deployment-frequency');
    expect(titles(svg, 'tier-elite')).toEqual(['Jan 2026: 5.9 per week (elite), 26 days with a successful production deployment']);
    expect(titles(svg, 'tier-medium')).toEqual(['Mar 2026: 0.45 per week (medium), 2 days with a successful production deployment']);
    expect(svg.querySelectorAll('g.tier-low rect').length).toBe(0);
    expect(chart.legend.map((l) => l.label)).toEqual(['Elite', 'Medium']);
    expect(chart.reading).toBe('All systems, Jan 2026 – Mar 2026: 2.2 per week (high); Mar 2026: 0.45 per week (medium).');
  });

  it('draws the other measures as a line with a dot per month, coloured by tier, in percent for ratios', () => {
    const cfr = measureChart(spec('changeFailureRate'), MONTHS, TOTAL, 'All systems');
    const svg = svgOf(cfr.svg);
    expect(titles(svg, 'tier-elite')).toEqual(['Jan 2026: 4% (elite), 1 of 27 deployments failed or caused an incident']);
    expect(titles(svg, 'tier-low')).toEqual(['Mar 2026: 25% (low), 1 of 4 deployments failed or caused an incident']);
    expect(svg.querySelectorAll('g.trend-line path').length).toBe(1);
    expect([...svg.querySelectorAll('text')].some((t) => t.textContent === '25%')).toBe(true);
    const recovery = svgOf(measureChart(spec('recovery'), MONTHS, TOTAL, 'All systems').svg);
    expect(titles(recovery, 'tier-low')).toEqual(['Jan 2026: 30 hours (low), median over 1 resolved incident']);
  });

  it('draws rework rate, which has no tier, in one colour and without a tier legend', () => {
    const chart = measureChart(spec('rework'), MONTHS, TOTAL, 'All systems');
    expect(titles(svgOf(chart.svg), 'no-tier')).toEqual(['Jan 2026: 4%, 1 of 27 deployments were rework', 'Mar 2026: 0%, 0 of 4 deployments were rework']);
    expect(chart.legend).toEqual([]);
    expect(chart.reading).toBe('All systems, Jan 2026 – Mar 2026: 3%; Mar 2026: 0%.');
  });

  it('says when there is nothing to show, and gives the same bytes for the same input', () => {
    expect(measureReading(spec('leadTime'), [period('2026-02')], period('all'), 'Payments')).toBe('Payments, Feb 2026: no lead time for changes to show (median over 0 work items).');
    const chart = measureChart(spec('leadTime'), MONTHS, TOTAL, 'All systems');
    expect(measureChart(spec('leadTime'), structuredClone(MONTHS), structuredClone(TOTAL), 'All systems').svg).toBe(chart.svg);
  });
});
