// The lessons learned page: lessons per category and quarter with their trend, recurring challenges,
// open actions, and the reasons mined from unsuccessful changes and slipped releases.
import type { Row } from '../model/catalog.ts';
import type { DependencyGraph } from '../metrics/dependencies.ts';
import { EXACT_LIMIT, isOpenAction, lessonCounts, lessonMetrics, openActions, recurring, TREND_ALPHA, TREND_QUARTERS } from '../metrics/lessons.ts';
import { CLOSE_NOTE_TABLE, UNMATCHED, closeNoteReason, slipReasons, type Reason } from '../metrics/reasons.ts';
import { daysBetween, quarterOf } from '../metrics/periods.ts';
import { groupBy } from '../metrics/group.ts';
import type { ReleaseStatusFacts } from '../metrics/status.ts';
import type { MetricRow } from '../metrics/types.ts';
import { latest } from './changes-page.ts';
import type { ChangeRef } from './model-changes.ts';
import type { Conflict } from './model-environments.ts';
import type { LessonRow, LessonsPage, ProjectLink } from './model-portfolio.ts';
import type { ReleaseRef, ReleaseRow } from './model-releases.ts';

export interface LessonsInputs {
  asOf: string;
  lessons: readonly Row<'lesson'>[];
  changes: readonly Row<'change'>[];
  phases: readonly Row<'release_phase'>[];
  rows: readonly ReleaseRow[];
  facts: ReadonlyMap<string, ReleaseStatusFacts>;
  graph: DependencyGraph;
  environmentConflicts: readonly Conflict[];
  project: (id: string | null) => ProjectLink | null;
  change: (number: string) => ChangeRef | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * How late a release is, in days: shipped after plan; overdue; or open with its P85 forecast past plan or
 * its phases behind plan (the larger). Null when it is not late.
 */
export function lateBy(r: ReleaseRow, facts: ReleaseStatusFacts | undefined, asOf: string): number | null {
  if (r.state === 'released') return r.slipDays !== null && r.slipDays > 0 ? r.slipDays : null;
  if (r.state === 'cancelled') return null;
  if (r.state === 'overdue') return daysBetween(r.plannedRelease!, asOf);
  const p85 = facts?.forecast?.p85;
  const late = Math.max(p85 && r.plannedRelease ? daysBetween(r.plannedRelease, p85) : 0, facts?.phaseDelay?.days ?? 0);
  return late > 0 ? late : null;
}

export function lessonsPage(input: LessonsInputs): { page: LessonsPage; metrics: MetricRow[] } {
  const { asOf } = input;
  const row = new Map(input.rows.map((r) => [r.id, r]));
  const ref = (id: string | null): ReleaseRef | null => (id && row.has(id) ? { id, slug: row.get(id)!.slug, name: row.get(id)!.name } : null);
  const lessons = input.lessons.filter((l) => l.date <= asOf);
  const counts = lessonCounts(lessons, asOf);
  const lessonRow = (l: Row<'lesson'>): LessonRow => ({
    id: l.id, date: l.date, quarter: quarterOf(l.date), project: input.project(l.project_id), release: ref(l.release_id),
    category: l.category, title: l.title, impact: l.impact, action: l.action, status: l.status,
    openAction: isOpenAction(l), ageDays: isOpenAction(l) ? daysBetween(l.date, asOf) : null,
  });

  const unsuccessful = input.changes.filter((c) => c.close_code === 'unsuccessful');
  const changeReason = new Map(unsuccessful.map((c) => [c.number, closeNoteReason(c.close_notes)]));
  const minedChanges = latest([...unsuccessful].sort((a, b) => byText(a.closed_at ?? '', b.closed_at ?? '') || byText(a.number, b.number))).reverse().map((c) => ({
    number: c.number, change: input.change(c.number), release: ref(c.release_id),
    project: input.project(c.release_id ? row.get(c.release_id)?.projectId ?? null : null),
    closedAt: c.closed_at, notes: c.close_notes, reason: changeReason.get(c.number)!,
  }));

  const overran = new Map<string, Array<{ phase: string; plannedEnd: string; actualEnd: string; days: number }>>();
  for (const p of input.phases) {
    if (!p.planned_end || !p.actual_end || p.actual_end <= p.planned_end) continue;
    (overran.get(p.release_id) ?? overran.set(p.release_id, []).get(p.release_id)!)
      .push({ phase: p.phase, plannedEnd: p.planned_end, actualEnd: p.actual_end, days: daysBetween(p.planned_end, p.actual_end) });
  }
  const booked = new Map<string, Array<{ booking: string; environment: string; first: string; last: string }>>();
  for (const c of input.environmentConflicts) {
    for (const b of c.bookings) {
      if (b.release) (booked.get(b.release.id) ?? booked.set(b.release.id, []).get(b.release.id)!).push({ booking: b.id, environment: c.environment.name, first: c.first, last: c.last });
    }
  }
  const late = new Map(input.rows.map((r) => [r.id, lateBy(r, input.facts.get(r.id), asOf)]));
  const lessonsOf = groupBy(lessons, (l) => [l.release_id]);
  const changesOf = groupBy(unsuccessful, (c) => [c.release_id]);
  const minedReleases = input.rows.filter((r) => late.get(r.id) !== null).map((r) => {
    const reasons: Reason[] = slipReasons({
      phases: overran.get(r.id) ?? [],
      conflicts: booked.get(r.id) ?? [],
      upstream: (input.graph.upstream.get(r.id) ?? []).flatMap((e) => (late.get(e.from) ? [{ name: row.get(e.from)!.name, days: late.get(e.from)! }] : [])),
      lessons: (lessonsOf.get(r.id) ?? []).map((l) => ({ id: l.id, category: l.category, title: l.title })),
      changes: (changesOf.get(r.id) ?? []).map((c) => ({ number: c.number, reason: changeReason.get(c.number)! })),
    });
    return { release: ref(r.id)!, project: input.project(r.projectId), state: r.state, slipDays: late.get(r.id)!, reasons };
  });

  const categories = new Map<string, { changes: number; releases: Set<string> }>();
  const tally = (category: string) => categories.get(category) ?? categories.set(category, { changes: 0, releases: new Set() }).get(category)!;
  for (const r of changeReason.values()) tally(r.category).changes++;
  for (const m of minedReleases) for (const r of m.reasons) tally(r.category).releases.add(m.release.id);

  const page: LessonsPage = {
    quarters: counts.quarters,
    totals: counts.totals,
    categories: counts.trends
      .map((t) => {
        const values = counts.byCategory.get(t.category)!;
        return { category: t.category, counts: values, total: values.reduce((s, x) => s + x, 0), test: t.test, trend: t.trend };
      })
      .sort((a, b) => b.total - a.total || byText(a.category, b.category)),
    test: {
      window: counts.window, alpha: TREND_ALPHA,
      text: `For each category, its lessons in ${counts.window.length ? `${counts.window[0]} … ${counts.window[counts.window.length - 1]}` : 'no quarter'} `
        + `(the last ${TREND_QUARTERS} quarters ended by ${asOf}, from the first lesson's): with equal rates each lesson falls in any of these quarters alike, `
        + `so T = Σ quarter index × lessons is a sum of uniforms; an exact two-sided test of T (normal approximation above ${EXACT_LIMIT} lessons). `
        + `Rising or falling when p < ${TREND_ALPHA}.`,
    },
    recurring: recurring(lessons).map((r) => ({ ...r, projects: r.projects.map((p) => input.project(p)!) })),
    openActions: openActions(lessons, asOf).map((a) => lessonRow(a.lesson)),
    lessons: [...lessons].sort((a, b) => byText(b.date, a.date) || byText(a.id, b.id)).map(lessonRow),
    mined: {
      table: [...CLOSE_NOTE_TABLE.map((r) => ({ category: r.category, keywords: r.keywords })), { category: UNMATCHED, keywords: '(no row matches)' }],
      changes: minedChanges,
      releases: minedReleases,
      byCategory: [...categories]
        .map(([category, c]) => ({ category, changes: c.changes, releases: c.releases.size }))
        .sort((a, b) => b.changes + b.releases - (a.changes + a.releases) || byText(a.category, b.category)),
    },
  };
  return { page, metrics: lessonMetrics(counts, lessons, asOf) };
}
