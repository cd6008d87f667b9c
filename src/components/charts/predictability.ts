// The releases page's predictability trends by month: schedule slip (median and P85), release
// frequency (releases shipped per week) and release size (work items per release).
import * as Plot from '@observablehq/plot';
import type { MonthReleases } from '../../report/model.ts';
import type { ReleasesPage } from '../../report/model-releases.ts';
import { formatCount, formatDays, formatMonth, formatNumber, monthEnd, monthStart } from '../format.ts';
import { monthAxis } from './releases.ts';
import { renderChart, type RenderedChart } from './render.ts';

type Frequency = ReleasesPage['predictability']['frequency'][number];
type Size = ReleasesPage['predictability']['size'][number];

const SIZE = { width: 560, height: 240, marginLeft: 48, marginBottom: 44 } as const;
const middle = (month: string) => new Date((monthStart(month).getTime() + monthEnd(month).getTime()) / 2);
const days = (n: number | null) => (n === null ? 'no slip known' : formatDays(n));

/** Two lines over months (P50 and P85, or any two series); a month without a value breaks its line. */
export function twoLines<T extends { month: string }>(
  rows: readonly T[],
  series: Array<{ value: (r: T) => number | null; className: string }>,
  tip: (r: T) => string,
): Plot.Markish[] {
  return series.flatMap(({ value, className }) => {
    const points = rows.map((r) => ({ r, x: middle(r.month), y: value(r) }));
    return [
      Plot.lineY(points, { x: 'x', y: 'y', className, stroke: 'currentColor', strokeWidth: 2 }),
      Plot.dot(points.filter((p) => p.y !== null), { x: 'x', y: 'y', r: 3, className, fill: 'currentColor', title: (p: { r: T }) => tip(p.r) }),
    ];
  });
}

const P50_P85 = [
  { label: 'Median', className: 'stroke-1' },
  { label: '85th percentile', className: 'stroke-2' },
];

export function slipChart(months: MonthReleases[]): RenderedChart {
  const id = 'slip-by-month';
  const title = 'Schedule slip by month';
  const reading = slipReading(months);
  const tip = (m: MonthReleases) => `${formatMonth(m.month)}: median ${days(m.slipMedian)}, P85 ${days(m.slipP85)} (${formatCount(m.released)} released)`;
  const svg = renderChart(
    {
      ...SIZE,
      x: monthAxis(months),
      y: { label: 'Days late (negative: early)', grid: true, nice: true },
      marks: [Plot.ruleY([0]), ...twoLines(months, [{ value: (m) => m.slipMedian, className: 'stroke-1' }, { value: (m) => m.slipP85, className: 'stroke-2' }], tip)],
    },
    { id, label: title, description: reading },
  );
  const data = { columns: ['Month', 'Median slip (days)', 'P85 slip (days)', 'Released'], rows: months.map((m) => [m.month, m.slipMedian, m.slipP85, m.released]) };
  return { id, title, reading, legend: P50_P85, svg, data };
}

export function frequencyChart(frequency: Frequency[]): RenderedChart {
  const id = 'release-frequency';
  const title = 'Release frequency by month';
  const reading = frequencyReading(frequency);
  const svg = renderChart(
    {
      ...SIZE,
      x: monthAxis(frequency),
      y: { label: 'Releases per week', grid: true, nice: true },
      marks: [
        Plot.rectY(frequency.filter((f) => f.perWeek > 0), {
          x1: (f: Frequency) => monthStart(f.month), x2: (f: Frequency) => monthEnd(f.month), y: 'perWeek', inset: 1, className: 'fill-1', fill: 'currentColor',
          title: (f: Frequency) => `${formatMonth(f.month)}: ${formatNumber(f.perWeek)} releases per week`,
        }),
        Plot.ruleY([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  const data = { columns: ['Month', 'Releases per week'], rows: frequency.map((f) => [f.month, f.perWeek]) };
  return { id, title, reading, legend: [], svg, data };
}

export function sizeChart(sizes: Size[]): RenderedChart {
  const id = 'release-size';
  const title = 'Release size by month';
  const reading = sizeReading(sizes);
  const tip = (s: Size) => `${formatMonth(s.month)}: median ${formatNumber(s.median)}, P85 ${formatNumber(s.p85)} work items per release (${formatCount(s.releases)} released)`;
  const svg = renderChart(
    {
      ...SIZE,
      x: monthAxis(sizes),
      y: { label: 'Work items per release', grid: true, nice: true, zero: true },
      marks: [Plot.ruleY([0]), ...twoLines(sizes, [{ value: (s) => s.median, className: 'stroke-1' }, { value: (s) => s.p85, className: 'stroke-2' }], tip)],
    },
    { id, label: title, description: reading },
  );
  const data = { columns: ['Month', 'Median work items', 'P85 work items', 'Releases'], rows: sizes.map((s) => [s.month, s.median, s.p85, s.releases]) };
  return { id, title, reading, legend: P50_P85, svg, data };
}

function latest<T>(rows: readonly T[], has: (r: T) => boolean): T | undefined {
  return rows.filter(has).at(-1);
}

export function slipReading(months: MonthReleases[]): string {
  const last = latest(months, (m) => m.slipMedian !== null);
  if (!last) return 'No release with a planned date has shipped yet, so there is no slip to show.';
  return `${formatMonth(last.month)}, the latest month with releases: median slip ${days(last.slipMedian)}, and 85% of releases within ${days(last.slipP85)}.`;
}

export function frequencyReading(frequency: Frequency[]): string {
  if (!frequency.some((f) => f.perWeek > 0)) return 'No release has shipped yet.';
  const busiest = frequency.reduce((best, f) => (f.perWeek > best.perWeek ? f : best));
  const mean = frequency.reduce((n, f) => n + f.perWeek, 0) / frequency.length;
  return `${formatNumber(mean)} releases per week on average over ${formatCount(frequency.length)} months; the most in ${formatMonth(busiest.month)} (${formatNumber(busiest.perWeek)} per week).`;
}

export function sizeReading(sizes: Size[]): string {
  const last = latest(sizes, (s) => s.median !== null);
  if (!last) return 'No shipped release has work items yet.';
  return `${formatMonth(last.month)}, the latest month with releases: a median release held ${formatNumber(last.median)} work items (P85 ${formatNumber(last.p85)}).`;
}
