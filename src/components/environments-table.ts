// The environments page's tables: the inventory (each environment linking to its page), environments
// per kind, conflicts (a row per booking involved, linking its release) and idle environments.
import { IDLE_WINDOW_DAYS } from '../metrics/environments.ts';
import type { Conflict, EnvironmentRef, EnvironmentRow, EnvironmentsPage, IdleEnvironment } from '../report/model-environments.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import { formatCount, formatDays, MISSING } from './format.ts';
import { rel } from './links.ts';
import { releasePath } from './releases-table.ts';
import { countCell, dateCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

/** The site path of an environment's page. */
export function environmentPath(slug: string): string {
  return `environments/${slug}/`;
}

export function environmentCell(e: EnvironmentRef, page: string): Cell {
  return linkCell(e.name, rel(page, environmentPath(e.slug)));
}

/** A release by its label, linking to its page; the bare id when no export holds the release. */
export function releaseCell(release: ReleaseRef | null, releaseId: string | null, page: string, label: (r: ReleaseRef) => string): Cell {
  return release ? linkCell(label(release), rel(page, releasePath(release.slug))) : textCell(releaseId);
}

/** How an environment is used: production, shared by concurrent bookings, or one booking at a time. */
export function useText(e: Pick<EnvironmentRow, 'production' | 'shared'>): string {
  return [e.production ? 'production' : null, e.shared ? 'shared' : null].filter((x) => x !== null).join(', ') || 'dedicated';
}

export const INVENTORY_COLUMNS: Column[] = [
  { label: 'Environment' },
  { label: 'Kind' },
  { label: 'Use' },
  { label: 'Capacity', kind: 'number' },
  { label: 'Owner' },
  { label: 'Cost per day', kind: 'number' },
  { label: 'Booked, last 12 weeks', kind: 'number' },
  { label: 'Bookings', kind: 'number' },
  { label: 'Conflicts', kind: 'number' },
  { label: `Idle days (of ${IDLE_WINDOW_DAYS})`, kind: 'number' },
];

export function inventoryRows(rows: readonly EnvironmentRow[], page: string): Cell[][] {
  return rows.map((e) => [
    environmentCell(e, page), textCell(e.kind), { text: useText(e) }, countCell(e.capacity), textCell(e.owner), countCell(e.costPerDay),
    percentCell(e.recentUtilization), countCell(e.bookings), countCell(e.conflicts), countCell(e.idleDays),
  ]);
}

export const KIND_COLUMNS: Column[] = [{ label: 'Kind' }, { label: 'Environments', kind: 'number' }, { label: 'Capacity (concurrent bookings)', kind: 'number' }];

export function kindRows(kinds: EnvironmentsPage['byKind']): Cell[][] {
  return kinds.map((k) => [textCell(k.kind), countCell(k.environments), countCell(k.capacity)]);
}

const CONFLICT_COLUMNS: Column[] = [
  { label: 'Over capacity', kind: 'date' },
  { label: 'Days', kind: 'number' },
  { label: 'Peak / capacity', kind: 'number' },
  { label: 'Booking' },
  { label: 'Release' },
  { label: 'Project' },
  { label: 'Booked', kind: 'date' },
];

/** An environment's own page leaves out the environment column. */
export function conflictColumns(withEnvironment: boolean): Column[] {
  return withEnvironment ? [{ label: 'Environment' }, ...CONFLICT_COLUMNS] : CONFLICT_COLUMNS;
}

/** A row per booking of each conflict, so each links its own release. */
export function conflictRows(conflicts: readonly Conflict[], page: string, label: (r: ReleaseRef) => string, withEnvironment: boolean): Cell[][] {
  return conflicts.flatMap((c) =>
    c.bookings.map((b) => [
      ...(withEnvironment ? [environmentCell(c.environment, page)] : []),
      { text: c.first === c.last ? c.first : `${c.first} – ${c.last}`, sort: c.first },
      countCell(c.days),
      { text: `${c.peak} on ${c.capacity}`, sort: c.peak / c.capacity },
      textCell(b.id),
      releaseCell(b.release, b.releaseId, page, label),
      textCell(b.project?.name ?? null),
      { text: `${b.firstDay} – ${b.lastDay}`, sort: b.firstDay },
    ]),
  );
}

export const IDLE_COLUMNS: Column[] = [
  { label: 'Environment' },
  { label: 'Kind' },
  { label: `Idle days (of ${IDLE_WINDOW_DAYS})`, kind: 'number' },
  { label: 'Cost per day', kind: 'number' },
  { label: 'Idle cost', kind: 'number' },
  { label: 'Last booked', kind: 'date' },
  { label: 'Next booked', kind: 'date' },
];

/** Most costly first (unknown cost last), then most idle. */
export function idleRows(idle: readonly IdleEnvironment[], page: string): Cell[][] {
  return [...idle]
    .sort((a, b) => (b.idleCost ?? -1) - (a.idleCost ?? -1) || b.idleDays - a.idleDays)
    .map((i) => [
      environmentCell(i.environment, page), textCell(i.kind), countCell(i.idleDays), countCell(i.costPerDay), countCell(i.idleCost),
      dateCell(i.lastBooked), dateCell(i.nextBooked),
    ]);
}

/** "84 days of 84 (2026-01-07 – 2026-03-31), costing 100,800"; a dash when not measured. */
export function idleText(i: IdleEnvironment | null): string {
  if (!i) return MISSING;
  const cost = i.idleCost === null ? '' : `, costing ${formatCount(i.idleCost)}`;
  return `${formatDays(i.idleDays)} of ${IDLE_WINDOW_DAYS} (${i.from} – ${i.to})${cost}`;
}
