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
 * One scope's lead times, as columns: an item group's lead time to the deployment that delivered it,
 * that release, and the month of the deployment's day. There are millions at enterprise scale, and an
 * object each took five times the memory.
 */
export interface ScopeLeads {
  releaseId: string[];
  month: string[];
  days: number[];
  items: number[];
}

interface Delivered {
  d: DeploymentFacts;
  month: string;
  /** Start and finish, epoch milliseconds. */
  t: number;
  end: number;
}

const earlier = (a: Delivered, b: Delivered) => a.t < b.t || (a.t === b.t && a.d.id < b.d.id);

/**
 * For each scope (the keys `scopeKeys` gives a deployment's system), each item's lead time to the first
 * successful, finished production deployment of any of its releases within the scope. Items whose work
 * started after that deployment finished were not delivered by it and are left out.
 */
export function leadTimes(
  deployments: ReadonlyArray<{ d: DeploymentFacts; month: string }>,
  items: readonly ItemStart[],
  scopeKeys: (systemId: string | null) => string[],
): Map<string, ScopeLeads> {
  // The first successful finished production deployment of each release within each scope.
  const first = new Map<string, Map<string, Delivered>>();
  for (const { d, month } of deployments) {
    if (!d.production || d.status !== 'success' || !d.finished_at || !d.release_id) continue;
    const byScope = first.get(d.release_id) ?? first.set(d.release_id, new Map()).get(d.release_id)!;
    const x = { d, month, t: Date.parse(d.started_at), end: Date.parse(d.finished_at) };
    for (const k of scopeKeys(d.system_id)) {
      const seen = byScope.get(k);
      if (!seen || earlier(x, seen)) byScope.set(k, x);
    }
  }
  const out = new Map<string, ScopeLeads>();
  for (const item of items) {
    // Most items have one release: its firsts are the item's; several releases take the earliest per scope.
    let best = first.get(item.releaseIds[0]!);
    for (const r of item.releaseIds.slice(1)) {
      const more = first.get(r);
      if (!more) continue;
      best = new Map(best);
      for (const [k, x] of more) {
        const seen = best.get(k);
        if (!seen || earlier(x, seen)) best.set(k, x);
      }
    }
    for (const [scope, x] of best ?? []) {
      const days = (x.end - item.start) / DAY_MS;
      if (days < 0) continue;
      const to = out.get(scope) ?? out.set(scope, { releaseId: [], month: [], days: [], items: [] }).get(scope)!;
      to.releaseId.push(x.d.release_id!);
      to.month.push(x.month);
      to.days.push(days);
      to.items.push(item.items);
    }
  }
  return out;
}
