// The conflicts page's tables: every current and upcoming scheduling or resource conflict with who it
// affects (releases, projects, environments and changes linking to their pages and rows), and the
// conflicts already over, counted by kind.
import type { ConflictsList, ScheduleConflict } from '../report/model-portfolio.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import { environmentCell } from './environments-table.ts';
import { rel } from './links.ts';
import type { RowLinks } from './operation-anchors.ts';
import { projectItem } from './portfolio-links.ts';
import { releasePath } from './releases-table.ts';
import { countCell, listCell, textCell, type Cell, type Column } from './table.ts';

type Kind = ScheduleConflict['kind'];

export const KINDS: readonly Kind[] = ['team_overcommitted', 'environment_double_booking', 'release_in_freeze', 'change_in_freeze'];

const KIND_LABELS: Record<Kind, string> = {
  team_overcommitted: 'Team over-committed',
  environment_double_booking: 'Environment double booking',
  release_in_freeze: 'Release in a freeze',
  change_in_freeze: 'Change in a freeze',
};

export const kindLabel = (kind: Kind): string => KIND_LABELS[kind];

export const CONFLICT_COLUMNS: Column[] = [
  { label: 'Kind' },
  { label: 'Summary' },
  { label: 'Days', kind: 'date' },
  { label: 'Releases' },
  { label: 'Projects' },
  { label: 'Teams' },
  // At most one of them: an environment for double bookings, a freeze window for the freeze kinds.
  { label: 'Environment or freeze window' },
  { label: 'Changes' },
];

export function conflictRows(conflicts: readonly ScheduleConflict[], from: string, label: (r: ReleaseRef) => string, links: RowLinks): Cell[][] {
  return conflicts.map((c) => [
    { text: kindLabel(c.kind), sort: KINDS.indexOf(c.kind) },
    { text: c.summary },
    { text: c.first, sort: c.first, ...(c.first === c.last ? {} : { note: `to ${c.last}` }) },
    listCell(c.releases.map((r) => ({ text: label(r), href: rel(from, releasePath(r.slug)) }))),
    listCell(c.projects.map((p) => projectItem(from, p))),
    listCell(c.teams.map((t) => ({ text: t }))),
    c.environment ? environmentCell(c.environment, from) : textCell(c.freeze),
    listCell(c.changes.map((x) => ({ text: x.number, href: x.change ? links.change(x.change) : undefined }))),
  ]);
}

export const PAST_COLUMNS: Column[] = [{ label: 'Kind' }, { label: 'Conflicts already over', kind: 'number' }];

export function pastRows(list: ConflictsList): Cell[][] {
  return list.past.map((p) => [textCell(kindLabel(p.kind)), countCell(p.count)]);
}

/** Current and upcoming conflicts per kind, every kind written (for the page's counts). */
export function kindCounts(conflicts: readonly ScheduleConflict[]): Array<{ label: string; value: number }> {
  return KINDS.map((kind) => ({ label: kindLabel(kind), value: conflicts.filter((c) => c.kind === kind).length }));
}
