// Planned change windows against freeze windows and against each other (docs/metrics.md#changes):
// which freezes a change's window falls in, and which changes of one system collide. Windows are
// half-open [start, end): a window ending when another starts touches it and does not overlap it.
import type { Row } from '../model/catalog.ts';

export type ChangeFacts = Pick<
  Row<'change'>,
  'number' | 'type' | 'state' | 'system_id' | 'assignment_group' | 'planned_start' | 'planned_end' | 'opened_at' | 'approved_at' | 'closed_at' | 'close_code' | 'unauthorized'
>;
export type FreezeFacts = Pick<Row<'freeze_window'>, 'name' | 'start' | 'end' | 'scope'>;

/** Cancelled by its close code or its state: it changed nothing. */
export const isCancelled = (c: Pick<ChangeFacts, 'close_code' | 'state'>): boolean => c.close_code === 'cancelled' || c.state === 'canceled';

/** A freeze without a scope, or whose scope lists `all` (any case), covers every system. */
export function coversAll(f: Pick<FreezeFacts, 'scope'>): boolean {
  return !f.scope?.length || f.scope.some((s) => s.toLowerCase() === 'all');
}


/**
 * The planned window in epoch milliseconds: [start, end); a window without an end is its start instant
 * alone (it still falls in a freeze that holds that instant); null without a planned start, or when the
 * end is not after the start (nothing is planned in it).
 */
export function plannedWindow(c: Pick<ChangeFacts, 'planned_start' | 'planned_end'>): { from: number; to: number | null } | null {
  if (!c.planned_start) return null;
  const from = Date.parse(c.planned_start);
  if (!c.planned_end) return { from, to: null };
  const to = Date.parse(c.planned_end);
  return to > from ? { from, to } : null;
}

/** A freeze with its window in epoch milliseconds, [from, to), and its reach, read once for all changes. */
export interface Freeze {
  f: FreezeFacts;
  from: number;
  to: number;
  everywhere: boolean;
}

export const freezeWindows = (freezes: readonly FreezeFacts[]): Freeze[] =>
  freezes.map((f) => ({ f, from: Date.parse(f.start), to: Date.parse(f.end), everywhere: coversAll(f) }));

/** Names of the freezes covering the change's system that its planned window intersects. */
export function freezesHit(c: ChangeFacts, freezes: readonly Freeze[]): string[] {
  const w = plannedWindow(c);
  if (!w) return [];
  // Times first: most freezes are elsewhere in time, and this runs for every change against every freeze.
  return freezes
    .filter(({ f, from, to, everywhere }) =>
      (w.to === null ? from <= w.from && w.from < to : w.from < to && w.to > from) && (everywhere || (c.system_id !== null && f.scope!.includes(c.system_id))))
    .map(({ f }) => f.name);
}

/** Counted by changes.in_freeze: not cancelled, not an emergency (emergencies are what freezes allow), in a freeze. */
export const countsInFreeze = (c: ChangeFacts, hit: readonly string[]): boolean => hit.length > 0 && !isCancelled(c) && c.type !== 'emergency';

export interface CollisionPair {
  systemId: string;
  /** By planned start, then number. */
  a: string;
  b: string;
  /** The overlap, epoch milliseconds, [from, to). */
  from: number;
  to: number;
}

/**
 * Pairs of non-cancelled changes on the same system whose planned windows (both with a start and an
 * end) overlap, by system, then start. One sweep per system: each window is compared only with those
 * that start before it ends.
 */
export function collisions(changes: readonly ChangeFacts[]): CollisionPair[] {
  const bySystem = new Map<string, Array<{ n: string; from: number; to: number }>>();
  for (const c of changes) {
    const w = plannedWindow(c);
    if (!c.system_id || !w || w.to === null || isCancelled(c)) continue;
    const list = bySystem.get(c.system_id) ?? bySystem.set(c.system_id, []).get(c.system_id)!;
    list.push({ n: c.number, from: w.from, to: w.to });
  }
  const out: CollisionPair[] = [];
  for (const systemId of [...bySystem.keys()].sort()) {
    const list = bySystem.get(systemId)!.sort((x, y) => x.from - y.from || (x.n < y.n ? -1 : x.n > y.n ? 1 : 0));
    list.forEach((x, i) => {
      for (let j = i + 1; j < list.length && list[j]!.from < x.to; j++) {
        const y = list[j]!;
        out.push({ systemId, a: x.n, b: y.n, from: y.from, to: Math.min(x.to, y.to) });
      }
    });
  }
  return out;
}
