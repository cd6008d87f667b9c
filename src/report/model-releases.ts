// The report model of the release management pages: the releases page, one page per release, and
// the dependencies page. Dates are `YYYY-MM-DD`, instants `YYYY-MM-DDTHH:MM:SSZ`.
import type { MonthReleases } from './model.ts';

/** How a page links to a release: its page is `releases/<slug>/`. */
export interface ReleaseRef {
  id: string;
  /** URL-safe, unique and stable for the id (see slug.ts). */
  slug: string;
  name: string;
}

/** Where a release stands on the as-of date. */
export type ReleaseState = 'released' | 'cancelled' | 'overdue' | 'in_progress' | 'planned';

export interface ReleaseRow extends ReleaseRef {
  projectId: string | null;
  projectName: string | null;
  systemIds: string[];
  type: string | null;
  /** The status the source gave. */
  status: string | null;
  state: ReleaseState;
  /** The state in words, with its reason: "released 2025-02-17, 34 days after plan (2025-01-14)". */
  stateReason: string;
  plannedStart: string | null;
  plannedRelease: string | null;
  actualRelease: string | null;
  /** Days late (negative when early), for shipped releases with a plan. */
  slipDays: number | null;
  /** Work items planned for or delivered in the release (epics excluded), and how many are done. */
  workItems: number;
  doneWorkItems: number;
  upstream: number;
  /** Releases that depend on it directly or transitively. */
  downstream: number;
  /** dependencies.slack_days: null without upstream releases with a plan. */
  slackDays: number | null;
}

export interface ReleaseLink {
  release: ReleaseRef;
  /** For an upstream U of R: start(R) − planned_release(U) in days; null when a date is missing. */
  gapDays: number | null;
}

export interface ReleaseDetail {
  id: string;
  phases: Array<{ phase: string; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }>;
  /** Per ISO week (its Monday), from the first item's creation to the as-of date or release: items in scope and done. */
  burnup: Array<{ week: string; scope: number; done: number }>;
  changes: Array<{
    number: string; shortDescription: string | null; type: string | null; state: string | null; closeCode: string | null;
    systemId: string | null; plannedStart: string | null; plannedEnd: string | null;
  }>;
  deployments: Array<{ id: string; systemId: string | null; environmentId: string | null; startedAt: string; status: string; production: boolean | null }>;
  /** `firstDay`/`lastDay`: the calendar days the booking covers, in the report's time zone (inclusive). */
  bookings: Array<{ id: string; environmentId: string; purpose: string | null; status: string | null; firstDay: string; lastDay: string }>;
  testCycles: Array<{
    name: string; plannedStart: string | null; plannedEnd: string | null;
    plannedCases: number | null; executed: number | null; passed: number | null; failed: number | null; blocked: number | null;
  }>;
  upstream: ReleaseLink[];
  downstream: ReleaseLink[];
}

export interface ScopeStats {
  id: string;
  name: string;
  released: number;
  onTimeRate: number | null;
  slipMedian: number | null;
  slipP85: number | null;
}

export interface ReleasesPage {
  rows: ReleaseRow[];
  /** Release pages, one per release (same order as rows). */
  details: ReleaseDetail[];
  calendar: {
    /** The span the calendar shows. */
    from: string;
    to: string;
    /** `end` is exclusive (the day after the last frozen day). */
    freezes: Array<{ name: string; start: string; end: string; scope: string[] | null }>;
  };
  predictability: {
    byMonth: MonthReleases[];
    byProject: ScopeStats[];
    bySystem: ScopeStats[];
    /** Releases shipped per week, per month (releases.frequency). */
    frequency: Array<{ month: string; perWeek: number }>;
    /** Median and P85 work items per release shipped that month (releases.size_median). */
    size: Array<{ month: string; median: number | null; p85: number | null; releases: number }>;
  };
}

export interface DependenciesPage {
  /** Releases that have an upstream or a downstream release. */
  nodes: Array<ReleaseRef & { projectId: string | null; type: string | null; plannedRelease: string | null; state: ReleaseState; downstream: number; slackDays: number | null }>;
  /** Finish-to-start: `from` must be released before `to` starts. */
  edges: Array<{ from: string; to: string; gapDays: number | null }>;
  /** Dependency cycles (data errors), each as the release ids on it. */
  cycles: ReleaseRef[][];
  /** For each major release with upstreams: the chain of tightest upstream dependencies, first to last. */
  criticalPaths: Array<{ release: ReleaseRef; path: Array<ReleaseLink> }>;
  /**
   * For each release with downstream releases: each downstream release and its path slack `k` (the
   * least total gap on any path to it, negative gaps counting as 0). A slip of d days moves it by
   * max(0, d − k): the browser's what-if control needs nothing else.
   */
  impact: Array<{ release: ReleaseRef; slackDays: number | null; downstream: Array<{ release: ReleaseRef; pathSlack: number }> }>;
}
