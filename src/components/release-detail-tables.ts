// The tables of a release page: its changes, deployments, environment bookings and test cycles, and
// the releases it waits for or that wait for it.
import type { ReleaseDetail, ReleaseLink, ReleaseRef } from '../report/model-releases.ts';
import { formatInstant } from './format.ts';
import { rel } from './links.ts';
import { releasePath } from './releases-table.ts';
import { countCell, dateCell, linkCell, textCell, type Cell, type Column } from './table.ts';

export function instantCell(iso: string | null): Cell {
  return { text: formatInstant(iso), sort: iso };
}

function yesNo(value: boolean | null): Cell {
  return textCell(value === null ? null : value ? 'yes' : 'no');
}

export const CHANGE_COLUMNS: Column[] = [
  { label: 'Change' },
  { label: 'Description' },
  { label: 'Type' },
  { label: 'State' },
  { label: 'Close code' },
  { label: 'System' },
  { label: 'Planned start', kind: 'date' },
  { label: 'Planned end', kind: 'date' },
];

/** `changeHref` links a change to its row on the changes page, when that lists it. */
export function changeRows(changes: ReleaseDetail['changes'], changeHref: (number: string) => string | undefined = () => undefined): Cell[][] {
  return changes.map((c) => [
    linkCell(c.number, changeHref(c.number)), textCell(c.shortDescription), textCell(c.type), textCell(c.state), textCell(c.closeCode), textCell(c.systemId),
    instantCell(c.plannedStart), instantCell(c.plannedEnd),
  ]);
}

export const DEPLOYMENT_COLUMNS: Column[] = [
  { label: 'Deployment' },
  { label: 'System' },
  { label: 'Environment' },
  { label: 'Started', kind: 'date' },
  { label: 'Status' },
  { label: 'Production' },
];

export function deploymentRows(deployments: ReleaseDetail['deployments']): Cell[][] {
  return deployments.map((d) => [textCell(d.id), textCell(d.systemId), textCell(d.environmentId), instantCell(d.startedAt), textCell(d.status), yesNo(d.production)]);
}

export const BOOKING_COLUMNS: Column[] = [
  { label: 'Booking' },
  { label: 'Environment' },
  { label: 'Purpose' },
  { label: 'Status' },
  { label: 'First day', kind: 'date' },
  { label: 'Last day', kind: 'date' },
];

/** `environmentHref` links a booked environment to its page, when it has one. */
export function bookingRows(bookings: ReleaseDetail['bookings'], environmentHref: (id: string) => string | undefined = () => undefined): Cell[][] {
  return bookings.map((b) => [textCell(b.id), linkCell(b.environmentId, environmentHref(b.environmentId)), textCell(b.purpose), textCell(b.status), dateCell(b.firstDay), dateCell(b.lastDay)]);
}

export const TEST_CYCLE_COLUMNS: Column[] = [
  { label: 'Test cycle' },
  { label: 'Planned start', kind: 'date' },
  { label: 'Planned end', kind: 'date' },
  { label: 'Planned cases', kind: 'number' },
  { label: 'Executed', kind: 'number' },
  { label: 'Passed', kind: 'number' },
  { label: 'Failed', kind: 'number' },
  { label: 'Blocked', kind: 'number' },
];

export function testCycleRows(cycles: ReleaseDetail['testCycles']): Cell[][] {
  return cycles.map((t) => [
    textCell(t.name), dateCell(t.plannedStart), dateCell(t.plannedEnd),
    countCell(t.plannedCases), countCell(t.executed), countCell(t.passed), countCell(t.failed), countCell(t.blocked),
  ]);
}

export const LINK_COLUMNS: Column[] = [{ label: 'Release' }, { label: 'Gap (days)', kind: 'number' }];

export function linkRows(links: readonly ReleaseLink[], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return links.map((l) => [linkCell(label(l.release), rel(page, releasePath(l.release.slug))), countCell(l.gapDays)]);
}
