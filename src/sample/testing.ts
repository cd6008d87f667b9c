// Test cycles per release (SIT, UAT, regression, performance, smoke) and the QA capacity that has to
// carry them. Capacity is staffed per QA team and quarter for a typical week of its own demand, so the
// peaks (several releases in test before the year-end freeze) overload it while ordinary weeks do not;
// Christmas and August weeks have fewer hours.
import type { Rng } from './random.ts';
import { isoDate, mondayOf, type Day } from './time.ts';
import { phaseOf, type Phase, type Release, type World } from './world.ts';

export interface TestCycle {
  release: Release;
  name: string;
  plannedStart: Day;
  plannedEnd: Day;
  plannedCases: number;
  /** Execution counts, null before the cycle started. */
  executed: number | null;
  passed: number | null;
  failed: number | null;
  blocked: number | null;
  effortHours: number;
  /** The QA team that runs it (capacity is kept per team). */
  team: string;
}

export interface CapacityRow {
  team: string;
  resource: 'qa' | 'env';
  start: Day;
  end: Day;
  hours: number;
}

interface CyclePlan {
  name: string;
  phase: Phase;
  from: number;
  to: number;
  cases: number;
  hoursPerCase: number;
}

/** Which cycles a release runs: `from`/`to` are shares of the phase (0–1). */
function plans(r: Release): CyclePlan[] {
  const sit = phaseOf(r, 'sit');
  const uat = phaseOf(r, 'uat');
  const perf = phaseOf(r, 'perf');
  const cut = phaseOf(r, 'cutover')!;
  const out: CyclePlan[] = [];
  if (r.type === 'emergency') return [{ name: 'Smoke test', phase: cut, from: 0, to: 1, cases: 25, hoursPerCase: 0.5 }];
  if (sit && r.type === 'major') {
    out.push({ name: 'SIT-1', phase: sit, from: 0, to: 0.5, cases: 420, hoursPerCase: 0.9 });
    out.push({ name: 'SIT-2', phase: sit, from: 0.5, to: 1, cases: 260, hoursPerCase: 0.9 });
  } else if (sit) {
    out.push({ name: 'SIT', phase: sit, from: 0, to: 1, cases: r.type === 'patch' ? 60 : 210, hoursPerCase: 0.9 });
  }
  if (perf) out.push({ name: 'Performance', phase: perf, from: 0, to: 1, cases: r.type === 'major' ? 40 : 18, hoursPerCase: 5 });
  if (uat) out.push({ name: 'UAT', phase: uat, from: 0, to: 0.85, cases: r.type === 'major' ? 180 : 90, hoursPerCase: 1.2 });
  const last = uat ?? sit;
  if (last) out.push({ name: 'Regression', phase: last, from: 0.7, to: 1, cases: r.type === 'patch' ? 150 : 340, hoursPerCase: 0.35 });
  return out;
}

const within = (start: Day, end: Day, share: number) => start + Math.round((end - start) * share);

export function generateTestCycles(rng: Rng, world: World): TestCycle[] {
  const { today } = world.timeline;
  const out: TestCycle[] = [];
  for (const r of world.releases) {
    if (!r.dated) continue;
    const failRate = r.project.slip.lateMode > 10 ? 0.11 : 0.05;
    for (const c of plans(r)) {
      const plannedStart = within(c.phase.plannedStart, c.phase.plannedEnd, c.from);
      const plannedEnd = Math.max(plannedStart, within(c.phase.plannedStart, c.phase.plannedEnd, c.to));
      if (r.cancelled !== null && r.cancelled < plannedStart) continue;
      const actualStart = within(c.phase.actualStart, c.phase.actualEnd, c.from);
      const actualEnd = Math.max(actualStart, within(c.phase.actualStart, c.phase.actualEnd, c.to));
      const cases = Math.max(5, Math.round(c.cases * rng.float(0.7, 1.3)));
      const cutoff = Math.min(today, r.cancelled ?? today);
      const progress = actualStart > cutoff ? null : Math.min(1, (cutoff - actualStart + 1) / (actualEnd - actualStart + 1));
      let executed: number | null = null;
      let failed: number | null = null;
      let blocked: number | null = null;
      if (progress !== null) {
        executed = Math.round(cases * progress * (progress === 1 ? rng.float(0.93, 1) : rng.float(0.8, 1)));
        failed = Math.round(executed * failRate * rng.float(0.5, 1.6));
        blocked = Math.round((cases - executed) * rng.float(0.1, 0.5));
      }
      out.push({
        release: r, name: c.name, plannedStart, plannedEnd, plannedCases: cases,
        executed, passed: executed === null ? null : executed - failed!, failed, blocked,
        effortHours: Math.round(cases * c.hoursPerCase * rng.float(0.85, 1.2) * 2) / 2,
        team: r.project.qaTeam,
      });
    }
  }
  return out;
}

/** Hours each team's cycles ask for, per ISO week (Monday), spread evenly over the cycles' days. */
export function weeklyDemand(cycles: readonly TestCycle[]): Map<string, Map<Day, number>> {
  const out = new Map<string, Map<Day, number>>();
  for (const c of cycles) {
    let team = out.get(c.team);
    if (!team) out.set(c.team, (team = new Map()));
    const perDay = c.effortHours / (c.plannedEnd - c.plannedStart + 1);
    for (let d = c.plannedStart; d <= c.plannedEnd; d++) team.set(mondayOf(d), (team.get(mondayOf(d)) ?? 0) + perDay);
  }
  return out;
}

const HOURS_PER_TESTER = 30;

/** Share of a normal week's hours: Christmas and the August holidays are thin. */
function holidayFactor(monday: Day): number {
  const md = isoDate(monday + 3).slice(5);
  if (md >= '12-22' || md <= '01-04') return 0.45;
  if (md >= '08-01' && md <= '08-28') return 0.75;
  return 1;
}

export function generateCapacity(rng: Rng, world: World, cycles: readonly TestCycle[]): CapacityRow[] {
  const demand = weeklyDemand(cycles);
  const first = mondayOf(world.timeline.start);
  const last = mondayOf(world.timeline.horizon);
  const out: CapacityRow[] = [];
  for (const team of [...demand.keys()].sort()) {
    const weeks = demand.get(team)!;
    let staff = 0;
    for (let w = first; w <= last; w += 7) {
      // Staffing is reviewed every 13 weeks for a busy (third-quartile) week of the quarter ahead.
      if ((w - first) % 91 === 0) {
        const next = Array.from({ length: 13 }, (_, k) => weeks.get(w + 7 * k) ?? 0).sort((a, b) => a - b);
        const target = Math.ceil((next[9]! * 1.1) / HOURS_PER_TESTER);
        staff = Math.max(2, staff === 0 ? target : Math.min(staff + 2, Math.max(staff - 1, target)));
      }
      const hours = staff * HOURS_PER_TESTER * holidayFactor(w) - (rng.chance(0.15) ? HOURS_PER_TESTER : 0);
      out.push({ team, resource: 'qa', start: w, end: w + 6, hours: Math.max(HOURS_PER_TESTER, hours) });
    }
  }
  // The performance labs state their bookable hours per week in clock hours, as bookings occupy them
  // (24 a day): none outside a lab's bookable windows, and none on the days it shuts over the holidays.
  for (const env of world.environments.filter((e) => e.kind === 'perf')) {
    for (let w = first; w <= last; w += 7) {
      const open = !env.bookable || env.bookable.some(([a, b]) => w >= a && w <= b);
      const shut = Array.from({ length: 7 }, (_, k) => isoDate(w + k).slice(5)).filter((md) => md >= '12-24' || md <= '01-01').length;
      out.push({ team: env.id, resource: 'env', start: w, end: w + 6, hours: open ? 24 * env.capacity * (7 - shut) : 0 });
    }
  }
  return out;
}
