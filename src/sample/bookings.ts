// Environment bookings as an environment manager's tool holds them: each release books SIT, UAT, the
// performance lab and pre-production for its phases (extended when the phase overran), requests that
// found everything taken are rejected and re-booked later, cancelled releases cancel theirs, monthly
// refreshes fill gaps. Overflow environments are only bookable in some windows (idle otherwise), and
// the crunch weeks of the organisation get approved double bookings on purpose.
import { byText } from './order.ts';
import type { Rng } from './random.ts';
import type { Day } from './time.ts';
import { monthStart } from './time.ts';
import { phaseOf, type Environment, type Project, type Release, type World } from './world.ts';

export type BookingStatus = 'requested' | 'approved' | 'rejected' | 'cancelled';

export interface Booking {
  id: string;
  env: Environment;
  project: Project | null;
  release: Release | null;
  purpose: string;
  status: BookingStatus;
  start: Day;
  /** Inclusive. */
  end: Day;
}

/** Approved bookings per environment and day. */
class Occupancy {
  #days = new Map<string, Map<Day, number>>();

  count(env: Environment, d: Day): number {
    return this.#days.get(env.id)?.get(d) ?? 0;
  }

  fits(env: Environment, start: Day, end: Day): boolean {
    if (env.bookable && !env.bookable.some(([a, b]) => start >= a && end <= b)) return false;
    for (let d = start; d <= end; d++) if (this.count(env, d) >= env.capacity) return false;
    return true;
  }

  add(env: Environment, start: Day, end: Day): void {
    let m = this.#days.get(env.id);
    if (!m) this.#days.set(env.id, (m = new Map()));
    for (let d = start; d <= end; d++) m.set(d, (m.get(d) ?? 0) + 1);
  }
}

interface Request {
  release: Release;
  pool: Environment[];
  purpose: string;
  start: Day;
  end: Day;
}

function requests(world: World, envs: Map<string, Environment>): Request[] {
  const { today } = world.timeline;
  const out: Request[] = [];
  const overflow = (kind: string) => world.environments.filter((e) => e.kind === kind && e.bookable);
  for (const r of world.releases) {
    if (!r.dated) continue;
    const p = r.project;
    const sameRegion = (e: Environment) => e.region === p.region;
    // A phase that began before today is booked for as long as it really ran.
    const span = (name: 'sit' | 'uat' | 'perf' | 'cutover') => {
      const ph = phaseOf(r, name);
      if (!ph) return null;
      return ph.actualStart <= today ? { start: ph.actualStart, end: ph.actualEnd } : { start: ph.plannedStart, end: ph.plannedEnd };
    };
    const sit = span('sit');
    const uat = span('uat');
    const perf = span('perf');
    const cut = span('cutover');
    const pool = (ids: string[], kind: string) => [...ids.map((id) => envs.get(id)!), ...overflow(kind).filter(sameRegion)];
    if (sit) out.push({ release: r, pool: pool(p.sit, 'sit'), purpose: 'SIT', ...sit });
    if (uat) out.push({ release: r, pool: pool(p.uat, 'uat'), purpose: 'UAT', ...uat });
    if (perf) out.push({ release: r, pool: world.environments.filter((e) => e.kind === 'perf' && sameRegion(e)), purpose: 'Performance test', ...perf });
    if (cut && r.type !== 'emergency' && r.type !== 'patch') {
      out.push({ release: r, pool: [envs.get(p.preprod)!], purpose: 'Cut-over rehearsal', start: cut.start - 5, end: cut.start - 2 });
    }
  }
  return out.sort((a, b) => a.start - b.start || byText(a.release.id, b.release.id) || byText(a.purpose, b.purpose));
}

/** A window cut into bookings of at most `days` days each. */
function slices(window: { start: Day; end: Day }, days: number): Array<{ start: Day; end: Day }> {
  const out = [];
  for (let d = window.start; d <= window.end; d += days) out.push({ start: d, end: Math.min(d + days - 1, window.end) });
  return out;
}

export function generateBookings(rng: Rng, world: World): Booking[] {
  const { today, start: historyStart, horizon } = world.timeline;
  const envs = new Map(world.environments.map((e) => [e.id, e]));
  const occupancy = new Occupancy();
  const out: Omit<Booking, 'id'>[] = [];
  const statusFor = (r: Release | null, start: Day): BookingStatus => {
    if (r?.cancelled != null && r.cancelled < start) return 'cancelled';
    if (start > today + 56) return rng.chance(0.6) ? 'requested' : 'approved';
    return 'approved';
  };
  for (const q of requests(world, envs)) {
    const status = statusFor(q.release, q.start);
    const base = { project: q.release.project, release: q.release, purpose: q.purpose };
    const fit = (start: Day, end: Day) => q.pool.find((e) => occupancy.fits(e, start, end));
    let window = { start: q.start, end: q.end };
    let env = fit(q.start, q.end);
    if (!env) {
      // Everything taken: the request is rejected and the team books another window — a rehearsal
      // earlier, a test phase starting late — or, now and then, escalates and gets its first choice.
      out.push({ ...base, env: q.pool[0]!, status: 'rejected', start: q.start, end: q.end });
      const len = q.end - q.start;
      for (let shift = 1; shift <= 10 && !env; shift++) {
        window = q.purpose === 'Cut-over rehearsal' ? { start: q.start - shift, end: q.start - shift + len } : { start: q.start + shift, end: q.end };
        if (window.end - window.start >= 1) env = fit(window.start, window.end);
      }
      if (!env) {
        if (!rng.chance(0.25)) continue;
        env = q.pool[0]!;
        window = { start: q.start, end: q.end };
      }
    }
    if (status === 'approved') occupancy.add(env, window.start, window.end);
    const booked = world.dailyBookings.includes(q.purpose) ? slices(window, 1) : world.weeklyBookings ? slices(window, 7) : [window];
    for (const w of booked) out.push({ ...base, env, status, ...w });
  }
  // Data refreshes take two days in a gap of every test environment: monthly, or weekly where the
  // environments are booked week by week.
  const weekly = world.weeklyBookings;
  for (const env of world.environments.filter((e) => ['sit', 'uat', 'perf', 'preprod'].includes(e.kind))) {
    for (let m = monthStart(historyStart); m <= monthStart(today, 2); m = weekly ? m + 7 : monthStart(m, 1)) {
      const first = m + rng.int(0, weekly ? 4 : 20);
      const d = [0, 1, 2, 3, 4, 5, 6].map((k) => first + k).find((x) => occupancy.fits(env, x, x + 1));
      if (d === undefined) continue;
      occupancy.add(env, d, d + 1);
      out.push({ env, project: null, release: null, purpose: 'Environment refresh', status: 'approved', start: d, end: d + 1 });
    }
  }
  for (const env of world.environments.filter((e) => e.kind === 'training')) {
    for (const [a, b] of env.bookable ?? []) {
      for (let d = a + rng.int(3, 10); d + 4 <= b; d += rng.int(12, 30)) {
        const project = rng.pick(world.projects.filter((p) => p.region === env.region));
        occupancy.add(env, d, d + 2);
        out.push({ env, project, release: null, purpose: 'End-user training', status: 'approved', start: d, end: d + 2 });
      }
    }
  }
  for (const c of world.crunches) {
    const env = envs.get(c.env)!;
    const end = c.start + c.days - 1;
    const projects = world.projects.filter((p) => p.region === env.region && ([...p.sit, ...p.uat].includes(env.id) || env.kind === 'perf'));
    const lowest = () => Math.min(...Array.from({ length: c.days }, (_, k) => occupancy.count(env, c.start + k)));
    while (lowest() <= env.capacity) {
      occupancy.add(env, c.start, end);
      out.push({ env, project: rng.pick(projects), release: null, purpose: 'Regression (priority override)', status: 'approved', start: c.start, end });
    }
  }
  const kept = out.filter((b) => b.start <= horizon);
  kept.sort((a, b) => a.start - b.start || byText(a.env.id, b.env.id) || byText(a.release?.id ?? '', b.release?.id ?? '') || byText(a.purpose, b.purpose));
  return kept.map((b, i) => ({ id: `EB-${String(i + 1).padStart(5, '0')}`, ...b }));
}
