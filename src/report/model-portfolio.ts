// The report model of the portfolio side (docs/metrics.md#portfolio, #lessons): consolidated status
// (green/amber/red) per release, project, program and portfolio with its reason, the overview's status
// grid and timeline, what changed since an earlier build, a page per project and per portfolio/program,
// staffing and spend, the scheduling and resource conflicts, and lessons learned. Everything is
// precomputed: pages only render. Dates are `YYYY-MM-DD`, months `YYYY-MM`, quarters `YYYY-Qn`, weeks
// ISO weeks, on the report's time zone's calendar. Untrusted text (titles, notes) must be rendered as text.
import type { ReleaseRef, ReleaseState } from './model-releases.ts';
import type { EnvironmentRef, WeekRef } from './model-environments.ts';
import type { ChangeRef } from './model-changes.ts';
import type { Rag, Status, StatusSignal } from '../metrics/status.ts';
import type { LessonRow, LessonsPage } from './model-lessons.ts';

export type * from './model-lessons.ts';

/** Consolidated status: green, amber or red with its reason and the signals that drove it (src/metrics/status.ts). */
export type { Rag, Status, StatusSignal };

/** How a page links to a project: its page is `projects/<slug>/`. */
export interface ProjectLink {
  id: string;
  /** URL-safe, unique and stable for the id (see slug.ts). */
  slug: string;
  name: string;
}

/** How a page links to a portfolio (`portfolios/<slug>/`) or a program (`programs/<slug>/`). */
export interface GroupLink {
  kind: 'portfolio' | 'program';
  /** The name as projects.csv writes it (portfolios and programs have no other id). */
  id: string;
  slug: string;
  name: string;
}

/** A release with its consolidated status; shipped and cancelled releases are not rated. */
export interface ReleaseStatusRow {
  release: ReleaseRef;
  project: ProjectLink | null;
  state: ReleaseState;
  plannedStart: string | null;
  plannedRelease: string | null;
  actualRelease: string | null;
  /** The Monte Carlo forecast of an open release (docs/metrics.md#forecasts); null when there is none. */
  forecastP85: string | null;
  onTimeProbability: number | null;
  /** null for released and cancelled releases (not in the RAG). */
  status: Status | null;
  /** The release state in words ("released 2026-03-04, 2 days after plan (…)"): what unrated releases show. */
  stateReason: string;
}

export interface ProjectStatusRow {
  project: ProjectLink;
  portfolio: GroupLink | null;
  program: GroupLink | null;
  owner: string | null;
  status: Status;
  /** Open releases (rated) and all releases. */
  openReleases: number;
  releases: number;
}

export interface GroupStatusRow {
  group: GroupLink;
  status: Status;
  /** Projects by status count. */
  red: number;
  amber: number;
  green: number;
}

/** A release and a project's status as a saved snapshot holds them. */
export interface SnapshotEntry {
  name: string;
  /** null: not rated (released or cancelled). */
  status: Rag | null;
  /** The release state; `project` for projects. */
  state: string;
  reason: string;
  /** Releases: the planned release date and the P85 forecast then (absent in snapshots saved before they were kept). */
  planned?: string | null;
  forecastP85?: string | null;
}

/** An open release whose planned date or P85 forecast moved between the two builds. */
export interface DateMove {
  id: string;
  name: string;
  slug: string | null;
  what: 'planned' | 'forecastP85';
  from: string;
  to: string;
  /** to − from: positive when it slipped. */
  days: number;
}

/** A release or project whose status (or, for releases, state) differs from the earlier snapshot. */
export interface StatusChange {
  kind: 'release' | 'project';
  id: string;
  name: string;
  /** Its page, when it still exists. */
  slug: string | null;
  /** null: not in the earlier snapshot (new). */
  before: SnapshotEntry | null;
  /** null: no longer in the data. */
  after: SnapshotEntry | null;
}

export interface StatusChanges {
  /** The as-of date of the snapshot compared with: the newest one earlier than this build's; null when none. */
  previousAsOf: string | null;
  /** "compared with the build as of 2026-10-08" or "no earlier build to compare with". */
  note: string;
  /** Red first, then amber, green, unrated; projects before releases; then by name. New releases and projects have `before` null. */
  changes: StatusChange[];
  /** Planned dates and P85 forecasts that moved, the biggest slip first. */
  moved: DateMove[];
}

/** One row of the overview's status grid: a portfolio, its programs and their projects. */
export interface StatusGridPortfolio {
  /** null: projects without a portfolio. */
  portfolio: GroupLink | null;
  status: Status | null;
  programs: Array<{
    /** null: the portfolio's projects without a program. */
    program: GroupLink | null;
    status: Status | null;
    projects: ProjectStatusRow[];
  }>;
}

export interface TimelineRow {
  project: ProjectLink;
  status: Status;
  /** Its releases by planned date (undated last), shipped and cancelled ones included. */
  releases: Array<{
    release: ReleaseRef;
    state: ReleaseState;
    status: Rag | null;
    plannedStart: string | null;
    plannedRelease: string | null;
    actualRelease: string | null;
    forecastP85: string | null;
  }>;
}

export interface PortfolioOverview {
  /** Scope `all`: the worst of every project. */
  overall: Status;
  grid: StatusGridPortfolio[];
  portfolios: GroupStatusRow[];
  programs: GroupStatusRow[];
  timeline: {
    /** Span of the dates shown (plans, actuals, forecasts). */
    from: string;
    to: string;
    /** Freeze windows, `end` exclusive (as the releases calendar). */
    freezes: Array<{ name: string; start: string; end: string }>;
    rows: TimelineRow[];
  };
  changes: StatusChanges;
  /** Counts of releases per status (open ones) and unrated. */
  releaseCounts: { red: number; amber: number; green: number; released: number; cancelled: number };
}

/** A scheduling or resource conflict: one list (docs/metrics.md#scheduling-conflicts). */
export interface ScheduleConflict {
  kind: 'team_overcommitted' | 'environment_double_booking' | 'release_in_freeze' | 'change_in_freeze';
  /** In words with its numbers, e.g. "Cards Team: 42 open items due by 2026-11-10, throughput finishes about 18". */
  summary: string;
  /** The days it spans (inclusive). */
  first: string;
  last: string;
  releases: ReleaseRef[];
  projects: ProjectLink[];
  teams: string[];
  environment: EnvironmentRef | null;
  /** The freeze window's name, for freeze conflicts. */
  freeze: string | null;
  /** Changes inside a freeze; `change` null when the changes page does not list it (beyond its limit). */
  changes: Array<{ number: string; change: ChangeRef | null }>;
}

export interface ConflictsList {
  /** Current and upcoming conflicts (last day on or after the as-of date), by first day then kind. */
  conflicts: ScheduleConflict[];
  /** Conflicts already over, counted by kind (every kind written). */
  past: Array<{ kind: ScheduleConflict['kind']; count: number }>;
  /** How over-commitment is measured, in words (throughput window and statistic). */
  basis: string;
}

/** Effort share of one scope (team, portfolio or program), per month. */
export interface EffortSeries {
  id: string;
  /** For portfolios and programs, its page. */
  group: GroupLink | null;
  /** Aligned with `StaffingAndSpend.months`. */
  done: number[];
  /** portfolio.effort_share; null when nothing was done that month. */
  share: Array<number | null>;
  /** Over all months. */
  totalDone: number;
  totalShare: number | null;
}

export interface SpendRow {
  /** YYYY-MM, or `all`. */
  period: string;
  planned: number | null;
  actual: number | null;
  /** portfolio.spend_variance = (actual − planned) ÷ planned; null unless both are known and planned > 0. */
  variance: number | null;
}

export interface SpendScope {
  kind: 'project' | 'portfolio' | 'program' | 'all';
  id: string;
  project: ProjectLink | null;
  group: GroupLink | null;
  budget: number | null;
  /** Months with a cost row, in order. */
  months: SpendRow[];
  /** Months up to the as-of month with an actual amount. */
  toDate: SpendRow;
  /** Every month, planned and actual as far as known. */
  total: { planned: number; actual: number };
}

export interface StaffingAndSpend {
  /** `story_points` or `work_items`, with the reason (docs/metrics.md#portfolio-effort-share). */
  basis: 'story_points' | 'work_items';
  basisText: string;
  /** From the first month a work item was done to the as-of month. */
  months: string[];
  /** Done per month in all (the share's denominator). */
  totalDone: number[];
  byTeam: EffortSeries[];
  byPortfolio: EffortSeries[];
  byProgram: EffortSeries[];
  /** Work items done per team and ISO week, over the last 26 weeks ending with the as-of week. */
  throughput: { weeks: WeekRef[]; teams: Array<{ team: string; items: number[]; median: number }> };
  /** Empty when there is no costs export. */
  spend: SpendScope[];
}

/** A project's page. */
export interface ProjectPage {
  project: ProjectLink;
  portfolio: GroupLink | null;
  program: GroupLink | null;
  owner: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  budget: number | null;
  status: Status;
  releases: ReleaseStatusRow[];
  /** Done per month (the staffing basis), aligned with `StaffingAndSpend.months`, and per team. */
  effort: { done: number[]; byTeam: Array<{ team: string; done: number[] }> };
  spend: SpendScope | null;
  /** The signals of its open releases and its own, most severe first. */
  risks: Array<StatusSignal & { release: ReleaseRef | null }>;
  conflicts: ScheduleConflict[];
  lessons: LessonRow[];
}

/** A portfolio's or a program's page. */
export interface GroupPage {
  group: GroupLink;
  status: Status;
  /** For a portfolio, its programs. */
  programs: GroupStatusRow[];
  projects: ProjectStatusRow[];
  /** Open releases of its projects, by planned date. */
  releases: ReleaseStatusRow[];
  effort: EffortSeries | null;
  spend: SpendScope | null;
  risks: Array<StatusSignal & { release: ReleaseRef | null; project: ProjectLink }>;
  conflicts: ScheduleConflict[];
  /** Its projects' lessons per category (most first), and their open actions. */
  lessons: { byCategory: Array<{ category: string; lessons: number }>; openActions: number };
}

export interface PortfolioModel {
  overview: PortfolioOverview;
  /** Every release (same order as the releases page's rows). */
  releases: ReleaseStatusRow[];
  projects: ProjectPage[];
  portfolios: GroupPage[];
  programs: GroupPage[];
  staffing: StaffingAndSpend;
  conflicts: ConflictsList;
  lessons: LessonsPage;
}
