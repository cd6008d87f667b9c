// The releases page's tables: every release (linking to its page), and on-time rate and slip by
// project and by system.
import type { ReleaseRow, ScopeStats } from '../report/model-releases.ts';
import { formatCount, MISSING } from './format.ts';
import { rel } from './links.ts';
import { releaseLabel } from './release-names.ts';
import { countCell, dateCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

/** The site path of a release's page. */
export function releasePath(slug: string): string {
  return `releases/${slug}/`;
}

export const RELEASE_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'Project' },
  { label: 'Systems' },
  { label: 'Type' },
  { label: 'State' },
  { label: 'Planned start', kind: 'date' },
  { label: 'Planned release', kind: 'date' },
  { label: 'Actual release', kind: 'date' },
  { label: 'Slip (days)', kind: 'number' },
  { label: 'Work items done', kind: 'number' },
  { label: 'Downstream', kind: 'number' },
  { label: 'Slack (days)', kind: 'number' },
];

const OPEN: ReadonlySet<ReleaseRow['state']> = new Set(['overdue', 'in_progress', 'planned']);

/**
 * The releases in play first: open ones by planned release, the next due (and so the overdue) first;
 * then the shipped and cancelled ones, latest first. A long table shows the first of them.
 */
export function inPlayFirst(rows: readonly ReleaseRow[]): ReleaseRow[] {
  const open = rows.filter((r) => OPEN.has(r.state)).sort((a, b) => byDate(a.plannedRelease, b.plannedRelease, 1) || byDate(a.id, b.id, 1));
  const closed = rows.filter((r) => !OPEN.has(r.state)).sort((a, b) => byDate(a.actualRelease ?? a.plannedRelease, b.actualRelease ?? b.plannedRelease, -1) || byDate(a.id, b.id, 1));
  return [...open, ...closed];
}

/** In `direction` (1 ascending, -1 descending), unknown (null) last either way. */
const byDate = (a: string | null, b: string | null, direction: 1 | -1): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -direction : direction);

export function releaseRows(rows: readonly ReleaseRow[], page: string): Cell[][] {
  return rows.map((r) => [
    linkCell(releaseLabel(r), rel(page, releasePath(r.slug))),
    textCell(r.projectName ?? r.projectId),
    textCell(r.systemIds.length ? r.systemIds.join(', ') : null),
    textCell(r.type),
    // The reason starts with the state's words, so filtering by "overdue" finds the overdue ones.
    { text: r.stateReason, sort: r.state },
    dateCell(r.plannedStart),
    dateCell(r.plannedRelease),
    dateCell(r.actualRelease),
    countCell(r.slipDays),
    workItemsCell(r.doneWorkItems, r.workItems),
    countCell(r.downstream),
    countCell(r.slackDays),
  ]);
}

/** "37 of 64", sorted by the share done. */
export function workItemsCell(done: number, total: number): Cell {
  return total === 0 ? { text: MISSING, sort: null } : { text: `${formatCount(done)} of ${formatCount(total)}`, sort: done / total };
}

export function scopeColumns(scope: string): Column[] {
  return [
    { label: scope },
    { label: 'Released', kind: 'number' },
    { label: 'On time', kind: 'number' },
    { label: 'Median slip (days)', kind: 'number' },
    { label: 'P85 slip (days)', kind: 'number' },
  ];
}

export function scopeRows(stats: readonly ScopeStats[]): Cell[][] {
  return stats.map((s) => [textCell(s.name), countCell(s.released), percentCell(s.onTimeRate), countCell(s.slipMedian), countCell(s.slipP85)]);
}
