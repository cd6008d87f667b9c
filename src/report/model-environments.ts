// The report model of the environments page, one page per environment, and the quality page
// (docs/metrics.md#environments, #quality). Everything is precomputed: pages only render.
// Dates are `YYYY-MM-DD` (calendar days in the report's time zone), instants `YYYY-MM-DDTHH:MM:SSZ`,
// weeks are ISO weeks given both as `YYYY-Www` (`week`, the metrics export's period) and as their
// Monday (`monday`, for charts). Hours are clock hours (a fully booked day is 24 h).
import type { ReleaseRef, ReleaseState } from './model-releases.ts';

/** How a page links to an environment: its page is `environments/<slug>/`. */
export interface EnvironmentRef {
  id: string;
  /** URL-safe, unique and stable for the id (see slug.ts). */
  slug: string;
  name: string;
}

/** A project named by a booking or a release (there is no project page yet). */
export interface ProjectRef {
  id: string;
  name: string;
}

export interface WeekRef {
  /** `YYYY-Www` */
  week: string;
  /** The week's Monday. */
  monday: string;
}

export interface EnvironmentRow extends EnvironmentRef {
  kind: string | null;
  production: boolean;
  shared: boolean;
  /** Concurrent approved bookings it takes (default 1). */
  capacity: number;
  owner: string | null;
  costPerDay: number | null;
  /** Bookings of any status. */
  bookings: number;
  approvedBookings: number;
  /** environments.conflicts */
  conflicts: number;
  /** environments.idle (days of the 84 ending on the as-of date); null for production environments. */
  idleDays: number | null;
  /** idleDays × costPerDay; null when either is unknown. */
  idleCost: number | null;
  /** Utilisation of the 12 weeks ending with the as-of week taken together; null when it is not measured. */
  recentUtilization: number | null;
}

export interface BookingRow {
  id: string;
  environment: EnvironmentRef;
  /** The release's page, when the release is known; `releaseId` keeps the id the booking names. */
  release: ReleaseRef | null;
  releaseId: string | null;
  project: ProjectRef | null;
  purpose: string | null;
  status: string | null;
  start: string;
  /** Exclusive. */
  end: string;
  /** First and last calendar day the booking covers (inclusive). */
  firstDay: string;
  lastDay: string;
  /** Days covered. */
  days: number;
  /** Part of an environments.conflicts run. */
  inConflict: boolean;
}

/** A maximal run of consecutive days on which approved bookings exceed the environment's capacity. */
export interface Conflict {
  environment: EnvironmentRef;
  capacity: number;
  first: string;
  last: string;
  /** Days in the run (the overlap). */
  days: number;
  /** The most approved bookings on one day of the run. */
  peak: number;
  /** The approved bookings covering any day of the run. */
  bookings: BookingRow[];
  releases: ReleaseRef[];
  /** Release ids the bookings name that no export holds. */
  unknownReleaseIds: string[];
  projects: ProjectRef[];
}

export interface IdleEnvironment {
  environment: EnvironmentRef;
  kind: string | null;
  /** The 84-day window, inclusive, ending on the as-of date. */
  from: string;
  to: string;
  idleDays: number;
  costPerDay: number | null;
  idleCost: number | null;
  /** Last day on or before the as-of date that an approved booking covers; null when never booked. */
  lastBooked: string | null;
  /** First day after the as-of date that an approved booking covers; null when none is booked. */
  nextBooked: string | null;
}

export interface DemandCapacity {
  /** Hours of approved and requested bookings. */
  booked: number;
  /** Hours of unbooked test phases (only for kinds and the total). */
  unbooked: number;
  /** booked + unbooked */
  demand: number;
  capacity: number;
}

export interface DemandWeek extends WeekRef, DemandCapacity {
  /** Per environment kind that has environments or demand, sorted by kind. */
  byKind: Array<DemandCapacity & { kind: string }>;
}

/** A test phase of an open release that has no booking on an environment of its kind. */
export interface UnbookedPhase {
  release: ReleaseRef;
  phase: string;
  kind: string;
  plannedStart: string;
  plannedEnd: string;
  /** Hours of the phase inside the 12 weeks (24 h per planned day). */
  hours: number;
}

export interface EnvironmentDetail {
  id: string;
  /** Every booking of the environment, by start. */
  bookings: BookingRow[];
  /** environments.utilization for each week of `EnvironmentsPage.utilization.weeks` (same order). */
  utilization: Array<WeekRef & { value: number; bookedDays: number; capacityDays: number }>;
  conflicts: Conflict[];
  /** Releases its approved and requested bookings serve, by first booked day. */
  releases: Array<{ release: ReleaseRef; bookings: number; firstDay: string; lastDay: string }>;
  /** The next 12 weeks: booked hours and capacity hours. */
  demand: Array<WeekRef & { booked: number; capacity: number }>;
  idle: IdleEnvironment | null;
}

export interface EnvironmentsPage {
  /** Sorted by kind (dev, sit, uat, perf, preprod, prod, dr, training, unknown last), then id. */
  environments: EnvironmentRow[];
  /** Environments per kind (`unknown` for none). */
  byKind: Array<{ kind: string; environments: number; capacity: number }>;
  /**
   * First and last day any booking covers (the as-of date when there are none). The calendar's bookings
   * are the details' in order (`details.flatMap((d) => d.bookings)`): held once, as the enterprise
   * sample's 100,000 bookings weigh 45 MB in the model.
   */
  calendar: {
    from: string;
    to: string;
  };
  utilization: {
    /** From the week of the earliest approved booking to the week of the latest covered day. */
    weeks: WeekRef[];
    /** One row per measured environment (not production, or booked), values aligned with `weeks`. */
    rows: Array<{ environment: EnvironmentRef; kind: string | null; values: number[] }>;
  };
  /** Every conflict, by first day. */
  conflicts: Conflict[];
  /** Non-production environments, most idle days first. */
  idle: IdleEnvironment[];
  /** The week holding the as-of date and the 11 after it. */
  demand: {
    weeks: DemandWeek[];
    unbookedPhases: UnbookedPhase[];
  };
  /** Environment pages, one per environment (same order as `environments`). */
  details: EnvironmentDetail[];
}

export interface TestProgress {
  release: ReleaseRef;
  state: ReleaseState;
  cycles: number;
  /** First planned day and last planned day over its cycles. */
  plannedStart: string | null;
  plannedEnd: string | null;
  plannedCases: number;
  /** Cases that the plan expects executed by the as-of date: each cycle's cases × the share of its planned days elapsed. */
  plannedToDate: number;
  executed: number;
  passed: number;
  failed: number;
  blocked: number;
  /** quality.test_execution_rate (executed ÷ planned cases); null without planned cases. */
  executionRate: number | null;
  /** quality.test_pass_rate (passed ÷ executed); null when nothing was executed. */
  passRate: number | null;
}

export interface DefectScope {
  /** Bugs belonging to the scope (by affects versions, else fix versions). */
  bugs: number;
  /** quality.escaped_defects: those found in production. */
  escaped: number;
  /** Done features, stories and tasks (by fix versions). */
  deliveredItems: number;
  /** quality.defect_density: bugs ÷ delivered items; null when none was delivered. */
  density: number | null;
}

export interface QualityPage {
  /** quality.test_demand_hours, quality.qa_capacity_hours and quality.overload_hours per week. */
  weeks: Array<WeekRef & { demand: number; capacity: number; overload: number }>;
  /** QA capacity hours per team, aligned with `weeks`. */
  capacityByTeam: Array<{ team: string; hours: number[] }>;
  /** Releases with test cycles, by first planned day. */
  testProgress: TestProgress[];
  /** Every week from the first bug to the as-of week; `open` counts bugs open at the week's end. */
  defects: Array<WeekRef & { opened: number; closed: number; open: number }>;
  /** Releases with work items, by id. */
  byRelease: Array<DefectScope & { release: ReleaseRef; systemIds: string[] }>;
  bySystem: Array<DefectScope & { id: string; name: string }>;
}
