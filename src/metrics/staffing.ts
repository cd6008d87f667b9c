// Staffing and spend (docs/metrics.md#staffing-and-spend): effort share by team, portfolio and program
// per month, throughput per team per week, and planned against actual spend from costs.csv. Pure: rows
// (grouped in SQL: work items can be millions) in, numbers out.
import type { MetricRow, ScopeKind } from './types.ts';
import { monthRange } from './periods.ts';
import { ratio, round } from './stats.ts';
import { plural } from './status.ts';

/** Done work items (epics excluded) resolved in a month, counted together. */
export interface DoneGroup {
  month: string;
  team: string | null;
  project_id: string | null;
  items: number;
  /** Of those, items with story points, and their sum. */
  pointed: number;
  points: number;
}

/** Story points are the basis when at least this share of the done items carry them. */
export const POINTS_BASIS_SHARE = 0.5;

export interface EffortBasis {
  basis: 'story_points' | 'work_items';
  text: string;
}

export function effortBasis(groups: readonly DoneGroup[]): EffortBasis {
  const items = groups.reduce((s, g) => s + g.items, 0);
  const pointed = groups.reduce((s, g) => s + g.pointed, 0);
  const share = ratio(pointed, items);
  const carry = `${pointed} of ${items} done work items (epics excluded) carry story points`;
  return share !== null && share >= POINTS_BASIS_SHARE
    ? { basis: 'story_points', text: `story points: ${carry}, at least ${POINTS_BASIS_SHARE * 100} % (items without points add nothing)` }
    : { basis: 'work_items', text: `work items: ${items ? carry : 'no done work items'}, fewer than ${POINTS_BASIS_SHARE * 100} % (so each item counts 1)` };
}

export interface ScopeEffort {
  id: string;
  done: number[];
  share: Array<number | null>;
  totalDone: number;
  totalShare: number | null;
}

export interface Effort {
  basis: EffortBasis;
  months: string[];
  total: number[];
  byKind: Map<'team' | 'portfolio' | 'program', ScopeEffort[]>;
  /** Per project (for project pages) and per project and team. */
  byProject: Map<string, number[]>;
  byProjectTeam: Map<string, Map<string, number[]>>;
}

/** Effort per month for every scope; `groupOf` gives a project's portfolio and program. */
export function effort(
  groups: readonly DoneGroup[],
  groupOf: (projectId: string) => { portfolio: string | null; program: string | null },
  asOf: string,
): Effort {
  const basis = effortBasis(groups);
  const weight = (g: DoneGroup) => (basis.basis === 'story_points' ? g.points : g.items);
  const first = groups.map((g) => g.month).sort()[0];
  const months = first ? monthRange(first, asOf.slice(0, 7)) : [];
  const index = new Map(months.map((m, i) => [m, i]));
  const total = months.map(() => 0);
  const series = new Map<string, Map<string, number[]>>([['team', new Map()], ['portfolio', new Map()], ['program', new Map()], ['project', new Map()]]);
  const byProjectTeam = new Map<string, Map<string, number[]>>();
  const add = (kind: string, id: string | null, i: number, w: number) => {
    if (id === null) return;
    const m = series.get(kind)!;
    (m.get(id) ?? m.set(id, months.map(() => 0)).get(id)!)[i]! += w;
  };
  for (const g of groups) {
    const i = index.get(g.month);
    if (i === undefined) continue;
    const w = weight(g);
    total[i]! += w;
    add('team', g.team, i, w);
    add('project', g.project_id, i, w);
    if (g.project_id !== null) {
      const { portfolio, program } = groupOf(g.project_id);
      add('portfolio', portfolio, i, w);
      add('program', program, i, w);
      if (g.team !== null) {
        const teams = byProjectTeam.get(g.project_id) ?? byProjectTeam.set(g.project_id, new Map()).get(g.project_id)!;
        (teams.get(g.team) ?? teams.set(g.team, months.map(() => 0)).get(g.team)!)[i]! += w;
      }
    }
  }
  const grand = total.reduce((s, x) => s + x, 0);
  const scopes = (kind: string): ScopeEffort[] =>
    [...series.get(kind)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, done]) => {
      const totalDone = done.reduce((s, x) => s + x, 0);
      return { id, done, share: done.map((d, i) => round(ratio(d, total[i]!))), totalDone, totalShare: round(ratio(totalDone, grand)) };
    });
  return {
    basis, months, total,
    byKind: new Map([['team', scopes('team')], ['portfolio', scopes('portfolio')], ['program', scopes('program')]]),
    byProject: series.get('project')!,
    byProjectTeam,
  };
}

const unitWord = (b: EffortBasis, n: number) => (b.basis === 'story_points' ? plural(n, 'story point') : plural(n, 'work item'));

/** portfolio.effort_share: team, portfolio and program × month (when anything was done) and `all`. */
export function effortMetrics(e: Effort): MetricRow[] {
  const out: MetricRow[] = [];
  const grand = e.total.reduce((s, x) => s + x, 0);
  for (const [kind, scopes] of e.byKind) {
    for (const s of scopes) {
      const row = (period: string, value: number | null, done: number, all: number): MetricRow => ({
        metric: 'portfolio.effort_share', scope_kind: kind, scope_id: s.id, period, value, unit: 'ratio',
        detail: `${unitWord(e.basis, round(done, 2)!)} of ${round(all, 2)} done (basis: ${e.basis.basis === 'story_points' ? 'story points' : 'work items'})`,
      });
      e.months.forEach((m, i) => {
        if (e.total[i]! > 0) out.push(row(m, s.share[i]!, s.done[i]!, e.total[i]!));
      });
      if (grand > 0) out.push(row('all', s.totalShare, s.totalDone, grand));
    }
  }
  return out;
}

/** portfolio.throughput: work items done per team and ISO week (every team and week of the series, 0 included). */
export function throughputMetrics(weeks: readonly string[], teams: ReadonlyArray<{ team: string; items: number[] }>): MetricRow[] {
  return teams.flatMap((t) =>
    weeks.map((w, i): MetricRow => ({
      metric: 'portfolio.throughput', scope_kind: 'team', scope_id: t.team, period: w, value: t.items[i]!, unit: 'count', detail: 'work items (epics excluded) done in the week',
    })),
  );
}

export interface CostFacts {
  project_id: string;
  /** `YYYY-MM-DD`, the month's first day. */
  month: string;
  planned: number | null;
  actual: number | null;
}

export interface SpendTotals {
  planned: number;
  actual: number;
  /** Distinct months with both amounts in some row (the variance's basis). */
  months: number;
  variance: number | null;
}

/** Planned and actual over cost rows that have both amounts, and (actual − planned) ÷ planned when planned > 0. */
export function spendOf(rows: readonly CostFacts[]): SpendTotals {
  const both = rows.filter((r) => r.planned !== null && r.actual !== null);
  const planned = both.reduce((s, r) => s + r.planned!, 0);
  const actual = both.reduce((s, r) => s + r.actual!, 0);
  return { planned: round(planned, 2)!, actual: round(actual, 2)!, months: new Set(both.map((r) => r.month)).size, variance: planned > 0 ? round((actual - planned) / planned) : null };
}

/** Cost rows up to the as-of month (spend to date). */
export const toDate = (rows: readonly CostFacts[], asOf: string): CostFacts[] => rows.filter((r) => r.month.slice(0, 7) <= asOf.slice(0, 7));

export interface SpendScopeRows {
  kind: ScopeKind;
  id: string;
  rows: CostFacts[];
}

/** portfolio.spend_variance per scope × month up to the as-of month, and `all` (to date), written where planned > 0. */
export function spendMetrics(scopes: readonly SpendScopeRows[], asOf: string): MetricRow[] {
  const out: MetricRow[] = [];
  const row = (s: SpendScopeRows, period: string, t: SpendTotals): MetricRow => ({
    metric: 'portfolio.spend_variance', scope_kind: s.kind, scope_id: s.id, period, value: t.variance, unit: 'ratio',
    detail: `actual ${t.actual} against planned ${t.planned}${period === 'all' ? ` over ${plural(t.months, 'month')} to date with both amounts` : ''}`,
  });
  for (const s of scopes) {
    const past = toDate(s.rows, asOf);
    const months = [...new Set(past.map((r) => r.month.slice(0, 7)))].sort();
    for (const m of months) {
      const t = spendOf(past.filter((r) => r.month.startsWith(m)));
      if (t.variance !== null) out.push(row(s, m, t));
    }
    const all = spendOf(past);
    if (all.variance !== null) out.push(row(s, 'all', all));
  }
  return out;
}
