// Builds the world of a scale: the base organisation once per region, then its release plans.
import { CRUNCHES, ENVIRONMENTS, FREEZES, PROJECTS, REGIONS, SYSTEMS } from './organisation.ts';
import { Rng } from './random.ts';
import { planReleases } from './releases.ts';
import { day, monthStart } from './time.ts';
import { people } from './vocabulary.ts';
import { TIMELINE, type Environment, type Freeze, type Project, type System, type World } from './world.ts';

export interface ScaleSpec {
  /** Regions: copies of the base organisation. */
  regions: number;
  /** Volume multiplier for the records of each month (continuous deployments, standard changes, incidents). */
  intensity: number;
  /** Volume multiplier for the records of each release (work items, test deployments); default `intensity`. */
  perRelease?: number;
  /** How many times as often as the base organisation's cadence the release trains run (default 1). */
  trains?: number;
  /** Months of history before the base organisation's first month, 2024-10 (default 0). */
  extraMonths?: number;
  /** Environments booked week by week, as large estates' booking tools hold them (default false). */
  weeklyBookings?: boolean;
  /** Booking purposes booked day by day instead (default none): business testers and performance runs book days. */
  dailyBookings?: readonly string[];
  /** Multiplier of the incidents of each month outside the releases (default 1). */
  incidentRate?: number;
}

// The issue's enterprise: ≈ 5,000 releases, 300 environments, 1,000,000 work items, 200,000 changes,
// 50,000 incidents, 300,000 deployments and 100,000 bookings over 36 months of history.
export const SCALES = {
  small: { regions: 1, intensity: 1 },
  enterprise: { regions: 12, intensity: 6, perRelease: 3.3, trains: 2, extraMonths: 12, weeklyBookings: true, dailyBookings: ['UAT', 'Performance test'], incidentRate: 1.2 },
} as const satisfies Record<string, ScaleSpec>;

export type ScaleName = keyof typeof SCALES;

/** Names of a region's copy: the base region keeps the plain names. */
function regional(region: string) {
  return {
    key: (k: string) => `${k}${region}`,
    id: (id: string) => (region ? `${id}-${region.toLowerCase()}` : id),
    env: (id: string) => (region ? `${id}-${region}` : id),
    name: (n: string) => (region ? `${n} (${region})` : n),
  };
}

type RegionPart = Pick<World, 'projects' | 'systems' | 'environments' | 'freezes' | 'crunches'>;

/** `shift`: days the history starts before the base organisation's; the projects start that much earlier. */
function buildRegion(rng: Rng, region: string, ordinal: number, jiraIds: { next: number }, scale: ScaleSpec, shift: number): RegionPart {
  const r = regional(region);
  const systems: System[] = SYSTEMS.map((s) => ({
    id: r.id(s.id), region, name: r.name(s.name), portfolio: s.portfolio, program: s.program, owner: s.owner,
    criticality: s.criticality, continuous: s.continuous, prodEnv: r.env(s.prod),
  }));
  const systemById = new Map(systems.map((s, i) => [SYSTEMS[i]!.id, s]));
  const environments: Environment[] = ENVIRONMENTS.map((e) => ({
    id: r.env(e.id), region, name: r.name(e.name), kind: e.kind, capacity: e.capacity, owner: e.owner, costPerDay: e.costPerDay,
    production: e.kind === 'prod', shared: e.capacity > 1,
    bookable: e.bookable ? e.bookable.map(([a, b]) => [day(a), day(b)] as [number, number]) : null,
  }));
  const staff = people(rng.fork('people'), PROJECTS.length * 9, region);
  const projects: Project[] = [];
  PROJECTS.forEach((p, i) => {
    const team = staff.slice(i * 9, i * 9 + 9);
    projects.push({
      id: r.key(p.key), region, name: r.name(p.name), portfolio: p.portfolio, program: p.program, tracker: p.tracker, tier: p.tier,
      upstream: p.upstream.map((k) => projects.find((q) => q.id === r.key(k))!),
      systems: p.systems.map((id) => systemById.get(id)!),
      cadence: Math.round(p.cadence / (scale.trains ?? 1)), firstRelease: day(p.firstRelease) - shift, versionBase: p.version, slip: p.slip, qaTeam: r.name(p.qaTeam), devTeams: p.devTeams.map(r.name),
      sit: p.sit.map(r.env), uat: p.uat.map(r.env), preprod: r.env(p.preprod),
      budget: p.budget, start: day(p.start) - shift, end: day(p.end), topics: p.topics,
      lead: team[0]!, developers: team.slice(1, 6), testers: team.slice(6),
      jiraId: p.tracker === 'erm' ? 0 : jiraIds.next++,
      firstIssue: rng.int(120, 2400) + ordinal,
    });
  });
  // A freeze of every system is stated once, by the base region; scoped ones are per region.
  // Freezes before the history are left out.
  const freezes: Freeze[] = FREEZES.filter((f) => (f.scope.length > 0 || !region) && day(f.start) >= TIMELINE.start - shift).map((f) => ({
    name: r.name(f.name), start: day(f.start), end: day(f.end), scope: f.scope.map(r.id),
  }));
  const crunches = CRUNCHES.map((c) => ({ env: r.env(c.env), start: day(c.start), days: c.days }));
  return { projects, systems, environments, freezes, crunches };
}

export function buildWorld(seed: number, scale: ScaleSpec): World {
  const rng = new Rng(seed, 'world');
  const regions = REGIONS.slice(0, scale.regions);
  if (regions.length < scale.regions) throw new Error(`at most ${REGIONS.length} regions`);
  const extra = scale.extraMonths ?? 0;
  const timeline = extra ? { ...TIMELINE, start: monthStart(TIMELINE.start, -extra) } : TIMELINE;
  const world: World = {
    seed, timeline, regions, projects: [], systems: [], environments: [], releases: [], freezes: [], crunches: [],
    intensity: scale.intensity, perRelease: scale.perRelease ?? scale.intensity, weeklyBookings: scale.weeklyBookings ?? false,
    dailyBookings: scale.dailyBookings ?? [], incidentRate: scale.incidentRate ?? 1,
  };
  const jiraIds = { next: 10_000 };
  regions.forEach((region, i) => {
    const part = buildRegion(rng.fork(`region-${region || 'base'}`), region, i, jiraIds, scale, TIMELINE.start - timeline.start);
    world.projects.push(...part.projects);
    world.systems.push(...part.systems);
    world.environments.push(...part.environments);
    world.freezes.push(...part.freezes);
    world.crunches.push(...part.crunches);
  });
  world.releases = planReleases(rng.fork('releases'), world);
  return world;
}
