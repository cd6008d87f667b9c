// Scheduling and resource conflicts (docs/metrics.md#scheduling-conflicts): teams committed to more
// open work than their throughput finishes by a release's planned date, releases planned inside a
// freeze covering their systems, and changes planned inside a freeze. (Environment double bookings are
// environments.conflicts, reused as they are.) Pure: rows in, conflicts out.
import type { MetricRow } from './types.ts';
import { daysBetween } from './periods.ts';
import { quantileOf, round } from './stats.ts';
import { listText } from './detail.ts';
import { plural } from './status.ts';

/**
 * A team's pace is read from the forecast window (the `windowDays` days before the as-of date, as the
 * forecasts sample them) cut into whole seven-day blocks ending the day before the as-of date.
 */
export const paceBlocks = (windowDays: number): number => Math.max(1, Math.floor(windowDays / 7));

export interface TeamOpenGroup {
  team: string;
  /** Open releases the items are planned for (any order). */
  release_ids: string[];
  items: number;
}

export interface TeamDoneDay {
  team: string;
  day: string;
  items: number;
}

export interface OpenRelease {
  id: string;
  plannedRelease: string | null;
}

export interface Overcommitment {
  team: string;
  /** The planned release date checked. */
  due: string;
  /** Open releases with the team's open items due by then (planned on or before `due`), by date then id. */
  releaseIds: string[];
  /** The team's open items in those releases. */
  remaining: number;
  /** Median items done per seven-day block of the forecast window, and what that finishes by `due`. */
  weeklyPace: number;
  canFinish: number;
}

/** Items done per seven-day block, oldest first, the last block ending the day before the as-of date. */
export function weeklyDone(days: readonly TeamDoneDay[], asOf: string, windowDays: number): number[] {
  const n = paceBlocks(windowDays);
  const blocks = new Array<number>(n).fill(0);
  for (const d of days) {
    const back = daysBetween(d.day, asOf) - 1;
    if (back < 0 || back >= n * 7) continue;
    blocks[n - 1 - Math.floor(back / 7)]! += d.items;
  }
  return blocks;
}

/**
 * For each team and each planned date D (on or after the as-of date) of an open release holding its
 * open items: the team's open items in open releases planned on or before D (an item planned for several
 * releases counts once, for the earliest) against its median weekly throughput × (D − as-of) ÷ 7.
 * Over-committed when the items exceed what that pace finishes. The weekly median, not the daily one:
 * a team that finishes work on fewer than half of the days has a daily median of 0.
 */
export function overcommitments(
  open: readonly TeamOpenGroup[],
  done: readonly TeamDoneDay[],
  releases: readonly OpenRelease[],
  asOf: string,
  windowDays: number,
): Overcommitment[] {
  const planned = new Map(releases.filter((r) => r.plannedRelease).map((r) => [r.id, r.plannedRelease!]));
  const byTeam = new Map<string, Map<string, number>>();
  for (const g of open) {
    const first = g.release_ids.filter((id) => planned.has(id)).sort((a, b) => (planned.get(a)! < planned.get(b)! ? -1 : planned.get(a)! > planned.get(b)! ? 1 : a < b ? -1 : 1))[0];
    if (!first) continue;
    const m = byTeam.get(g.team) ?? byTeam.set(g.team, new Map()).get(g.team)!;
    m.set(first, (m.get(first) ?? 0) + g.items);
  }
  const doneBy = new Map<string, TeamDoneDay[]>();
  for (const d of done) (doneBy.get(d.team) ?? doneBy.set(d.team, []).get(d.team)!).push(d);
  const out: Overcommitment[] = [];
  for (const team of [...byTeam.keys()].sort()) {
    const items = [...byTeam.get(team)!].sort(([a], [b]) => (planned.get(a)! < planned.get(b)! ? -1 : planned.get(a)! > planned.get(b)! ? 1 : a < b ? -1 : 1));
    const weeklyPace = quantileOf(weeklyDone(doneBy.get(team) ?? [], asOf, windowDays), 0.5)!;
    const dates = [...new Set(items.map(([id]) => planned.get(id)!))].filter((d) => d >= asOf);
    for (const due of dates) {
      const upTo = items.filter(([id]) => planned.get(id)! <= due);
      const remaining = upTo.reduce((s, [, n]) => s + n, 0);
      const canFinish = round((weeklyPace * daysBetween(asOf, due)) / 7, 1)!;
      if (remaining > canFinish) out.push({ team, due, releaseIds: upTo.map(([id]) => id), remaining, weeklyPace, canFinish });
    }
  }
  return out;
}

export const overcommitmentText = (o: Overcommitment): string =>
  `${o.team}: ${plural(o.remaining, 'open item')} due by ${o.due} (${plural(o.releaseIds.length, 'release')}); `
  + `at its median pace of ${o.weeklyPace} a week it finishes about ${o.canFinish}`;

/** A day range, `first` alone when it is one day. */
export const span = (first: string, last: string): string => (first === last ? first : `${first}–${last}`);

export type ConflictKind = 'team_overcommitted' | 'environment_double_booking' | 'release_in_freeze' | 'change_in_freeze';
export const CONFLICT_KINDS: readonly ConflictKind[] = ['team_overcommitted', 'environment_double_booking', 'release_in_freeze', 'change_in_freeze'];

/** portfolio.conflicts: current and upcoming conflicts per kind (every kind written), `detail` their summaries. */
export function conflictMetrics(current: ReadonlyArray<{ kind: ConflictKind; summary: string }>, asOf: string): MetricRow[] {
  return CONFLICT_KINDS.map((kind) => {
    const of = current.filter((c) => c.kind === kind);
    return {
      metric: 'portfolio.conflicts', scope_kind: 'category', scope_id: kind, period: 'all', value: of.length, unit: 'count',
      detail: of.length ? listText(of.map((c) => c.summary), '; ') : `none current or upcoming as of ${asOf}`,
    };
  });
}
