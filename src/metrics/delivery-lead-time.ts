// DORA's lead time for changes (docs/metrics.md#deliverylead_time_days_median): from the start of a work
// item's work to the end of the first successful production deployment of a release that delivers it.
// Work items are counted in groups alike in their releases and start, because the table can be large.
import type { DeploymentFacts } from './attribution.ts';

const DAY_MS = 86_400_000;

/** Done work items (epics excluded) with the same releases and start of work, and how many. */
export interface ItemStart {
  releaseIds: readonly string[];
  /** The first transition into an in-progress status, else the item's creation (epoch milliseconds). */
  start: number;
  items: number;
}

/**
 * One scope's lead times, as columns of numbers (GC never walks them): an item group's lead time to the
 * deployment that delivered it, that release and the deployment's month (indexes into `Leads`), and
 * how many items. There are millions at enterprise scale, and an object each took five times the memory.
 */
export interface ScopeLeads {
  release: number[];
  month: number[];
  days: number[];
  items: number[];
}

export interface Leads {
  releases: string[];
  months: string[];
  scopes: Map<string, ScopeLeads>;
}

interface Delivered {
  d: DeploymentFacts;
  release: number;
  month: number;
  /** Start and finish, epoch milliseconds. */
  t: number;
  end: number;
}

const earlier = (a: Delivered, b: Delivered) => a.t < b.t || (a.t === b.t && a.d.id < b.d.id);

/** A string's index in a growing list. */
function indexer(): { list: string[]; of: (s: string) => number } {
  const list: string[] = [];
  const at = new Map<string, number>();
  return { list, of: (s) => at.get(s) ?? (list.push(s), at.set(s, list.length - 1), list.length - 1) };
}

/**
 * For each scope (the keys `scopeKeys` gives a deployment's system), each item's lead time to the first
 * successful, finished production deployment of any of its releases within the scope. Items whose work
 * started after that deployment finished were not delivered by it and are left out.
 */
export function leadTimes(
  deployments: ReadonlyArray<{ d: DeploymentFacts; month: string }>,
  items: readonly ItemStart[],
  scopeKeys: (systemId: string | null) => string[],
): Leads {
  const releases = indexer();
  const months = indexer();
  // The first successful finished production deployment of each release within each scope.
  const first = new Map<string, Map<string, Delivered>>();
  for (const { d, month } of deployments) {
    if (!d.production || d.status !== 'success' || !d.finished_at || !d.release_id) continue;
    const byScope = first.get(d.release_id) ?? first.set(d.release_id, new Map()).get(d.release_id)!;
    const x = { d, release: releases.of(d.release_id), month: months.of(month), t: Date.parse(d.started_at), end: Date.parse(d.finished_at) };
    for (const k of scopeKeys(d.system_id)) {
      const seen = byScope.get(k);
      if (!seen || earlier(x, seen)) byScope.set(k, x);
    }
  }
  const scopes = new Map<string, ScopeLeads>();
  for (const item of items) {
    // Most items have one release: its firsts are the item's; several releases take the earliest per scope.
    // Indexed loops and forEach: per item, a slice or a Map iterator's [key, value] pairs were most of this loop's time.
    let best = first.get(item.releaseIds[0]!);
    for (let j = 1; j < item.releaseIds.length; j++) {
      const more = first.get(item.releaseIds[j]!);
      if (!more) continue;
      best = new Map(best);
      for (const [k, x] of more) {
        const seen = best.get(k);
        if (!seen || earlier(x, seen)) best.set(k, x);
      }
    }
    best?.forEach((x, scope) => {
      const days = (x.end - item.start) / DAY_MS;
      if (days < 0) return;
      const to = scopes.get(scope) ?? scopes.set(scope, { release: [], month: [], days: [], items: [] }).get(scope)!;
      to.release.push(x.release);
      to.month.push(x.month);
      to.days.push(days);
      to.items.push(item.items);
    });
  }
  return { releases: releases.list, months: months.list, scopes };
}

/** A period's lead times in order of days, and how many releases they come from. */
export interface PeriodLeads {
  days: Float64Array;
  items: Int32Array;
  releases: number;
}

export const NO_LEADS: PeriodLeads = { days: new Float64Array(0), items: new Int32Array(0), releases: 0 };

/**
 * A scope's lead times for all months and for each month (by index into `Leads.months`), each in order
 * of days: one sort, then a counting sort by month that keeps that order, so that every median is one
 * linear pass.
 */
export function leadsByPeriod(l: ScopeLeads, leads: Leads): { all: PeriodLeads; months: PeriodLeads[] } {
  const n = l.days.length;
  const monthCount = leads.months.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => l.days[a]! - l.days[b]!);
  const start = new Int32Array(monthCount + 1);
  for (let i = 0; i < n; i++) start[l.month[i]! + 1] = start[l.month[i]! + 1]! + 1;
  for (let m = 0; m < monthCount; m++) start[m + 1] = start[m + 1]! + start[m]!;
  const next = start.slice(0, monthCount);
  const all = { days: new Float64Array(n), items: new Int32Array(n) };
  const byMonth = { days: new Float64Array(n), items: new Int32Array(n), release: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    all.days[k] = l.days[i]!;
    all.items[k] = l.items[i]!;
    const m = l.month[i]!;
    const p = next[m]!;
    next[m] = p + 1;
    byMonth.days[p] = l.days[i]!;
    byMonth.items[p] = l.items[i]!;
    byMonth.release[p] = l.release[i]!;
  }
  // Distinct releases of a run of positions: a stamp per release instead of a set per period.
  const stamp = new Int32Array(leads.releases.length).fill(-1);
  const distinct = (release: ArrayLike<number>, from: number, to: number, mark: number) => {
    let count = 0;
    for (let k = from; k < to; k++) {
      if (stamp[release[k]!] !== mark) {
        stamp[release[k]!] = mark;
        count++;
      }
    }
    return count;
  };
  return {
    all: { ...all, releases: distinct(l.release, 0, n, monthCount) },
    months: leads.months.map((_, m) => ({
      days: byMonth.days.subarray(start[m]!, start[m + 1]!),
      items: byMonth.items.subarray(start[m]!, start[m + 1]!),
      releases: distinct(byMonth.release, start[m]!, start[m + 1]!, m),
    })),
  };
}
