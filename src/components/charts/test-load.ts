// Test demand against QA capacity per week: demand as bars (the part above capacity in the overload
// colour), capacity as a step line, overload weeks shaded over the chart's height, today as a rule.
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { QualityPage } from '../../report/model-environments.ts';
import { formatCount } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { todayMarks } from './today.ts';

type Week = QualityPage['weeks'][number];

const hours = (h: number) => `${formatCount(h)} h`;

export function loadTip(w: Week): string {
  const state = w.overload > 0 ? `overloaded by ${hours(w.overload)}` : 'within capacity';
  return `Week ${w.week} (from ${w.monday}): ${hours(w.demand)} of test demand against ${hours(w.capacity)} of QA capacity, ${state}`;
}

export function testLoadChart(id: string, weeks: readonly Week[], asOf: string): RenderedChart {
  const title = 'Test demand against QA capacity per week';
  const reading = loadReading(weeks);
  const span = (w: Week) => ({ x1: dayStart(w.monday), x2: dayEnd(addDays(w.monday, 6)) });
  const first = weeks[0];
  const last = weeks.at(-1);
  // The capacity line steps at each Monday and runs to the end of the last week.
  const steps = last ? [...weeks.map((w) => ({ x: dayStart(w.monday), y: w.capacity })), { x: dayEnd(addDays(last.monday, 6)), y: last.capacity }] : [];
  const overloaded = weeks.filter((w) => w.overload > 0);
  const svg = renderChart(
    {
      width: 1100,
      height: 280,
      marginLeft: 56,
      marginTop: 24,
      // Room under the axis for a tick's year line, and the axis label below it.
      marginBottom: 50,
      marginRight: 20,
      x: { round: true, type: 'utc', label: 'Week', domain: first && last ? [dayStart(first.monday), dayEnd(addDays(last.monday, 6))] : undefined },
      y: { round: true, label: 'Hours', grid: true, nice: true, zero: true, tickFormat: formatCount },
      marks: [
        // No y: the shading spans the frame's height, like the calendar's freeze windows.
        Plot.rect(overloaded, { ...xy(span), className: 'load-over-week', fill: 'currentColor' }),
        Plot.rectY(weeks.filter((w) => Math.min(w.demand, w.capacity) > 0), { ...xy(span), y1: 0, y2: (w: Week) => Math.min(w.demand, w.capacity), insetLeft: 0.5, insetRight: 0.5, className: 'fill-1', fill: 'currentColor', title: loadTip }),
        Plot.rectY(overloaded, { ...xy(span), y1: 'capacity', y2: 'demand', insetLeft: 0.5, insetRight: 0.5, className: 'load-over', fill: 'currentColor', title: loadTip }),
        Plot.line(steps, { x: 'x', y: 'y', curve: 'step-after', className: 'load-capacity', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.ruleY([0]),
        ...(first && last && asOf >= first.monday && asOf <= addDays(last.monday, 6) ? todayMarks(asOf) : []),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    { label: 'Test demand within capacity', className: 'fill-1' },
    ...(overloaded.length ? [{ label: 'Demand above capacity', className: 'load-over' }] : []),
    { label: 'QA capacity', className: 'load-capacity' },
    ...(overloaded.length ? [{ label: 'Overload week (shaded)', className: 'load-over-week' }] : []),
  ];
  const data = { columns: ['Week', 'Monday', 'Test demand (h)', 'QA capacity (h)', 'Overload (h)'], rows: weeks.map((w) => [w.week, w.monday, w.demand, w.capacity, w.overload]) };
  return { id, title, reading, legend, svg, data };
}

function xy(span: (w: Week) => { x1: Date; x2: Date }) {
  return { x1: (w: Week) => span(w).x1, x2: (w: Week) => span(w).x2 };
}

/** E.g. "4 of 120 weeks overloaded (the latest 2026-W13, 180 h over); 41,000 h of test demand against 52,000 h of QA capacity in all." */
export function loadReading(weeks: readonly Week[]): string {
  if (weeks.length === 0) return 'No dated test cycles or QA capacity in the exports.';
  const overloaded = weeks.filter((w) => w.overload > 0);
  const demand = weeks.reduce((s, w) => s + w.demand, 0);
  const capacity = weeks.reduce((s, w) => s + w.capacity, 0);
  const latest = overloaded.at(-1);
  const head = latest
    ? `${formatCount(overloaded.length)} of ${formatCount(weeks.length)} ${weeks.length === 1 ? 'week' : 'weeks'} overloaded (the latest ${latest.week}, ${hours(latest.overload)} over)`
    : `No week overloaded in ${formatCount(weeks.length)} ${weeks.length === 1 ? 'week' : 'weeks'}`;
  return `${head}; ${hours(demand)} of test demand against ${hours(capacity)} of QA capacity in all.`;
}
