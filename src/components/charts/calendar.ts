// The consolidated release calendar: one band per project (or system), releases as bars from planned
// start to planned release, the actual release as a dot (a diamond at the end of a slip line when
// late), overdue releases trailing a dashed line to today, freeze windows shaded, today as a rule.
import * as Plot from '@observablehq/plot';
import { addDays, monthOf } from '../../metrics/periods.ts';
import type { ReleaseRow, ReleasesPage } from '../../report/model-releases.ts';
import { formatCount, formatDate, formatMonth } from '../format.ts';
import { releaseLabel } from '../release-names.ts';
import { stateClass, stateLabel, stateLegend, STATES } from '../release-states.ts';
import { assignLanes, type Lane } from './calendar-lanes.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { topKeys, topText, weigh, withinBudget } from './top.ts';

type Freeze = ReleasesPage['calendar']['freezes'][number];

export interface CalendarView {
  id: string;
  title: string;
  by: 'project' | 'system';
  /** First and last day shown. */
  from: string;
  to: string;
  ticks: 'month' | 'quarter';
}

const WIDTH = 1100;
const LANE = 16;
/** The projects (or systems) drawn, those with the most releases in the view. */
export const CALENDAR_GROUPS = 12;
/**
 * Bars drawn at most: fewer groups when the busiest ones hold more (trains every few weeks over years
 * make dozens of bars per project, each with its tooltip). At least one group is drawn.
 */
export const CALENDAR_BARS = 160;
const MARGIN = { marginTop: 30, marginBottom: 40, marginRight: 20 } as const;
const NO_GROUP = { project: '(no project)', system: '(no system)' } as const;

interface Bar {
  row: ReleaseRow;
  group: string;
  start: string;
  /** The last planned day. */
  planEnd: string;
  /** The last day the release occupies: its plan, a late actual date, or today when overdue. */
  end: string;
}

/** The whole months from `before` months ahead of the as-of month to `after` months after it. */
export function monthsAround(asOf: string, before: number, after: number): { from: string; to: string } {
  const shift = (months: number) => {
    const d = dayStart(`${monthOf(asOf)}-01`);
    d.setUTCMonth(d.getUTCMonth() + months);
    return d.toISOString().slice(0, 10);
  };
  return { from: shift(-before), to: addDays(shift(after + 1), -1) };
}

/** The span widened to whole quarters, so quarter ticks fall on its edges. */
export function wholeQuarters(from: string, to: string): { from: string; to: string } {
  const quarterStart = (date: string) => `${date.slice(0, 4)}-${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const end = dayStart(quarterStart(to));
  end.setUTCMonth(end.getUTCMonth() + 3);
  return { from: quarterStart(from), to: addDays(end.toISOString().slice(0, 10), -1) };
}

function barsOf(rows: readonly ReleaseRow[], view: CalendarView, asOf: string): Bar[] {
  const bars: Bar[] = [];
  for (const row of rows) {
    const start = row.plannedStart ?? row.plannedRelease ?? row.actualRelease;
    const planEnd = row.plannedRelease ?? row.plannedStart ?? row.actualRelease;
    if (start === null || planEnd === null) continue;
    const late = row.state === 'overdue' ? asOf : row.actualRelease;
    const end = late !== null && late > planEnd ? late : planEnd;
    if (end < view.from || start > view.to) continue;
    const groups = view.by === 'project' ? [row.projectName ?? row.projectId] : row.systemIds.length > 0 ? row.systemIds : [null];
    for (const group of groups) bars.push({ row, group: group ?? NO_GROUP[view.by], start, planEnd, end });
  }
  return bars;
}

function tip(b: Bar): string {
  const plan = b.row.plannedStart && b.row.plannedRelease ? `planned ${b.row.plannedStart} → ${b.row.plannedRelease}` : `planned ${formatDate(b.row.plannedRelease ?? b.row.plannedStart)}`;
  return `${releaseLabel(b.row)} (${b.group}): ${plan}; ${b.row.stateReason}`;
}

function freezeTip(f: Freeze): string {
  const scope = f.scope === null ? 'all systems' : f.scope.join(', ');
  return `Freeze: ${f.name}, ${f.start} to ${addDays(f.end, -1)} (${scope})`;
}

/** The days `first` to `last` clipped to the view, as a time span; null when none of them is in it. */
function clip(view: CalendarView, first: string, last: string): { x1: Date; x2: Date } | null {
  if (last < view.from || first > view.to || first > last) return null;
  return { x1: dayStart(first < view.from ? view.from : first), x2: dayEnd(last > view.to ? view.to : last) };
}

export function calendarChart(rows: readonly ReleaseRow[], freezes: readonly Freeze[], asOf: string, view: CalendarView): RenderedChart {
  const all = barsOf(rows, view, asOf);
  const counts = weigh(all, (b) => b.group);
  const drawn = new Set(withinBudget(topKeys(counts, CALENDAR_GROUPS), (key) => counts.get(key)!, CALENDAR_BARS));
  const bars = all.filter((b) => drawn.has(b.group));
  const { lanes, laneOf } = assignLanes(bars.map((b) => ({ group: b.group, start: b.start, end: b.end, id: b.row.id })));
  const placed = bars.map((b, i) => ({ ...b, lane: laneOf[i]! }));
  const domain: [Date, Date] = [dayStart(view.from), dayEnd(view.to)];
  const within = (date: string) => date >= view.from && date <= view.to;
  // A lane's days `first` to `last` as a mark's datum, with `more` fields; nothing when outside the view.
  const span = <T>(lane: string, first: string, last: string, more: T) => {
    const c = clip(view, first, last);
    return c ? [{ lane, ...c, ...more }] : [];
  };
  const shaded = (f: Freeze) => clip(view, f.start, addDays(f.end, -1)) !== null;
  const allSystems = freezes.filter((f) => f.scope === null && shaded(f));
  // Scoped freezes shade only their systems' rows, so they only show in the by-system view.
  const scoped = view.by === 'system' ? freezes.filter((f) => f.scope !== null && shaded(f)) : [];
  const scopedCells = scoped.flatMap((f) => lanes.filter((l) => f.scope!.includes(l.group)).flatMap((l) => span(l.key, f.start, addDays(f.end, -1), { f })));
  const planBars = placed.flatMap((b) => span(b.lane, b.start, b.planEnd, { b }));
  const overdue = placed.filter((b) => b.row.state === 'overdue').flatMap((b) => span(b.lane, addDays(b.planEnd, 1), b.end, {}));
  const slips = placed.filter((b) => isLate(b.row)).flatMap((b) => span(b.lane, addDays(b.planEnd, 1), b.row.actualRelease!, {}));
  const shipped = placed.filter((b) => b.row.state === 'released' && b.row.actualRelease !== null && within(b.row.actualRelease));
  const dots = { onTime: shipped.filter((b) => !isLate(b.row)), late: shipped.filter((b) => isLate(b.row)) };
  const dot = (r: number, symbol: string, className: string) => ({
    x: (b: Bar) => dayEnd(b.row.actualRelease!), y: 'lane', r, symbol, className, fill: 'currentColor', title: (b: Bar) => `${releaseLabel(b.row)}: ${b.row.stateReason}`,
  });
  const reading = calendarReading(all, view, [...allSystems, ...scoped]) + topText(drawn.size, counts.size, view.by === 'project' ? 'projects' : 'systems', 'releases');
  const labelWidth = Math.max(...lanes.filter((l) => l.first).map((l) => label(l).length), 4);
  const svg = renderChart(
    {
      width: WIDTH,
      height: MARGIN.marginTop + MARGIN.marginBottom + Math.max(lanes.length, 1) * LANE,
      ...MARGIN,
      marginLeft: Math.min(190, 16 + labelWidth * 6.5),
      x: { type: 'utc', domain, ticks: view.ticks === 'month' ? 'month' : '3 months', grid: true, label: 'Date' },
      y: {
        type: 'band',
        domain: lanes.map((l) => l.key),
        padding: 0,
        ticks: lanes.filter((l) => l.first).map((l) => l.key),
        tickFormat: (key: string) => label(lanes.find((l) => l.key === key)!),
        tickSize: 0,
        label: view.by === 'project' ? 'Project' : 'System',
        labelAnchor: 'top',
      },
      marks: [
        Plot.barX(lanes.filter((l) => l.odd), { x1: () => domain[0], x2: () => domain[1], y: 'key', className: 'cal-group', fill: 'currentColor' }),
        Plot.rect(allSystems.flatMap((f) => span('', f.start, addDays(f.end, -1), { f })), { x1: 'x1', x2: 'x2', className: 'cal-freeze', fill: 'currentColor', title: (d: { f: Freeze }) => freezeTip(d.f) }),
        Plot.barX(scopedCells, { x1: 'x1', x2: 'x2', y: 'lane', className: 'cal-freeze', fill: 'currentColor', title: (d: { f: Freeze }) => freezeTip(d.f) }),
        // One mark per state: a mark's class is fixed, and the class is what follows the theme.
        ...STATES.map((state) =>
          Plot.barX(planBars.filter((d) => d.b.row.state === state), {
            x1: 'x1', x2: 'x2', y: 'lane', insetTop: 3, insetBottom: 3, className: stateClass(state), fill: 'currentColor', title: (d: { b: Bar }) => tip(d.b),
          }),
        ),
        Plot.ruleY(overdue, { x1: 'x1', x2: 'x2', y: 'lane', className: 'cal-overdue', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '3 2' }),
        Plot.ruleY(slips, { x1: 'x1', x2: 'x2', y: 'lane', className: 'cal-late', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.dot(dots.onTime, dot(3.5, 'circle', 'cal-actual')),
        Plot.dot(dots.late, dot(4.5, 'diamond', 'cal-late')),
        ...(within(asOf)
          ? [
              Plot.ruleX([dayEnd(asOf)], { className: 'cal-today', stroke: 'currentColor', strokeWidth: 2 }),
              Plot.text([dayEnd(asOf)], { x: (d: Date) => d, text: () => `Today (as of ${asOf})`, frameAnchor: 'top', lineAnchor: 'bottom', dy: -4, className: 'cal-today-label' }),
            ]
          : []),
      ],
    },
    { id: view.id, label: view.title, description: reading },
  );
  // Only what the chart shows: a legend entry without a mark would mislead.
  const legend = [
    ...stateLegend(placed.map((b) => b.row.state)),
    ...(dots.onTime.length ? [{ label: 'Released on time or early (dot)', className: 'cal-actual' }] : []),
    ...(dots.late.length ? [{ label: 'Released late (diamond after the slip)', className: 'cal-late' }] : []),
    ...(overdue.length ? [{ label: 'Overdue (dashed line to today)', className: 'cal-overdue' }] : []),
    ...(allSystems.length + scoped.length ? [{ label: 'Freeze window', className: 'cal-freeze' }] : []),
  ];
  const data = {
    columns: ['Release', view.by === 'project' ? 'Project' : 'System', 'State', 'Planned start', 'Planned release', 'Actual release', 'Slip (days)'],
    rows: all.map((b) => [releaseLabel(b.row), b.group, stateLabel(b.row.state), b.row.plannedStart, b.row.plannedRelease, b.row.actualRelease, b.row.slipDays]),
  };
  return { id: view.id, title: view.title, reading, legend, svg, data };
}

function isLate(row: ReleaseRow): boolean {
  return row.slipDays !== null && row.slipDays > 0;
}

/** Axis labels are cut to a readable width; the tooltips carry the full names. */
function label(lane: Lane): string {
  return lane.group.length > 26 ? `${lane.group.slice(0, 25)}…` : lane.group;
}

function calendarReading(bars: readonly Bar[], view: CalendarView, shaded: readonly Freeze[]): string {
  const releases = new Set(bars.map((b) => b.row.id));
  const span = `${formatMonth(monthOf(view.from))} – ${formatMonth(monthOf(view.to))}`;
  if (releases.size === 0) return `No release is planned or shipped in ${span}.`;
  const groups = new Set(bars.map((b) => b.group)).size;
  const overdue = new Set(bars.filter((b) => b.row.state === 'overdue').map((b) => b.row.id)).size;
  const inView = shaded.length;
  return (
    `${formatCount(releases.size)} ${releases.size === 1 ? 'release' : 'releases'} of ${formatCount(groups)} ${view.by === 'project' ? 'projects' : 'systems'} in ${span}` +
    `${overdue > 0 ? `, ${formatCount(overdue)} overdue` : ''}; ${formatCount(inView)} freeze ${inView === 1 ? 'window' : 'windows'} shaded.`
  );
}
