// The quality page's tables: overload weeks, QA capacity per team, test progress per release (with a
// small bar), and escaped defects and defect density by release and by system.
import type { DefectScope, QualityPage, TestProgress } from '../report/model-environments.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import type { CellBar } from './cell-bar.ts';
import { formatCount, formatPercent, MISSING } from './format.ts';
import { isOpenState } from '../metrics/status.ts';
import { rel } from './links.ts';
import { stateLabel } from './release-states.ts';
import { releasePath } from './releases-table.ts';
import { countCell, dateCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

export const OVERLOAD_COLUMNS: Column[] = [
  { label: 'Week' },
  { label: 'Monday', kind: 'date' },
  { label: 'Test demand (h)', kind: 'number' },
  { label: 'QA capacity (h)', kind: 'number' },
  { label: 'Overload (h)', kind: 'number' },
];

/** The overload weeks, latest first: the ones still ahead matter most. */
export function overloadRows(weeks: QualityPage['weeks']): Cell[][] {
  return weeks
    .filter((w) => w.overload > 0)
    .reverse()
    .map((w) => [textCell(w.week), dateCell(w.monday), countCell(w.demand), countCell(w.capacity), countCell(w.overload)]);
}

export const TEAM_COLUMNS: Column[] = [
  { label: 'Team' },
  { label: 'This week (h)', kind: 'number' },
  { label: 'Next 12 weeks (h)', kind: 'number' },
  { label: 'Weeks with capacity', kind: 'number' },
  { label: 'First week' },
  { label: 'Last week' },
];

/** `asOfWeek` is the index in `weeks` of the week holding the as-of date (-1 when outside). */
export function teamRows(page: Pick<QualityPage, 'weeks' | 'capacityByTeam'>, asOfWeek: number): Cell[][] {
  return page.capacityByTeam.map((t) => {
    const staffed = page.weeks.filter((_, i) => t.hours[i]! > 0);
    const ahead = asOfWeek < 0 ? null : t.hours.slice(asOfWeek, asOfWeek + 12).reduce((s, h) => s + h, 0);
    return [
      textCell(t.team), countCell(asOfWeek < 0 ? null : t.hours[asOfWeek]!), countCell(ahead), countCell(staffed.length),
      textCell(staffed[0]?.week ?? null), textCell(staffed.at(-1)?.week ?? null),
    ];
  });
}

export const PROGRESS_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'State' },
  { label: 'Cycles', kind: 'number' },
  { label: 'Planned testing', kind: 'date' },
  { label: 'Planned cases', kind: 'number' },
  { label: 'Due by today', kind: 'number' },
  { label: 'Executed' },
  { label: 'Passed', kind: 'number' },
  { label: 'Failed', kind: 'number' },
  { label: 'Blocked', kind: 'number' },
  { label: 'Pass rate', kind: 'number' },
];

/** Passed, failed and blocked as shares of the planned cases, with what was due by today marked. */
export function progressBar(p: TestProgress): CellBar | undefined {
  if (p.plannedCases <= 0) return undefined;
  const share = (n: number) => n / p.plannedCases;
  return {
    parts: [
      { share: share(p.passed), className: 'bar-passed' },
      { share: share(p.failed), className: 'bar-failed' },
      // Executed cases neither passed nor failed (a tool's other outcomes).
      { share: share(Math.max(0, p.executed - p.passed - p.failed)), className: 'bar-other' },
      { share: share(p.blocked), className: 'bar-blocked' },
    ],
    // Nothing due yet needs no rule: it would read as a tick at the start.
    ...(p.plannedToDate > 0 ? { marker: share(p.plannedToDate) } : {}),
  };
}

/** Rows of the finished releases' progress table: history, so fewer, keeping the quality page within its weight at enterprise scale. */
export const FINISHED_PROGRESS_ROWS = 60;

/** Releases still to ship (their testing matters now), then the released and cancelled ones. */
export function splitProgress(progress: readonly TestProgress[]): { open: TestProgress[]; finished: TestProgress[] } {
  return { open: progress.filter((p) => isOpenState(p.state)), finished: progress.filter((p) => !isOpenState(p.state)) };
}

/** `bars`: draw the progress bar in the executed cell. */
export function progressRows(progress: readonly TestProgress[], page: string, label: (r: ReleaseRef) => string, bars: boolean): Cell[][] {
  return progress.map((p) => {
    const executed = p.plannedCases > 0 ? `${formatCount(p.executed)} of ${formatCount(p.plannedCases)} (${formatPercent(p.executionRate)})` : formatCount(p.executed);
    const bar = bars ? progressBar(p) : undefined;
    return [
      linkCell(label(p.release), rel(page, releasePath(p.release.slug))), { text: stateLabel(p.state), sort: p.state }, countCell(p.cycles),
      { text: p.plannedStart || p.plannedEnd ? `${p.plannedStart ?? '?'} – ${p.plannedEnd ?? '?'}` : MISSING, sort: p.plannedStart },
      countCell(p.plannedCases), countCell(Math.round(p.plannedToDate)),
      { text: executed, sort: p.executionRate, ...(bar ? { bar } : {}) },
      countCell(p.passed), countCell(p.failed), countCell(p.blocked), percentCell(p.passRate),
    ];
  });
}

const DEFECT_COLUMNS: Column[] = [
  { label: 'Bugs', kind: 'number' },
  { label: 'Escaped to production', kind: 'number' },
  { label: 'Escaped share', kind: 'number' },
  { label: 'Delivered items', kind: 'number' },
  { label: 'Defect density (bugs per item)', kind: 'number' },
];

function defectCells(d: DefectScope): Cell[] {
  return [
    countCell(d.bugs), countCell(d.escaped), percentCell(d.bugs > 0 ? d.escaped / d.bugs : null), countCell(d.deliveredItems),
    { text: d.density === null ? MISSING : d.density.toFixed(2), sort: d.density },
  ];
}

export const RELEASE_DEFECT_COLUMNS: Column[] = [{ label: 'Release' }, { label: 'Systems' }, ...DEFECT_COLUMNS];

/** Most escaped defects first, then most bugs: the scopes to look into, and what a long table shows. */
const mostEscaped = <T extends DefectScope>(rows: readonly T[]): T[] => [...rows].sort((a, b) => b.escaped - a.escaped || b.bugs - a.bugs);

export function releaseDefectRows(rows: QualityPage['byRelease'], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return mostEscaped(rows).map((r) => [linkCell(label(r.release), rel(page, releasePath(r.release.slug))), textCell(r.systemIds.length ? r.systemIds.join(', ') : null), ...defectCells(r)]);
}

export const SYSTEM_DEFECT_COLUMNS: Column[] = [{ label: 'System' }, ...DEFECT_COLUMNS];

export function systemDefectRows(rows: QualityPage['bySystem']): Cell[][] {
  return mostEscaped(rows).map((s) => [{ text: s.name === s.id ? s.id : `${s.name} (${s.id})`, sort: s.name }, ...defectCells(s)]);
}
