// The report model of the changes page (docs/metrics.md#changes). Everything is precomputed: pages only
// render. Instants are `YYYY-MM-DDTHH:MM:SSZ` (UTC), days `YYYY-MM-DD` and months `YYYY-MM` in the
// report's time zone. Planned change windows are half-open [start, end); a freeze's `end` is exclusive.
import type { ReleaseRef } from './model-releases.ts';

/** A system named by a change, an incident or a deployment (there is no system page). */
export interface SystemRef {
  id: string;
  /** Its name in systems.csv, else the id. */
  name: string;
}

/** Where a row came from: the export file (relative to the ingest root) and its CSV line or JSON pointer. */
export interface SourceRef {
  file: string | null;
  line: number | null;
  pointer: string | null;
}

/** How a page links to a change: its row on the changes page carries the anchor `id="<slug>"`. */
export interface ChangeRef {
  number: string;
  /** URL-safe, unique and stable for the number (see slug.ts). */
  slug: string;
}

/**
 * How a page links to an incident: its row in the changes page's list of incidents caused by changes,
 * and in the delivery page's attribution list, carries the anchor `id="<slug>"`.
 */
export interface IncidentRef {
  number: string;
  slug: string;
}

export interface ChangeRow extends ChangeRef {
  /** Short description (untrusted text: render as text). */
  description: string | null;
  /** standard, normal or emergency. */
  type: string | null;
  /** Current state: new, assess, authorize, scheduled, implement, review, closed, canceled. */
  state: string | null;
  risk: string | null;
  system: SystemRef | null;
  /** The assignment group: the change's team. */
  team: string | null;
  /** The release's page, when an export holds the release; `releaseId` keeps the id the change names. */
  release: ReleaseRef | null;
  releaseId: string | null;
  plannedStart: string | null;
  /** Exclusive. */
  plannedEnd: string | null;
  openedAt: string;
  approvedAt: string | null;
  closedAt: string | null;
  /** successful, successful_with_issues, unsuccessful, cancelled. */
  closeCode: string | null;
  unauthorized: boolean;
  /** close_code cancelled or state canceled: left out of success rate, lead time, freezes and collisions. */
  cancelled: boolean;
  /** closed_at − opened_at in days (fractional, 2 decimals); null when open or cancelled. */
  leadTimeDays: number | null;
  /** approved_at − opened_at in days (fractional, 2 decimals); null when not approved. */
  approvalDays: number | null;
  /** Freeze windows covering its system that its planned window intersects (whatever its type or state). */
  freezes: string[];
  /** Counted by changes.in_freeze: not cancelled, not an emergency, and `freezes` is not empty. */
  inFreeze: boolean;
  /** Non-cancelled changes of the same system whose planned windows overlap its own. */
  collidesWith: ChangeRef[];
  /** Incidents whose caused_by_change names it. */
  incidents: IncidentRef[];
  source: SourceRef;
}

export interface ChangeMonth {
  /** `YYYY-MM` */
  month: string;
  /** changes.count: changes opened in the month. */
  opened: number;
  emergency: number;
  unauthorized: number;
  /** changes.emergency_share, changes.unauthorized_share; null when none was opened. */
  emergencyShare: number | null;
  unauthorizedShare: number | null;
  /** Changes closed in the month with a close code other than cancelled (the success rate's basis). */
  closed: number;
  /** Of those, successful or successful with issues. */
  successful: number;
  /** changes.success_rate; null when `closed` is 0. */
  successRate: number | null;
  /** changes.in_freeze: by the month of the planned start. */
  inFreeze: number;
  /** changes.lead_time_days_median over `leadTimeChanges` changes closed in the month (cancelled ones excluded). */
  leadTimeMedian: number | null;
  leadTimeChanges: number;
  /** changes.approval_days_median over `approvals` changes approved in the month. */
  approvalMedian: number | null;
  approvals: number;
}

export interface SuccessStats {
  /** Closed with a close code other than cancelled. */
  closed: number;
  successful: number;
  successfulWithIssues: number;
  unsuccessful: number;
  /** (successful + successful with issues) ÷ closed; null when none closed. */
  successRate: number | null;
}

/** Two non-cancelled changes of one system whose planned windows overlap. */
export interface Collision {
  system: SystemRef;
  /** By planned start, then number. */
  changes: [ChangeRef, ChangeRef];
  /** The overlap, [start, end). */
  overlapStart: string;
  overlapEnd: string;
}

export interface FreezeRow {
  name: string;
  start: string;
  /** Exclusive. */
  end: string;
  /** First and last calendar day it covers. */
  firstDay: string;
  lastDay: string;
  /** System ids; null when it covers every system. */
  scope: string[] | null;
  /** The changes counted in changes.in_freeze because of it. */
  changes: ChangeRef[];
}

/** An incident whose caused_by_change names a change. */
export interface CausedIncident extends IncidentRef {
  /** Untrusted text. */
  description: string | null;
  priority: number | null;
  system: SystemRef | null;
  openedAt: string;
  resolvedAt: string | null;
  /** The change it names; `known` is false when no export holds that change. */
  change: ChangeRef;
  known: boolean;
  source: SourceRef;
}

export interface ChangesPage {
  /** Period `all`: the headline numbers. */
  totals: {
    changes: number;
    emergency: number;
    unauthorized: number;
    emergencyShare: number | null;
    unauthorizedShare: number | null;
    success: SuccessStats;
    inFreeze: number;
    collisions: number;
    /** Incidents whose caused_by_change names a change. */
    causedIncidents: number;
    leadTimeMedian: number | null;
    approvalMedian: number | null;
  };
  /** Changes by current state, in lifecycle order (every state, 0 included; `unknown` last when some have none). */
  funnel: Array<{ state: string; changes: number }>;
  /** From the first month a change was opened or planned to start, to the as-of month or the last planned start if later. */
  months: ChangeMonth[];
  successBy: {
    /** Changes closed, by close code (cancelled included), in the enumeration's order. */
    closeCode: Array<{ closeCode: string; changes: number }>;
    /** By assignment group, then by system, sorted by name. */
    team: Array<SuccessStats & { team: string }>;
    system: Array<SuccessStats & { system: SystemRef }>;
  };
  /** Every change, by opened_at then number — the latest 5,000 when there are more (see `listed`). */
  rows: ChangeRow[];
  /**
   * How many rows the lists hold and how many there are: an enterprise opens hundreds of thousands of
   * changes, so `rows`, `collisions` and `causedIncidents` keep the latest 5,000 (by opened_at, overlap
   * start, opened_at); the numbers and metrics count everything. A ChangeRef elsewhere may name a change
   * that `rows` does not list (no anchor to link to).
   */
  listed: { rows: number; total: number; collisions: number; totalCollisions: number; causedIncidents: number };
  /** By system, then planned start (the latest 5,000 by overlap start). */
  collisions: Collision[];
  calendar: {
    /** First and last day of the changes' planned windows (the as-of date when there are none). */
    from: string;
    to: string;
    /** Every freeze window, by start. */
    freezes: FreezeRow[];
  };
  /** By opened_at, then number (the latest 5,000; `totals.causedIncidents` counts them all). */
  causedIncidents: CausedIncident[];
}
