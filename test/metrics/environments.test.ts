// Known answers for the environment metrics, by hand from test/fixtures/metrics/environments/ (canonical
// CSV as a user writes it, ingested for real so that inclusive date ends and instants are stored as the
// contract says; as of 2026-03-31, a Tuesday in 2026-W14; time zone UTC). Weeks: W10 = Mar 2–8,
// W11 = Mar 9–15, W12 = Mar 16–22, W13 = Mar 23–29, W14 = Mar 30–Apr 5, … W25 = Jun 15–21.
//   E1 (sit, capacity 1): approved B1 Mar 2–4 (dates), B2 Mar 4 14:00 → Mar 6 10:00 (instants: covers
//     4, 5, 6), B5 Mar 9 00:00 → Mar 10 00:00 (exclusive end: Mar 9 only); B3 rejected, B4 cancelled
//     overlap both and never count. Days 2, 3, 4(×2), 5, 6, 9.
//     utilisation W10 = 5 days ÷ 7 = 0.7143, W11 = 1/7 = 0.1429; conflicts: Mar 4 (peak 2: B1, B2;
//     releases R2, R3; projects PA, PB) → 1.
//   E2 (uat, shared, capacity 2): C1 Mar 2–8, C2 Mar 5–11 → at most 2 a day: no conflict.
//     C3 Mar 16–20, C4 Mar 17–19, C5 Mar 18–22 → 1, 2, 3, 3, 2, 1, 1: conflict Mar 18–19 (2 days, peak 3,
//     C3 C4 C5); C6 (requested) on those days does not count. C7 Apr 13–17 approved.
//     W10: min(2, ·) of 1,1,1,2,2,2,2 = 11 ÷ 14 = 0.7857; W11: 3 ÷ 14 = 0.2143; W12: 1+2+2+2+2+1+1 = 11
//     ÷ 14 = 0.7857; W16: 5 ÷ 14 = 0.3571.
//   E3 (perf, capacity empty → 1): D1 approved Apr 1 12:00 → Apr 3 00:00 covers Apr 1, 2: W14 2/7 = 0.2857.
//   P1 (production, unbooked): no utilisation, no idle. Utilisation weeks: W10 (first approved day) …
//   W16 (C7's last day, Apr 17).
//   Idle window Jan 7 – Mar 31 (84 days): E1 84 − 6 = 78 (× 100 = 7800); E2 84 − 17 = 67 (× 200 =
//   13400); E3 84 (cost unknown: no idle_cost); I1 84 (× 50 = 4200).
//   Next 12 weeks W14…W25, booked hours (approved + requested): E3 W14 D1 36 h, W15 D2 48 h; E2 W16 C7
//   120 h, W18 C8 72 h (Apr 30 – May 2). Unbooked phases of open releases (R3 released, R4 cancelled:
//   none): R5 sit Apr 1–3 (only a rejected booking) W14 72; R1 sit Apr 20–26 W17 168; R1 cutover →
//   preprod May 30–31 W22 48; R6 uat Jun 19–23 → W25 72 (Jun 22–23 fall after the window). Booked, so
//   not added: R1 uat (C8), R2 uat (C7), and R2 perf, whose perf booking D2 (Apr 6–7) is on other days:
//   a release holding a booking of the kind has its need in the booked demand already.
//   Capacity: E3's env row Apr 1–7, 70 h = 10 h a day: W14 = 2 × 24 (Mar 30, 31) + 5 × 10 = 98;
//   W15 = 2 × 10 + 5 × 24 = 140; else 168. E1, I1 168; E2 2 × 168 = 336. All: 672 + E3.
//   all demand: W14 36 + 72 = 108, W15 48, W16 120, W17 168, W18 72, W22 48, W25 72, else 0.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { bookingSpan, occupancy, utilization, conflictRuns } from '../../src/metrics/environments.ts';
import { demandPlan } from '../../src/metrics/environment-demand.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/environments')], { asOf: '2026-03-31' });
});

const metric = (m: string, period = 'all', kind = 'environment') =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind && r.period === period).map((r) => [r.scope_id, r.value]));
const series = (m: string, kind: string, id: string) =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind && r.scope_id === id).map((r) => [r.period, r.value]));
const weeks = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-W${String(from + i).padStart(2, '0')}`);
const withZeros = (values: Record<string, number>, from: number, to: number) => Object.fromEntries(weeks(from, to).map((w) => [w, values[w] ?? 0]));

describe('environment utilisation', () => {
  it('divides capped booked days by capacity-days, per week, only for approved bookings', () => {
    expect(series('environments.utilization', 'environment', 'E1')).toEqual(withZeros({ '2026-W10': 0.7143, '2026-W11': 0.1429 }, 10, 16));
    expect(series('environments.utilization', 'environment', 'E2')).toEqual(withZeros({ '2026-W10': 0.7857, '2026-W11': 0.2143, '2026-W12': 0.7857, '2026-W16': 0.3571 }, 10, 16));
    expect(series('environments.utilization', 'environment', 'E3')).toEqual(withZeros({ '2026-W14': 0.2857 }, 10, 16));
    expect(series('environments.utilization', 'environment', 'I1')).toEqual(withZeros({}, 10, 16));
  });

  it('measures no unbooked production environment, and defaults an empty capacity to 1', () => {
    expect(series('environments.utilization', 'environment', 'P1')).toEqual({});
    expect(model.environments.environments.find((e) => e.id === 'E3')!.capacity).toBe(1);
  });
});

describe('environment conflicts', () => {
  it('counts runs of days over capacity: a shared environment takes as many as its capacity', () => {
    expect(metric('environments.conflicts')).toEqual({ E1: 1, E2: 1, E3: 0, I1: 0, P1: 0 });
    expect(model.metrics.find((r) => r.metric === 'environments.conflicts' && r.scope_id === 'E2')?.detail).toBe('2026-03-18–2026-03-19 (2 days, peak 3): C3, C4, C5');
  });

  it('lists each conflict with its bookings, releases and projects', () => {
    const c = model.environments.conflicts.map((x) => ({
      env: x.environment.id, first: x.first, last: x.last, days: x.days, peak: x.peak,
      bookings: x.bookings.map((b) => b.id), releases: x.releases.map((r) => r.id), projects: x.projects.map((p) => p.id),
    }));
    expect(c).toEqual([
      { env: 'E1', first: '2026-03-04', last: '2026-03-04', days: 1, peak: 2, bookings: ['B1', 'B2'], releases: ['R2', 'R3'], projects: ['PA', 'PB'] },
      { env: 'E2', first: '2026-03-18', last: '2026-03-19', days: 2, peak: 3, bookings: ['C3', 'C4', 'C5'], releases: ['R2', 'R3'], projects: ['PA', 'PB'] },
    ]);
    const flagged = model.environments.details.flatMap((d) => d.bookings).filter((b) => b.inConflict).map((b) => b.id);
    expect(flagged).toEqual(['B1', 'B2', 'C3', 'C4', 'C5']);
  });

  it('never counts rejected or cancelled bookings, however many overlap', () => {
    const env = [{ id: 'E', name: null, kind: null, production: false, shared: false, capacity: 1, owner: null, cost_per_day: null }];
    const b = (id: string, status: 'approved' | 'rejected' | 'cancelled' | 'requested') =>
      ({ id, environment_id: 'E', project_id: null, release_id: null, purpose: null, status, start: '2026-03-02T00:00:00Z', end: '2026-03-05T00:00:00Z' });
    const occ = occupancy(env, [b('A', 'approved'), b('R', 'rejected'), b('C', 'cancelled'), b('Q', 'requested')], 'UTC');
    expect(conflictRuns(occ, occ.byId.get('E')!)).toEqual([]);
  });
});

describe('idle environments', () => {
  it('counts days of the 84 ending on the as-of date without an approved booking, with their cost', () => {
    expect(metric('environments.idle')).toEqual({ E1: 78, E2: 67, E3: 84, I1: 84 });
    expect(metric('environments.idle_cost')).toEqual({ E1: 7800, E2: 13400, I1: 4200 });
    const e3 = model.environments.idle.find((i) => i.environment.id === 'E3')!;
    expect([e3.from, e3.to, e3.lastBooked, e3.nextBooked]).toEqual(['2026-01-07', '2026-03-31', null, '2026-04-01']);
  });
});

describe('environment demand and capacity for the next 12 weeks', () => {
  it('books clock hours of approved and requested bookings per environment', () => {
    expect(series('environments.demand_hours', 'environment', 'E3')).toEqual(withZeros({ '2026-W14': 36, '2026-W15': 48 }, 14, 25));
    expect(series('environments.demand_hours', 'environment', 'E2')).toEqual(withZeros({ '2026-W16': 120, '2026-W18': 72 }, 14, 25));
    expect(series('environments.demand_hours', 'environment', 'E1')).toEqual(withZeros({}, 14, 25));
  });

  it('adds the test phases of open releases that have no booking of their kind', () => {
    expect(series('environments.demand_hours', 'all', '*')).toEqual(
      withZeros({ '2026-W14': 108, '2026-W15': 48, '2026-W16': 120, '2026-W17': 168, '2026-W18': 72, '2026-W22': 48, '2026-W25': 72 }, 14, 25),
    );
    expect(series('environments.demand_hours', 'category', 'sit')).toEqual(withZeros({ '2026-W14': 72, '2026-W17': 168 }, 14, 25));
    expect(series('environments.demand_hours', 'category', 'preprod')).toEqual(withZeros({ '2026-W22': 48 }, 14, 25));
    expect(model.environments.demand.unbookedPhases.map((u) => [u.release.id, u.phase, u.kind, u.hours])).toEqual([
      ['R5', 'sit', 'sit', 72], ['R1', 'sit', 'sit', 168], ['R1', 'cutover', 'preprod', 48], ['R6', 'uat', 'uat', 72],
    ]);
    const w17 = model.environments.demand.weeks.find((w) => w.week === '2026-W17')!;
    expect([w17.booked, w17.unbooked, w17.demand]).toEqual([0, 168, 168]);
  });

  it('spreads capacity rows over their days across a week boundary, else capacity × 24 h', () => {
    expect(series('environments.capacity_hours', 'environment', 'E3')).toEqual(withZeros({ ...Object.fromEntries(weeks(14, 25).map((w) => [w, 168])), '2026-W14': 98, '2026-W15': 140 }, 14, 25));
    expect(series('environments.capacity_hours', 'environment', 'E2')['2026-W20']).toBe(336);
    const all = series('environments.capacity_hours', 'all', '*');
    expect([all['2026-W14'], all['2026-W15'], all['2026-W16']]).toEqual([770, 812, 840]);
    expect(series('environments.capacity_hours', 'category', 'preprod')['2026-W22']).toBe(0);
  });
});

describe('environment pages', () => {
  // E2 serves R3 (C1, C3: Mar 2–20), R2 (C2, C5, C7: Mar 5 – Apr 17), R1 (requested C6, C8: Mar 18 – May 2);
  // over W03–W14 it was booked 11 + 3 + 11 = 25 of 2 × 7 × 12 = 168 capacity-days = 0.1488.
  it('lists what each environment serves, its recent utilisation and its next weeks', () => {
    const i = model.environments.environments.findIndex((e) => e.id === 'E2');
    const detail = model.environments.details[i]!;
    expect(detail.releases.map((r) => [r.release.id, r.bookings, r.firstDay, r.lastDay])).toEqual([
      ['R3', 2, '2026-03-02', '2026-03-20'], ['R2', 3, '2026-03-05', '2026-04-17'], ['R1', 2, '2026-03-18', '2026-05-02'],
    ]);
    expect(model.environments.environments[i]!.recentUtilization).toBe(0.1488);
    expect(detail.demand.find((w) => w.week === '2026-W16')).toMatchObject({ booked: 120, capacity: 336 });
    expect(model.environments.environments.map((e) => e.id)).toEqual(['E1', 'E2', 'E3', 'P1', 'I1']);
    expect([model.environments.calendar.from, model.environments.calendar.to]).toEqual(['2026-03-02', '2026-05-02']);
  });
});

describe('local days and clock hours', () => {
  it('reads instants on the time zone’s clock: a day is 24 h even when daylight saving starts', () => {
    // Berlin, inclusive dates Mar 28–29 2026 (DST starts Mar 29), stored as local midnights in UTC.
    const b = { id: 'B', environment_id: 'E', project_id: null, release_id: null, purpose: null, status: 'approved' as const, start: '2026-03-27T23:00:00Z', end: '2026-03-29T22:00:00Z' };
    expect(bookingSpan(b, 'Europe/Berlin')).toMatchObject({ first: '2026-03-28', last: '2026-03-29', days: 2 });
    // 23:30 UTC is already the next day in Berlin.
    expect(bookingSpan({ start: '2026-03-04T23:30:00Z', end: '2026-03-05T01:00:00Z' }, 'Europe/Berlin')).toMatchObject({ first: '2026-03-05', last: '2026-03-05' });
    expect(bookingSpan({ start: '2026-03-04T23:30:00Z', end: '2026-03-05T01:00:00Z' }, 'UTC')).toMatchObject({ first: '2026-03-04', last: '2026-03-05' });
    const env = { id: 'E', name: null, kind: 'sit' as const, production: false, shared: false, capacity: 1, owner: null, cost_per_day: null };
    const occ = occupancy([env], [b], 'Europe/Berlin');
    expect(utilization(occ, occ.byId.get('E')!, '2026-03-23').bookedDays).toBe(2);
    expect(demandPlan(occ, [], [], [], '2026-03-25').environments.get('E')!.booked[0]).toBe(48);
  });
});
