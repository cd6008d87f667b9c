// Staffing and spend for the overview, the project pages and the portfolio/program pages: effort share
// by team, portfolio and program per month, throughput per team per week, planned against actual spend.
import type { Row } from '../model/catalog.ts';
import { effort, effortMetrics, spendMetrics, spendOf, throughputMetrics, toDate, type CostFacts, type DoneGroup, type Effort, type ScopeEffort } from '../metrics/staffing.ts';
import { quantileOf, round } from '../metrics/stats.ts';
import { addDays } from '../metrics/periods.ts';
import { weeksFrom } from '../metrics/calendar.ts';
import type { MetricRow } from '../metrics/types.ts';
import type { EffortSeries, GroupLink, ProjectLink, SpendRow, SpendScope, StaffingAndSpend } from './model-portfolio.ts';

/** Weeks of throughput shown per team, ending with the as-of week. */
export const THROUGHPUT_WEEKS = 26;

export interface StaffingInputs {
  asOf: string;
  projects: readonly Row<'project'>[];
  done: readonly DoneGroup[];
  /** Team → day → items done (the forecasts' history). */
  throughput: ReadonlyMap<string, ReadonlyMap<string, number>>;
  costs: readonly Row<'cost'>[];
  project: (id: string) => ProjectLink;
  group: (kind: GroupLink['kind'], id: string) => GroupLink;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function spendScope(kind: SpendScope['kind'], id: string, rows: readonly CostFacts[], asOf: string, extra: Pick<SpendScope, 'project' | 'group' | 'budget'>): SpendScope {
  const months = [...new Set(rows.map((r) => r.month.slice(0, 7)))].sort(byText);
  const spendRow = (period: string, of: readonly CostFacts[]): SpendRow => {
    const s = spendOf(of);
    const sum = (k: 'planned' | 'actual') => (of.some((r) => r[k] !== null) ? round(of.reduce((t, r) => t + (r[k] ?? 0), 0), 2) : null);
    return { period, planned: sum('planned'), actual: sum('actual'), variance: s.variance };
  };
  const past = toDate(rows, asOf);
  const both = spendOf(past);
  return {
    kind, id, ...extra,
    months: months.map((m) => spendRow(m, rows.filter((r) => r.month.startsWith(m)))),
    toDate: { period: 'all', planned: both.months ? both.planned : null, actual: both.months ? both.actual : null, variance: both.variance },
    total: { planned: round(rows.reduce((t, r) => t + (r.planned ?? 0), 0), 2)!, actual: round(rows.reduce((t, r) => t + (r.actual ?? 0), 0), 2)! },
  };
}

export interface Staffing {
  model: StaffingAndSpend;
  effort: Effort;
  /** Spend per project id, portfolio and program name. */
  spend: { project: Map<string, SpendScope>; portfolio: Map<string, SpendScope>; program: Map<string, SpendScope> };
  costsByProject: Map<string, CostFacts[]>;
  metrics: MetricRow[];
}

export function staffing(input: StaffingInputs): Staffing {
  const { asOf } = input;
  const projectById = new Map(input.projects.map((p) => [p.id, p]));
  const groupOf = (id: string) => ({ portfolio: projectById.get(id)?.portfolio ?? null, program: projectById.get(id)?.program ?? null });
  const e = effort(input.done, groupOf, asOf);
  const series = (kind: 'team' | 'portfolio' | 'program') => e.byKind.get(kind)!.map((s: ScopeEffort): EffortSeries => ({
    ...s, group: kind === 'team' ? null : input.group(kind, s.id),
  }));

  const weeks = weeksFrom(addDays(asOf, -7 * (THROUGHPUT_WEEKS - 1)), THROUGHPUT_WEEKS);
  const teams = [...input.throughput.keys()].sort(byText).map((team) => {
    const days = input.throughput.get(team)!;
    const items = weeks.map((w) => {
      let n = 0;
      for (let i = 0; i < 7; i++) {
        const d = addDays(w.monday, i);
        if (d <= asOf) n += days.get(d) ?? 0;
      }
      return n;
    });
    return { team, items, median: round(quantileOf(items, 0.5), 2)! };
  }).filter((t) => t.items.some((n) => n > 0));

  const costsByProject = new Map<string, CostFacts[]>();
  for (const c of input.costs) (costsByProject.get(c.project_id) ?? costsByProject.set(c.project_id, []).get(c.project_id)!).push(c);
  const budgets = (ids: readonly string[]) => {
    const known = ids.map((id) => projectById.get(id)?.budget ?? null).filter((b): b is number => b !== null);
    return known.length ? round(known.reduce((s, b) => s + b, 0), 2) : null;
  };
  const project = new Map([...costsByProject].sort(([a], [b]) => byText(a, b)).map(([id, rows]) =>
    [id, spendScope('project', id, rows, asOf, { project: input.project(id), group: null, budget: budgets([id]) })]));
  const rollUp = (kind: 'portfolio' | 'program') => {
    const by = new Map<string, string[]>();
    for (const id of costsByProject.keys()) {
      const g = groupOf(id)[kind];
      if (g !== null) (by.get(g) ?? by.set(g, []).get(g)!).push(id);
    }
    return new Map([...by].sort(([a], [b]) => byText(a, b)).map(([g, ids]) =>
      [g, spendScope(kind, g, ids.flatMap((id) => costsByProject.get(id)!), asOf, { project: null, group: input.group(kind, g), budget: budgets(ids) })]));
  };
  const portfolio = rollUp('portfolio');
  const program = rollUp('program');
  const all = input.costs.length ? [spendScope('all', '*', [...input.costs], asOf, { project: null, group: null, budget: budgets([...costsByProject.keys()]) })] : [];

  const spendRows = [
    ...[...costsByProject].map(([id, rows]) => ({ kind: 'project' as const, id, rows })),
    ...[...portfolio.keys()].map((g) => ({ kind: 'portfolio' as const, id: g, rows: [...costsByProject].filter(([id]) => groupOf(id).portfolio === g).flatMap(([, r]) => r) })),
    ...[...program.keys()].map((g) => ({ kind: 'program' as const, id: g, rows: [...costsByProject].filter(([id]) => groupOf(id).program === g).flatMap(([, r]) => r) })),
    ...(input.costs.length ? [{ kind: 'all' as const, id: '*', rows: [...input.costs] }] : []),
  ];
  return {
    model: {
      basis: e.basis.basis, basisText: e.basis.text, months: e.months, totalDone: e.total,
      byTeam: series('team'), byPortfolio: series('portfolio'), byProgram: series('program'),
      throughput: { weeks, teams },
      spend: [...all, ...portfolio.values(), ...program.values(), ...project.values()],
    },
    effort: e,
    spend: { project, portfolio, program },
    costsByProject,
    metrics: [...effortMetrics(e), ...throughputMetrics(weeks.map((w) => w.week), teams), ...spendMetrics(spendRows, asOf)],
  };
}
