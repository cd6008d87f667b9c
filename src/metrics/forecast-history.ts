// What a forecast made as of a date A may know (docs/metrics.md#forecasts): the release's items created
// by A, done if resolved by A; its teams' throughput on the days before A; the releases they shipped by
// A (lags, early margins, scope growth); the open releases planned before it. The live forecast is this
// as of the report's date; the backtest, as of past dates.
import { addDays, daysBetween } from './periods.ts';
import { groupBy } from './group.ts';
import type { Row } from '../model/catalog.ts';
import { isReleased, type ReleaseFacts } from './releases.ts';

export type ReleasePlan = ReleaseFacts & Pick<Row<'release'>, 'planned_start' | 'type'>;

/** Work items of a release (epics excluded), counted by what the forecast reads of them. */
export interface ItemGroup {
  releaseId: string;
  /** The item's team; without one, its project's (`project PAY`). */
  team: string;
  /** Calendar day of creation. */
  created: string;
  /** Calendar day it was resolved, when it is done and the day is known. */
  resolved: string | null;
  /** Done without a resolution date: counted as done at any date, and in no day's throughput. */
  doneUndated: boolean;
  items: number;
}

/** Items (epics excluded, of any release or none) a team resolved as done on a day. */
export interface TeamDay {
  team: string;
  day: string;
  items: number;
}

/** A shipped release as the lag, the early margin and the scope growth read it. Days are day numbers. */
interface Past {
  id: string;
  type: ReleasePlan['type'];
  actual: string;
  actualDay: number;
  /** Planned start and length of the plan in days; null without both dates or with a plan of no length. */
  planStart: number | null;
  planLength: number | null;
  /** Days before its planned date it went out (0 on or after it); null without a planned date. */
  early: number | null;
  /** Days its items were created, ascending, with the items created up to and including each. */
  created: Int32Array;
  createdBy: Int32Array;
  /** The last day one of its items was resolved on or before its release, and the first after it. */
  lastBefore: string | null;
  firstAfter: string | null;
}

export interface History {
  releases: Map<string, ReleasePlan>;
  items: Map<string, ItemGroup[]>;
  /** Team → day → items resolved. */
  throughput: Map<string, Map<string, number>>;
  /** The same as counts per day from the team's first such day (`start`) on, for the windows. */
  daily: Map<string, { start: string; counts: Int32Array }>;
  /** Team → the shipped releases holding one of its items, by id. */
  pastByTeam: Map<string, Past[]>;
  /** The first day any work item was created: history starts there. */
  firstDay: string | null;
}

const EPOCH = '1970-01-01';
const dayNumber = (d: string) => daysBetween(EPOCH, d);

function past(r: ReleasePlan & { actual_release: string }, groups: readonly ItemGroup[]): Past {
  const perDay = new Map<number, number>();
  for (const g of groups) perDay.set(dayNumber(g.created), (perDay.get(dayNumber(g.created)) ?? 0) + g.items);
  const created = Int32Array.from([...perDay.keys()]).sort();
  let sum = 0;
  const resolved = groups.flatMap((g) => (g.resolved ? [g.resolved] : [])).sort();
  const after = resolved.findIndex((d) => d > r.actual_release);
  const length = r.planned_start && r.planned_release ? daysBetween(r.planned_start, r.planned_release) : 0;
  return {
    id: r.id, type: r.type, actual: r.actual_release, actualDay: dayNumber(r.actual_release),
    planStart: length > 0 ? dayNumber(r.planned_start!) : null, planLength: length > 0 ? length : null,
    early: r.planned_release ? Math.max(0, daysBetween(r.actual_release, r.planned_release)) : null,
    created, createdBy: created.map((d) => (sum += perDay.get(d)!)),
    lastBefore: after === 0 ? null : (resolved[after < 0 ? resolved.length - 1 : after - 1] ?? null), firstAfter: after < 0 ? null : resolved[after]!,
  };
}

export function history(releases: readonly ReleasePlan[], items: readonly ItemGroup[], days: readonly TeamDay[]): History {
  const byRelease = groupBy(items, (g) => [g.releaseId]);
  const throughput = new Map<string, Map<string, number>>();
  const daily = new Map<string, { start: string; counts: Int32Array }>();
  for (const [team, list] of groupBy(days, (d) => [d.team])) {
    const perDay = new Map<string, number>();
    for (const d of list) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.items);
    const sorted = [...perDay.keys()].sort();
    const start = sorted[0]!;
    const counts = new Int32Array(daysBetween(start, sorted[sorted.length - 1]!) + 1);
    for (const [day, n] of perDay) counts[daysBetween(start, day)] = n;
    throughput.set(team, perDay);
    daily.set(team, { start, counts });
  }
  const pastByTeam = new Map<string, Past[]>();
  const shipped = releases.filter((r): r is ReleasePlan & { actual_release: string } => isReleased(r));
  for (const r of shipped.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const groups = byRelease.get(r.id) ?? [];
    const p = past(r, groups);
    for (const team of new Set(groups.map((g) => g.team))) {
      const list = pastByTeam.get(team);
      if (list) list.push(p);
      else pastByTeam.set(team, [p]);
    }
  }
  const created = items.map((g) => g.created).sort();
  return { releases: new Map(releases.map((r) => [r.id, r])), items: byRelease, throughput, daily, pastByTeam, firstDay: created[0] ?? null };
}

const isDone = (g: ItemGroup, asOf: string) => g.doneUndated || (g.resolved !== null && g.resolved <= asOf);

export interface Scope {
  /** Items created by A, those not done by A, and those created after A. */
  known: number;
  remaining: number;
  addedLater: number;
  /** Teams of the remaining items (of the known ones when none remains), sorted. */
  teams: string[];
  /** The last day by A on which one of its items was resolved; null when none was. */
  lastResolved: string | null;
}

export function scopeAt(h: History, releaseId: string, asOf: string): Scope {
  let known = 0, remaining = 0, addedLater = 0;
  let lastResolved: string | null = null;
  const open = new Set<string>();
  const all = new Set<string>();
  for (const g of h.items.get(releaseId) ?? []) {
    if (g.created > asOf) {
      addedLater += g.items;
      continue;
    }
    known += g.items;
    all.add(g.team);
    if (!isDone(g, asOf)) {
      remaining += g.items;
      open.add(g.team);
    } else if (g.resolved && (lastResolved === null || g.resolved > lastResolved)) lastResolved = g.resolved;
  }
  return { known, remaining, addedLater, teams: [...(remaining ? open : all)].sort(), lastResolved };
}

/** Items the teams resolved on each of the `windowDays` days before A (A itself is left out). */
export function windowAt(h: History, teams: readonly string[], asOf: string, windowDays: number): { from: string; to: string; daily: Int32Array } {
  const daily = new Int32Array(windowDays);
  const from = addDays(asOf, -windowDays);
  for (const team of teams) {
    const t = h.daily.get(team);
    if (!t) continue;
    const offset = daysBetween(t.start, from);
    for (let i = Math.max(0, -offset); i < windowDays && offset + i < t.counts.length; i++) daily[i]! += t.counts[offset + i]!;
  }
  return { from, to: addDays(asOf, -1), daily };
}

/** The releases of the teams shipped by A, by id. */
export function pastAt(h: History, teams: readonly string[], asOf: string): Past[] {
  const out = new Map<string, Past>();
  for (const t of teams) for (const p of h.pastByTeam.get(t) ?? []) if (p.actual <= asOf) out.set(p.id, p);
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Lags of the past releases: the actual release minus the last item resolved by A, at least 0 (0 when
 * an item was resolved after the release); releases none of whose items was resolved by then are left out.
 */
export function lagsOf(past: readonly Past[], asOf: string): number[] {
  const out: number[] = [];
  for (const p of past) {
    if (p.firstAfter !== null && p.firstAfter <= asOf) out.push(0);
    else if (p.lastBefore !== null) out.push(Math.max(0, daysBetween(p.lastBefore, p.actual)));
  }
  return out.sort((a, b) => a - b);
}

/** How many days before their planned date the past releases went out (0 on or after it). Ascending. */
export function earlyOf(past: readonly Past[]): number[] {
  return past.flatMap((p) => (p.early === null ? [] : [p.early])).sort((a, b) => a - b);
}

/** Items created on or before a day number, of a past release. */
function createdBy(p: Past, day: number): number {
  let lo = 0, hi = p.created.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.created[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : p.createdBy[lo - 1]!;
}

/**
 * Scope growth seen on the past releases of the release's type, from the same stage of their plan as
 * the release is at on A (0 at the planned start, 1 at the planned release): for each that was still
 * open then, the items created by its release ÷ those created by then. Ascending; empty when the
 * release's plan has no start or end.
 */
export function growthOf(release: ReleasePlan, past: readonly Past[], asOf: string): number[] {
  if (!release.planned_start || !release.planned_release) return [];
  const length = daysBetween(release.planned_start, release.planned_release);
  if (length <= 0) return [];
  const stage = daysBetween(release.planned_start, asOf) / length;
  const out: number[] = [];
  for (const p of past) {
    if (p.type !== release.type || p.planStart === null) continue;
    const then = p.planStart + Math.round(stage * p.planLength!);
    const known = createdBy(p, then);
    if (then < p.actualDay && known > 0) out.push(createdBy(p, p.actualDay) / known);
  }
  return out.sort((a, b) => a - b);
}

/** The releases open on `asOf` (not cancelled, not released by then), by id. */
export function openIds(h: History, asOf: string): string[] {
  return [...h.releases.values()]
    .filter((r) => r.status !== 'cancelled' && !(isReleased(r) && r.actual_release <= asOf))
    .map((r) => r.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The releases open on A (not cancelled, not shipped by A), and their items not done by A per team. */
export interface OpenReleases {
  asOf: string;
  ids: string[];
  remaining: Map<string, Map<string, number>>;
}

export function openAt(h: History, asOf: string): OpenReleases {
  const ids = openIds(h, asOf);
  const remaining = new Map<string, Map<string, number>>();
  for (const id of ids) {
    const perTeam = new Map<string, number>();
    for (const g of h.items.get(id) ?? []) if (g.created <= asOf && !isDone(g, asOf)) perTeam.set(g.team, (perTeam.get(g.team) ?? 0) + g.items);
    remaining.set(id, perTeam);
  }
  return { asOf, ids, remaining };
}

/**
 * Items of the teams not done by A in the other open releases planned to ship on or before this one
 * (all of them, for a release without a planned date): the teams work on those first.
 */
export function aheadAt(h: History, releaseId: string, teams: readonly string[], open: OpenReleases): number {
  const plan = (id: string) => h.releases.get(id)?.planned_release ?? '9999-12-31';
  const mine = plan(releaseId);
  let n = 0;
  for (const id of open.ids) {
    if (id === releaseId || plan(id) > mine) continue;
    const perTeam = open.remaining.get(id)!;
    for (const t of teams) n += perTeam.get(t) ?? 0;
  }
  return n;
}
