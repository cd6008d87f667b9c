// Environment occupancy (docs/metrics.md#environments): which days approved bookings cover,
// utilisation per environment and week, conflicts over capacity, idle days. Pure: rows in, numbers out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow } from './types.ts';
import { addDays, daysBetween } from './periods.ts';
import { round } from './stats.ts';
import { groupBy } from './group.ts';
import { dayOf, eachDay, wallClock, weekRange, type Week } from './calendar.ts';

export type EnvironmentFacts = Pick<Row<'environment'>, 'id' | 'name' | 'kind' | 'production' | 'shared' | 'capacity' | 'owner' | 'cost_per_day'>;
export type BookingFacts = Pick<Row<'booking'>, 'id' | 'environment_id' | 'project_id' | 'release_id' | 'purpose' | 'status' | 'start' | 'end'>;

/** The days of the idle window, ending on the as-of date. */
export const IDLE_WINDOW_DAYS = 84;

/** What a booking covers, on the time zone's clock. */
export interface Span {
  first: string;
  /** Inclusive. */
  last: string;
  days: number;
  /** Wall-clock milliseconds, [from, to). */
  from: number;
  to: number;
}

export interface Env {
  id: string;
  facts: EnvironmentFacts;
  capacity: number;
  production: boolean;
  /** Utilisation, demand and capacity are measured for it: not production, or booked. */
  measured: boolean;
}

export interface Occupancy {
  /** By id. */
  environments: Env[];
  byId: Map<string, Env>;
  spans: Map<string, Span>;
  /** Bookings of any status per environment, by start. */
  bookings: Map<string, BookingFacts[]>;
  /** Approved bookings covering each day, per environment. */
  approved: Map<string, Map<string, string[]>>;
  /** First and last day any approved booking covers; null without approved bookings. */
  range: { first: string; last: string } | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The days a booking covers: those it overlaps, even by a moment (ingest rejects an end before the start). */
export function bookingSpan(b: Pick<BookingFacts, 'start' | 'end'>, timeZone: string): Span {
  const from = wallClock(b.start, timeZone);
  const to = wallClock(b.end, timeZone);
  const first = dayOf(from);
  // The last day is the one holding the last moment before the (exclusive) end.
  const last = dayOf(Math.max(from, to - 1));
  return { first, last, days: daysBetween(first, last) + 1, from, to };
}

/** An environment's concurrent bookings: its capacity, 1 when unknown or below 1. */
export const capacityOf = (e: Pick<EnvironmentFacts, 'capacity'>): number => (e.capacity && e.capacity >= 1 ? e.capacity : 1);

export function occupancy(environments: readonly EnvironmentFacts[], bookings: readonly BookingFacts[], timeZone: string): Occupancy {
  const spans = new Map(bookings.map((b) => [b.id, bookingSpan(b, timeZone)]));
  const booked = groupBy(bookings, (b) => [b.environment_id]);
  for (const list of booked.values()) list.sort((a, b) => byText(a.start, b.start) || byText(a.id, b.id));
  const envs: Env[] = [...environments].sort((a, b) => byText(a.id, b.id)).map((e) => {
    const production = e.production === true;
    return { id: e.id, facts: e, capacity: capacityOf(e), production, measured: !production || booked.has(e.id) };
  });

  const approved = new Map<string, Map<string, string[]>>();
  let first: string | null = null;
  let last: string | null = null;
  for (const b of bookings) {
    const span = spans.get(b.id)!;
    if (b.status !== 'approved') continue;
    let days = approved.get(b.environment_id);
    if (!days) approved.set(b.environment_id, (days = new Map()));
    for (const d of eachDay(span.first, span.last)) {
      const on = days.get(d);
      if (on) on.push(b.id);
      else days.set(d, [b.id]);
    }
    if (first === null || span.first < first) first = span.first;
    if (last === null || span.last > last) last = span.last;
  }
  return {
    environments: envs,
    byId: new Map(envs.map((e) => [e.id, e])),
    spans,
    bookings: booked,
    approved,
    range: first && last ? { first, last } : null,
  };
}

/** The weeks utilisation is written for: from the earliest to the latest day an approved booking covers. */
export function utilizationWeeks(occ: Occupancy): Week[] {
  return occ.range ? weekRange(occ.range.first, occ.range.last) : [];
}

/** environments.utilization of one environment and week (given by its Monday). */
export function utilization(occ: Occupancy, env: Env, monday: string): { value: number; bookedDays: number; capacityDays: number } {
  const days = occ.approved.get(env.id);
  let booked = 0;
  for (let i = 0; i < 7; i++) booked += Math.min(env.capacity, days?.get(addDays(monday, i))?.length ?? 0);
  const capacityDays = env.capacity * 7;
  return { value: round(booked / capacityDays)!, bookedDays: booked, capacityDays };
}

export interface ConflictRun {
  first: string;
  last: string;
  days: number;
  peak: number;
  /** Approved bookings covering any day of the run, by id. */
  bookingIds: string[];
}

/** Maximal runs of consecutive days on which approved bookings exceed the capacity. */
export function conflictRuns(occ: Occupancy, env: Env): ConflictRun[] {
  const over = [...(occ.approved.get(env.id) ?? [])].filter(([, ids]) => ids.length > env.capacity).sort(([a], [b]) => byText(a, b));
  const runs: ConflictRun[] = [];
  const ids: Array<Set<string>> = [];
  for (const [d, on] of over) {
    const run = runs[runs.length - 1];
    if (run && daysBetween(run.last, d) === 1) {
      run.last = d;
      run.days++;
      run.peak = Math.max(run.peak, on.length);
      for (const id of on) ids[ids.length - 1]!.add(id);
    } else {
      runs.push({ first: d, last: d, days: 1, peak: on.length, bookingIds: [] });
      ids.push(new Set(on));
    }
  }
  runs.forEach((r, i) => (r.bookingIds = [...ids[i]!].sort(byText)));
  return runs;
}

export interface Idle {
  from: string;
  to: string;
  idleDays: number;
  lastBooked: string | null;
  nextBooked: string | null;
}

/** Kinds people book for test, rehearsal and training; production and disaster recovery stand by. */
const BOOKABLE_KINDS = new Set(['sit', 'uat', 'perf', 'preprod', 'training']);

/**
 * Idle days mean something for environments managed through bookings: not production, not DR, and of
 * a bookable kind or booked at least once (team-owned dev environments that nobody books are not idle).
 */
export function idleMeasured(occ: Occupancy, env: Env): boolean {
  if (env.production || env.facts.kind === 'prod' || env.facts.kind === 'dr') return false;
  return BOOKABLE_KINDS.has(env.facts.kind ?? '') || env.facts.kind === null || (occ.bookings.get(env.id)?.length ?? 0) > 0;
}

/** environments.idle: days of the 84 ending on `asOf` that no approved booking covers. */
export function idleDays(occ: Occupancy, env: Env, asOf: string): Idle {
  const from = addDays(asOf, 1 - IDLE_WINDOW_DAYS);
  const days = occ.approved.get(env.id) ?? new Map<string, string[]>();
  const covered = [...days.keys()].sort(byText);
  return {
    from,
    to: asOf,
    idleDays: eachDay(from, asOf).filter((d) => !days.has(d)).length,
    lastBooked: covered.filter((d) => d <= asOf).pop() ?? null,
    nextBooked: covered.find((d) => d > asOf) ?? null,
  };
}

/** Idle days × cost per day, when the cost is known. */
export const idleCost = (env: Env, idle: Idle): number | null =>
  env.facts.cost_per_day != null ? round(idle.idleDays * env.facts.cost_per_day, 2) : null;

const runText = (r: ConflictRun) => `${r.first}–${r.last} (${r.days} ${r.days === 1 ? 'day' : 'days'}, peak ${r.peak}): ${r.bookingIds.join(', ')}`;

/** environments.utilization, .conflicts, .idle and .idle_cost. */
export function environmentMetrics(occ: Occupancy, asOf: string): MetricRow[] {
  const out: MetricRow[] = [];
  const weeks = utilizationWeeks(occ);
  for (const env of occ.environments) {
    const scope = { scope_kind: 'environment', scope_id: env.id } as const;
    if (env.measured) {
      for (const w of weeks) {
        const u = utilization(occ, env, w.monday);
        out.push({ metric: 'environments.utilization', ...scope, period: w.week, value: u.value, unit: 'ratio', detail: `${u.bookedDays} of ${u.capacityDays} capacity-days booked` });
      }
    }
    const runs = conflictRuns(occ, env);
    out.push({
      metric: 'environments.conflicts', ...scope, period: 'all', value: runs.length, unit: 'count',
      detail: runs.length ? runs.map(runText).join('; ') : `no day with more than ${env.capacity} approved ${env.capacity === 1 ? 'booking' : 'bookings'}`,
    });
    if (!idleMeasured(occ, env)) continue;
    const idle = idleDays(occ, env, asOf);
    const cost = idleCost(env, idle);
    const costText = cost === null ? 'cost per day unknown' : `idle cost ${cost} (${idle.idleDays} × ${env.facts.cost_per_day})`;
    out.push({
      metric: 'environments.idle', ...scope, period: 'all', value: idle.idleDays, unit: 'days',
      detail: `${idle.idleDays} of ${IDLE_WINDOW_DAYS} days (${idle.from} to ${idle.to}) without an approved booking; ${costText}`,
    });
    if (cost !== null) {
      out.push({ metric: 'environments.idle_cost', ...scope, period: 'all', value: cost, unit: 'amount', detail: `${idle.idleDays} idle days × ${env.facts.cost_per_day} per day` });
    }
  }
  return out;
}
