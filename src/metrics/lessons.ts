// Lessons learned (docs/metrics.md#lessons): lessons per category and quarter, categories rising or
// falling by an exact test, challenges recurring across projects, and open actions with their age.
// Pure: lesson rows in, numbers out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow } from './types.ts';
import { daysBetween, quarterOf } from './periods.ts';
import { listText } from './detail.ts';
import { round } from './stats.ts';
import { plural } from './status.ts';

export type LessonFacts = Pick<Row<'lesson'>, 'id' | 'date' | 'project_id' | 'release_id' | 'category' | 'title' | 'action' | 'status'>;

/** Statuses (any case) that close an action; any other status, or none, leaves it open. */
export const CLOSED_ACTION = new Set(['done', 'closed', 'resolved', 'complete', 'completed', 'implemented', 'cancelled', 'canceled']);
/** Significance level of the trend test. */
export const TREND_ALPHA = 0.05;
/** A challenge recurs when lessons of at least this many distinct projects share it. */
export const RECURRING_PROJECTS = 3;

/** An agreed action: the lesson names an action or an action status. */
export const hasAction = (l: LessonFacts): boolean => Boolean(l.action?.trim() || l.status?.trim());
export const isOpenAction = (l: LessonFacts): boolean => hasAction(l) && !CLOSED_ACTION.has((l.status ?? '').trim().toLowerCase());

function nextQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(6));
  return n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
}

/** Every quarter from `first` to `last` inclusive. */
export function quarterRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let q = first; q <= last; q = nextQuarter(q)) out.push(q);
  return out;
}

/** A quarter's last day. */
function quarterEnd(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(6));
  return new Date(Date.UTC(y, n * 3, 0)).toISOString().slice(0, 10);
}

/** Quarters the trend test reads: the last ones that have ended, at most this many. */
export const TREND_QUARTERS = 8;
/** Above this many lessons the test's distribution is taken as normal (the exact one costs N² steps). */
export const EXACT_LIMIT = 1000;

/** Standard normal upper tail, 1 − Φ(z), for z ≥ 0 (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
function upperTail(z: number): number {
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return (poly * Math.exp(-(z * z) / 2)) / 2;
}

export interface TrendTest {
  /** T = Σ i·nᵢ over the window's quarters i = 0 (oldest) … k − 1. */
  statistic: number;
  /** Its mean under the null, N·(k − 1)/2. */
  expected: number;
  pValue: number;
  /** False when p comes from the normal approximation (more than EXACT_LIMIT lessons). */
  exact: boolean;
}

/**
 * Exact conditional test for a trend in counts over k equal periods: with equal rates, given the total
 * N, each lesson falls in any of the k quarters with probability 1/k, so T = Σ i·nᵢ is the sum of N
 * independent uniforms on 0 … k − 1. Two-sided p = min(1, 2·min(P(T ≤ t), P(T ≥ t))), from T's exact
 * distribution (built one lesson at a time); above EXACT_LIMIT lessons, from the normal distribution
 * with the same mean and variance N·(k² − 1)/12, with a continuity correction. Null for N = 0 or k < 2.
 */
export function trendTest(counts: readonly number[]): TrendTest | null {
  const k = counts.length;
  const n = counts.reduce((s, x) => s + x, 0);
  if (n === 0 || k < 2) return null;
  const t = counts.reduce((s, x, i) => s + i * x, 0);
  const expected = (n * (k - 1)) / 2;
  if (n > EXACT_LIMIT) {
    const z = Math.max(0, Math.abs(t - expected) - 0.5) / Math.sqrt((n * (k * k - 1)) / 12);
    return { statistic: t, expected, pValue: Math.min(1, 2 * upperTail(z)), exact: false };
  }
  let d = new Float64Array([1]);
  for (let step = 0; step < n; step++) {
    // The next distribution: each sum s is reached from s − j, j = 0 … k − 1 (a running window sum).
    const next = new Float64Array(d.length + k - 1);
    let window = 0;
    for (let s = 0; s < next.length; s++) {
      if (s < d.length) window += d[s]!;
      if (s - k >= 0) window -= d[s - k]!;
      next[s] = window / k;
    }
    d = next;
  }
  let lo = 0;
  let hi = 0;
  d.forEach((p, s) => {
    if (s <= t) lo += p;
    if (s >= t) hi += p;
  });
  return { statistic: t, expected, pValue: Math.min(1, 2 * Math.min(lo, hi)), exact: true };
}

export interface Trend {
  category: string;
  /** Lessons in each quarter of the window. */
  counts: number[];
  /** The test, rounded (the trend is decided on the exact p); null when there is none. */
  test: TrendTest | null;
  trend: 'rising' | 'falling' | 'steady';
}

export interface LessonCounts {
  quarters: string[];
  /** Per category (sorted by name), aligned with quarters. */
  byCategory: Map<string, number[]>;
  totals: number[];
  /** The quarters the trend test reads: the last TREND_QUARTERS that ended on or before the as-of date, from the first lesson's. */
  window: string[];
  trends: Trend[];
}

export function lessonCounts(lessons: readonly LessonFacts[], asOf: string): LessonCounts {
  const dated = lessons.filter((l) => l.date <= asOf);
  const first = dated.map((l) => quarterOf(l.date)).sort()[0] ?? quarterOf(asOf);
  const quarters = quarterRange(first, quarterOf(asOf));
  const index = new Map(quarters.map((q, i) => [q, i]));
  const byCategory = new Map<string, number[]>();
  const totals = quarters.map(() => 0);
  for (const l of [...dated].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0))) {
    const i = index.get(quarterOf(l.date))!;
    (byCategory.get(l.category) ?? byCategory.set(l.category, quarters.map(() => 0)).get(l.category)!)[i]! += 1;
    totals[i]! += 1;
  }
  const window = quarters.filter((q) => quarterEnd(q) <= asOf).slice(-TREND_QUARTERS);
  const trends = [...byCategory].map(([category, all]): Trend => {
    const counts = window.map((q) => all[index.get(q)!]!);
    const test = trendTest(counts);
    const trend = test && test.pValue < TREND_ALPHA ? (test.statistic > test.expected ? 'rising' : 'falling') : 'steady';
    return { category, counts, test: test && { ...test, pValue: round(test.pValue)! }, trend };
  });
  return { quarters, byCategory, totals, window, trends };
}

export function trendText(t: Trend, window: readonly string[]): string {
  if (!t.test) return `not tested: ${window.length < 2 ? 'fewer than 2 quarters have ended' : `no lessons in ${window[0]} … ${window[window.length - 1]}`}`;
  const how = t.test.exact ? 'exact' : 'normal approximation,';
  return `${t.counts.join(', ')} in ${window[0]} … ${window[window.length - 1]}; trend statistic ${t.test.statistic} against ${t.test.expected} expected; ${how} two-sided p = ${t.test.pValue.toFixed(4)}`;
}

/** Lower case, accents, punctuation and repeated spaces removed: titles that differ only so are the same challenge. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export interface Recurring {
  kind: 'category' | 'title';
  text: string;
  projects: string[];
  lessons: number;
}

/** Categories and normalised titles that lessons of at least RECURRING_PROJECTS distinct projects share. */
export function recurring(lessons: readonly LessonFacts[]): Recurring[] {
  const collect = (kind: Recurring['kind'], key: (l: LessonFacts) => string | null): Recurring[] => {
    const by = new Map<string, { projects: Set<string>; lessons: number }>();
    for (const l of lessons) {
      const k = key(l);
      if (!k) continue;
      const e = by.get(k) ?? by.set(k, { projects: new Set(), lessons: 0 }).get(k)!;
      e.lessons++;
      if (l.project_id) e.projects.add(l.project_id);
    }
    return [...by]
      .filter(([, e]) => e.projects.size >= RECURRING_PROJECTS)
      .map(([text, e]) => ({ kind, text, projects: [...e.projects].sort(), lessons: e.lessons }));
  };
  const order = (a: Recurring, b: Recurring) => b.projects.length - a.projects.length || b.lessons - a.lessons || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  return [...collect('category', (l) => l.category).sort(order), ...collect('title', (l) => (l.title ? normaliseTitle(l.title) || null : null)).sort(order)];
}

export interface OpenAction<L extends LessonFacts = LessonFacts> {
  lesson: L;
  ageDays: number;
}

/** Open actions recorded on or before the as-of date, oldest first (then by id). */
export function openActions<L extends LessonFacts>(lessons: readonly L[], asOf: string): Array<OpenAction<L>> {
  return lessons
    .filter((l) => l.date <= asOf && isOpenAction(l))
    .map((lesson) => ({ lesson, ageDays: daysBetween(lesson.date, asOf) }))
    .sort((a, b) => b.ageDays - a.ageDays || (a.lesson.id < b.lesson.id ? -1 : 1));
}

/** How many open actions the `detail` names. */
const OLDEST_NAMED = 5;

/** lessons.count (all and category × quarter and `all`), lessons.trend (category) and lessons.open_actions (all and project). */
export function lessonMetrics(counts: LessonCounts, lessons: readonly LessonFacts[], asOf: string): MetricRow[] {
  const out: MetricRow[] = [];
  const count = (kind: 'all' | 'category', id: string, period: string, value: number): MetricRow => ({
    metric: 'lessons.count', scope_kind: kind, scope_id: id, period, value, unit: 'count', detail: 'lessons recorded in the period',
  });
  if (!lessons.length) return out;
  counts.quarters.forEach((q, i) => out.push(count('all', '*', q, counts.totals[i]!)));
  out.push(count('all', '*', 'all', counts.totals.reduce((s, x) => s + x, 0)));
  for (const [category, values] of counts.byCategory) {
    counts.quarters.forEach((q, i) => out.push(count('category', category, q, values[i]!)));
    out.push(count('category', category, 'all', values.reduce((s, x) => s + x, 0)));
  }
  for (const t of counts.trends) {
    out.push({ metric: 'lessons.trend', scope_kind: 'category', scope_id: t.category, period: 'all', value: t.trend, unit: 'status', detail: trendText(t, counts.window) });
  }
  const open = openActions(lessons, asOf);
  const actions = (kind: 'all' | 'project', id: string, list: OpenAction[]): MetricRow => ({
    metric: 'lessons.open_actions', scope_kind: kind, scope_id: id, period: 'all', value: list.length, unit: 'count',
    detail: list.length ? `oldest: ${listText(list.slice(0, OLDEST_NAMED).map((a) => `${a.lesson.id} (${plural(a.ageDays, 'day')})`), ', ', OLDEST_NAMED)}` : 'no open action',
  });
  out.push(actions('all', '*', open));
  for (const p of [...new Set(lessons.flatMap((l) => (l.project_id ? [l.project_id] : [])))].sort()) {
    out.push(actions('project', p, open.filter((a) => a.lesson.project_id === p)));
  }
  return out;
}
