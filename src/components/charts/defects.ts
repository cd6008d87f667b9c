// Defect flow per ISO week: bugs opened (above the axis) and closed (below it), and the bugs still
// open at each week's end.
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { QualityPage } from '../../report/model-environments.ts';
import { formatCount } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';

type Week = QualityPage['defects'][number];

// Room under the axis for a tick's year line, and the axis label below it.
const SIZE = { width: 1100, height: 260, marginLeft: 48, marginTop: 24, marginBottom: 50, marginRight: 20 } as const;

function weekAxis(weeks: readonly Week[]) {
  const first = weeks[0];
  const last = weeks.at(-1);
  return { type: 'utc', round: true, label: 'Week', domain: first && last ? [dayStart(first.monday), dayEnd(addDays(last.monday, 6))] : undefined } as const;
}

/** Both charts' data: what each week's tooltip says. */
const weekData = (weeks: readonly Week[]) => ({
  columns: ['Week', 'Monday', 'Opened', 'Closed', 'Open at the end of the week'],
  rows: weeks.map((w) => [w.week, w.monday, w.opened, w.closed, w.open]),
});

export function flowTip(w: Week): string {
  return `Week ${w.week} (from ${w.monday}): ${formatCount(w.opened)} opened, ${formatCount(w.closed)} closed, ${formatCount(w.open)} open at the end of the week`;
}

export function defectFlowChart(id: string, weeks: readonly Week[]): RenderedChart {
  const title = 'Bugs opened and closed per week';
  const reading = flowReading(weeks);
  const bars = weeks.map((w) => ({ w, x1: dayStart(w.monday), x2: dayEnd(addDays(w.monday, 6)) }));
  const svg = renderChart(
    {
      ...SIZE,
      x: weekAxis(weeks),
      y: { round: true, label: 'Bugs per week (closed below the axis)', grid: true, nice: true, tickFormat: (v: number) => formatCount(Math.abs(v)) },
      marks: [
        Plot.rectY(bars.filter((b) => b.w.opened > 0), { x1: 'x1', x2: 'x2', y1: 0, y2: (b: { w: Week }) => b.w.opened, insetLeft: 0.5, insetRight: 0.5, className: 'fill-2', fill: 'currentColor' }),
        Plot.rectY(bars.filter((b) => b.w.closed > 0), { x1: 'x1', x2: 'x2', y1: 0, y2: (b: { w: Week }) => -b.w.closed, insetLeft: 0.5, insetRight: 0.5, className: 'fill-1', fill: 'currentColor' }),
        Plot.ruleY([0]),
        // One tooltip per week, over its whole column (transparent, but it still takes the pointer).
        Plot.rect(bars, { x1: 'x1', x2: 'x2', className: 'week-hover', fill: 'currentColor', fillOpacity: 0, title: (b: { w: Week }) => flowTip(b.w) }),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    { label: 'Opened', className: 'fill-2' },
    { label: 'Closed', className: 'fill-1' },
  ];
  return { id, title, reading, legend, svg, data: weekData(weeks) };
}

export function openDefectsChart(id: string, weeks: readonly Week[]): RenderedChart {
  const title = 'Open bugs at the end of each week';
  const reading = openReading(weeks);
  const points = weeks.map((w) => ({ w, x: dayEnd(addDays(w.monday, 6)) }));
  const svg = renderChart(
    {
      ...SIZE,
      x: weekAxis(weeks),
      y: { round: true, label: 'Open bugs', grid: true, nice: true, zero: true, tickFormat: formatCount },
      marks: [
        Plot.areaY(points, { x: 'x', y: (p: { w: Week }) => p.w.open, curve: 'step-before', className: 'open-area', fill: 'currentColor' }),
        Plot.line(points, { x: 'x', y: (p: { w: Week }) => p.w.open, curve: 'step-before', className: 'stroke-1', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.dot(points, { x: 'x', y: (p: { w: Week }) => p.w.open, r: 2, className: 'stroke-1', fill: 'currentColor', title: (p: { w: Week }) => flowTip(p.w) }),
        Plot.ruleY([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  return { id, title, reading, legend: [], svg, data: weekData(weeks) };
}

/** E.g. "1,234 bugs opened and 1,224 closed in 109 weeks (2024-W38 – 2026-W42); 37 opened and 30 closed in the last 4 weeks." */
export function flowReading(weeks: readonly Week[]): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return 'No bugs in the exports.';
  const sum = (ws: readonly Week[], f: (w: Week) => number) => ws.reduce((s, w) => s + f(w), 0);
  const recent = weeks.slice(-4);
  return (
    `${formatCount(sum(weeks, (w) => w.opened))} bugs opened and ${formatCount(sum(weeks, (w) => w.closed))} closed in ${formatCount(weeks.length)} weeks (${first.week} – ${last.week}); ` +
    `${formatCount(sum(recent, (w) => w.opened))} opened and ${formatCount(sum(recent, (w) => w.closed))} closed in the last ${formatCount(recent.length)} ${recent.length === 1 ? 'week' : 'weeks'}.`
  );
}

/** E.g. "10 bugs open at the end of 2026-W42, against 4 four weeks earlier; the most was 31 (2025-W10)." */
export function openReading(weeks: readonly Week[]): string {
  const last = weeks.at(-1);
  if (!last) return 'No bugs in the exports.';
  const before = weeks.at(-5);
  const peak = weeks.reduce((a, w) => (w.open > a.open ? w : a));
  return (
    `${formatCount(last.open)} ${last.open === 1 ? 'bug' : 'bugs'} open at the end of ${last.week}` +
    (before ? `, against ${formatCount(before.open)} four weeks earlier` : '') +
    `; the most was ${formatCount(peak.open)} (${peak.week}).`
  );
}
