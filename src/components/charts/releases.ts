// The overview's two release charts (per month: released on time vs late; on-time rate) and their
// one-line readings.
import * as Plot from '@observablehq/plot';
import type { MonthReleases } from '../../report/model.ts';
import { formatCount, formatMonth, formatPercent, monthEnd, monthStart } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';

// Drawn near the size they are shown at, so the 12px text of site.css stays about 12px on screen.
const SIZE = { width: 560, height: 240, marginLeft: 48, marginBottom: 44 } as const;

// Every monthly chart shares one month axis, whole months wide, so a month sits at the same place in each.
export function monthAxis(months: ReadonlyArray<{ month: string }>) {
  return {
    type: 'utc',
    label: 'Month',
    domain: [monthStart(months[0]!.month), monthEnd(months.at(-1)!.month)],
    // One tick a quarter keeps two years of months legible at this width; Plot writes the year
    // under the first tick and under each January.
    ticks: '3 months',
  } as const;
}

export function releasesPerMonthChart(months: MonthReleases[]): RenderedChart {
  const title = 'Releases per month';
  const reading = releasesReading(months);
  const rows = months.map((m) => ({ ...m, start: monthStart(m.month), end: monthEnd(m.month) }));
  const tip = (m: MonthReleases) =>
    `${formatMonth(m.month)}: ${formatCount(m.released)} released, ${formatCount(m.onTime)} on time, ${formatCount(m.late)} late`;
  const svg = renderChart(
    {
      ...SIZE,
      x: monthAxis(months),
      y: { label: 'Releases', grid: true, nice: true, tickFormat: 'd' },
      marks: [
        // Two marks stacked by hand (late on top of on time) so each series gets a CSS class and
        // follows the theme, which a colour scale's hex fills would not. Empty bars are left out:
        // nothing to see or hover.
        Plot.rectY(rows.filter((m) => m.onTime > 0), { x1: 'start', x2: 'end', y1: 0, y2: 'onTime', inset: 1, fill: 'currentColor', className: 'fill-1', title: tip }),
        Plot.rectY(rows.filter((m) => m.late > 0), { x1: 'start', x2: 'end', y1: 'onTime', y2: (m: MonthReleases) => m.onTime + m.late, inset: 1, fill: 'currentColor', className: 'fill-2', title: tip }),
        Plot.ruleY([0]),
      ],
    },
    { id: 'releases-per-month', label: title, description: reading },
  );
  const legend = [
    { label: 'Released on time', className: 'fill-1' },
    { label: 'Released late', className: 'fill-2' },
  ];
  const data = { columns: ['Month', 'Released on time', 'Released late', 'Released'], rows: months.map((m) => [m.month, m.onTime, m.late, m.released]) };
  return { id: 'releases-per-month', title, reading, legend, svg, data };
}

export function onTimeRateChart(months: MonthReleases[]): RenderedChart {
  const title = 'On-time rate by month';
  const reading = onTimeReading(months);
  const rows = months.map((m) => {
    const start = monthStart(m.month).getTime();
    return { ...m, middle: new Date((start + monthEnd(m.month).getTime()) / 2), percent: m.onTimeRate === null ? null : m.onTimeRate * 100 };
  });
  const tip = (m: MonthReleases) =>
    `${formatMonth(m.month)}: ${formatPercent(m.onTimeRate)} on time (${formatCount(m.onTime)} of ${formatCount(m.released)})`;
  const svg = renderChart(
    {
      ...SIZE,
      x: monthAxis(months),
      y: { label: 'On time (%)', domain: [0, 100], grid: true, tickFormat: (v: number) => `${v}%` },
      marks: [
        // A month without releases has no rate: the line breaks there rather than dropping to 0.
        Plot.lineY(rows, { x: 'middle', y: 'percent', className: 'stroke-1', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.dot(rows.filter((m) => m.percent !== null), { x: 'middle', y: 'percent', r: 3.5, fill: 'currentColor', className: 'fill-1', title: tip }),
        Plot.ruleY([0]),
      ],
    },
    { id: 'on-time-rate', label: title, description: reading },
  );
  const data = { columns: ['Month', 'On-time rate', 'Released on time', 'Released'], rows: months.map((m) => [m.month, m.onTimeRate, m.onTime, m.released]) };
  return { id: 'on-time-rate', title, reading, legend: [], svg, data };
}

/** E.g. "124 releases shipped in 24 months (Apr 2024 – Mar 2026), 73% of them on time; the busiest month was Apr 2025 (9)." */
export function releasesReading(months: MonthReleases[]): string {
  if (months.length === 0) return 'No releases yet.';
  const released = sum(months, (m) => m.released);
  const onTime = sum(months, (m) => m.onTime);
  if (released === 0) return `No release shipped in ${span(months)}.`;
  const busiest = months.reduce((best, m) => (m.released > best.released ? m : best));
  return `${formatCount(released)} ${released === 1 ? 'release' : 'releases'} shipped in ${span(months)}, ${formatPercent(onTime / released)} of them on time; the busiest month was ${formatMonth(busiest.month)} (${formatCount(busiest.released)}).`;
}

/** E.g. "Mar 2026, the latest month with releases: 63% on time, against 73% over 24 months (…)." */
export function onTimeReading(months: MonthReleases[]): string {
  const rated = months.filter((m) => m.onTimeRate !== null);
  const latest = rated.at(-1);
  if (latest === undefined) return 'No release has shipped yet, so there is no on-time rate.';
  const overall = sum(months, (m) => m.onTime) / sum(months, (m) => m.released);
  return `${formatMonth(latest.month)}, the latest month with releases: ${formatPercent(latest.onTimeRate)} on time, against ${formatPercent(overall)} over ${span(months)}.`;
}

function span(months: MonthReleases[]): string {
  const first = months[0]!.month;
  const last = months.at(-1)!.month;
  return first === last ? formatMonth(first) : `${months.length} months (${formatMonth(first)} – ${formatMonth(last)})`;
}

function sum(months: MonthReleases[], f: (m: MonthReleases) => number): number {
  return months.reduce((a, m) => a + f(m), 0);
}
