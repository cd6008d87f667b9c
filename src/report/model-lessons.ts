// The report model of the lessons learned page (docs/metrics.md#lessons): lessons per category and
// quarter with their trend, recurring challenges, open actions, and the reasons mined from unsuccessful
// changes and slipped releases. Dates are `YYYY-MM-DD`, quarters `YYYY-Qn`. Titles, notes and actions
// are untrusted text: render them as text.
import type { ReleaseRef, ReleaseState } from './model-releases.ts';
import type { ChangeRef } from './model-changes.ts';
import type { ProjectLink } from './model-portfolio.ts';

export interface LessonRow {
  id: string;
  date: string;
  quarter: string;
  project: ProjectLink | null;
  release: ReleaseRef | null;
  category: string;
  /** Untrusted text. */
  title: string | null;
  impact: string | null;
  action: string | null;
  status: string | null;
  /** An agreed action whose status is not closed (docs/metrics.md#lessons-open-actions). */
  openAction: boolean;
  /** As-of date − date, for open actions. */
  ageDays: number | null;
}

export type Trend = 'rising' | 'falling' | 'steady';

export interface CategoryTrend {
  category: string;
  /** lessons.count per quarter, aligned with `LessonsPage.quarters`. */
  counts: number[];
  total: number;
  /** The trend test on the window's quarters (docs/metrics.md#lessons-trend); null when it has no lessons there. */
  test: { statistic: number; expected: number; pValue: number; exact: boolean } | null;
  trend: Trend;
}

export interface RecurringChallenge {
  /** A category, or a normalised title (lower case, punctuation and extra spaces removed). */
  kind: 'category' | 'title';
  text: string;
  projects: ProjectLink[];
  lessons: number;
}

/** A reason mined from an unsuccessful change or a slipped release, with its category. */
export interface MinedReason {
  category: string;
  /** What the reason rests on, in words ("close notes match 'rolled back'", "phase uat ended 5 days late"). */
  text: string;
}

export interface LessonsPage {
  /** From the quarter of the first lesson to the as-of quarter. */
  quarters: string[];
  totals: number[];
  /** By total, most first, then name. */
  categories: CategoryTrend[];
  /** The trend test, stated: windows compared, test and level. */
  test: { window: string[]; alpha: number; text: string };
  recurring: RecurringChallenge[];
  /** Open actions, oldest first. */
  openActions: LessonRow[];
  /** Every lesson, newest first. */
  lessons: LessonRow[];
  mined: {
    /** The keyword table, in the order it is tried (first match wins). */
    table: Array<{ category: string; keywords: string }>;
    /** Unsuccessful changes, newest closed first. */
    changes: Array<{
      number: string; change: ChangeRef | null; release: ReleaseRef | null; project: ProjectLink | null;
      closedAt: string | null; notes: string | null; reason: MinedReason;
    }>;
    /** Releases that shipped late, or are open and overdue or forecast late, with their reasons. */
    releases: Array<{ release: ReleaseRef; project: ProjectLink | null; state: ReleaseState; slipDays: number | null; reasons: MinedReason[] }>;
    /** Reasons per category over both lists, most first. */
    byCategory: Array<{ category: string; changes: number; releases: number }>;
  };
}
