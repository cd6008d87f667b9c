// The changes page: the funnel, monthly series, success by close code, team and system, every change
// with its freezes, collisions and the incidents it caused, from what the change metrics computed.
import type { Row } from '../model/catalog.ts';
import { CLOSE_CODES } from '../model/entities.ts';
import { changeMonths, emptyStats, funnel, median, scopeGroups, successRate, type ChangeAnalysis, type ChangeStats } from '../metrics/changes.ts';
import { coversAll } from '../metrics/change-windows.ts';
import { localDay } from '../metrics/calendar.ts';
import { groupBy } from '../metrics/group.ts';
import { ratio, round } from '../metrics/stats.ts';
import type { ChangeRef, ChangeRow, ChangesPage, IncidentRef, SourceRef, SuccessStats, SystemRef } from './model-changes.ts';
import type { ReleaseRef } from './model-releases.ts';
import type { Sources } from './operations-inputs.ts';

/** How the changes and delivery pages name systems, releases, changes and incidents. */
export interface OperationRefs {
  system: (id: string | null) => SystemRef | null;
  release: (id: string | null) => ReleaseRef | null;
  change: (number: string) => ChangeRef;
  incident: (number: string) => IncidentRef;
  source: (kind: keyof Sources, id: string) => SourceRef;
}

export interface ChangesPageInputs {
  analysis: ChangeAnalysis<Row<'change'>>;
  incidents: readonly Row<'incident'>[];
  freezes: readonly Row<'freeze_window'>[];
  refs: OperationRefs;
  timeZone: string;
  asOf: string;
}

/**
 * Lists of single rows (changes, collisions, incidents) hold at most this many, the latest: the numbers
 * count everything, and an enterprise opens hundreds of thousands of changes.
 */
export const LIST_LIMIT = 5000;
/** The last `LIST_LIMIT` of rows sorted oldest first. */
export const latest = <T>(rows: readonly T[]): T[] => rows.slice(-LIST_LIMIT);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const success = (s: ChangeStats): SuccessStats => ({
  closed: s.closed, successful: s.successful, successfulWithIssues: s.successfulWithIssues, unsuccessful: s.unsuccessful, successRate: successRate(s),
});

export function changesPage(input: ChangesPageInputs): ChangesPage {
  const { analysis, refs } = input;
  const { changes, pairs } = analysis;
  const day = (instant: string) => localDay(instant, input.timeZone);
  const collidesWith = new Map<string, string[]>();
  const add = (n: string, other: string) => (collidesWith.get(n) ?? collidesWith.set(n, []).get(n)!).push(other);
  for (const p of pairs) {
    add(p.a, p.b);
    add(p.b, p.a);
  }
  const caused = input.incidents.filter((i) => i.caused_by_change).sort((a, b) => byText(a.opened_at, b.opened_at) || byText(a.number, b.number));
  const causedBy = groupBy(caused, (i) => [i.caused_by_change]);
  const known = new Set(changes.map((x) => x.c.number));
  const listedCaused = latest(caused);
  // The latest collisions: by overlap start, then back in the order of systems.
  const order = new Map(pairs.map((p, i) => [p, i]));
  const listedPairs = latest([...pairs].sort((a, b) => a.from - b.from || order.get(a)! - order.get(b)!)).sort((a, b) => order.get(a)! - order.get(b)!);

  const rows: ChangeRow[] = latest([...changes].sort((a, b) => byText(a.c.opened_at, b.c.opened_at) || byText(a.c.number, b.c.number)))
    .map(({ c, ...x }) => ({
      ...refs.change(c.number),
      description: c.short_description, type: c.type, state: c.state, risk: c.risk,
      system: refs.system(c.system_id), team: c.assignment_group, release: refs.release(c.release_id), releaseId: c.release_id,
      plannedStart: c.planned_start, plannedEnd: c.planned_end, openedAt: c.opened_at, approvedAt: c.approved_at, closedAt: c.closed_at,
      closeCode: c.close_code, unauthorized: c.unauthorized === true, cancelled: x.cancelled,
      leadTimeDays: round(x.leadDays, 2), approvalDays: round(x.approvalDays, 2),
      freezes: x.freezes, inFreeze: x.inFreeze,
      collidesWith: (collidesWith.get(c.number) ?? []).map(refs.change),
      incidents: (causedBy.get(c.number) ?? []).map((i) => refs.incident(i.number)),
      source: refs.source('change', c.number),
    }));

  const stats = scopeGroups(analysis, 'all').get('*')!.stats;
  const all = stats.all;
  const windows = changes.flatMap((x) => (x.c.planned_start ? [day(x.c.planned_start), day(x.c.planned_end ? iso(Date.parse(x.c.planned_end) - 1) : x.c.planned_start)] : [])).sort();
  const closedBy = groupBy(changes.filter((x) => x.c.closed_at && x.c.close_code), (x) => [x.c.close_code]);
  return {
    totals: {
      changes: all.opened, emergency: all.emergency, unauthorized: all.unauthorized,
      emergencyShare: round(ratio(all.emergency, all.opened)), unauthorizedShare: round(ratio(all.unauthorized, all.opened)),
      success: success(all), inFreeze: all.inFreeze, collisions: pairs.length, causedIncidents: caused.length,
      leadTimeMedian: median(all.leadDays), approvalMedian: median(all.approvalDays),
    },
    funnel: funnel(changes),
    months: changeMonths(changes, input.asOf).map((month) => {
      const s = stats.months.get(month) ?? emptyStats();
      return {
        month, opened: s.opened, emergency: s.emergency, unauthorized: s.unauthorized,
        emergencyShare: round(ratio(s.emergency, s.opened)), unauthorizedShare: round(ratio(s.unauthorized, s.opened)),
        closed: s.closed, successful: s.successful + s.successfulWithIssues, successRate: successRate(s), inFreeze: s.inFreeze,
        leadTimeMedian: median(s.leadDays), leadTimeChanges: s.leadDays.length, approvalMedian: median(s.approvalDays), approvals: s.approvalDays.length,
      };
    }),
    successBy: {
      closeCode: CLOSE_CODES.map((code) => ({ closeCode: code, changes: closedBy.get(code)?.length ?? 0 })),
      team: [...scopeGroups(analysis, 'team')].map(([team, g]) => ({ team, ...success(g.stats.all) })),
      system: [...scopeGroups(analysis, 'system')]
        .map(([id, g]) => ({ system: refs.system(id)!, ...success(g.stats.all) }))
        .sort((a, b) => byText(a.system.name, b.system.name) || byText(a.system.id, b.system.id)),
    },
    rows,
    listed: { rows: rows.length, total: changes.length, collisions: listedPairs.length, totalCollisions: pairs.length, causedIncidents: listedCaused.length },
    collisions: listedPairs.map((p) => ({ system: refs.system(p.systemId)!, changes: [refs.change(p.a), refs.change(p.b)], overlapStart: iso(p.from), overlapEnd: iso(p.to) })),
    calendar: {
      from: windows[0] ?? input.asOf,
      to: windows[windows.length - 1] ?? input.asOf,
      freezes: [...input.freezes]
        .sort((a, b) => byText(a.start, b.start) || byText(a.name, b.name))
        .map((f) => ({
          name: f.name, start: f.start, end: f.end, firstDay: day(f.start), lastDay: day(iso(Math.max(Date.parse(f.start), Date.parse(f.end) - 1))),
          scope: coversAll(f) ? null : f.scope,
          changes: changes.filter((x) => x.inFreeze && x.freezes.includes(f.name)).map((x) => refs.change(x.c.number)),
        })),
    },
    causedIncidents: listedCaused.map((i) => ({
      ...refs.incident(i.number), description: i.short_description, priority: i.priority, system: refs.system(i.system_id),
      openedAt: i.opened_at, resolvedAt: i.resolved_at, change: refs.change(i.caused_by_change!), known: known.has(i.caused_by_change!),
      source: refs.source('incident', i.number),
    })),
  };
}
