// The changes page's tables: success by close code, team and system; freeze windows and the changes
// inside them; collisions; incidents caused by changes; and every change, its row the anchor that
// incidents, collisions and release pages link to (operation-anchors.ts).
import type { CausedIncident, ChangeRef, ChangeRow, ChangesPage, Collision, FreezeRow, SuccessStats } from '../report/model-changes.ts';
import type { ReportModel } from '../report/model.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import type { CellBar } from './cell-bar.ts';
import { releaseCell } from './environments-table.ts';
import { formatDate, formatInstant, formatNumber } from './format.ts';
import { changeAnchor, incidentAnchor, type RowLinks } from './operation-anchors.ts';
import { closeCodeLabel, ruleLabel, stateLabel } from './operation-labels.ts';
import { countCell, dateCell, linkCell, listCell, percentCell, textCell, type Cell, type Column } from './table.ts';

export const CLOSE_CODE_COLUMNS: Column[] = [{ label: 'Close code' }, { label: 'Changes', kind: 'number' }, { label: 'Share of closed', kind: 'number' }];

export function closeCodeRows(codes: ChangesPage['successBy']['closeCode']): Cell[][] {
  const closed = codes.reduce((n, c) => n + c.changes, 0);
  return codes.map((c) => [{ text: closeCodeLabel(c.closeCode), sort: c.closeCode }, countCell(c.changes), percentCell(closed ? c.changes / closed : null)]);
}

export function successColumns(scope: string): Column[] {
  return [
    { label: scope },
    { label: 'Closed', kind: 'number' },
    { label: 'Successful', kind: 'number' },
    { label: 'With issues', kind: 'number' },
    { label: 'Unsuccessful', kind: 'number' },
    { label: 'Success rate', kind: 'number' },
  ];
}

/** Successful, with issues and unsuccessful as shares of the changes closed. */
export function successBar(s: SuccessStats): CellBar | undefined {
  if (s.closed === 0) return undefined;
  return {
    parts: [
      { share: s.successful / s.closed, className: 'bar-successful' },
      { share: s.successfulWithIssues / s.closed, className: 'bar-issues' },
      { share: s.unsuccessful / s.closed, className: 'bar-unsuccessful' },
    ],
  };
}

export function successRows(stats: ReadonlyArray<SuccessStats & { name: string }>): Cell[][] {
  return stats.map((s) => {
    const bar = successBar(s);
    return [
      textCell(s.name), countCell(s.closed), countCell(s.successful), countCell(s.successfulWithIssues), countCell(s.unsuccessful),
      { ...percentCell(s.successRate), ...(bar ? { bar } : {}) },
    ];
  });
}

/** A change by its number, linking to its row when the page lists it. */
const changeCell = (c: ChangeRef, links: RowLinks): Cell => linkCell(c.number, links.change(c));
const changeItems = (changes: readonly ChangeRef[], links: RowLinks) => changes.map((c) => ({ text: c.number, href: links.change(c) }));

export const FREEZE_COLUMNS: Column[] = [
  { label: 'Freeze window' },
  { label: 'First day', kind: 'date' },
  { label: 'Last day', kind: 'date' },
  { label: 'Systems' },
  { label: 'Changes inside', kind: 'number' },
  { label: 'Which' },
];

export function freezeRows(freezes: readonly FreezeRow[], links: RowLinks): Cell[][] {
  return freezes.map((f) => [
    textCell(f.name), dateCell(f.firstDay), dateCell(f.lastDay), textCell(f.scope === null ? 'all' : f.scope.join(', ')),
    countCell(f.changes.length), listCell(changeItems(f.changes, links)),
  ]);
}

export const IN_FREEZE_COLUMNS: Column[] = [
  { label: 'Change' },
  { label: 'System' },
  { label: 'Type' },
  { label: 'State' },
  { label: 'Planned start', kind: 'date' },
  { label: 'Planned end', kind: 'date' },
  { label: 'Freeze window' },
  { label: 'Counted as in a freeze' },
];

/** Whether a change whose window meets a freeze is counted in changes.in_freeze, and why not. */
export function countedText(c: Pick<ChangeRow, 'inFreeze' | 'cancelled' | 'type'>): string {
  return c.inFreeze ? 'counted' : c.cancelled ? 'not counted: cancelled' : c.type === 'emergency' ? 'not counted: an emergency' : 'not counted';
}

/** The listed changes whose planned window meets a freeze covering their system, emergencies and cancelled ones included. */
export function inFreezeRows(rows: readonly ChangeRow[], links: RowLinks): Cell[][] {
  return rows
    .filter((c) => c.freezes.length > 0)
    .map((c) => [
      changeCell(c, links), textCell(c.system?.name ?? null), textCell(c.type), stateCell(c.state), instantCell(c.plannedStart), instantCell(c.plannedEnd),
      textCell(c.freezes.join(', ')), { text: countedText(c) },
    ]);
}

// The long lists stay light: these texts sort right as they read, so they carry no sort value.
const instantCell = (iso: string | null): Cell => (iso === null ? textCell(null) : { text: formatInstant(iso) });
const stateCell = (state: string | null): Cell => (state === null ? textCell(null) : { text: stateLabel(state) });

export const COLLISION_COLUMNS: Column[] = [
  { label: 'System' },
  { label: 'Change' },
  { label: 'Collides with' },
  { label: 'Overlap from', kind: 'date' },
  { label: 'Overlap to', kind: 'date' },
  { label: 'Hours', kind: 'number' },
];

/** Newest overlap first, then by system: the model holds them by system. */
export function newestCollisions(collisions: readonly Collision[]): Collision[] {
  return [...collisions].sort((a, b) => (a.overlapStart < b.overlapStart ? 1 : a.overlapStart > b.overlapStart ? -1 : 0) || a.system.name.localeCompare(b.system.name, 'en'));
}

export function collisionRows(collisions: readonly Collision[], links: RowLinks): Cell[][] {
  return collisions.map((c) => {
    const hours = (Date.parse(c.overlapEnd) - Date.parse(c.overlapStart)) / 3_600_000;
    return [
      textCell(c.system.name), changeCell(c.changes[0], links), changeCell(c.changes[1], links), instantCell(c.overlapStart), instantCell(c.overlapEnd),
      { text: formatNumber(hours), sort: hours },
    ];
  });
}

export const CAUSED_COLUMNS: Column[] = [
  { label: 'Incident' },
  { label: 'Opened', kind: 'date' },
  { label: 'Resolved', kind: 'date' },
  { label: 'System' },
  { label: 'Description' },
  { label: 'Caused by change' },
  { label: 'Attribution' },
];

/** Each incident's row carries its anchor, names its change (saying when no export holds it) and its attribution, linked where the delivery page shows it. */
export function causedRows(incidents: readonly CausedIncident[], links: RowLinks, delivery: ReportModel['delivery']): Cell[][] {
  const rules = new Map(delivery.attributions.map((a) => [a.incident.slug, a.rule]));
  return incidents.map((i) => {
    const rule = rules.get(i.slug);
    return [
      { text: i.number, id: incidentAnchor(i), ...(i.priority === null ? {} : { note: `priority ${i.priority}` }) },
      instantCell(i.openedAt), instantCell(i.resolvedAt), textCell(i.system?.name ?? null), textCell(i.description),
      i.known ? changeCell(i.change, links) : { text: i.change.number, note: 'no export holds this change' },
      rule === undefined ? textCell(null) : linkCell(ruleLabel(rule), links.attribution(i)),
    ];
  });
}

export const CHANGE_COLUMNS: Column[] = [
  { label: 'Change' },
  { label: 'Opened', kind: 'date' },
  { label: 'Description' },
  { label: 'System and team' },
  { label: 'State' },
  { label: 'Planned start', kind: 'date' },
  { label: 'Lead time (days)', kind: 'number' },
  { label: 'Release' },
  { label: 'Freeze window' },
  { label: 'Collides with' },
  { label: 'Incidents caused' },
];

/** "emergency, unauthorized": what kind of change it is, under its number. */
function kindText(c: ChangeRow): string | undefined {
  return [c.type, c.unauthorized ? 'unauthorized' : null].filter((x) => x !== null).join(', ') || undefined;
}

export function changeRows(rows: readonly ChangeRow[], page: string, links: RowLinks, label: (r: ReleaseRef) => string): Cell[][] {
  return rows.map((c) => {
    const kind = kindText(c);
    return [
      { text: c.number, id: changeAnchor(c), ...(kind ? { note: kind } : {}) },
      { text: formatDate(c.openedAt) },
      textCell(c.description),
      { ...textCell(c.system?.name ?? null), ...(c.team ? { note: c.team } : {}) },
      { ...stateCell(c.state), ...(c.closeCode ? { note: closeCodeLabel(c.closeCode).toLowerCase() } : {}) },
      textCell(c.plannedStart === null ? null : formatDate(c.plannedStart)),
      { text: formatNumber(c.leadTimeDays), sort: c.leadTimeDays },
      releaseCell(c.release, c.releaseId, page, label),
      c.freezes.length ? { text: c.freezes.join(', '), note: countedText(c) } : textCell(null),
      listCell(changeItems(c.collidesWith, links)),
      listCell(c.incidents.map((i) => ({ text: i.number, href: links.causedIncident(i) }))),
    ];
  });
}
