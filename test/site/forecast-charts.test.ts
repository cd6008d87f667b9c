import { describe, expect, it } from 'vitest';
import { bandText, dayTicks, hitRateChart, hitRateReading, missChart, missReading } from '../../src/components/charts/backtest.ts';
import { histogramChart, IMAGE_LABEL, type HistogramForecast } from '../../src/components/charts/forecast-histogram.ts';
import { backtestRows, basisFacts, formatChance, headlineFacts, settingsText, summaryRows } from '../../src/components/forecast-tables.ts';
import type { Backtest, BacktestForecast, ReleaseForecast } from '../../src/report/model-forecasts.ts';
import type { ReleaseRef } from '../../src/report/model-releases.ts';
import { HOSTILE, svgOf, titles } from './helpers.ts';

const ref = (id: string, name = `${id} name`): ReleaseRef => ({ id, slug: id.toLowerCase(), name });
const label = (r: ReleaseRef) => r.name;

const FORECAST: HistogramForecast = {
  release: ref('PAY-R1', 'PAY 1.0'),
  plannedRelease: '2026-04-10',
  p50: '2026-04-08',
  p85: '2026-04-15',
  p95: '2026-04-28',
  horizon: '2028-03-30',
  beyondHorizon: 0,
  onTimeProbability: 0.6,
  histogram: [
    { week: '2026-W15', monday: '2026-04-06', trials: 600 },
    { week: '2026-W16', monday: '2026-04-13', trials: 300 },
    { week: '2026-W17', monday: '2026-04-20', trials: 0 },
    { week: '2026-W18', monday: '2026-04-27', trials: 100 },
  ],
};

describe('forecast histogram', () => {
  it('draws a bar per week with trials, the plan and the quantiles as labelled rules', () => {
    const chart = histogramChart('h', 'When PAY 1.0 is done', FORECAST, 1000);
    const svg = svgOf(chart.svg);
    // Three weeks with trials; the empty week has no bar to see or hover.
    expect(svg.querySelectorAll('g.fill-1 rect').length).toBe(3);
    expect(titles(svg, 'fill-1')).toEqual([
      '2026-W15 (from 2026-04-06): 600 trials (60%)',
      '2026-W16 (from 2026-04-13): 300 trials (30%)',
      '2026-W18 (from 2026-04-27): 100 trials (10%)',
    ]);
    for (const [cls, text] of [['fc-plan', 'Plan'], ['fc-p50', 'P50'], ['fc-p85', 'P85'], ['fc-p95', 'P95']]) {
      expect(svg.querySelectorAll(`g.${cls} line`).length, cls).toBe(1);
      expect(svg.querySelector(`g.${cls} text`)?.textContent, cls).toBe(text);
    }
    expect(titles(svg, 'fc-plan')).toEqual(['Planned release: 2026-04-10 (60% of trials done by then)']);
    expect(titles(svg, 'fc-p85')).toEqual(['P85: 2026-04-15 (85% of trials done by then)']);
    expect(svg.querySelector('g.fc-plan')?.getAttribute('stroke-dasharray')).toBe('5 3');
    expect(chart.legend.map((l) => l.className)).toEqual(['fill-1', 'fc-plan', 'fc-p50', 'fc-p85', 'fc-p95']);
    expect(chart.legend[3]!.label).toBe('P85: 85% of trials done (2026-04-15)');
    expect(chart.reading).toBe(
      'Of 1,000 trials, half are done by 2026-04-08, 85% by 2026-04-15 and 95% by 2026-04-28; 60% by the planned 2026-04-10. ' +
        'The most finish in 2026-W15, from 2026-04-06 (600, 60%).',
    );
    expect(svg.getAttribute('aria-label')).toBe(IMAGE_LABEL);
    expect(svg.querySelector('desc')?.textContent).toBe(chart.reading);
    expect(histogramChart('h', 'When PAY 1.0 is done', structuredClone(FORECAST), 1000).svg).toBe(chart.svg);
  });

  it('says what lies beyond the horizon and draws no rule for it, nor for a missing plan', () => {
    const f = { ...FORECAST, plannedRelease: null, onTimeProbability: null, p95: null, beyondHorizon: 0.071 };
    const chart = histogramChart('h', 'Late', f, 1000);
    const svg = svgOf(chart.svg);
    expect(svg.querySelectorAll('g.fc-p95, g.fc-plan').length).toBe(0);
    expect(svg.querySelectorAll('g.fc-p50 line, g.fc-p85 line').length).toBe(2);
    expect(chart.reading).toBe(
      'Of 1,000 trials, half are done by 2026-04-08, 85% by 2026-04-15 and 95% only after 2028-03-30, the horizon; it has no planned date. ' +
        'The most finish in 2026-W15, from 2026-04-06 (600, 60%). 7% are not done by 2028-03-30, the horizon.',
    );
  });

  it('keeps a hostile release name out of the markup: the page shows the title as text', () => {
    const chart = histogramChart('h', `When ${HOSTILE} is done`, { ...FORECAST, release: ref('X', HOSTILE) }, 1000);
    expect(chart.title).toBe(`When ${HOSTILE} is done`);
    expect(chart.svg).not.toMatch(/<script|<img|alert/);
    expect(svgOf(chart.svg).getAttribute('aria-label')).toBe(IMAGE_LABEL);
  });
});

const LEAD: Backtest['byLeadTime'] = [
  { label: '1–4 weeks', minDays: 1, maxDays: 28, forecasts: 8, releases: 4, hitRateP50: 0.5, hitRateP85: 0.875 },
  { label: '5–8 weeks', minDays: 29, maxDays: 56, forecasts: 2, releases: 2, hitRateP50: 0, hitRateP85: 0.5 },
  { label: '13 weeks or more', minDays: 85, maxDays: null, forecasts: 0, releases: 0, hitRateP50: null, hitRateP85: null },
];

describe('backtest hit rates by lead time', () => {
  it('draws P50 and P85 bars per lead time with their rates, the targets, and says where none was made', () => {
    const chart = hitRateChart('rates', LEAD);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'fill-1')).toEqual(['P50 made 1–4 weeks ahead: 50% hit, of 8 forecasts of 4 releases', 'P50 made 5–8 weeks ahead: 0% hit, of 2 forecasts of 2 releases']);
    expect(titles(svg, 'fill-2')).toEqual(['P85 made 1–4 weeks ahead: 88% hit, of 8 forecasts of 4 releases', 'P85 made 5–8 weeks ahead: 50% hit, of 2 forecasts of 2 releases']);
    // A 0% bar has no height: its rate is written over it all the same.
    expect([...svg.querySelectorAll('g.bt-rate text')].map((t) => t.textContent).sort()).toEqual(['0%', '50%', '50%', '88%']);
    // The target rules repeat in each of the three facets.
    expect(svg.querySelectorAll('g.bt-target-85 line').length).toBe(3);
    expect([...svg.querySelectorAll('g.bt-none text')].map((t) => t.textContent)).toEqual(['no forecasts']);
    expect(chart.reading).toBe(
      'P85 hit 88% of 8 forecasts made 1–4 weeks ahead, 50% of 2 forecasts made 5–8 weeks ahead; none was made 13 weeks or more ahead. An honest P85 hits about 85% of the time, a P50 about half.',
    );
  });

  it('reads without forecasts', () => {
    expect(hitRateReading(LEAD.slice(2))).toBe('No backtest forecast was made.');
  });
});

const row = (id: string, asOf: string, actual: string, p85: string | null, over: Partial<BacktestForecast> = {}): BacktestForecast => ({
  release: ref(id), asOf, actualRelease: actual, plannedRelease: null, daysBefore: (Date.parse(actual) - Date.parse(asOf)) / 86_400_000,
  known: 10, remaining: 5, addedLater: 2, p50: p85, p85, p95: p85, hitP50: p85 === null || actual <= p85, hitP85: p85 === null || actual <= p85, ...over,
});
const ROWS = [
  row('A', '2026-01-01', '2026-02-01', '2026-02-10'),
  row('B', '2026-01-01', '2026-02-20', '2026-02-10', { release: ref('B', HOSTILE) }),
  row('C', '2026-01-15', '2026-02-01', '2026-02-01'),
  row('D', '2026-01-15', '2026-03-01', null),
];

describe('backtest misses', () => {
  it('draws each forecast with a P85 date as a hit or a miss, hostile names as text', () => {
    const chart = missChart('miss', ROWS, label);
    const svg = svgOf(chart.svg);
    expect(svg.querySelectorAll('g.bt-hit circle').length).toBe(2);
    expect(titles(svg, 'bt-miss')).toEqual([`${HOSTILE} as of 2026-01-01 (50 days ahead): released 2026-02-20, 10 days after its P85 date (2026-02-10)`]);
    expect(titles(svg, 'bt-hit')).toContain('C name as of 2026-01-15 (17 days ahead): released 2026-02-01, on its P85 date');
    expect(chart.svg).not.toMatch(/<script|<img/);
    expect(chart.reading).toBe(
      `3 of 4 forecasts (75%) had the release on or before the P85 date; 1 had it later, the furthest 10 days after (${HOSTILE}, forecast as of 2026-01-01); ` +
        '1 forecast put the P85 date beyond the horizon and is not drawn.',
    );
    expect(missReading([], label)).toBe('No backtest forecast was made.');
  });

  it('draws forecasts made the same week ahead with a miss in the same band as one circle, larger, and keeps each in the CSV', () => {
    // 30 forecasts made 21 to 25 days ahead, released 2 to 6 days after their P85 date: one circle; and one alone.
    const many = Array.from({ length: 30 }, (_, i) => {
      const asOf = `2026-01-${String(1 + (i % 5)).padStart(2, '0')}`;
      return row(`R${i}`, asOf, '2026-01-26', `2026-01-${String(20 + (i % 5)).padStart(2, '0')}`);
    });
    const chart = missChart('miss', [...many, ROWS[2]!], label);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'bt-miss')).toEqual(['30 forecasts made 21–27 days ahead, released 1–7 days after their P85 date: R4 name, R9 name, R14 name and 27 others']);
    expect(titles(svg, 'bt-hit')).toEqual(['C name as of 2026-01-15 (17 days ahead): released 2026-02-01, on its P85 date']);
    const [big, alone] = ['bt-miss', 'bt-hit'].map((c) => Number(svg.querySelector(`g.${c} circle`)!.getAttribute('r')));
    expect(alone).toBe(3);
    expect(big).toBe(12);
    expect(chart.reading).toContain('Forecasts made the same week ahead and missing by about as much share a circle, larger the more they are.');
    expect(chart.data!.rows.length).toBe(31);
  });

  it('words the bands of a miss', () => {
    expect([0, 4, 5, 6, 10].map(bandText)).toEqual([
      'over 365 days before their P85 date', '1–7 days before their P85 date', 'on their P85 date', '1–7 days after their P85 date', 'over 365 days after their P85 date',
    ]);
  });

  it('ticks the symlog axis at a week, a month, a quarter and a year', () => {
    expect(dayTicks([-100, 3])).toEqual({ domain: [-365, 7], ticks: [-365, -90, -30, -7, 0, 7] });
    // A week either side of zero at the least: room to show there were no misses, or no early releases.
    expect(dayTicks([-650])).toEqual({ domain: [-730, 7], ticks: [-365, -90, -30, -7, 0, 7] });
    expect(dayTicks([2])).toEqual({ domain: [-7, 7], ticks: [-7, 0, 7] });
  });
});

describe('forecast tables', () => {
  it('never rounds a chance to a certainty it is not', () => {
    expect([0, 0.0012, 0.004, 0.6215, 0.9996, 1, null].map(formatChance)).toEqual(['0%', '<1%', '<1%', '62%', '>99%', '100%', '—']);
    expect(settingsText({ seed: 7, trials: 10_000, windowDays: 90, horizonDays: 730, backtestEveryDays: 14, backtestTrials: 2000, backtestTrialBudget: 4_000_000, backtestMinTrials: 250 })).toBe('10,000 trials, seed 7, 90-day window');
  });

  const full: ReleaseForecast = {
    ...FORECAST, p95: null, beyondHorizon: 0.1, state: 'in_progress', projectId: 'PAY', outcome: 'forecast', reason: 'r', items: 30, remaining: 6, ahead: 4,
    stream: 'forecast/PAY-R1/2026-03-31',
    throughput: { teams: ['Core', 'Edge'], from: '2025-12-31', to: '2026-03-30', daily: [], resolved: 120, mean: 1.33, zeroDays: 1 },
    growth: { releases: 4, factors: [1, 1.04, 1.1], median: 1.04 }, lag: { releases: 1, days: [1], median: 1 }, early: null,
  };

  it('rows each open release with its dates, a quantile past the horizon as such, and links to its section', () => {
    const none: ReleaseForecast = { ...full, release: ref('X', HOSTILE), outcome: 'no_items', items: 0, remaining: 0, p50: null, p85: null, horizon: null, onTimeProbability: null };
    const [a, b] = summaryRows([full, none], 'forecasts/', label);
    expect(a!.map((c) => c.text)).toEqual(['PAY 1.0', 'In progress', '2026-04-10', '2026-04-08', '2026-04-15', 'after 2028-03-30', '60%', '6 of 30', 'Forecast']);
    expect(a![0]!.href).toBe('../releases/pay-r1/index.html');
    expect(a![8]!.href).toBe('#forecast-pay-r1');
    expect(a![5]!.sort).toBe('9999');
    expect(b!.map((c) => c.text)).toEqual([HOSTILE, 'In progress', '2026-04-10', '—', '—', '—', '—', '—', 'No forecast: no work items']);
  });

  it('puts each forecast dates and basis in words', () => {
    expect(headlineFacts(full)).toEqual([['P50', '2026-04-08'], ['P85', '2026-04-15'], ['P95', 'after 2028-03-30'], ['Planned release', '2026-04-10'], ['On time', '60%']]);
    expect(headlineFacts({ ...full, plannedRelease: null, onTimeProbability: null }).at(-1)).toEqual(['On time', 'no plan']);
    expect(basisFacts(full)).toEqual([
      ['Remaining items', '6 of 30'],
      ['Items ahead (same teams, due first)', '4'],
      ['Throughput window', 'Core, Edge: 120 items resolved 2025-12-31 to 2026-03-30, 1.3 a day, 1 day with none'],
      ['Scope growth', '×1 to ×1.1 (median ×1.04), from 4 past releases'],
      ['Lag from work done to release', '1 day, from 1 past release'],
      ['Early release margin', 'none known: not before the planned date'],
    ]);
  });

  it('rows every backtest forecast, a date past the horizon as "beyond"', () => {
    const [r] = backtestRows([ROWS[3]!], 'forecasts/backtest/', label);
    expect(r!.map((c) => c.text)).toEqual(['D name', '2026-01-15', '45', '2026-03-01', 'beyond', 'beyond', 'beyond', 'hit', 'hit', '10', '5', '2']);
    expect(r![0]!.href).toBe('../../releases/d/index.html');
  });
});
