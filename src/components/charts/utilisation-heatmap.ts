// Utilisation as a heatmap: a row per environment, a cell per ISO week, shaded by one of five classes
// (quantized, so the legend is a few HTML swatches and the colours follow the theme through CSS).
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { EnvironmentsPage, WeekRef } from '../../report/model-environments.ts';
import { formatCount, formatPercent } from '../format.ts';
import { CHART_ENVIRONMENTS, shorten } from './booking-calendar.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { todayMarks } from './today.ts';
import { topKeys, topText } from './top.ts';

type Utilization = EnvironmentsPage['utilization'];
type UtilizationRow = Utilization['rows'][number];

/** Upper bounds of the classes `util-1` … `util-4`; `util-0` is nothing booked. */
const BOUNDS = [0.25, 0.5, 0.75, 1] as const;
export const UTILIZATION_LEGEND = [
  { label: 'None booked', className: 'util-0' },
  { label: 'Up to 25%', className: 'util-1' },
  { label: '25–50%', className: 'util-2' },
  { label: '50–75%', className: 'util-3' },
  { label: 'Over 75%', className: 'util-4' },
];

export function utilizationClass(value: number): string {
  return `util-${value <= 0 ? 0 : BOUNDS.findIndex((b) => value <= b) + 1 || BOUNDS.length}`;
}

/** Indexes of `weeks` from `before` weeks ahead of the as-of week to `after` weeks after it. */
export function weeksAround(weeks: readonly WeekRef[], asOf: string, before: number, after: number): { from: number; to: number } {
  const from = addDays(asOf, -7 * before);
  const to = addDays(asOf, 7 * after);
  const first = weeks.findIndex((w) => addDays(w.monday, 6) >= from);
  const last = weeks.findLastIndex((w) => w.monday <= to);
  return first === -1 || last < first ? { from: 0, to: 0 } : { from: first, to: last + 1 };
}

/**
 * The weeks of `utilization` with indexes in `window` (see weeksAround), one line per environment: the
 * CHART_ENVIRONMENTS most booked in those weeks (by the sum of their weekly shares) when there are more.
 */
export function utilizationHeatmap(id: string, title: string, utilization: Utilization, window: { from: number; to: number }, asOf: string): RenderedChart {
  const weeks = utilization.weeks.slice(window.from, window.to);
  const all = utilization.rows.map((r) => ({ ...r, values: r.values.slice(window.from, window.to) }));
  const top = new Set(topKeys(new Map(all.map((r) => [r.environment.id, r.values.reduce((s, v) => s + v, 0)])), CHART_ENVIRONMENTS));
  const rows = all.filter((r) => top.has(r.environment.id));
  const cells = rows.flatMap((r, i) =>
    weeks.map((w, j) => ({ key: String(i), name: r.environment.name, w, value: r.values[j]!, x1: dayStart(w.monday), x2: dayEnd(addDays(w.monday, 6)) })),
  );
  const reading = heatmapReading(all, weeks) + topText(rows.length, all.length, 'environments', 'capacity booked');
  const first = weeks[0];
  const last = weeks.at(-1);
  const domain: [Date, Date] | undefined = first && last ? [dayStart(first.monday), dayEnd(addDays(last.monday, 6))] : undefined;
  const svg = renderChart(
    {
      width: 1100,
      height: 80 + Math.max(rows.length, 1) * 18,
      marginTop: 30,
      // Room under the axis for a tick's year line, and the axis label below it.
      marginBottom: 50,
      marginRight: 20,
      marginLeft: Math.min(190, 16 + Math.max(4, ...rows.map((r) => shorten(r.environment.name).length)) * 6.5),
      x: { round: true, type: 'utc', domain, ticks: 'month', label: 'Week' },
      y: { round: true, type: 'band', domain: rows.map((_, i) => String(i)), tickFormat: (k: string) => shorten(rows[Number(k)]!.environment.name), tickSize: 0, padding: 0.08, label: 'Environment', labelAnchor: 'top' },
      marks: [
        // Nothing booked is the row's background, one bar per environment: most cells are that, and a
        // cell each would weigh the page down for tooltips that all say 0%.
        Plot.barX(domain ? rows : [], { x1: () => domain![0], x2: () => domain![1], y: (_: UtilizationRow, i: number) => String(i), className: 'util-0', fill: 'currentColor', title: (r: UtilizationRow) => `${r.environment.name}: grey weeks have nothing booked` }),
        ...UTILIZATION_LEGEND.slice(1).map(({ className }) =>
          Plot.barX(cells.filter((c) => utilizationClass(c.value) === className), {
            x1: 'x1', x2: 'x2', y: 'key', insetLeft: 0.5, insetRight: 0.5, className, fill: 'currentColor',
            title: (c: (typeof cells)[number]) => `${c.name}, week of ${c.w.monday}: ${formatPercent(c.value)} booked`,
          }),
        ),
        ...(domain && asOf >= first!.monday && asOf <= addDays(last!.monday, 6) ? todayMarks(asOf) : []),
      ],
    },
    { id, label: title, description: reading },
  );
  const data = { columns: ['Environment', 'Week', 'Monday', 'Share of capacity booked'], rows: all.flatMap((r) => weeks.map((w, j) => [r.environment.name, w.week, w.monday, r.values[j]!])) };
  return { id, title, reading, legend: UTILIZATION_LEGEND, svg, data };
}

export function heatmapReading(rows: readonly UtilizationRow[], weeks: readonly WeekRef[]): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last || rows.length === 0) return 'No environment has an approved booking, so there is no utilisation to show.';
  const busy = rows.map((r) => ({ r, full: r.values.filter((v) => v > 0.75).length })).sort((a, b) => b.full - a.full)[0]!;
  const mean = rows.reduce((s, r) => s + r.values.reduce((t, v) => t + v, 0), 0) / (rows.length * weeks.length);
  return (
    `${formatCount(rows.length)} ${rows.length === 1 ? 'environment' : 'environments'} over ${formatCount(weeks.length)} weeks (${first.week} – ${last.week}): ${formatPercent(mean)} of capacity booked on average` +
    (busy.full > 0 ? `; ${busy.r.environment.name} was over 75% booked in the most weeks (${formatCount(busy.full)}).` : '; no environment was over 75% booked in any week.')
  );
}
