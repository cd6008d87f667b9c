// Tables of the overview, the project pages and the portfolio/program pages: releases, projects and
// groups with their consolidated status, the risks behind the statuses, and what changed since the
// previous build. `from` is the page holding the table (links are relative to it).
import type { ReleaseRef } from '../report/model-releases.ts';
import type {
  DateMove, GroupStatusRow, ProjectLink, ProjectStatusRow, ReleaseStatusRow, SnapshotEntry, StatusChange, StatusSignal,
} from '../report/model-portfolio.ts';
import { releaseCell as releaseRefCell } from './environments-table.ts';
import { rel } from './links.ts';
import { groupCell, projectCell, projectPath } from './portfolio-links.ts';
import { releasePath } from './releases-table.ts';
import { stateLabel } from './release-states.ts';
import { countCell, dateCell, linkCell, percentCell, reasonWords, statusCell, textCell, type Cell, type Column } from './table.ts';

// Each table has a project column, so a release's own name says enough.
const releaseCell = (from: string, r: ReleaseRef | null): Cell => releaseRefCell(r, null, from, (x) => x.name);

const RELEASE_STATUS_COLUMNS: Column[] = [
  { label: 'Release' }, { label: 'Project' }, { label: 'State' }, { label: 'Planned release', kind: 'date' }, { label: 'Released', kind: 'date' },
  { label: 'P85 forecast', kind: 'date' }, { label: 'On-time probability', kind: 'number' }, { label: 'Status and reason' },
];

/** A table of one project's releases leaves out the project column. */
const withoutColumn = <T,>(items: readonly T[], index: number, keep: boolean): T[] => (keep ? [...items] : items.filter((_, i) => i !== index));

/** Shipped and cancelled releases are not rated: their state in words stands in for the reason. */
export function releaseStatusTable(from: string, rows: readonly ReleaseStatusRow[], withProject: boolean): { columns: Column[]; rows: Cell[][] } {
  return {
    columns: withoutColumn(RELEASE_STATUS_COLUMNS, 1, withProject),
    rows: rows.map((r) => withoutColumn([
      releaseCell(from, r.release), projectCell(from, r.project), textCell(stateLabel(r.state)), dateCell(r.plannedRelease), dateCell(r.actualRelease),
      dateCell(r.forecastP85), percentCell(r.onTimeProbability), r.status ? statusCell(r.status) : { text: r.stateReason, sort: null },
    ], 1, withProject)),
  };
}

export const PROJECT_STATUS_COLUMNS: Column[] = [
  { label: 'Project' }, { label: 'Portfolio' }, { label: 'Program' }, { label: 'Owner' }, { label: 'Status and reason' },
  { label: 'Open releases', kind: 'number' }, { label: 'Releases', kind: 'number' },
];

export function projectStatusRows(from: string, rows: readonly ProjectStatusRow[]): Cell[][] {
  return rows.map((p) => [
    projectCell(from, p.project), groupCell(from, p.portfolio), groupCell(from, p.program), textCell(p.owner), statusCell(p.status),
    countCell(p.openReleases), countCell(p.releases),
  ]);
}

export const GROUP_STATUS_COLUMNS: Column[] = [
  { label: 'Name' }, { label: 'Status' }, { label: 'Red projects', kind: 'number' }, { label: 'Amber projects', kind: 'number' }, { label: 'Green projects', kind: 'number' },
];

/** The reason of a group lists every project that is not green: the counts say it shorter here. */
export function groupStatusRows(from: string, rows: readonly GroupStatusRow[]): Cell[][] {
  return rows.map((g) => [groupCell(from, g.group), statusCell(g.status, undefined, false), countCell(g.red), countCell(g.amber), countCell(g.green)]);
}

const RISK_COLUMNS: Column[] = [{ label: 'Severity' }, { label: 'Release' }, { label: 'Project' }, { label: 'Signal' }];

/** The signals behind a status, most severe first; `release` null for the project's own. Without `project`s: one project's, no project column. */
export function riskTable(from: string, risks: ReadonlyArray<StatusSignal & { release: ReleaseRef | null; project?: ProjectLink }>): { columns: Column[]; rows: Cell[][] } {
  const withProject = risks.some((r) => r.project !== undefined);
  return {
    columns: withoutColumn(RISK_COLUMNS, 2, withProject),
    rows: risks.map((r) => withoutColumn([statusCell({ status: r.severity, reason: '' }), releaseCell(from, r.release), projectCell(from, r.project ?? null), textCell(r.text)], 2, withProject)),
  };
}

export const CHANGE_COLUMNS: Column[] = [{ label: 'Kind' }, { label: 'Name' }, { label: 'Before' }, { label: 'Now' }, { label: 'Reason now' }];

const entryCell = (e: SnapshotEntry | null, missing: string): Cell =>
  e === null ? { text: missing, sort: null } : e.status ? statusCell({ status: e.status, reason: '' }) : textCell(e.state.replace('_', ' '));

export function statusChangeRows(from: string, changes: readonly StatusChange[]): Cell[][] {
  return changes.map((c) => {
    const path = c.slug === null ? null : c.kind === 'project' ? projectPath({ slug: c.slug }) : releasePath(c.slug);
    return [
      textCell(c.kind), linkCell(c.name, path ? rel(from, path) : undefined), entryCell(c.before, 'new'), entryCell(c.after, 'gone'),
      textCell(c.after ? reasonWords(c.after.reason) || c.after.status : 'no longer in the exports'),
    ];
  });
}

export const MOVED_COLUMNS: Column[] = [{ label: 'Release' }, { label: 'Date' }, { label: 'Before', kind: 'date' }, { label: 'Now', kind: 'date' }, { label: 'Moved (days)', kind: 'number' }];

/** Planned dates and forecasts that moved; a slip reads `+14`, a date brought forward `-5`. */
export function movedRows(from: string, moved: readonly DateMove[]): Cell[][] {
  return moved.map((m) => [
    linkCell(m.name, m.slug === null ? undefined : rel(from, releasePath(m.slug))), textCell(m.what === 'planned' ? 'planned release' : 'P85 forecast'),
    dateCell(m.from), dateCell(m.to), { text: `${m.days > 0 ? '+' : ''}${m.days}`, sort: m.days },
  ]);
}
