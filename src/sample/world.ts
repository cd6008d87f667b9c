// The generated enterprise as plain objects: what every writer reads. Built once per run; only the
// high-volume records (work items, deployments, changes, incidents) are produced later, as streams.
import type { Day, Minute } from './time.ts';
import { at, day } from './time.ts';
import type { Person } from './vocabulary.ts';
import type { EnvironmentSpec, SlipProfile, Tracker } from './organisation.ts';

/**
 * The sample's "today": the day its exports were taken (16:30 UTC). Nothing observed happens after
 * it; only plans (release dates, bookings, change windows, capacity) lie in the future.
 */
export const REFERENCE_DATE = '2026-10-15';

export interface Timeline {
  today: Day;
  /** When the exports were taken: no observed timestamp is later. */
  exportAt: Minute;
  /** First day of the history (about 24 months before today). */
  start: Day;
  /** Plans reach up to here (about 6 months after today). */
  horizon: Day;
}

export const TIMELINE: Timeline = {
  today: day(REFERENCE_DATE),
  exportAt: at(day(REFERENCE_DATE), 16, 30),
  start: day('2024-10-01'),
  horizon: day('2027-04-30'),
};

export interface System {
  id: string;
  /** Region code ('' for the base region). */
  region: string;
  name: string;
  portfolio: string;
  program: string | null;
  owner: string;
  criticality: string;
  /** Production deployments per week outside releases. */
  continuous: number;
  prodEnv: string;
}

export interface Environment extends Omit<EnvironmentSpec, 'bookable'> {
  region: string;
  production: boolean;
  shared: boolean;
  /** Windows in which it is booked at all (inclusive days); null = always. */
  bookable: Array<[Day, Day]> | null;
}

export interface Project {
  id: string;
  region: string;
  name: string;
  portfolio: string;
  program: string | null;
  tracker: Tracker;
  tier: number;
  upstream: Project[];
  systems: System[];
  cadence: number;
  /** Planned date of the first release in the history, and the version it follows. */
  firstRelease: Day;
  versionBase: readonly [number, number];
  slip: SlipProfile;
  qaTeam: string;
  devTeams: string[];
  sit: string[];
  uat: string[];
  preprod: string;
  budget: number;
  start: Day;
  end: Day;
  topics: string[];
  lead: Person;
  developers: Person[];
  testers: Person[];
  /** Jira's numeric project id, and the number of the project's first issue key in the history. */
  jiraId: number;
  firstIssue: number;
}

export type ReleaseType = 'major' | 'minor' | 'patch' | 'emergency';
export type ReleaseStatus = 'planned' | 'in_progress' | 'released' | 'cancelled';
export type PhaseName = 'build' | 'sit' | 'uat' | 'perf' | 'cutover';

export interface Phase {
  phase: PhaseName;
  plannedStart: Day;
  plannedEnd: Day;
  /** As it happened (or will, for the simulation): writers only show what lies before today. */
  actualStart: Day;
  actualEnd: Day;
}

export interface Release {
  id: string;
  /** Jira version name, or the ERM tool's release name. */
  name: string;
  /** Version label its builds carry (`6.3.0`, `25.1.0`). */
  tag: string;
  project: Project;
  type: ReleaseType;
  systems: System[];
  plannedStart: Day;
  plannedRelease: Day;
  /** The simulated go-live, which may lie after today (then the release is still open). */
  finish: Day;
  /** The day it was cancelled, if it was (on or before today). */
  cancelled: Day | null;
  status: ReleaseStatus;
  dependsOn: Release[];
  phases: Phase[];
  /** Jira version id; and false when the version has no dates yet (not planned in detail). */
  versionId: number;
  dated: boolean;
}

export interface Freeze {
  name: string;
  start: Day;
  /** Inclusive. */
  end: Day;
  /** System ids; empty = every system. */
  scope: string[];
}

export interface World {
  seed: number;
  timeline: Timeline;
  regions: string[];
  projects: Project[];
  systems: System[];
  environments: Environment[];
  releases: Release[];
  freezes: Freeze[];
  /** Approved double bookings the sample holds on purpose. */
  crunches: Array<{ env: string; start: Day; days: number }>;
  /** Volume multipliers of the scale (1 = small): records per month, records per release. */
  intensity: number;
  perRelease: number;
  /** Bookings are made week by week, those of these purposes day by day. */
  weeklyBookings: boolean;
  dailyBookings: readonly string[];
  /** Multiplier of the incidents of each month outside the releases. */
  incidentRate: number;
}

/** The release's observed go-live date, if it has gone live by today. */
export const actualRelease = (r: Release): Day | null => (r.status === 'released' ? r.finish : null);

export const phaseOf = (r: Release, name: PhaseName): Phase | undefined => r.phases.find((p) => p.phase === name);

export function inFreeze(freezes: readonly Freeze[], d: Day, systems: readonly System[]): Freeze | undefined {
  return freezes.find((f) => d >= f.start && d <= f.end && (f.scope.length === 0 || systems.some((s) => f.scope.includes(s.id))));
}
