// The change calendar: one band per system (the busiest, when there are many), split into lanes
// (calendar-lanes.ts) so that changes planned on the same days never cover each other; each change's
// planned window as a bar over the calendar days it touches (in the report's time zone), coloured by
// outcome, collisions outlined, freeze windows shaded (freeze-shading.ts), today as a rule. Too many
// changes for bars, and it counts them per week instead (change-weeks.ts).
import * as Plot from '@observablehq/plot';
import { localDay } from '../../metrics/calendar.ts';
import { monthOf } from '../../metrics/periods.ts';
import type { ChangeRow, FreezeRow } from '../../report/model-changes.ts';
import { formatCount, formatInstant, formatMonth } from '../format.ts';
import { closeCodeLabel, stateLabel } from '../operation-labels.ts';
import { shorten } from './booking-calendar.ts';
import { assignLanes } from './calendar-lanes.ts';
import { weekMarks, type PlannedChange } from './change-weeks.ts';
import { freezeMarks } from './freeze-shading.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { todayMarks } from './today.ts';
import { topKeys, topText, weigh } from './top.ts';

export interface ChangeCalendarView {
  id: string;
  title: string;
  /** First and last day shown. */
  from: string;
  to: string;
}

/** Outcome classes (site.css), in legend order. */
const OUTCOMES = [
  { className: 'chg-successful', label: 'Closed successful' },
  { className: 'chg-issues', label: 'Closed successful with issues' },
  { className: 'chg-failed', label: 'Closed unsuccessful' },
  { className: 'chg-open', label: 'Not closed yet' },
] as const;
type Outcome = (typeof OUTCOMES)[number]['className'];

const LANE = 16;
/** The systems drawn, those with the most changes in the window: a row each (more where changes overlap). */
export const CALENDAR_SYSTEMS = 12;
/** Up to this many changes of those systems are drawn a bar each; more are counted per week (change-weeks.ts). */
export const CALENDAR_BARS = 400;
// Room under the axis for a tick's year line, and the axis label below it.
const MARGIN = { marginTop: 30, marginBottom: 50, marginRight: 20 } as const;
const NO_SYSTEM = '(no system)';

/** By name, then id; changes without a system last. */
function bySystemName([a, aName]: [string | null, string], [b, bName]: [string | null, string]): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return aName.localeCompare(bName, 'en') || (a < b ? -1 : a > b ? 1 : 0);
}

export function outcomeOf(c: Pick<ChangeRow, 'closeCode'>): Outcome {
  return c.closeCode === 'successful' ? 'chg-successful' : c.closeCode === 'successful_with_issues' ? 'chg-issues' : c.closeCode === 'unsuccessful' ? 'chg-failed' : 'chg-open';
}

/** The calendar days `[start, end)` touches in `timeZone`: its first day alone without an end after its start. */
export function plannedDays(c: Pick<ChangeRow, 'plannedStart' | 'plannedEnd'>, timeZone: string): { first: string; last: string } | null {
  if (c.plannedStart === null) return null;
  const day = (ms: number) => localDay(new Date(ms).toISOString(), timeZone);
  const start = Date.parse(c.plannedStart);
  const end = c.plannedEnd === null ? start : Math.max(start, Date.parse(c.plannedEnd) - 1);
  return { first: day(start), last: day(end) };
}

export function changeTip(c: ChangeRow): string {
  const what = [c.type, c.state === null ? null : stateLabel(c.state).toLowerCase(), c.closeCode === null ? null : closeCodeLabel(c.closeCode).toLowerCase()].filter((x) => x !== null).join(', ');
  const plan = `planned ${formatInstant(c.plannedStart)}${c.plannedEnd ? ` → ${formatInstant(c.plannedEnd)}` : ''}`;
  const freeze = c.freezes.length ? `; inside ${c.freezes.join(', ')}${c.inFreeze ? '' : ' (an emergency may go ahead)'}` : '';
  const collides = c.collidesWith.length ? `; collides with ${c.collidesWith.map((x) => x.number).join(', ')}` : '';
  return `${c.number} on ${c.system?.name ?? NO_SYSTEM}: ${c.description ?? 'no description'} (${what || 'no state'}); ${plan}${freeze}${collides}`;
}

/** A bar per change, in lanes per system so that changes on the same days never cover each other. */
function barMarks(shown: readonly PlannedChange[], systems: ReadonlyArray<readonly [string | null, string]>, view: ChangeCalendarView) {
  // A band's group is its system's position, which assignLanes orders numerically.
  const group = new Map(systems.map(([id], i) => [id, String(i)]));
  const { lanes, laneOf } = assignLanes(shown.map((s) => ({ group: group.get(s.c.system?.id ?? null)!, start: s.first, end: s.last, id: s.c.number })));
  const clip = (first: string, last: string) => ({ x1: dayStart(first < view.from ? view.from : first), x2: dayEnd(last > view.to ? view.to : last) });
  const bars = shown.map((s, i) => ({ c: s.c, lane: laneOf[i]!, ...clip(s.first, s.last) }));
  return {
    lanes,
    marks: [
      // One mark per outcome: a mark's class is fixed, and the class is what follows the theme.
      ...OUTCOMES.map(({ className }) =>
        Plot.barX(bars.filter((b) => outcomeOf(b.c) === className), {
          x1: 'x1', x2: 'x2', y: 'lane', insetTop: 3, insetBottom: 3, className, fill: 'currentColor', title: (b: { c: ChangeRow }) => changeTip(b.c),
        }),
      ),
      Plot.barX(bars.filter((b) => b.c.collidesWith.length > 0), {
        x1: 'x1', x2: 'x2', y: 'lane', insetTop: 2, insetBottom: 2, className: 'chg-collision', fill: 'none', stroke: 'currentColor', strokeWidth: 2,
      }),
    ],
    legend: [
      ...OUTCOMES.filter((o) => bars.some((b) => outcomeOf(b.c) === o.className)).map(({ className, label }) => ({ className, label })),
      ...(bars.some((b) => b.c.collidesWith.length > 0) ? [{ label: 'Collides with another change on its system (outline)', className: 'chg-collision' }] : []),
    ],
  };
}

/**
 * The CALENDAR_SYSTEMS systems with the most changes in the view: a bar per change, or a cell per week
 * when they have more than CALENDAR_BARS (change-weeks.ts). The CSV download lists every change in the view.
 */
export function changeCalendarChart(rows: readonly ChangeRow[], freezes: readonly FreezeRow[], asOf: string, timeZone: string, view: ChangeCalendarView): RenderedChart {
  const inWindow = rows.flatMap((c) => {
    const days = c.cancelled ? null : plannedDays(c, timeZone);
    return days && days.last >= view.from && days.first <= view.to ? [{ c, ...days }] : [];
  });
  const systemOf = (s: PlannedChange) => s.c.system?.id ?? null;
  const counts = weigh(inWindow, systemOf);
  const drawn = new Set(topKeys(counts, CALENDAR_SYSTEMS));
  const shown = inWindow.filter((s) => drawn.has(systemOf(s)));
  const systems = [...new Map(shown.map(({ c }) => [c.system?.id ?? null, c.system?.name ?? NO_SYSTEM])).entries()].sort(bySystemName);
  const weekly = shown.length > CALENDAR_BARS;
  const { lanes, marks, legend } = weekly ? weekMarks(shown, systems, view) : barMarks(shown, systems, view);
  const shading = freezeMarks(freezes, lanes, (l) => systems[Number(l.group)]![0], view);
  const reading =
    changeCalendarReading(inWindow.map((s) => s.c), counts.size, shading.shown.length, view) +
    (weekly ? ` Too many to draw a bar each: a system's week is shaded by how many changes are planned in it.` : '') +
    topText(systems.length, counts.size, 'systems', 'changes');
  const svg = renderChart(
    {
      width: 1100,
      height: MARGIN.marginTop + MARGIN.marginBottom + Math.max(lanes.length, 1) * LANE,
      ...MARGIN,
      marginLeft: Math.min(190, 16 + Math.max(4, ...systems.map(([, name]) => shorten(name).length)) * 6.5),
      x: { round: true, type: 'utc', domain: [dayStart(view.from), dayEnd(view.to)], ticks: 'month', grid: true, label: 'Date' },
      y: {
        type: 'band', round: true, domain: lanes.map((l) => l.key), padding: 0, ticks: lanes.filter((l) => l.first).map((l) => l.key),
        tickFormat: (key: string) => shorten(systems[Number(lanes.find((l) => l.key === key)!.group)]![1]), tickSize: 0, label: 'System', labelAnchor: 'top',
      },
      marks: [
        Plot.barX(lanes.filter((l) => l.odd), { x1: () => dayStart(view.from), x2: () => dayEnd(view.to), y: 'key', className: 'cal-group', fill: 'currentColor' }),
        ...shading.marks,
        ...marks,
        ...(asOf >= view.from && asOf <= view.to ? todayMarks(asOf) : []),
      ],
    },
    { id: view.id, label: view.title, description: reading },
  );
  const outcome = (c: ChangeRow) => OUTCOMES.find((o) => o.className === outcomeOf(c))!.label;
  const data = {
    columns: ['Change', 'System', 'Description', 'Outcome', 'Planned start', 'Planned end', 'Inside freezes', 'Collides with'],
    rows: inWindow.map(({ c }) => [c.number, c.system?.name ?? NO_SYSTEM, c.description, outcome(c), c.plannedStart, c.plannedEnd, c.freezes.join(', '), c.collidesWith.map((x) => x.number).join(', ')]),
  };
  // Only what the chart shows: a legend entry without a mark would mislead.
  return { id: view.id, title: view.title, reading, legend: [...legend, ...(shading.shown.length ? [{ label: 'Freeze window', className: 'cal-freeze' }] : [])], svg, data };
}

export function changeCalendarReading(changes: readonly ChangeRow[], systems: number, freezes: number, view: ChangeCalendarView): string {
  const span = `${formatMonth(monthOf(view.from))} – ${formatMonth(monthOf(view.to))}`;
  if (changes.length === 0) return `No change is planned in ${span}.`;
  const colliding = changes.filter((c) => c.collidesWith.length > 0).length;
  const frozen = changes.filter((c) => c.inFreeze).length;
  return (
    `${formatCount(changes.length)} ${changes.length === 1 ? 'change' : 'changes'} planned on ${formatCount(systems)} ${systems === 1 ? 'system' : 'systems'} in ${span}` +
    `: ${formatCount(colliding)} colliding, ${formatCount(frozen)} inside a freeze; ${formatCount(freezes)} freeze ${freezes === 1 ? 'window' : 'windows'} shaded.`
  );
}
