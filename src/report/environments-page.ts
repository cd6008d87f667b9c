// The environments page and the environment pages, from the occupancy and demand the metrics computed.
import type { Row } from '../model/catalog.ts';
import { byKindOrder, demandTotals, type DemandPlan } from '../metrics/environment-demand.ts';
import { conflictRuns, idleCost, idleDays, idleMeasured, utilization, utilizationWeeks, type BookingFacts, type ConflictRun, type Env, type Occupancy } from '../metrics/environments.ts';
import { weeksFrom } from '../metrics/calendar.ts';
import { addDays } from '../metrics/periods.ts';
import { round } from '../metrics/stats.ts';
import { slugs } from './slug.ts';
import type { BookingRow, Conflict, EnvironmentDetail, EnvironmentRef, EnvironmentRow, EnvironmentsPage, IdleEnvironment, ProjectRef } from './model-environments.ts';
import type { ReleaseRef, ReleaseRow } from './model-releases.ts';

export interface EnvironmentPageInputs {
  occupancy: Occupancy;
  plan: DemandPlan;
  /** The releases page's rows: names, slugs and states. */
  releases: readonly ReleaseRow[];
  projects: readonly Row<'project'>[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hours = (h: number) => round(h, 2)!;
/** Statuses of bookings that serve a release (rejected and cancelled ones never did). */
const SERVING = new Set(['approved', 'requested']);

export function environmentsPage(input: EnvironmentPageInputs, asOf: string): EnvironmentsPage {
  const { occupancy: occ, plan } = input;
  const envs = [...occ.environments].sort((a, b) => byKindOrder(a.facts.kind ?? '~', b.facts.kind ?? '~') || byText(a.id, b.id));
  const slug = slugs(envs.map((e) => e.id));
  const envRef = (e: Env): EnvironmentRef => ({ id: e.id, slug: slug.get(e.id)!, name: e.facts.name ?? e.id });
  const releaseRow = new Map(input.releases.map((r) => [r.id, r]));
  const releaseRef = (id: string | null): ReleaseRef | null => {
    const r = id ? releaseRow.get(id) : undefined;
    return r ? { id: r.id, slug: r.slug, name: r.name } : null;
  };
  const projectName = new Map(input.projects.map((p) => [p.id, p.name ?? p.id]));
  const projectRef = (id: string | null): ProjectRef | null => (id ? { id, name: projectName.get(id) ?? id } : null);

  const runs = new Map(envs.map((e) => [e.id, conflictRuns(occ, e)]));
  const inConflict = new Set([...runs.values()].flat().flatMap((r) => r.bookingIds));
  const bookingRow = (e: Env, b: BookingFacts): BookingRow => {
    const span = occ.spans.get(b.id)!;
    return {
      id: b.id, environment: envRef(e), release: releaseRef(b.release_id), releaseId: b.release_id, project: projectRef(b.project_id),
      purpose: b.purpose, status: b.status, start: b.start, end: b.end,
      firstDay: span.first, lastDay: span.last, days: span.days, inConflict: inConflict.has(b.id),
    };
  };
  const bookings = new Map(envs.map((e) => [e.id, (occ.bookings.get(e.id) ?? []).map((b) => bookingRow(e, b))]));
  const conflict = (e: Env, r: ConflictRun): Conflict => {
    const rows = bookings.get(e.id)!.filter((b) => r.bookingIds.includes(b.id)).sort((a, b) => byText(a.id, b.id));
    const releases = new Map(rows.flatMap((b) => (b.release ? [[b.release.id, b.release] as const] : [])));
    const projects = new Map(rows.flatMap((b) => (b.project ? [[b.project.id, b.project] as const] : [])));
    return {
      environment: envRef(e), capacity: e.capacity, first: r.first, last: r.last, days: r.days, peak: r.peak, bookings: rows,
      releases: [...releases.values()].sort((a, b) => byText(a.id, b.id)),
      unknownReleaseIds: [...new Set(rows.filter((b) => b.releaseId && !b.release).map((b) => b.releaseId!))].sort(byText),
      projects: [...projects.values()].sort((a, b) => byText(a.id, b.id)),
    };
  };
  const conflicts = new Map(envs.map((e) => [e.id, runs.get(e.id)!.map((r) => conflict(e, r))]));
  const idle = new Map(envs.filter((e) => idleMeasured(occ, e)).map((e): [string, IdleEnvironment] => {
    const i = idleDays(occ, e, asOf);
    return [e.id, { environment: envRef(e), kind: e.facts.kind, ...i, costPerDay: e.facts.cost_per_day, idleCost: idleCost(e, i) }];
  }));
  const weeks = utilizationWeeks(occ);
  const recent = weeksFrom(addDays(asOf, -77), 12);

  const rows: EnvironmentRow[] = envs.map((e) => {
    const all = occ.bookings.get(e.id) ?? [];
    return {
      ...envRef(e), kind: e.facts.kind, production: e.production, shared: e.facts.shared === true, capacity: e.capacity,
      owner: e.facts.owner, costPerDay: e.facts.cost_per_day,
      bookings: all.length, approvedBookings: all.filter((b) => b.status === 'approved').length, conflicts: runs.get(e.id)!.length,
      idleDays: idle.get(e.id)?.idleDays ?? null, idleCost: idle.get(e.id)?.idleCost ?? null,
      recentUtilization: e.measured ? round(recent.reduce((s, w) => s + utilization(occ, e, w.monday).bookedDays, 0) / (e.capacity * 7 * recent.length)) : null,
    };
  });
  const kinds = new Map<string, { environments: number; capacity: number }>();
  for (const e of envs) {
    const k = kinds.get(e.facts.kind ?? 'unknown') ?? { environments: 0, capacity: 0 };
    kinds.set(e.facts.kind ?? 'unknown', { environments: k.environments + 1, capacity: k.capacity + e.capacity });
  }
  const spans = [...occ.spans.values()];
  const totals = demandTotals(occ, plan);

  const details: EnvironmentDetail[] = envs.map((e) => {
    const served = new Map<string, BookingRow[]>();
    for (const b of bookings.get(e.id)!) if (b.release && SERVING.has(b.status ?? '')) served.set(b.release.id, [...(served.get(b.release.id) ?? []), b]);
    const d = plan.environments.get(e.id);
    return {
      id: e.id,
      bookings: bookings.get(e.id)!,
      utilization: e.measured ? weeks.map((w) => ({ ...w, ...utilization(occ, e, w.monday) })) : [],
      conflicts: conflicts.get(e.id)!,
      releases: [...served.values()]
        .map((bs) => {
          const days = bs.flatMap((b) => [b.firstDay, b.lastDay]).sort();
          return { release: bs[0]!.release!, bookings: bs.length, firstDay: days[0]!, lastDay: days[days.length - 1]! };
        })
        .sort((a, b) => byText(a.firstDay, b.firstDay) || byText(a.release.id, b.release.id)),
      demand: d ? plan.weeks.map((w, i) => ({ ...w, booked: hours(d.booked[i]!), capacity: hours(d.capacity[i]!) })) : [],
      idle: idle.get(e.id) ?? null,
    };
  });

  return {
    environments: rows,
    byKind: [...kinds].sort(([a], [b]) => byKindOrder(a, b)).map(([kind, k]) => ({ kind, ...k })),
    calendar: {
      from: spans.map((s) => s.first).sort()[0] ?? asOf,
      to: spans.map((s) => s.last).sort().pop() ?? asOf,
    },
    utilization: {
      weeks,
      rows: envs.filter((e) => e.measured).map((e) => ({ environment: envRef(e), kind: e.facts.kind, values: weeks.map((w) => utilization(occ, e, w.monday).value) })),
    },
    conflicts: [...conflicts.values()].flat().sort((a, b) => byText(a.first, b.first) || byText(a.environment.id, b.environment.id)),
    idle: [...idle.values()].sort((a, b) => b.idleDays - a.idleDays || byText(a.environment.id, b.environment.id)),
    demand: {
      weeks: plan.weeks.map((w, i) => {
        const part = (s: { booked: number[]; unbooked: number[]; capacity: number[] }) => ({
          booked: hours(s.booked[i]!), unbooked: hours(s.unbooked[i]!), demand: hours(s.booked[i]! + s.unbooked[i]!), capacity: hours(s.capacity[i]!),
        });
        return { ...w, ...part(totals.all), byKind: [...totals.byKind].map(([kind, s]) => ({ kind, ...part(s) })) };
      }),
      unbookedPhases: plan.unbooked
        .map((u) => ({ release: releaseRef(u.releaseId)!, phase: u.phase, kind: u.kind, plannedStart: u.plannedStart, plannedEnd: u.plannedEnd, hours: hours(u.hours.reduce((s, h) => s + h, 0)) }))
        .sort((a, b) => byText(a.plannedStart, b.plannedStart) || byText(a.release.id, b.release.id) || byText(a.phase, b.phase)),
    },
    details,
  };
}
