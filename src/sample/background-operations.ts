// The operational background of a month, outside the release trains: systems on continuous delivery
// deploying under standard changes, routine infrastructure changes (a few unauthorized, a few
// cancelled, some slipping into freezes), incidents of every day, and emergency hotfixes after the
// serious ones.
import { at, dayOf, isoWeek, isWeekend, monthStart, type Day, type Minute } from './time.ts';
import { EMERGENCY_CHANGES, INCIDENTS, ISSUE_NOTES, STANDARD_CHANGES, SUCCESS_NOTES, UNAUTHORIZED_NOTE, FAIL_NOTES, FREEZE_NOTE } from './vocabulary.ts';
import type { CloseCode, Incident } from './itsm.ts';
import type { DeploymentStatus, OpsContext } from './operations.ts';
import { inFreeze, type System } from './world.ts';

const CATEGORIES = ['System Software', 'Hardware', 'Network', 'Software'];

function days(month: Day): Day[] {
  const out: Day[] = [];
  for (let d = month; d < monthStart(month, 1); d++) out.push(d);
  return out;
}

/** A production deployment under a standard change, with its SIT build earlier that day. */
function continuousDeployment(ctx: OpsContext, s: System, d: Day, n: number): void {
  const { rng } = ctx;
  const p = ctx.owner(s);
  const started = at(d, rng.int(11, 16), rng.int(0, 59));
  const w = isoWeek(d);
  const version = `${w.year}.${w.week}.${n}`;
  ctx.deployment({ system: s, env: p.sit[0]!, release: null, version, started: started - rng.int(90, 170), finished: started - rng.int(60, 85), status: 'success', production: false, trigger: 'pipeline' });
  const status: DeploymentStatus = rng.weighted([['success', 94], ['failure', 3], ['rolled_back', 3]]);
  const end = started + rng.int(8, 30);
  const outcome: CloseCode = status === 'success' ? 'Successful' : 'Unsuccessful';
  const change = ctx.change({
    type: 'Standard', shortDescription: `Pipeline deployment of ${s.name} ${version}`, system: s, release: null, group: s.owner,
    assignee: rng.pick(p.developers).name, category: 'Software', opened: started - rng.int(15, 90), plannedStart: started - 10, plannedEnd: started + 60,
    work: { start: started, end, outcome }, closeNotes: rng.pick(outcome === 'Successful' ? SUCCESS_NOTES : FAIL_NOTES),
  });
  ctx.deployment({ system: s, env: s.prodEnv, release: null, version, started, finished: end, status, production: true, trigger: 'pipeline' });
  if (status !== 'success' && rng.chance(0.45)) {
    const opened = started + rng.int(5, 40);
    incident(ctx, s, opened, rng.weighted([[2, 4], [3, 6]] as const), change);
  }
}

function incident(ctx: OpsContext, s: System, opened: Minute, priority: Incident['priority'], causedBy: Incident['causedBy']): void {
  const { rng } = ctx;
  const hours: Record<Incident['priority'], [number, number]> = { 1: [1, 6], 2: [2, 16], 3: [4, 72], 4: [24, 240] };
  const [lo, hi] = hours[priority];
  const resolved = opened + rng.int(lo * 60, hi * 60);
  ctx.incident({
    shortDescription: rng.pick(INCIDENTS).replace('{s}', s.name), system: s,
    group: priority === 4 && rng.chance(0.4) ? 'Service Desk' : `${s.owner} – Application Support`,
    assignee: ctx.responder(s).name, priority, category: rng.pick(['Software', 'Software', 'Hardware', 'Network', 'Database']),
    opened, resolved, closed: resolved + rng.int(3, 5) * 1440, causedBy,
    closeCode: rng.weighted([['Solved (Permanently)', 7], ['Solved (Work Around)', 2], ['Not Solved (Not Reproducible)', 1]]),
  });
  // A serious incident often ends with an emergency fix: its change and its production deployment.
  if (priority <= 2 && !causedBy && rng.chance(0.45)) {
    const p = ctx.owner(s);
    const start = opened + rng.int(60, 360);
    const end = start + rng.int(20, 90);
    const outcome: CloseCode = rng.chance(0.9) ? 'Successful' : 'Successful with issues';
    ctx.change({
      type: 'Emergency', shortDescription: rng.pick(EMERGENCY_CHANGES).replace('{s}', s.name), system: s, release: null, group: s.owner,
      assignee: rng.pick(p.developers).name, category: 'Software', opened: opened + rng.int(20, 50), plannedStart: start, plannedEnd: start + 120,
      work: { start, end, outcome }, closeNotes: rng.pick(outcome === 'Successful' ? SUCCESS_NOTES : ISSUE_NOTES),
    });
    ctx.deployment({ system: s, env: s.prodEnv, release: null, version: `hotfix-${dayOf(start)}`, started: start + 5, finished: end, status: 'success', production: true, trigger: 'hotfix' });
  }
}

function infrastructureChange(ctx: OpsContext, s: System, opened: Minute): void {
  const { rng, world } = ctx;
  let d = dayOf(opened) + rng.int(1, 10);
  const frozen = inFreeze(world.freezes, d, [s]);
  const inFreezeAnyway = frozen && rng.chance(0.2);
  if (frozen && !inFreezeAnyway) d = frozen.end + 1 + rng.int(0, 3);
  const window = at(d, rng.pick([20, 21, 22]), 0);
  const unauthorized = rng.chance(0.02);
  const cancelled = rng.chance(0.03);
  const outcome: CloseCode = rng.weighted([['Successful', 94], ['Successful with issues', 3], ['Unsuccessful', 3]]);
  const start = window + rng.int(0, 20);
  const notes = [rng.pick(outcome === 'Successful' ? SUCCESS_NOTES : outcome === 'Unsuccessful' ? FAIL_NOTES : ISSUE_NOTES)];
  if (inFreezeAnyway) notes.push(FREEZE_NOTE);
  if (unauthorized) notes.push(UNAUTHORIZED_NOTE);
  const change = ctx.change({
    type: 'Standard', shortDescription: rng.pick(STANDARD_CHANGES).replace('{s}', s.name), system: s, release: null, group: s.owner,
    assignee: ctx.responder(s).name, category: rng.pick(CATEGORIES), opened, plannedStart: window, plannedEnd: window + 180,
    work: cancelled ? null : { start, end: start + rng.int(20, 150), outcome },
    cancelledAt: cancelled ? opened + rng.int(600, 4000) : undefined, unauthorized,
    closeNotes: cancelled ? 'Cancelled: superseded by a vendor patch.' : notes.join(' '),
  });
  if (!cancelled && outcome !== 'Successful' && rng.chance(0.5)) incident(ctx, s, start + rng.int(30, 600), rng.weighted([[2, 3], [3, 7]] as const), change);
}

export function monthlyOperations(ctx: OpsContext, month: Day): void {
  const { rng, world } = ctx;
  const k = world.intensity;
  const weekdays = days(month).filter((d) => !isWeekend(d));
  const counters = new Map<string, number>();
  for (const d of weekdays) {
    for (const s of world.systems) {
      if (s.continuous === 0) continue;
      // Continuous delivery mostly pauses during freezes.
      if (inFreeze(world.freezes, d, [s]) && !rng.chance(0.1)) continue;
      const n = rng.count((s.continuous * k) / 5);
      for (let i = 0; i < n; i++) {
        const key = `${s.id}|${isoWeek(d).week}`;
        counters.set(key, (counters.get(key) ?? 0) + 1);
        continuousDeployment(ctx, s, d, counters.get(key)!);
      }
    }
  }
  for (const region of world.regions) {
    const systems = world.systems.filter((s) => s.region === region);
    const weights = systems.map((s) => [s, s.criticality === 'Tier 1' ? 3 : s.criticality === 'Tier 2' ? 2 : 1] as const);
    for (let i = rng.around(35 * k); i > 0; i--) infrastructureChange(ctx, rng.weighted(weights), at(rng.pick(weekdays), rng.int(8, 17), rng.int(0, 59)));
    for (let i = rng.around(14 * k * world.incidentRate); i > 0; i--) {
      const d = rng.pick(days(month));
      const hour = rng.chance(0.75) ? rng.int(7, 18) : rng.int(0, 23);
      incident(ctx, rng.weighted(weights), at(d, hour, rng.int(0, 59)), rng.weighted([[1, 3], [2, 12], [3, 50], [4, 35]] as const), null);
    }
  }
}
