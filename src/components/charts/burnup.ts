// A release's scope burn-up: per week, the work items in scope and those done; the gap between the
// lines is the work left. The planned release date is a dashed rule.
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { ReleaseDetail } from '../../report/model-releases.ts';
import { formatCount, formatPercent } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';

type Week = ReleaseDetail['burnup'][number];

export function burnupChart(id: string, weeks: ReleaseDetail['burnup'], plannedRelease: string | null): RenderedChart {
  const title = 'Scope burn-up';
  const reading = burnupReading(weeks);
  const points = weeks.flatMap((w) => [
    { week: dayStart(w.week), value: w.scope, series: 'scope', w },
    { week: dayStart(w.week), value: w.done, series: 'done', w },
  ]);
  const tipOf = (d: { w: Week }) => `Week of ${d.w.week}: ${formatCount(d.w.done)} of ${formatCount(d.w.scope)} work items done`;
  const first = weeks[0]?.week;
  const last = weeks.at(-1)?.week;
  // A plan after the last week widens the axis to it: how far the done line still has to go shows.
  const planInside = plannedRelease !== null && first !== undefined && plannedRelease >= first;
  const end = last === undefined ? undefined : dayEnd(planInside && plannedRelease > last ? plannedRelease : addDays(last, 6));
  const svg = renderChart(
    {
      width: 720,
      height: 260,
      marginLeft: 52,
      marginTop: 24,
      marginBottom: 40,
      x: { type: 'utc', label: 'Week', grid: true, domain: first === undefined ? undefined : [dayStart(first), end!] },
      y: { label: 'Work items', grid: true, nice: true, zero: true, tickFormat: 'd' },
      marks: [
        ...(['scope', 'done'] as const).flatMap((series) => {
          const className = series === 'scope' ? 'stroke-2' : 'stroke-1';
          const rows = points.filter((p) => p.series === series);
          return [
            Plot.line(rows, { x: 'week', y: 'value', curve: 'step-after', className, stroke: 'currentColor', strokeWidth: 2 }),
            Plot.dot(rows, { x: 'week', y: 'value', r: 2.5, className, fill: 'currentColor', title: tipOf }),
          ];
        }),
        ...(planInside
          ? [
              Plot.ruleX([dayEnd(plannedRelease)], { className: 'cal-today', stroke: 'currentColor', strokeDasharray: '4 3' }),
              Plot.text([dayEnd(plannedRelease)], { x: (d: Date) => d, text: () => `Planned release ${plannedRelease}`, frameAnchor: 'top', lineAnchor: 'bottom', dy: -4, className: 'cal-today-label' }),
            ]
          : []),
        Plot.ruleY([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    { label: 'In scope', className: 'stroke-2' },
    { label: 'Done', className: 'stroke-1' },
  ];
  const data = { columns: ['Week (Monday)', 'In scope', 'Done'], rows: weeks.map((w) => [w.week, w.scope, w.done]) };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "Week of 2026-03-30: 37 of 64 work items done (58%); scope grew from 13 to 64 since the week of 2026-02-02." */
export function burnupReading(weeks: ReleaseDetail['burnup']): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return 'No work items are planned for this release.';
  const done = `Week of ${last.week}: ${formatCount(last.done)} of ${formatCount(last.scope)} work items done (${formatPercent(last.scope ? last.done / last.scope : null)})`;
  const scope = last.scope === first.scope ? `scope steady at ${formatCount(last.scope)}` : `scope went from ${formatCount(first.scope)} to ${formatCount(last.scope)} since the week of ${first.week}`;
  return `${done}; ${scope}.`;
}
