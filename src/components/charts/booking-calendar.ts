// The booking calendar: one band per environment, split into lanes (calendar-lanes.ts) so that
// overlapping bookings never cover each other; approved and requested bookings as bars, the days over
// capacity (conflicts) shaded red across the environment's band, today as a rule.
import * as Plot from '@observablehq/plot';
import { addDays, daysBetween, monthOf } from '../../metrics/periods.ts';
import type { BookingRow, Conflict, EnvironmentRef } from '../../report/model-environments.ts';
import type { ReleaseRef } from '../../report/model-releases.ts';
import { formatCount, formatDays, formatMonth } from '../format.ts';
import { assignLanes } from './calendar-lanes.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';
import { todayMarks } from './today.ts';
import { topKeys, topText, weigh, withinBudget } from './top.ts';

export interface BookingCalendarView {
  id: string;
  title: string;
  /** First and last day shown. */
  from: string;
  to: string;
}

/** The statuses drawn: the ones that hold (approved) or ask for (requested) the environment. */
const DRAWN = ['approved', 'requested'] as const;
const LANE = 16;
/** The environments the page-wide charts draw, those with the most booked: a row (or more) each. */
export const CHART_ENVIRONMENTS = 20;
/** Bars the booking calendar draws at most: fewer environments when the busiest hold more (weekly refreshes, say). */
export const CALENDAR_BOOKINGS = 600;
// Room under the axis for a tick's year line, and the axis label below it.
const MARGIN = { marginTop: 30, marginBottom: 50, marginRight: 20 } as const;

/** Tooltip of a booking: what it is for, its days and whether it is part of a conflict. */
export function bookingTip(b: BookingRow, label: (r: ReleaseRef) => string): string {
  const release = b.release ? label(b.release) : b.releaseId ? `release ${b.releaseId} (not in the exports)` : 'no release';
  const project = b.project ? `, ${b.project.name}` : '';
  const purpose = b.purpose ? `, ${b.purpose}` : '';
  return `${b.id} on ${b.environment.name}: ${release}${project}${purpose}; ${b.status ?? 'no status'}, ${b.firstDay} to ${b.lastDay} (${formatDays(b.days)})${b.inConflict ? '; in a conflict' : ''}`;
}

export function conflictTip(c: Conflict): string {
  return (
    `Conflict on ${c.environment.name}: ${c.first} to ${c.last} (${formatDays(c.days)}), up to ${formatCount(c.peak)} approved bookings ` +
    `on a capacity of ${formatCount(c.capacity)} (${c.bookings.map((b) => b.id).join(', ')})`
  );
}

/** Axis labels are cut to a readable width; the tooltips carry the full names. */
export const shorten = (name: string) => (name.length > 26 ? `${name.slice(0, 25)}…` : name);

/**
 * Back-to-back bookings of one environment for the same release, purpose and status (a phase booked
 * week by week) drawn as one bar: the weekly pieces of a big estate's bookings were most of the chart's
 * weight. The bar's tooltip names the first and last booking and how many there are.
 */
export function joinRuns(bookings: readonly BookingRow[]): BookingRow[] {
  const key = (b: BookingRow) => JSON.stringify([b.environment.id, b.releaseId, b.project?.id ?? null, b.purpose, b.status]);
  const keys = bookings.map(key);
  const sorted = bookings.map((_, i) => i).sort((x, y) => (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : bookings[x]!.firstDay < bookings[y]!.firstDay ? -1 : 1));
  // Each run keeps the place of its first booking, so the bars come in the order they were given.
  const out: Array<{ at: number; key: string; row: BookingRow; count: number; lastId: string }> = [];
  for (const i of sorted) {
    const b = bookings[i]!;
    const prev = out.at(-1);
    if (prev && prev.key === keys[i] && addDays(prev.row.lastDay, 1) === b.firstDay) {
      prev.row = { ...prev.row, end: b.end, lastDay: b.lastDay, days: prev.row.days + b.days, inConflict: prev.row.inConflict || b.inConflict };
      prev.count++;
      prev.lastId = b.id;
    } else out.push({ at: i, key: keys[i]!, row: b, count: 1, lastId: b.id });
  }
  return out
    .sort((x, y) => x.at - y.at)
    .map(({ row, count, lastId }) => (count > 1 ? { ...row, id: `${row.id} to ${lastId} (${formatCount(count)} bookings back to back)` } : row));
}

/**
 * `environments` gives the bands, in order (even those without a booking in the window: an empty band
 * says the environment is free), the CHART_ENVIRONMENTS with the most booked days in the window when
 * there are more; `bookings` of other environments or statuses are left out.
 */
export function bookingCalendarChart(
  environments: readonly EnvironmentRef[], bookings: readonly BookingRow[], conflicts: readonly Conflict[], asOf: string,
  view: BookingCalendarView, label: (r: ReleaseRef) => string,
): RenderedChart {
  const inView = (first: string, last: string) => last >= view.from && first <= view.to;
  const ids = new Set(environments.map((e) => e.id));
  const inWindow = bookings.filter((b) => ids.has(b.environment.id) && (DRAWN as readonly string[]).includes(b.status ?? '') && inView(b.firstDay, b.lastDay));
  const days = (b: BookingRow) => daysBetween(b.firstDay < view.from ? view.from : b.firstDay, b.lastDay > view.to ? view.to : b.lastDay) + 1;
  const booked = weigh(inWindow, (b) => b.environment.id, days);
  const joined = joinRuns(inWindow);
  const barsOf = weigh(joined, (b) => b.environment.id);
  const most = topKeys(new Map(environments.map((e) => [e.id, booked.get(e.id) ?? 0])), CHART_ENVIRONMENTS);
  const top = new Set(withinBudget(most, (id) => barsOf.get(id) ?? 0, CALENDAR_BOOKINGS));
  const drawn = environments.filter((e) => top.has(e.id));
  // The environment's position is its group: assignLanes orders groups by name, numerically.
  const group = new Map(drawn.map((e, i) => [e.id, String(i)]));
  const shown = joined.filter((b) => group.has(b.environment.id));
  const empty = drawn.filter((e) => !booked.has(e.id));
  const { lanes, laneOf } = assignLanes([
    ...shown.map((b) => ({ group: group.get(b.environment.id)!, start: b.firstDay, end: b.lastDay, id: b.id })),
    // An environment without bookings in the window keeps an (empty) band.
    ...empty.map((e) => ({ group: group.get(e.id)!, start: view.from, end: view.from, id: e.id })),
  ]);
  const clip = (first: string, last: string) => ({ x1: dayStart(first < view.from ? view.from : first), x2: dayEnd(last > view.to ? view.to : last) });
  const bars = shown.map((b, i) => ({ b, lane: laneOf[i]!, ...clip(b.firstDay, b.lastDay) }));
  const inWindowConflicts = conflicts.filter((c) => ids.has(c.environment.id) && inView(c.first, c.last));
  const runs = inWindowConflicts.filter((c) => group.has(c.environment.id));
  const runCells = runs.flatMap((c) => lanes.filter((l) => l.group === group.get(c.environment.id)).map((l) => ({ c, lane: l.key, ...clip(c.first, c.last) })));
  const name = new Map(lanes.map((l) => [l.key, drawn[Number(l.group)]!.name]));
  const reading = bookingReading(inWindow, inWindowConflicts, view) + topText(drawn.length, environments.length, 'environments', 'booked days');
  const svg = renderChart(
    {
      width: 1100,
      height: MARGIN.marginTop + MARGIN.marginBottom + Math.max(lanes.length, 1) * LANE,
      ...MARGIN,
      marginLeft: Math.min(190, 16 + Math.max(4, ...drawn.map((e) => shorten(e.name).length)) * 6.5),
      x: { round: true, type: 'utc', domain: [dayStart(view.from), dayEnd(view.to)], ticks: 'month', grid: true, label: 'Date' },
      y: {
        type: 'band', round: true, domain: lanes.map((l) => l.key), padding: 0, ticks: lanes.filter((l) => l.first).map((l) => l.key),
        tickFormat: (key: string) => shorten(name.get(key)!), tickSize: 0, label: 'Environment', labelAnchor: 'top',
      },
      marks: [
        Plot.barX(lanes.filter((l) => l.odd), { x1: () => dayStart(view.from), x2: () => dayEnd(view.to), y: 'key', className: 'cal-group', fill: 'currentColor' }),
        // One mark per status: a mark's class is fixed, and the class is what follows the theme.
        ...DRAWN.map((status) =>
          Plot.barX(bars.filter((d) => d.b.status === status), {
            x1: 'x1', x2: 'x2', y: 'lane', insetTop: 3, insetBottom: 3, className: `book-${status}`, fill: 'currentColor', title: (d: { b: BookingRow }) => bookingTip(d.b, label),
          }),
        ),
        // Over the bars, translucent: the days over capacity tint the whole band.
        Plot.barX(runCells, { x1: 'x1', x2: 'x2', y: 'lane', className: 'book-conflict', fill: 'currentColor', title: (d: { c: Conflict }) => conflictTip(d.c) }),
        Plot.barX(bars.filter((d) => d.b.inConflict), { x1: 'x1', x2: 'x2', y: 'lane', insetTop: 3, insetBottom: 3, className: 'book-in-conflict', fill: 'none', stroke: 'currentColor', strokeWidth: 2 }),
        ...(asOf >= view.from && asOf <= view.to ? todayMarks(asOf) : []),
      ],
    },
    { id: view.id, label: view.title, description: reading },
  );
  // Only what the chart shows: a legend entry without a mark would mislead.
  const legend = [
    ...DRAWN.filter((s) => bars.some((d) => d.b.status === s)).map((s) => ({ label: s === 'approved' ? 'Approved booking' : 'Requested (not yet approved)', className: `book-${s}` })),
    ...(runs.length ? [{ label: 'Conflict: more approved bookings than capacity (red outline: its bookings)', className: 'book-conflict' }] : []),
  ];
  const data = {
    columns: ['Booking', 'Environment', 'Release', 'Status', 'First day', 'Last day', 'In a conflict'],
    rows: inWindow.map((b) => [b.id, b.environment.name, b.release ? label(b.release) : b.releaseId, b.status, b.firstDay, b.lastDay, b.inConflict ? 'yes' : 'no']),
  };
  return { id: view.id, title: view.title, reading, legend, svg, data };
}

export function bookingReading(shown: readonly BookingRow[], runs: readonly Conflict[], view: BookingCalendarView): string {
  const span = `${formatMonth(monthOf(view.from))} – ${formatMonth(monthOf(view.to))}`;
  if (shown.length === 0) return `No approved or requested booking in ${span}.`;
  const requested = shown.filter((b) => b.status === 'requested').length;
  const booked = new Set(shown.map((b) => b.environment.id)).size;
  return (
    `${formatCount(shown.length)} ${shown.length === 1 ? 'booking' : 'bookings'}${requested ? ` (${formatCount(requested)} requested, not yet approved)` : ''} ` +
    `on ${formatCount(booked)} ${booked === 1 ? 'environment' : 'environments'} in ${span}; ${formatCount(runs.length)} ${runs.length === 1 ? 'conflict' : 'conflicts'}.`
  );
}
