// Environment demand against capacity for the next 12 weeks (docs/metrics.md#environments): booked
// hours, the test phases of open releases that have no booking yet, and bookable hours. Pure.
import type { Row } from '../model/catalog.ts';
import type { MetricRow, ScopeKind } from './types.ts';
import { addDays } from './periods.ts';
import { round } from './stats.ts';
import { groupBy } from './group.ts';
import { dayStart, eachDay, overlapHours, spreadByWeek, WEEK_MS, weeksFrom, type Week } from './calendar.ts';
import type { BookingFacts, Env, Occupancy } from './environments.ts';

export type PhaseFacts = Pick<Row<'release_phase'>, 'release_id' | 'phase' | 'planned_start' | 'planned_end'>;
export type CapacityFacts = Pick<Row<'capacity'>, 'team' | 'resource' | 'period_start' | 'period_end' | 'available_hours'>;
export type ReleaseStatusFacts = Pick<Row<'release'>, 'id' | 'status' | 'actual_release'>;

export const DEMAND_WEEKS = 12;

/** The environment kind each release phase needs; phases not listed need none. */
export const PHASE_KINDS: Readonly<Record<string, string>> = { sit: 'sit', uat: 'uat', perf: 'perf', cutover: 'preprod', deploy: 'preprod', preprod: 'preprod' };

/** Statuses whose bookings are demand. */
const DEMAND_STATUSES = new Set(['approved', 'requested']);

export interface UnbookedPhaseHours {
  releaseId: string;
  phase: string;
  kind: string;
  plannedStart: string;
  plannedEnd: string;
  /** Hours per week of the plan (24 per planned day). */
  hours: number[];
}

export interface EnvDemand {
  booked: number[];
  capacity: number[];
  /** Days per week whose capacity came from capacity.csv rows (the others: capacity × 24 h). */
  statedDays: number[];
}

export interface DemandPlan {
  weeks: Week[];
  /** Per measured environment. */
  environments: Map<string, EnvDemand>;
  unbooked: UnbookedPhaseHours[];
}

const isOpen = (r: ReleaseStatusFacts, asOf: string) =>
  r.status !== 'released' && r.status !== 'cancelled' && !(r.actual_release && r.actual_release <= asOf);

/** Per environment and day, the hours of its `env` capacity rows spread evenly over their days. */
function statedHours(capacity: readonly CapacityFacts[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const c of capacity) {
    if (c.resource !== 'env') continue;
    const days = eachDay(c.period_start, c.period_end);
    let env = out.get(c.team);
    if (!env) out.set(c.team, (env = new Map()));
    for (const d of days) env.set(d, (env.get(d) ?? 0) + c.available_hours / days.length);
  }
  return out;
}

function envDemand(occ: Occupancy, env: Env, weeks: Week[], stated: Map<string, number> | undefined): EnvDemand {
  const bookings = (occ.bookings.get(env.id) ?? []).filter((b) => DEMAND_STATUSES.has(b.status ?? ''));
  const out: EnvDemand = { booked: [], capacity: [], statedDays: [] };
  for (const w of weeks) {
    const from = dayStart(w.monday);
    let booked = 0;
    for (const b of bookings) {
      const span = occ.spans.get(b.id)!;
      booked += overlapHours(span.from, span.to, from, from + WEEK_MS);
    }
    let capacity = 0;
    let statedDays = 0;
    for (let i = 0; i < 7; i++) {
      const h = stated?.get(addDays(w.monday, i));
      if (h === undefined) capacity += env.capacity * 24;
      else {
        capacity += h;
        statedDays++;
      }
    }
    out.booked.push(booked);
    out.capacity.push(capacity);
    out.statedDays.push(statedDays);
  }
  return out;
}

/** Does the release hold an approved or requested booking of an environment of `kind` overlapping the days? */
/**
 * A release that holds an approved or requested booking of an environment of the kind has its need
 * for that kind in the booked demand already, whatever the booking's dates (a cut-over rehearsed on a
 * pre-production environment the week before is not a second need).
 */
function booked(occ: Occupancy, bookings: readonly BookingFacts[], kind: string): boolean {
  return bookings.some((b) => DEMAND_STATUSES.has(b.status ?? '') && occ.byId.get(b.environment_id)?.facts.kind === kind);
}

export function demandPlan(
  occ: Occupancy, releases: readonly ReleaseStatusFacts[], phases: readonly PhaseFacts[], capacity: readonly CapacityFacts[], asOf: string,
): DemandPlan {
  const weeks = weeksFrom(asOf, DEMAND_WEEKS);
  const stated = statedHours(capacity);
  const environments = new Map(occ.environments.filter((e) => e.measured).map((e) => [e.id, envDemand(occ, e, weeks, stated.get(e.id))]));
  const open = new Set(releases.filter((r) => isOpen(r, asOf)).map((r) => r.id));
  const byRelease = groupBy([...occ.bookings.values()].flat(), (b) => [b.release_id]);
  const unbooked: UnbookedPhaseHours[] = [];
  for (const p of phases) {
    const kind = PHASE_KINDS[p.phase];
    if (!kind || !open.has(p.release_id) || !p.planned_start || !p.planned_end) continue;
    if (booked(occ, byRelease.get(p.release_id) ?? [], kind)) continue;
    const perWeek = new Map<string, number>();
    spreadByWeek(perWeek, 24 * eachDay(p.planned_start, p.planned_end).length, p.planned_start, p.planned_end);
    const hours = weeks.map((w) => perWeek.get(w.monday) ?? 0);
    if (hours.some((h) => h > 0)) unbooked.push({ releaseId: p.release_id, phase: p.phase, kind, plannedStart: p.planned_start, plannedEnd: p.planned_end, hours });
  }
  return { weeks, environments, unbooked };
}

export interface ScopeDemand {
  booked: number[];
  unbooked: number[];
  capacity: number[];
}

const KIND_ORDER = ['dev', 'sit', 'uat', 'perf', 'preprod', 'prod', 'dr', 'training'];
export const byKindOrder = (a: string, b: string) => {
  const i = KIND_ORDER.indexOf(a);
  const j = KIND_ORDER.indexOf(b);
  return (i < 0 ? KIND_ORDER.length : i) - (j < 0 ? KIND_ORDER.length : j) || (a < b ? -1 : a > b ? 1 : 0);
};

/** Sums per environment kind (measured environments and unbooked phases), and for all. */
export function demandTotals(occ: Occupancy, plan: DemandPlan): { all: ScopeDemand; byKind: Map<string, ScopeDemand> } {
  const zero = (): ScopeDemand => ({ booked: plan.weeks.map(() => 0), unbooked: plan.weeks.map(() => 0), capacity: plan.weeks.map(() => 0) });
  const all = zero();
  const byKind = new Map<string, ScopeDemand>();
  const kind = (k: string) => byKind.get(k) ?? byKind.set(k, zero()).get(k)!;
  const add = (into: number[], values: readonly number[]) => values.forEach((v, i) => (into[i]! += v));
  for (const [id, d] of plan.environments) {
    const k = occ.byId.get(id)!.facts.kind;
    for (const s of k ? [all, kind(k)] : [all]) {
      add(s.booked, d.booked);
      add(s.capacity, d.capacity);
    }
  }
  for (const u of plan.unbooked) for (const s of [all, kind(u.kind)]) add(s.unbooked, u.hours);
  return { all, byKind: new Map([...byKind].sort(([a], [b]) => byKindOrder(a, b))) };
}

const hours = (h: number) => round(h, 2)!;

/** environments.demand_hours and environments.capacity_hours for the next 12 weeks. */
export function demandMetrics(occ: Occupancy, plan: DemandPlan): MetricRow[] {
  const out: MetricRow[] = [];
  const write = (kind: ScopeKind, id: string, s: ScopeDemand, capacityDetail: (i: number) => string) =>
    plan.weeks.forEach((w, i) => {
      out.push(
        {
          metric: 'environments.demand_hours', scope_kind: kind, scope_id: id, period: w.week, value: hours(s.booked[i]! + s.unbooked[i]!), unit: 'hours',
          detail: kind === 'environment' ? 'approved and requested bookings' : `${hours(s.booked[i]!)} h booked + ${hours(s.unbooked[i]!)} h of unbooked test phases`,
        },
        { metric: 'environments.capacity_hours', scope_kind: kind, scope_id: id, period: w.week, value: hours(s.capacity[i]!), unit: 'hours', detail: capacityDetail(i) },
      );
    });
  for (const [id, d] of plan.environments) {
    const cap = occ.byId.get(id)!.capacity;
    write('environment', id, { ...d, unbooked: d.booked.map(() => 0) }, (i) => {
      const n = d.statedDays[i]!;
      if (n === 7) return 'bookable hours from capacity.csv';
      const fallback = `capacity ${cap} × 24 h`;
      return n === 0 ? `${fallback} × 7 days` : `${n} days from capacity.csv, ${7 - n} at ${fallback}`;
    });
  }
  const totals = demandTotals(occ, plan);
  for (const [kind, s] of totals.byKind) write('category', kind, s, () => `sum over the ${kind} environments`);
  write('all', '*', totals.all, () => 'sum over the environments');
  return out;
}
