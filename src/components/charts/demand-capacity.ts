// Environment demand against capacity for the next 12 weeks: per week a bar of booked hours with the
// unbooked test phases' hours stacked on it, the capacity as a tick across the week, and the weeks
// where demand exceeds capacity labelled.
import * as Plot from '@observablehq/plot';
import type { WeekRef } from '../../report/model-environments.ts';
import { formatCount, formatPercent } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';

export interface DemandPoint extends WeekRef {
  booked: number;
  unbooked: number;
  capacity: number;
}

const SIZE = { width: 560, height: 240, marginLeft: 56, marginBottom: 44, marginTop: 24 } as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2026-10-12` → `12 Oct`: a week by its Monday, short enough for twelve under a small chart. */
const shortDay = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
const hours = (h: number) => `${formatCount(h)} h`;
const over = (p: DemandPoint) => p.booked + p.unbooked > p.capacity;

export function demandTip(p: DemandPoint, scope: string): string {
  const demand = p.booked + p.unbooked;
  const load = p.capacity > 0 ? ` (${formatPercent(demand / p.capacity)})` : '';
  const parts = p.unbooked > 0 ? `${hours(p.booked)} booked + ${hours(p.unbooked)} unbooked = ${hours(demand)}` : `${hours(p.booked)} booked`;
  return `${scope}, week of ${p.monday}: ${parts} of ${hours(p.capacity)} capacity${load}${over(p) ? ', over capacity' : ''}`;
}

/** `scope` names what the hours are of ("All environments", "uat", an environment's name) in tooltips. */
export function demandChart(id: string, title: string, scope: string, weeks: readonly DemandPoint[]): RenderedChart {
  const reading = demandReading(weeks);
  const rows = weeks.map((p) => ({ p, demand: p.booked + p.unbooked }));
  const tip = (d: { p: DemandPoint }) => demandTip(d.p, scope);
  const svg = renderChart(
    {
      ...SIZE,
      x: { round: true, type: 'band', domain: weeks.map((w) => w.monday), tickFormat: shortDay, ticks: weeks.filter((_, i) => i % 2 === 0).map((w) => w.monday), label: 'Week (Monday)', padding: 0.2 },
      y: { round: true, label: 'Hours', grid: true, nice: true, zero: true, tickFormat: formatCount },
      marks: [
        Plot.barY(rows.filter((d) => d.p.booked > 0), { x: (d: { p: DemandPoint }) => d.p.monday, y1: 0, y2: (d: { p: DemandPoint }) => d.p.booked, className: 'fill-1', fill: 'currentColor', title: tip }),
        Plot.barY(rows.filter((d) => d.p.unbooked > 0), { x: (d: { p: DemandPoint }) => d.p.monday, y1: (d: { p: DemandPoint }) => d.p.booked, y2: 'demand', className: 'demand-unbooked', fill: 'currentColor', title: tip }),
        Plot.tickY(weeks, { x: 'monday', y: 'capacity', className: 'demand-capacity', stroke: 'currentColor', strokeWidth: 2.5 }),
        // A week without demand has no bar to hover: its tooltip goes on the capacity tick.
        Plot.tickY(weeks.filter((p) => p.booked + p.unbooked === 0), { x: 'monday', y: 'capacity', className: 'demand-capacity', stroke: 'currentColor', strokeWidth: 8, strokeOpacity: 0, title: (p: DemandPoint) => demandTip(p, scope) }),
        Plot.text(rows.filter((d) => over(d.p)), { x: (d: { p: DemandPoint }) => d.p.monday, y: 'demand', text: () => 'over', dy: -7, className: 'demand-over' }),
        Plot.ruleY([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    { label: 'Booked (approved and requested)', className: 'fill-1' },
    ...(weeks.some((w) => w.unbooked > 0) ? [{ label: 'Unbooked test phases', className: 'demand-unbooked' }] : []),
    { label: 'Capacity (tick)', className: 'demand-capacity' },
  ];
  const data = { columns: ['Week', 'Monday', 'Booked (h)', 'Unbooked test phases (h)', 'Capacity (h)'], rows: weeks.map((p) => [p.week, p.monday, p.booked, p.unbooked, p.capacity]) };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "1,464 h booked and 216 h unbooked against 5,880 h of capacity over 12 weeks (29%); over capacity in 1 week (week of 2026-11-09)." */
export function demandReading(weeks: readonly DemandPoint[]): string {
  if (weeks.length === 0) return 'No weeks to show.';
  const sum = (f: (p: DemandPoint) => number) => weeks.reduce((s, p) => s + f(p), 0);
  const booked = sum((p) => p.booked);
  const unbooked = sum((p) => p.unbooked);
  const capacity = sum((p) => p.capacity);
  const overWeeks = weeks.filter(over);
  const load = capacity > 0 ? ` (${formatPercent((booked + unbooked) / capacity)})` : '';
  const demand = unbooked > 0 ? `${hours(booked)} booked and ${hours(unbooked)} unbooked` : `${hours(booked)} booked`;
  const tail = overWeeks.length === 0
    ? 'demand stays within capacity every week.'
    : `over capacity in ${formatCount(overWeeks.length)} ${overWeeks.length === 1 ? 'week' : 'weeks'} (${overWeeks.length === 1 ? 'week' : 'weeks'} of ${overWeeks.map((w) => w.monday).join(', ')}).`;
  return `${demand} against ${hours(capacity)} of capacity over ${formatCount(weeks.length)} weeks${load}; ${tail}`;
}
