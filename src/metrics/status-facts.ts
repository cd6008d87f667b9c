// The facts the status rule reads (docs/metrics.md#status-rule), derived from canonical rows: critical
// defects and blockers among open work items, late upstream releases, the freezes a day falls in, and
// changes planned inside a freeze that is not over. Pure: rows in, facts out.
import type { Row } from '../model/catalog.ts';
import type { DependencyGraph, PlannedRelease } from './dependencies.ts';
import { startOf } from './dependencies.ts';
import { addDays, daysBetween } from './periods.ts';
import { dayOf, dayStart, wallClock } from './calendar.ts';
import { coversAll, type FreezeFacts } from './change-windows.ts';
import type { LateUpstream } from './status.ts';

/** Open work items counted together: same releases, type, priority, status and labels. */
export interface OpenItemGroup {
  release_ids: string[];
  type: string | null;
  priority: string | null;
  status: string | null;
  labels: string[] | null;
  items: number;
}

const HIGHEST = new Set(['highest', 'blocker', 'critical', 'urgent', 'p0', 'p1', '1']);
const BLOCKED_LABELS = new Set(['blocked', 'blocker', 'release-blocker', 'impediment', 'flagged']);

/**
 * A priority of the highest rank, whatever the tool calls it: Jira's Highest, Blocker or Critical,
 * Urgent, P0/P1, Azure DevOps' 1, ServiceNow's "1 - Critical".
 */
export function isHighestPriority(priority: string | null): boolean {
  if (!priority) return false;
  const p = priority.trim().toLowerCase();
  return HIGHEST.has(p) || /^1\s*-/.test(p);
}

/** A critical defect: a bug of the highest priority (the caller passes open items only). */
export const isCriticalDefect = (g: Pick<OpenItemGroup, 'type' | 'priority'>): boolean => g.type === 'bug' && isHighestPriority(g.priority);

/**
 * A blocker: an item whose status says it is blocked, or labelled blocked/blocker/release-blocker/
 * impediment/flagged (any case), or of priority Blocker — unless it is a critical defect already.
 */
export function isBlocker(g: Pick<OpenItemGroup, 'type' | 'priority' | 'status' | 'labels'>): boolean {
  if (isCriticalDefect(g)) return false;
  return (
    /blocked/i.test(g.status ?? '') || (g.labels ?? []).some((l) => BLOCKED_LABELS.has(l.toLowerCase())) || g.priority?.trim().toLowerCase() === 'blocker'
  );
}

/** Open critical defects and blockers per release. */
export function itemSignals(groups: readonly OpenItemGroup[]): Map<string, { criticalDefects: number; blockers: number }> {
  const out = new Map<string, { criticalDefects: number; blockers: number }>();
  for (const g of groups) {
    const critical = isCriticalDefect(g);
    const blocker = !critical && isBlocker(g);
    if (!critical && !blocker) continue;
    for (const id of new Set(g.release_ids)) {
      const s = out.get(id) ?? out.set(id, { criticalDefects: 0, blockers: 0 }).get(id)!;
      if (critical) s.criticalDefects += g.items;
      else s.blockers += g.items;
    }
  }
  return out;
}

/**
 * The open upstream releases of `id` expected after it starts (finish-to-start). An upstream release is
 * expected on the latest of its planned release, its P85 forecast (when it has one) and the day after
 * the as-of date (it had not shipped by then); late when expected − start(id) > 0 days.
 */
export function lateUpstream(
  graph: DependencyGraph,
  id: string,
  releases: ReadonlyMap<string, PlannedRelease & { name: string; open: boolean }>,
  p85: ReadonlyMap<string, string | null>,
  asOf: string,
): LateUpstream[] {
  const self = releases.get(id);
  const start = self ? startOf(self) : null;
  if (!start) return [];
  const out: LateUpstream[] = [];
  for (const e of graph.upstream.get(id) ?? []) {
    const u = releases.get(e.from);
    if (!u?.open) continue;
    // Ties go to the plan, then the forecast: the reason names the most familiar date.
    const candidates: Array<[LateUpstream['basis'], string | null]> = [['plan', u.planned_release], ['forecast', p85.get(u.id) ?? null], ['open', addDays(asOf, 1)]];
    let best: [LateUpstream['basis'], string] | null = null;
    for (const [basis, date] of candidates) if (date && (!best || date > best[1])) best = [basis, date];
    const days = daysBetween(start, best![1]);
    if (days > 0) out.push({ name: u.name, plan: u.planned_release, expected: best![1], basis: best![0], start, days });
  }
  return out;
}

type PhaseFacts = Pick<Row<'release_phase'>, 'phase' | 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end'>;

/**
 * How far a release's phases run behind plan, from the phases that say where it stands now: those not
 * finished that have started or were due to start, and the one that finished last (earlier finished
 * phases may have been caught up since). A phase's delay: finished, actual − planned end; started,
 * the later of its late start and the days past its planned end; not started, the days since its
 * planned start. The largest positive delay, with what shows it; null when none is late.
 */
export function phaseDelay(phases: readonly PhaseFacts[], asOf: string): { days: number; text: string } | null {
  const ended = phases.filter((p) => p.actual_end && p.actual_end <= asOf).sort((a, b) => (a.actual_end! < b.actual_end! ? -1 : a.actual_end! > b.actual_end! ? 1 : 0));
  const last = ended[ended.length - 1];
  const evidence: Array<{ days: number; text: string }> = [];
  if (last?.planned_end) evidence.push({ days: daysBetween(last.planned_end, last.actual_end!), text: `${last.phase} ended ${last.actual_end}, plan ${last.planned_end}` });
  for (const p of phases) {
    if (p.actual_end && p.actual_end <= asOf) continue;
    if (p.actual_start && p.actual_start <= asOf) {
      if (p.planned_start) evidence.push({ days: daysBetween(p.planned_start, p.actual_start), text: `${p.phase} started ${p.actual_start}, plan ${p.planned_start}` });
      if (p.planned_end && p.planned_end < asOf) evidence.push({ days: daysBetween(p.planned_end, asOf), text: `${p.phase} not finished, planned to end ${p.planned_end}` });
    } else if (p.planned_start && p.planned_start < asOf) {
      evidence.push({ days: daysBetween(p.planned_start, asOf), text: `${p.phase} not started, planned to start ${p.planned_start}` });
    }
  }
  const worst = evidence.filter((e) => e.days > 0).sort((a, b) => b.days - a.days)[0];
  return worst ?? null;
}

/** Freeze windows covering `systemIds` (or every system) on calendar day `day` of the time zone: [start, end) meets the day. */
export function freezesOn(day: string, systemIds: readonly string[], freezes: readonly FreezeFacts[], timeZone: string): string[] {
  const from = dayStart(day);
  const to = from + 86_400_000;
  return freezes
    .filter((f) => (coversAll(f) || systemIds.some((s) => f.scope!.includes(s))) && wallClock(f.start, timeZone) < to && wallClock(f.end, timeZone) > from)
    .map((f) => f.name);
}

/** The last calendar day a planned change window touches (its start when it has no end). */
export function windowLastDay(c: Pick<Row<'change'>, 'planned_start' | 'planned_end'>, timeZone: string): string | null {
  if (!c.planned_start) return null;
  const end = c.planned_end ? Math.max(wallClock(c.planned_start, timeZone), wallClock(c.planned_end, timeZone) - 1) : wallClock(c.planned_start, timeZone);
  return dayOf(end);
}

