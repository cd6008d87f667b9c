// One environment's utilisation per ISO week over the whole span: a bar per week, shaded by the
// heatmap's classes so both charts read alike, and today as a rule.
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { EnvironmentDetail } from '../../report/model-environments.ts';
import { formatCount, formatPercent } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { todayMarks } from './today.ts';
import { UTILIZATION_LEGEND, utilizationClass } from './utilisation-heatmap.ts';

type Week = EnvironmentDetail['utilization'][number];

export function utilizationTrendChart(id: string, name: string, weeks: readonly Week[], asOf: string): RenderedChart {
  const title = 'Utilisation per week';
  const reading = trendReading(weeks, asOf);
  const bars = weeks.map((w) => ({ w, x1: dayStart(w.monday), x2: dayEnd(addDays(w.monday, 6)), percent: w.value * 100 }));
  const first = weeks[0];
  const last = weeks.at(-1);
  const svg = renderChart(
    {
      width: 1100,
      height: 240,
      marginLeft: 48,
      marginTop: 24,
      // Room under the axis for a tick's year line, and the axis label below it.
      marginBottom: 50,
      marginRight: 20,
      x: { round: true, type: 'utc', label: 'Week', domain: first && last ? [dayStart(first.monday), dayEnd(addDays(last.monday, 6))] : undefined },
      y: { round: true, label: 'Capacity booked (%)', domain: [0, 100], grid: true, tickFormat: (v: number) => `${v}%` },
      marks: [
        // util-0 weeks have no height: nothing to draw or hover.
        ...UTILIZATION_LEGEND.slice(1).map(({ className }) =>
          Plot.rectY(bars.filter((b) => utilizationClass(b.w.value) === className), {
            x1: 'x1', x2: 'x2', y: 'percent', insetLeft: 0.5, insetRight: 0.5, className, fill: 'currentColor',
            title: (b: { w: Week }) => `${name}, week ${b.w.week} (from ${b.w.monday}): ${formatPercent(b.w.value)} (${formatCount(b.w.bookedDays)} of ${formatCount(b.w.capacityDays)} capacity-days booked)`,
          }),
        ),
        Plot.ruleY([0]),
        ...(first && last && asOf >= first.monday && asOf <= addDays(last.monday, 6) ? todayMarks(asOf) : []),
      ],
    },
    { id, label: title, description: reading },
  );
  const data = {
    columns: ['Week', 'Monday', 'Share of capacity booked', 'Days booked', 'Capacity-days'],
    rows: weeks.map((w) => [w.week, w.monday, w.value, w.bookedDays, w.capacityDays]),
  };
  return { id, title, reading, legend: UTILIZATION_LEGEND.slice(1), svg, data };
}

/** E.g. "57% of capacity booked over the 12 weeks to 2026-W13; busiest week 2025-W45 (100%)." */
export function trendReading(weeks: readonly Week[], asOf: string): string {
  if (weeks.length === 0) return 'Not measured: a production environment without bookings.';
  const past = weeks.filter((w) => w.monday <= asOf);
  const recent = past.slice(-12);
  const busiest = weeks.reduce((a, w) => (w.value > a.value ? w : a));
  if (busiest.value === 0) return `Nothing booked in any of the ${formatCount(weeks.length)} weeks.`;
  const share = recent.length ? recent.reduce((s, w) => s + w.bookedDays, 0) / recent.reduce((s, w) => s + w.capacityDays, 0) : null;
  const lead = share === null ? `Booked from ${weeks[0]!.week} on` : `${formatPercent(share)} of capacity booked over the ${formatCount(recent.length)} weeks to ${recent.at(-1)!.week}`;
  return `${lead}; the busiest week was ${busiest.week} (${formatPercent(busiest.value)}).`;
}
