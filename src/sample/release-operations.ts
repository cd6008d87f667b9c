// What a release leaves in the operational tools: builds deployed to its SIT/UAT/performance
// environments, a pre-production rehearsal, and on go-live one change and one production deployment
// per system — sometimes after a failed attempt that was rolled back and caused an incident.
import { at, workday, type Day, type Minute } from './time.ts';
import { FAIL_NOTES, FREEZE_NOTE, INCIDENTS, ISSUE_NOTES, SUCCESS_NOTES, UNAUTHORIZED_NOTE } from './vocabulary.ts';
import type { CloseCode } from './itsm.ts';
import type { DeploymentStatus, OpsContext } from './operations.ts';
import { inFreeze, phaseOf, type Release, type System } from './world.ts';

const TEST_PHASES = [['sit', 'SIT', 2], ['uat', 'UAT', 1.2], ['perf', 'Performance test', 1]] as const;

function testBuilds(ctx: OpsContext, r: Release, s: System): void {
  const { rng, world } = ctx;
  const stop = r.cancelled ?? Infinity;
  let build = 0;
  for (const [name, purpose, perRelease] of TEST_PHASES) {
    const ph = phaseOf(r, name);
    if (!ph) continue;
    const p = ctx.owner(s);
    const env = ctx.booked(r, purpose) ?? (name === 'uat' ? p.uat[0]! : name === 'sit' ? p.sit[0]! : p.preprod);
    const n = Math.max(1, rng.around(perRelease * world.perRelease));
    const days = ph.actualEnd - ph.actualStart + 1;
    for (let i = 0; i < n; i++) {
      const d = workday(ph.actualStart + Math.floor((days * (i + rng.next())) / n));
      if (d >= stop) break;
      let started = at(d, rng.int(8, 17), rng.int(0, 59));
      const outcome: DeploymentStatus = rng.weighted([['success', 90], ['failure', 7], ['cancelled', 3]]);
      const version = `${r.tag}-rc.${++build}`;
      ctx.deployment({ system: s, env, release: r, version, started, finished: outcome === 'cancelled' ? null : started + rng.int(6, 25), status: outcome, production: false, trigger: 'pipeline' });
      if (outcome === 'failure') {
        started += rng.int(60, 240);
        ctx.deployment({ system: s, env, release: r, version: `${r.tag}-rc.${++build}`, started, finished: started + rng.int(6, 25), status: 'success', production: false, trigger: 'pipeline' });
      }
    }
  }
  const cut = phaseOf(r, 'cutover');
  if (cut && (r.type === 'major' || r.type === 'minor') && cut.actualStart - 3 < stop) {
    const started = at(workday(cut.actualStart - 3), rng.int(17, 20), rng.int(0, 59));
    ctx.deployment({ system: s, env: r.project.preprod, release: r, version: r.tag, started, finished: started + rng.int(30, 120), status: 'success', production: false, trigger: 'manual' });
  }
}

/** One attempt to put the release live on a system: its change, its deployment, its fallout. */
function goLive(ctx: OpsContext, r: Release, s: System, d: Day, outcome: CloseCode): void {
  const { rng, world } = ctx;
  const window = at(d, 19, 0);
  const start: Minute = window + rng.int(0, 30);
  const failed = outcome === 'Unsuccessful';
  const end = start + rng.int(40, 180) + (failed ? rng.int(30, 120) : 0);
  const emergency = r.type === 'emergency';
  const unauthorized = !emergency && rng.chance(0.01);
  const freeze = inFreeze(world.freezes, d, [s]);
  const notes = [rng.pick(failed ? FAIL_NOTES : outcome === 'Successful' ? SUCCESS_NOTES : ISSUE_NOTES)];
  if (freeze && !emergency) notes.push(FREEZE_NOTE);
  if (unauthorized) notes.push(UNAUTHORIZED_NOTE);
  const p = r.project;
  const change = ctx.change({
    type: emergency ? 'Emergency' : 'Normal',
    shortDescription: `${emergency ? 'Emergency release' : 'Deploy'} ${r.name} to production – ${s.name}`,
    system: s, release: r, group: s.owner, assignee: rng.pick(p.developers).name, category: 'Software',
    opened: emergency ? start - rng.int(60, 300) : at(d - rng.int(7, 30), rng.int(8, 17), rng.int(0, 59)),
    plannedStart: window, plannedEnd: window + 240, work: { start, end, outcome }, unauthorized, closeNotes: notes.join(' '),
  });
  const status: DeploymentStatus = failed ? rng.weighted([['rolled_back', 6], ['failure', 4]]) : 'success';
  const deployed = start + rng.int(5, 20);
  ctx.deployment({ system: s, env: s.prodEnv, release: r, version: r.tag, started: deployed, finished: Math.max(deployed + 10, end - rng.int(0, 10)), status, production: true, trigger: p.tracker === 'erm' ? 'manual' : 'pipeline' });
  if ((failed && rng.chance(0.8)) || (outcome === 'Successful with issues' && rng.chance(0.6))) {
    const opened = failed ? start + rng.int(20, 90) : end + rng.int(60, 2160);
    const priority = failed ? rng.weighted([[1, 3], [2, 7]] as const) : rng.weighted([[2, 4], [3, 6]] as const);
    const resolved = failed ? Math.max(opened + 15, end + rng.int(0, 60)) : opened + rng.int(60, 480);
    ctx.incident({
      shortDescription: rng.pick(INCIDENTS).replace('{s}', s.name), system: s, group: `${s.owner} – Application Support`,
      assignee: ctx.responder(s).name, priority, category: 'Software', opened, resolved, closed: resolved + rng.int(3, 5) * 1440,
      causedBy: change, closeCode: failed ? 'Solved (Work Around)' : 'Solved (Permanently)',
    });
  }
}

export function releaseOperations(ctx: OpsContext, r: Release): void {
  const { rng, world } = ctx;
  const { today } = world.timeline;
  if (!r.dated) return;
  for (const s of r.systems) {
    testBuilds(ctx, r, s);
    if (r.status === 'released') {
      if (rng.chance(0.1)) goLive(ctx, r, s, Math.max(r.finish - rng.int(1, 3), r.plannedStart + 1), 'Unsuccessful');
      goLive(ctx, r, s, r.finish, rng.chance(0.09) ? 'Successful with issues' : 'Successful');
    } else if (r.status === 'cancelled' || (r.status === 'in_progress' && r.finish <= today + 45)) {
      // The change is raised before go-live: still in approval, or cancelled with the release.
      const d = r.status === 'cancelled' ? r.plannedRelease : r.finish;
      const opened = at(d - rng.int(7, 40), rng.int(8, 17), rng.int(0, 59));
      const cancelledAt = r.cancelled !== null ? at(r.cancelled, rng.int(9, 16)) : undefined;
      if (cancelledAt !== undefined && cancelledAt <= opened) continue;
      ctx.change({
        type: 'Normal', shortDescription: `Deploy ${r.name} to production – ${s.name}`, system: s, release: r, group: s.owner,
        assignee: rng.pick(r.project.developers).name, category: 'Software', opened, plannedStart: at(d, 19), plannedEnd: at(d, 23),
        work: null, cancelledAt, closeNotes: cancelledAt !== undefined ? 'Release cancelled by the programme board.' : '',
      });
    }
  }
}
