// The portfolio timeline on the overview: one band per project (in the status grid's order), each
// release a bar from planned start to planned release coloured by its consolidated status (shipped
// ones in the released colour), a line from the plan to the P85 forecast when that is later, the actual
// release as a dot, freezes over every system shaded, today as a rule.
import * as Plot from '@observablehq/plot';
import { addDays } from '../../metrics/periods.ts';
import type { TimelineRow } from '../../report/model-portfolio.ts';
import { formatCount, formatDate, formatMonth } from '../format.ts';
import { assignLanes } from './calendar-lanes.ts';
import { freezeMarks, type FreezeSpan } from './freeze-shading.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { todayMarks } from './today.ts';

type Release = TimelineRow['releases'][number];

export interface TimelineView {
  id: string;
  /** The chart's title, given the projects it draws: "every project" or "the first 20 projects". */
  title: (projects: string) => string;
  from: string;
  to: string;
}

/** Projects drawn at most: the first in the status grid's order (worst first) with releases in view. */
export const TIMELINE_PROJECTS = 20;
const WIDTH = 1100;
const LANE = 16;
const MARGIN = { marginTop: 30, marginBottom: 40, marginRight: 20 } as const;
const COLOURS = ['red', 'amber', 'green'] as const;
const LEGEND = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

interface Bar {
  release: Release;
  project: string;
  projectName: string;
  start: string;
  end: string;
  /** The last day drawn: the plan, or a later P85 forecast or actual release. */
  last: string;
}

function barOf(release: Release, project: string, projectName: string): Bar | null {
  if (release.state === 'cancelled') return null;
  const start = release.plannedStart ?? release.plannedRelease ?? release.actualRelease;
  const end = release.plannedRelease ?? release.plannedStart ?? release.actualRelease;
  if (start === null || end === null) return null;
  const last = [end, release.forecastP85, release.actualRelease].filter((d): d is string => d !== null).sort().at(-1)!;
  return { release, project, projectName, start, end, last };
}

const tip = (b: Bar) => {
  const r = b.release;
  const outcome = r.actualRelease ? `released ${r.actualRelease}` : `${r.status ?? r.state}${r.forecastP85 ? `, P85 forecast ${r.forecastP85}` : ''}`;
  return `${r.release.name} (${b.projectName}): planned ${r.plannedStart ?? '?'} → ${r.plannedRelease ?? '?'}; ${outcome}`;
};

export function portfolioTimeline(rows: readonly TimelineRow[], freezes: readonly FreezeSpan[], asOf: string, view: TimelineView): RenderedChart {
  // Bands keep the grid's order: the group key is the row's index, the label its project's name.
  const names = rows.map((r) => r.project.name);
  const key = (i: number) => String(i).padStart(4, '0');
  const all = rows.flatMap((r, i) => r.releases.map((x) => barOf(x, key(i), r.project.name)).filter((b): b is Bar => b !== null && b.last >= view.from && b.start <= view.to));
  const projects = [...new Set(all.map((b) => b.project))].sort();
  const drawn = new Set(projects.slice(0, TIMELINE_PROJECTS));
  const bars = all.filter((b) => drawn.has(b.project));
  const { lanes, laneOf } = assignLanes(bars.map((b) => ({ group: b.project, start: b.start, end: b.last, id: b.release.release.id })));
  const placed = bars.map((b, i) => ({ ...b, lane: laneOf[i]! }));
  const clip = (first: string, last: string) => ({ x1: dayStart(first < view.from ? view.from : first), x2: dayEnd(last > view.to ? view.to : last) });
  const inView = (first: string, last: string) => last >= view.from && first <= view.to && first <= last;
  const plan = placed.filter((b) => inView(b.start, b.end)).map((b) => ({ b, ...clip(b.start, b.end) }));
  const colourOf = (b: Bar) => (b.release.status ?? (b.release.state === 'released' ? 'released' : 'unrated'));
  const late = placed.filter((b) => b.release.forecastP85 !== null && b.release.actualRelease === null && b.release.forecastP85 > b.end && inView(addDays(b.end, 1), b.release.forecastP85));
  const forecastLines = late.map((b) => ({ b, ...clip(addDays(b.end, 1), b.release.forecastP85!) }));
  const forecastTicks = placed.filter((b) => b.release.actualRelease === null && b.release.forecastP85 !== null && inView(b.release.forecastP85, b.release.forecastP85));
  const shipped = placed.filter((b) => b.release.actualRelease !== null && inView(b.release.actualRelease, b.release.actualRelease));
  const group = (l: { group: string }) => names[Number(l.group)] ?? l.group;
  const { marks: freezeShading, shown } = freezeMarks(freezes, lanes, () => null, view);
  const labelWidth = Math.max(...lanes.filter((l) => l.first).map((l) => Math.min(group(l).length, 26)), 4);
  const reading = timelineReading(placed, rows, view, late.length, shown.length)
    + (drawn.size < projects.length ? ` Drawn: the first ${formatCount(drawn.size)} of the ${formatCount(projects.length)} projects with releases in view, in the status grid's order; the CSV download has them all.` : '');
  const title = view.title(drawn.size < projects.length ? `the first ${formatCount(drawn.size)} projects` : 'every project');
  const svg = renderChart(
    {
      width: WIDTH,
      height: MARGIN.marginTop + MARGIN.marginBottom + Math.max(lanes.length, 1) * LANE,
      ...MARGIN,
      marginLeft: Math.min(190, 16 + labelWidth * 6.5),
      x: { type: 'utc', domain: [dayStart(view.from), dayEnd(view.to)], ticks: 'month', grid: true, label: 'Date' },
      y: {
        type: 'band', domain: lanes.map((l) => l.key), padding: 0, ticks: lanes.filter((l) => l.first).map((l) => l.key),
        tickFormat: (k: string) => {
          const name = group(lanes.find((l) => l.key === k)!);
          return name.length > 26 ? `${name.slice(0, 25)}…` : name;
        },
        tickSize: 0, label: 'Project', labelAnchor: 'top',
      },
      marks: [
        Plot.barX(lanes.filter((l) => l.odd), { x1: () => dayStart(view.from), x2: () => dayEnd(view.to), y: 'key', className: 'cal-group', fill: 'currentColor' }),
        ...freezeShading,
        // One mark per colour: a mark's class is fixed, and the class is what follows the theme.
        ...[...COLOURS, 'released', 'unrated'].map((c) =>
          Plot.barX(plan.filter((d) => colourOf(d.b) === c), {
            x1: 'x1', x2: 'x2', y: (d: { b: { lane: string } }) => d.b.lane, insetTop: 3, insetBottom: 3, className: `tl-${c}`, fill: 'currentColor', title: (d: { b: Bar }) => tip(d.b),
          }),
        ),
        Plot.ruleY(forecastLines, { x1: 'x1', x2: 'x2', y: (d: { b: { lane: string } }) => d.b.lane, className: 'tl-forecast', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '4 2' }),
        Plot.tickX(forecastTicks, { x: (b: Bar) => dayEnd(b.release.forecastP85!), y: 'lane', className: 'tl-forecast', stroke: 'currentColor', strokeWidth: 2, title: (b: Bar) => `${b.release.release.name}: P85 forecast ${b.release.forecastP85}` }),
        Plot.dot(shipped, { x: (b: Bar) => dayEnd(b.release.actualRelease!), y: 'lane', r: 3.5, className: 'cal-actual', fill: 'currentColor', title: tip }),
        ...(asOf >= view.from && asOf <= view.to ? todayMarks(asOf) : []),
      ],
    },
    { id: view.id, label: title, description: reading },
  );
  const present = new Set(plan.map((d) => colourOf(d.b)));
  const legend = [
    ...COLOURS.filter((c) => present.has(c)).map((c) => ({ label: `${LEGEND[c]} (open release)`, className: `tl-${c}` })),
    ...(present.has('released') ? [{ label: 'Released (plan; dot: actual release)', className: 'tl-released' }] : []),
    ...(present.has('unrated') ? [{ label: 'Not rated', className: 'tl-unrated' }] : []),
    ...(forecastTicks.length ? [{ label: 'P85 forecast (tick; dashed when past plan)', className: 'tl-forecast' }] : []),
    ...(shown.length ? [{ label: 'Freeze window (all systems)', className: 'cal-freeze' }] : []),
  ];
  const data = {
    columns: ['Project', 'Release', 'Status', 'Planned start', 'Planned release', 'P85 forecast', 'Actual release'],
    rows: all.map((b) => [b.projectName, b.release.release.name, colourOf(b), b.release.plannedStart, b.release.plannedRelease, b.release.forecastP85, b.release.actualRelease]),
  };
  return { id: view.id, title, reading, legend, svg, data };
}

function timelineReading(bars: ReadonlyArray<Bar>, rows: readonly TimelineRow[], view: TimelineView, late: number, freezes: number): string {
  const span = `${formatMonth(view.from.slice(0, 7))} – ${formatMonth(view.to.slice(0, 7))}`;
  const releases = new Set(bars.map((b) => b.release.release.id)).size;
  if (releases === 0) return `No release is planned or shipped in ${span}.`;
  const projects = new Set(bars.map((b) => b.project)).size;
  const count = (c: string) => bars.filter((b) => b.release.status === c).length;
  return (
    `${formatCount(releases)} releases of ${formatCount(projects)} of ${formatCount(rows.length)} projects in ${span}: ` +
    `${formatCount(count('red'))} red, ${formatCount(count('amber'))} amber, ${formatCount(count('green'))} green open releases; ` +
    `${formatCount(late)} with a P85 forecast past plan; ${formatCount(freezes)} freeze ${freezes === 1 ? 'window' : 'windows'} shaded. Through ${formatDate(view.to)}.`
  );
}
