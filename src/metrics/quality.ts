// Test demand against QA capacity per week, and test progress per release (docs/metrics.md#quality).
// Pure: test cycle and capacity rows in, numbers out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow } from './types.ts';
import { daysBetween } from './periods.ts';
import { ratio, round } from './stats.ts';
import { groupBy } from './group.ts';
import { spreadByWeek, weekRange, type Week } from './calendar.ts';
import type { CapacityFacts } from './environment-demand.ts';

export type TestCycleFacts = Pick<
  Row<'test_cycle'>,
  'release_id' | 'name' | 'planned_start' | 'planned_end' | 'planned_cases' | 'executed' | 'passed' | 'failed' | 'blocked' | 'effort_hours'
>;

type Dated<T> = T & { planned_start: string; planned_end: string };
const dated = (c: TestCycleFacts): c is Dated<TestCycleFacts> => Boolean(c.planned_start && c.planned_end);

export interface TestLoad {
  weeks: Week[];
  demand: number[];
  capacity: number[];
  /** max(0, demand − capacity), rounded to hours with 2 decimals. */
  overload: number[];
  byTeam: Array<{ team: string; hours: number[] }>;
}

/**
 * quality.test_demand_hours, quality.qa_capacity_hours (all and per team) and quality.overload_hours per
 * ISO week, from the first to the last day of the dated cycles and the QA capacity rows.
 */
export function testLoad(cycles: readonly TestCycleFacts[], capacity: readonly CapacityFacts[]): TestLoad {
  const planned = cycles.filter(dated);
  const qa = capacity.filter((c) => c.resource === 'qa');
  const days = [...planned.flatMap((c) => [c.planned_start, c.planned_end]), ...qa.flatMap((c) => [c.period_start, c.period_end])].sort();
  if (!days.length) return { weeks: [], demand: [], capacity: [], overload: [], byTeam: [] };
  const weeks = weekRange(days[0]!, days[days.length - 1]!);
  const demand = new Map<string, number>();
  for (const c of planned) if (c.effort_hours) spreadByWeek(demand, c.effort_hours, c.planned_start, c.planned_end);
  const byTeam = [...groupBy(qa, (c) => [c.team])].map(([team, rows]) => {
    const h = new Map<string, number>();
    for (const c of rows) spreadByWeek(h, c.available_hours, c.period_start, c.period_end);
    return { team, hours: weeks.map((w) => h.get(w.monday) ?? 0) };
  });
  const d = weeks.map((w) => demand.get(w.monday) ?? 0);
  const cap = weeks.map((_, i) => byTeam.reduce((s, t) => s + t.hours[i]!, 0));
  return { weeks, demand: d, capacity: cap, overload: d.map((x, i) => round(Math.max(0, x - cap[i]!), 2)!), byTeam };
}

const hours = (h: number) => round(h, 2)!;

export function testLoadMetrics(load: TestLoad): MetricRow[] {
  const out: MetricRow[] = [];
  const all = { scope_kind: 'all', scope_id: '*' } as const;
  load.weeks.forEach((w, i) => {
    const [d, c, o] = [hours(load.demand[i]!), hours(load.capacity[i]!), load.overload[i]!];
    out.push(
      { metric: 'quality.test_demand_hours', ...all, period: w.week, value: d, unit: 'hours', detail: 'planned test cycle effort spread over their planned days' },
      { metric: 'quality.qa_capacity_hours', ...all, period: w.week, value: c, unit: 'hours', detail: 'QA capacity spread over its periods' },
      { metric: 'quality.overload_hours', ...all, period: w.week, value: o, unit: 'hours', detail: o > 0 ? `overload: demand ${d} h above capacity ${c} h` : `demand ${d} h within capacity ${c} h` },
    );
    for (const t of load.byTeam) {
      out.push({ metric: 'quality.qa_capacity_hours', scope_kind: 'team', scope_id: t.team, period: w.week, value: hours(t.hours[i]!), unit: 'hours', detail: 'QA capacity spread over its periods' });
    }
  });
  return out;
}

export interface Progress {
  releaseId: string;
  cycles: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  plannedCases: number;
  /** Σ planned cases × the share of the cycle's planned days elapsed by the as-of date. */
  plannedToDate: number;
  executed: number;
  passed: number;
  failed: number;
  blocked: number;
  executionRate: number | null;
  passRate: number | null;
}

function elapsed(c: TestCycleFacts, asOf: string): number {
  if (!dated(c)) return 0;
  const share = (daysBetween(c.planned_start, asOf) + 1) / (daysBetween(c.planned_start, c.planned_end) + 1);
  return Math.min(1, Math.max(0, share));
}

/** Test progress per release with test cycles, by release id. */
export function testProgress(cycles: readonly TestCycleFacts[], asOf: string): Progress[] {
  return [...groupBy(cycles, (c) => [c.release_id])].map(([releaseId, cs]) => {
    const sum = (f: (c: TestCycleFacts) => number | null) => cs.reduce((s, c) => s + (f(c) ?? 0), 0);
    const starts = cs.flatMap((c) => (c.planned_start ? [c.planned_start] : [])).sort();
    const ends = cs.flatMap((c) => (c.planned_end ? [c.planned_end] : [])).sort();
    const p = {
      plannedCases: sum((c) => c.planned_cases),
      executed: sum((c) => c.executed),
      passed: sum((c) => c.passed),
    };
    return {
      releaseId,
      cycles: cs.length,
      plannedStart: starts[0] ?? null,
      plannedEnd: ends[ends.length - 1] ?? null,
      ...p,
      plannedToDate: round(sum((c) => (c.planned_cases ?? 0) * elapsed(c, asOf)), 2)!,
      failed: sum((c) => c.failed),
      blocked: sum((c) => c.blocked),
      executionRate: round(ratio(p.executed, p.plannedCases)),
      passRate: round(ratio(p.passed, p.executed)),
    };
  });
}

/** quality.test_execution_rate and quality.test_pass_rate per release, when their basis is above 0. */
export function progressMetrics(progress: readonly Progress[]): MetricRow[] {
  const out: MetricRow[] = [];
  for (const p of progress) {
    const scope = { scope_kind: 'release', scope_id: p.releaseId, period: 'all' } as const;
    if (p.executionRate !== null) {
      out.push({ metric: 'quality.test_execution_rate', ...scope, value: p.executionRate, unit: 'ratio', detail: `${p.executed} of ${p.plannedCases} planned cases executed` });
    }
    if (p.passRate !== null) {
      out.push({ metric: 'quality.test_pass_rate', ...scope, value: p.passRate, unit: 'ratio', detail: `${p.passed} of ${p.executed} executed cases passed` });
    }
  }
  return out;
}
