// Tables of bookings and demand: an environment's bookings and the releases they serve, the unbooked
// test phases, and demand against capacity per week of the next 12.
import type { BookingRow, DemandWeek, EnvironmentDetail, UnbookedPhase } from '../report/model-environments.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import { releaseCell } from './environments-table.ts';
import { rel } from './links.ts';
import { releasePath } from './releases-table.ts';
import { countCell, dateCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

export const ENVIRONMENT_BOOKING_COLUMNS: Column[] = [
  { label: 'Booking' },
  { label: 'Release' },
  { label: 'Project' },
  { label: 'Purpose' },
  { label: 'Status' },
  { label: 'First day', kind: 'date' },
  { label: 'Last day', kind: 'date' },
  { label: 'Days', kind: 'number' },
  { label: 'Conflict' },
];

export function environmentBookingRows(bookings: readonly BookingRow[], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return bookings.map((b) => [
    textCell(b.id), releaseCell(b.release, b.releaseId, page, label), textCell(b.project?.name ?? null), textCell(b.purpose), textCell(b.status),
    dateCell(b.firstDay), dateCell(b.lastDay), countCell(b.days), b.inConflict ? { text: 'in conflict' } : textCell(null),
  ]);
}

export const SERVED_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'Bookings', kind: 'number' },
  { label: 'First day', kind: 'date' },
  { label: 'Last day', kind: 'date' },
];

export function servedRows(served: EnvironmentDetail['releases'], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return served.map((s) => [linkCell(label(s.release), rel(page, releasePath(s.release.slug))), countCell(s.bookings), dateCell(s.firstDay), dateCell(s.lastDay)]);
}

export const UNBOOKED_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'Phase' },
  { label: 'Needs' },
  { label: 'Planned start', kind: 'date' },
  { label: 'Planned end', kind: 'date' },
  { label: 'Hours in the 12 weeks', kind: 'number' },
];

export function unbookedRows(phases: readonly UnbookedPhase[], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return phases.map((u) => [
    linkCell(label(u.release), rel(page, releasePath(u.release.slug))), textCell(u.phase), textCell(u.kind),
    dateCell(u.plannedStart), dateCell(u.plannedEnd), countCell(u.hours),
  ]);
}

export const DEMAND_COLUMNS: Column[] = [
  { label: 'Week of', kind: 'date' },
  { label: 'Environments' },
  { label: 'Booked (h)', kind: 'number' },
  { label: 'Unbooked (h)', kind: 'number' },
  { label: 'Demand (h)', kind: 'number' },
  { label: 'Capacity (h)', kind: 'number' },
  { label: 'Demand / capacity', kind: 'number' },
];

/**
 * Per week, the total then each of `kinds` (those with demand: the others only have capacity), so
 * filtering by a kind keeps its twelve weeks.
 */
export function demandRows(weeks: readonly DemandWeek[], kinds: readonly string[]): Cell[][] {
  return weeks.flatMap((w) =>
    [{ ...w, kind: 'all' }, ...w.byKind.filter((k) => kinds.includes(k.kind))].map((d) => [
      dateCell(w.monday), textCell(d.kind), countCell(d.booked), countCell(d.unbooked), countCell(d.demand), countCell(d.capacity),
      percentCell(d.capacity > 0 ? d.demand / d.capacity : null),
    ]),
  );
}
