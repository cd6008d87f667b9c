// Effort of a project, portfolio or program: what it got done per month, in the staffing basis
// (story points, or work items where points are too sparse), as bars.
import * as Plot from '@observablehq/plot';
import { formatCount, formatMonth, monthEnd, monthStart } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';

export interface EffortInput {
  id: string;
  /** What is measured: "story points" or "work items". */
  unit: string;
  months: readonly string[];
  done: readonly number[];
}

export function donePerMonthChart(input: EffortInput): RenderedChart {
  const { id, unit, months, done } = input;
  const title = `Done per month, in ${unit}`;
  const bars = months.map((month, i) => ({ month, done: done[i] ?? 0 })).filter((b) => b.done > 0);
  const total = bars.reduce((n, b) => n + b.done, 0);
  const busiest = [...bars].sort((a, b) => b.done - a.done || (a.month < b.month ? -1 : 1))[0];
  const reading = busiest
    ? `${formatCount(total)} ${unit} done from ${formatMonth(months[0]!)} to ${formatMonth(months.at(-1)!)}; the most in ${formatMonth(busiest.month)} (${formatCount(busiest.done)}).`
    : months.length ? `Nothing done from ${formatMonth(months[0]!)} to ${formatMonth(months.at(-1)!)}.` : 'Nothing done yet.';
  const svg = renderChart(
    {
      width: 1100, height: 220, marginLeft: 48, marginTop: 20, marginBottom: 40, marginRight: 20,
      x: { type: 'utc', label: 'Month', domain: months.length ? [monthStart(months[0]!), monthEnd(months.at(-1)!)] : undefined },
      y: { label: unit, grid: true, nice: true, zero: true, tickFormat: formatCount },
      marks: [
        Plot.rectY(bars, {
          x1: (b: { month: string }) => monthStart(b.month), x2: (b: { month: string }) => monthEnd(b.month), y: 'done', insetLeft: 1, insetRight: 1,
          className: 'fill-1', fill: 'currentColor', title: (b: { month: string; done: number }) => `${formatMonth(b.month)}: ${formatCount(b.done)} ${unit}`,
        }),
        Plot.ruleY([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  const data = { columns: ['Month', `Done (${unit})`], rows: months.map((month, i) => [month, done[i] ?? 0]) };
  return { id, title, reading, legend: [], svg, data };
}
