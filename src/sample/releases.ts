// Release plans and how they turn out: a train per project on its cadence, patches and emergency fixes
// after some trains, dependencies on upstream projects (finish-to-start, sometimes with almost no
// slack), slips drawn from each project's profile and carried down the dependency chains, year-end
// freezes that push go-lives into January, and a few cancellations.
import { byText } from './order.ts';
import type { Rng } from './random.ts';
import { isoDate, weekday, workday, type Day } from './time.ts';
import { inFreeze, type Phase, type PhaseName, type Project, type Release, type ReleaseType, type World } from './world.ts';

/** Plans reach this many days past today. */
const PLAN_AHEAD = 165;
/** Jira versions starting this far after today often have no dates yet. */
const UNDATED_AFTER = 45;

interface Draft {
  type: ReleaseType;
  name: string;
  tag: string;
  plannedStart: Day;
  plannedRelease: Day;
  systems: Project['systems'];
  cancelled: Day | null;
}

/** Teams release on Tuesday to Thursday, outside freezes that cover the release's systems. */
function releaseDay(world: World, d: Day, systems: Project['systems']): Day {
  let x = d;
  while (weekday(x) < 1 || weekday(x) > 3 || inFreeze(world.freezes, x, systems)) x++;
  return x;
}

function namer(project: Project, base: readonly [number, number]) {
  let [major, minor] = base;
  let patch = 0;
  let train = '';
  const yearly = new Map<number, number>();
  /** The release's name, and the short tag its builds carry. */
  return (type: ReleaseType, planned: Day): { name: string; tag: string } => {
    if (project.tracker !== 'erm') {
      if (type === 'major') [major, minor, patch] = [major + 1, 0, 0];
      else if (type === 'minor') [minor, patch] = [minor + 1, 0];
      else patch++;
      const v = `${major}.${minor}.${patch}`;
      return { name: v, tag: v };
    }
    if (type === 'major' || type === 'minor') {
      const yy = Number(isoDate(planned).slice(2, 4));
      const k = (yearly.get(yy) ?? 0) + 1;
      yearly.set(yy, k);
      train = `${yy}.${k}`;
      patch = 0;
      return { name: `${project.name} R${train}`, tag: `${train}.0` };
    }
    patch++;
    const name = `${project.name} R${train} ${type === 'patch' ? 'patch' : 'emergency fix'} ${patch}`;
    return { name, tag: `${train}.${patch}` };
  };
}

function drafts(rng: Rng, world: World, project: Project): Draft[] {
  const { today } = world.timeline;
  const out: Draft[] = [];
  const name = namer(project, project.versionBase);
  const cancel = (start: Day, planned: Day): Day | null => {
    if (!rng.chance(0.045)) return null;
    const d = rng.int(start - 14, planned);
    return d <= today ? d : null;
  };
  let t = project.firstRelease;
  for (let n = 0; t <= today + PLAN_AHEAD; n++) {
    const major = n % 4 === 2 || (project.cadence > 100 && n % 2 === 1);
    const type: ReleaseType = major ? 'major' : 'minor';
    const systems = major ? project.systems : rng.sample(project.systems, rng.int(1, project.systems.length));
    const planned = releaseDay(world, t, systems);
    const start = planned - (major ? rng.int(80, 100) : rng.int(42, 58));
    out.push({ type, ...name(type, planned), plannedStart: start, plannedRelease: planned, systems, cancelled: cancel(start, planned) });
    if (rng.chance(0.22)) {
      const sys = [rng.pick(systems)];
      const p = releaseDay(world, planned + rng.int(10, 24), sys);
      out.push({ type: 'patch', ...name('patch', p), plannedStart: p - rng.int(10, 16), plannedRelease: p, systems: sys, cancelled: null });
    }
    if (rng.chance(0.05)) {
      const sys = [rng.pick(systems)];
      const p = workday(planned + rng.int(2, 8));
      out.push({ type: 'emergency', ...name('emergency', p), plannedStart: p - rng.int(2, 4), plannedRelease: p, systems: sys, cancelled: null });
    }
    t = planned + project.cadence + rng.int(-7, 7);
  }
  return out;
}

function slipDays(rng: Rng, project: Project, type: ReleaseType): number {
  const p = project.slip;
  const u = rng.next();
  const s = u < p.onTime ? 0 : u < p.onTime + p.early ? -rng.int(1, 4) : Math.round(rng.triangular(Math.max(1, p.lateMode / 3), p.lateMode, p.lateMax));
  return type === 'patch' || type === 'emergency' ? Math.round(s / 2) : s;
}

/** The upstream release this one waits for, and the slack left between them. */
function chooseDependency(rng: Rng, draft: Draft, project: Project, done: readonly Release[]): { upstream: Release; start: Day } | null {
  if (draft.type === 'patch' || draft.type === 'emergency' || project.upstream.length === 0) return null;
  if (!rng.chance(project.tier === 2 ? 0.7 : 0.5)) return null;
  const from = rng.pick(project.upstream);
  const candidates = done.filter(
    (u) => u.project === from && !u.cancelled && (u.type === 'major' || u.type === 'minor')
      && u.plannedRelease >= draft.plannedStart - 40 && u.plannedRelease <= draft.plannedStart + 10,
  );
  // Programmes line up behind releases that themselves wait for others: chains of three or more.
  const chained = candidates.filter((u) => u.dependsOn.length > 0);
  const pool = chained.length && rng.chance(0.6) ? chained : candidates;
  const upstream = pool.sort((a, b) => b.plannedRelease - a.plannedRelease)[0];
  if (!upstream) return null;
  const slack = rng.chance(0.4) ? rng.int(0, 3) : rng.int(8, 28);
  const start = upstream.plannedRelease + slack;
  return start <= draft.plannedRelease - 30 ? { upstream, start } : null;
}

const SEQUENCES: Record<ReleaseType, Array<[PhaseName, number]>> = {
  major: [['build', 0.45], ['sit', 0.27], ['uat', 0.28]],
  minor: [['build', 0.45], ['sit', 0.27], ['uat', 0.28]],
  patch: [['build', 0.4], ['sit', 0.6]],
  emergency: [['build', 1]],
};
const CUTOVER_DAYS: Record<ReleaseType, number> = { major: 3, minor: 2, patch: 1, emergency: 1 };

/** Planned phases split the plan; actual phases stretch (or shrink) with the slip, most of it late. */
function phases(rng: Rng, r: Release, startDelay: number): Phase[] {
  const cut = CUTOVER_DAYS[r.type];
  const body = Math.max(r.plannedRelease - cut - r.plannedStart, SEQUENCES[r.type].length);
  const slip = r.finish - r.plannedRelease;
  const out: Phase[] = [];
  let ps = r.plannedStart;
  let as = r.plannedStart + Math.min(startDelay, Math.max(slip, 0));
  let pos = 0;
  for (const [phase, share] of SEQUENCES[r.type]) {
    pos += share;
    const pe = Math.max(ps, r.plannedStart + Math.round(body * pos) - 1);
    const ae = Math.max(as, pe + Math.round(slip * pos * pos));
    out.push({ phase, plannedStart: ps, plannedEnd: pe, actualStart: as, actualEnd: ae });
    ps = pe + 1;
    as = ae + 1;
  }
  out.push({ phase: 'cutover', plannedStart: ps, plannedEnd: Math.max(ps, r.plannedRelease), actualStart: as, actualEnd: Math.max(as, r.finish) });
  const sit = out.find((p) => p.phase === 'sit');
  const uat = out.find((p) => p.phase === 'uat');
  if (sit && uat && (r.type === 'major' || rng.chance(0.25))) {
    const len = rng.int(4, r.type === 'major' ? 9 : 6);
    const from = sit.plannedEnd - Math.floor(len / 2);
    const shift = sit.actualEnd - sit.plannedEnd;
    out.splice(out.indexOf(uat), 0, { phase: 'perf', plannedStart: from, plannedEnd: from + len, actualStart: from + shift, actualEnd: from + len + shift });
  }
  return out;
}

export function planReleases(rng: Rng, world: World): Release[] {
  const { today } = world.timeline;
  const done: Release[] = [];
  const ordered = [...world.projects].sort((a, b) => a.tier - b.tier);
  for (const project of ordered) {
    const prng = rng.fork(project.id);
    for (const d of drafts(prng, world, project)) {
      const dep = chooseDependency(prng, d, project, done);
      const plannedStart = dep ? dep.start : d.plannedStart;
      const upstreamFinish = dep ? dep.upstream.finish + 1 : plannedStart;
      const startDelay = Math.max(0, upstreamFinish - plannedStart);
      const slip = slipDays(prng, project, d.type);
      let finish = workday(d.plannedRelease + (startDelay > 0 ? Math.max(slip, startDelay) : slip));
      const frozen = inFreeze(world.freezes, finish, d.systems);
      // Most go-lives that slip into a freeze wait for its end; the rest go in as exceptions.
      if (frozen && d.type !== 'emergency' && prng.chance(0.7)) finish = workday(frozen.end + 1);
      const id = project.tracker === 'erm' ? '' : `${project.id}:${d.name}`;
      const status = d.cancelled !== null ? 'cancelled' : finish <= today ? 'released' : plannedStart <= today ? 'in_progress' : 'planned';
      const release: Release = {
        id, name: d.name, tag: d.tag, project, type: d.type, systems: d.systems, plannedStart, plannedRelease: d.plannedRelease, finish,
        cancelled: d.cancelled, status, dependsOn: dep ? [dep.upstream] : [], phases: [], versionId: 0,
        dated: project.tracker === 'erm' || plannedStart <= today + UNDATED_AFTER || prng.chance(0.5),
      };
      release.phases = phases(prng, release, startDelay);
      release.finish = release.phases[release.phases.length - 1]!.actualEnd;
      if (release.status === 'released' && release.finish > today) release.status = 'in_progress';
      done.push(release);
    }
  }
  const byPlan = (a: Release, b: Release) => a.plannedRelease - b.plannedRelease || byText(a.project.id, b.project.id) || byText(a.name, b.name);
  const releases = done.sort(byPlan);
  let erm = 0;
  for (const r of releases) if (r.project.tracker === 'erm') r.id = `REL-${String(++erm).padStart(4, '0')}`;
  // Jira numbers versions per instance, in the order they were created (about when work started).
  const versionIds = { 'jira-cloud': 10_200, 'jira-server': 11_500 };
  for (const r of [...releases].sort((a, b) => a.plannedStart - b.plannedStart || byPlan(a, b))) {
    if (r.project.tracker !== 'erm') r.versionId = versionIds[r.project.tracker]++;
  }
  return releases;
}
