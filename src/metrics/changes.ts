// Change management (docs/metrics.md#changes): changes opened, success rate, emergency and
// unauthorized share, changes inside freezes, lead time and time to approval — per month and overall,
// for all changes, per system and per team (assignment group); the funnel by state; collisions.
// Pure: change and freeze rows in, numbers out.
import { CHANGE_STATES } from '../model/entities.ts';
import type { MetricRow, ScopeKind } from './types.ts';
import { monthOf, monthRange } from './periods.ts';
import { quantileOf, ratio, round } from './stats.ts';
import { groupBy } from './group.ts';
import { localDay } from './calendar.ts';
import { listText } from './detail.ts';
import { collisions, countsInFreeze, freezesHit, freezeWindows, isCancelled, type ChangeFacts, type CollisionPair, type FreezeFacts } from './change-windows.ts';

const DAY_MS = 86_400_000;

/** A change with what the metrics read of it: its months on the time zone's calendar, durations, freezes. */
export interface DatedChange<C extends ChangeFacts = ChangeFacts> {
  c: C;
  cancelled: boolean;
  /** `YYYY-MM` of opened_at, closed_at, approved_at and planned_start; null when the instant is unknown. */
  opened: string;
  closed: string | null;
  approved: string | null;
  planned: string | null;
  /** closed_at − opened_at in days; null when not closed or cancelled. */
  leadDays: number | null;
  /** approved_at − opened_at in days; null when not approved. */
  approvalDays: number | null;
  /** Freezes covering its system that its planned window intersects. */
  freezes: string[];
  inFreeze: boolean;
}

const RATED = new Set(['successful', 'successful_with_issues', 'unsuccessful']);

const elapsedDays = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

export function dateChanges<C extends ChangeFacts>(changes: readonly C[], freezes: readonly FreezeFacts[], timeZone: string): Array<DatedChange<C>> {
  const month = (instant: string | null) => (instant ? monthOf(localDay(instant, timeZone)) : null);
  const windows = freezeWindows(freezes);
  return changes.map((c): DatedChange<C> => {
    const cancelled = isCancelled(c);
    const hit = freezesHit(c, windows);
    return {
      c, cancelled,
      opened: month(c.opened_at)!, closed: month(c.closed_at), approved: month(c.approved_at), planned: month(c.planned_start),
      leadDays: c.closed_at && !cancelled ? elapsedDays(c.opened_at, c.closed_at) : null,
      approvalDays: c.approved_at ? elapsedDays(c.opened_at, c.approved_at) : null,
      freezes: hit,
      inFreeze: countsInFreeze(c, hit),
    };
  });
}

export interface ChangeStats {
  opened: number;
  emergency: number;
  unauthorized: number;
  /** Closed with a close code other than cancelled, and how. */
  closed: number;
  successful: number;
  successfulWithIssues: number;
  unsuccessful: number;
  inFreeze: number;
  leadDays: number[];
  approvalDays: number[];
}

export const emptyStats = (): ChangeStats => ({
  opened: 0, emergency: 0, unauthorized: 0, closed: 0, successful: 0, successfulWithIssues: 0, unsuccessful: 0, inFreeze: 0, leadDays: [], approvalDays: [],
});

/**
 * Stats for period `all` and per month, in one pass: each count goes to the month of its own event
 * (opened, closed, approved, planned start).
 */
export function changeStats(changes: readonly DatedChange[]): { all: ChangeStats; months: Map<string, ChangeStats> } {
  const all = emptyStats();
  const months = new Map<string, ChangeStats>();
  const at = (m: string) => months.get(m) ?? months.set(m, emptyStats()).get(m)!;
  for (const x of changes) {
    for (const s of [all, at(x.opened)]) {
      s.opened++;
      if (x.c.type === 'emergency') s.emergency++;
      if (x.c.unauthorized === true) s.unauthorized++;
    }
    if (x.closed !== null) {
      for (const s of [all, at(x.closed)]) {
        if (RATED.has(x.c.close_code ?? '')) {
          s.closed++;
          if (x.c.close_code === 'successful') s.successful++;
          else if (x.c.close_code === 'successful_with_issues') s.successfulWithIssues++;
          else s.unsuccessful++;
        }
        if (x.leadDays !== null) s.leadDays.push(x.leadDays);
      }
    }
    if (x.approved !== null && x.approvalDays !== null) for (const s of [all, at(x.approved)]) s.approvalDays.push(x.approvalDays);
    if (x.inFreeze && x.planned !== null) for (const s of [all, at(x.planned)]) s.inFreeze++;
  }
  return { all, months };
}

export const successRate = (s: ChangeStats): number | null => round(ratio(s.successful + s.successfulWithIssues, s.closed));
export const median = (values: readonly number[]): number | null => round(quantileOf(values, 0.5), 2);

/**
 * The months of the series: from the first month a change was opened (or planned to start) to the
 * as-of month, or to the last planned start when that is later (changes scheduled inside a future freeze).
 */
export function changeMonths(changes: readonly DatedChange[], asOf: string): string[] {
  const months = changes.flatMap((x) => [x.opened, x.planned]).filter((m): m is string => m !== null).sort();
  if (!months.length) return [];
  const last = months[months.length - 1]!;
  return monthRange(months[0]!, last > monthOf(asOf) ? last : monthOf(asOf));
}

/** Changes per scope: all, per system, per team (assignment group). */
export function changeScopes<C extends ChangeFacts>(changes: ReadonlyArray<DatedChange<C>>): Array<[ScopeKind, Map<string, Array<DatedChange<C>>>]> {
  return [
    ['all', new Map([['*', [...changes]]])],
    ['system', groupBy(changes, (x) => [x.c.system_id])],
    ['team', groupBy(changes, (x) => [x.c.assignment_group])],
  ];
}

function statRows(kind: ScopeKind, id: string, period: string, s: ChangeStats, eventMonth: boolean, freezeMonth: boolean): MetricRow[] {
  const scope = { scope_kind: kind, scope_id: id, period } as const;
  const out: MetricRow[] = [];
  if (eventMonth) {
    out.push({ metric: 'changes.count', ...scope, value: s.opened, unit: 'count', detail: 'changes opened in the period' });
    if (s.opened > 0) {
      out.push(
        { metric: 'changes.emergency_share', ...scope, value: round(ratio(s.emergency, s.opened)), unit: 'ratio', detail: `${s.emergency} of ${s.opened} changes opened were emergency changes` },
        { metric: 'changes.unauthorized_share', ...scope, value: round(ratio(s.unauthorized, s.opened)), unit: 'ratio', detail: `${s.unauthorized} of ${s.opened} changes opened were unauthorized` },
      );
    }
    if (s.closed > 0) {
      out.push({
        metric: 'changes.success_rate', ...scope, value: successRate(s), unit: 'ratio',
        detail: `${s.successful} successful + ${s.successfulWithIssues} successful with issues of ${s.closed} closed (${s.unsuccessful} unsuccessful; cancelled ones not counted)`,
      });
    }
    if (s.leadDays.length) {
      out.push({ metric: 'changes.lead_time_days_median', ...scope, value: median(s.leadDays), unit: 'days', detail: `${s.leadDays.length} changes closed (cancelled ones excluded), opened → closed` });
    }
    if (s.approvalDays.length) {
      out.push({ metric: 'changes.approval_days_median', ...scope, value: median(s.approvalDays), unit: 'days', detail: `${s.approvalDays.length} changes approved, opened → approved` });
    }
  }
  if (freezeMonth) {
    out.push({ metric: 'changes.in_freeze', ...scope, value: s.inFreeze, unit: 'count', detail: 'non-cancelled, non-emergency changes planned inside a freeze covering their system (by planned start)' });
  }
  return out;
}

const pairText = (p: CollisionPair) => `${p.a} × ${p.b} (${new Date(p.from).toISOString()} – ${new Date(p.to).toISOString()})`;

/** A group of changes (a system's, a team's, all) with its stats. */
export interface ChangeGroup<C extends ChangeFacts = ChangeFacts> {
  changes: Array<DatedChange<C>>;
  stats: { all: ChangeStats; months: Map<string, ChangeStats> };
}

/** What the change metrics and the changes page both read, computed once: stats of every scope's groups, and the collisions. */
export interface ChangeAnalysis<C extends ChangeFacts = ChangeFacts> {
  changes: ReadonlyArray<DatedChange<C>>;
  scopes: Array<[ScopeKind, Map<string, ChangeGroup<C>>]>;
  pairs: CollisionPair[];
}

export function analyseChanges<C extends ChangeFacts>(changes: ReadonlyArray<DatedChange<C>>): ChangeAnalysis<C> {
  return {
    changes,
    scopes: changeScopes(changes).map(([kind, groups]) => [kind, new Map([...groups].map(([id, g]) => [id, { changes: g, stats: changeStats(g) }]))]),
    pairs: collisions(changes.map((x) => x.c)),
  };
}

/** The groups of one kind of scope. */
export const scopeGroups = <C extends ChangeFacts>(a: ChangeAnalysis<C>, kind: ScopeKind): Map<string, ChangeGroup<C>> => a.scopes.find(([k]) => k === kind)![1];

/** Every changes.* metric row. */
export function changeMetrics(analysis: ChangeAnalysis, asOf: string): MetricRow[] {
  const { changes, pairs } = analysis;
  if (!changes.length) return [];
  const months = changeMonths(changes, asOf);
  const asOfMonth = monthOf(asOf);
  const firstOpened = changes.map((x) => x.opened).sort()[0]!;
  const planned = changes.map((x) => x.planned).filter((m): m is string => m !== null).sort();
  const out: MetricRow[] = [];
  for (const [kind, groups] of analysis.scopes) {
    for (const [id, { stats }] of groups) {
      for (const m of months) {
        const events = m >= firstOpened && m <= asOfMonth;
        const freeze = planned.length > 0 && m >= planned[0]! && m <= planned[planned.length - 1]!;
        if (events || freeze) out.push(...statRows(kind, id, m, stats.months.get(m) ?? emptyStats(), events, freeze));
      }
      out.push(...statRows(kind, id, 'all', stats.all, true, true));
    }
  }
  for (const { state, changes: n } of funnel(changes)) {
    out.push({ metric: 'changes.count', scope_kind: 'category', scope_id: state, period: 'all', value: n, unit: 'count', detail: `changes whose current state is ${state}` });
  }
  const bySystem = groupBy(pairs, (p) => [p.systemId]);
  for (const id of scopeGroups(analysis, 'system').keys()) {
    const list = bySystem.get(id) ?? [];
    out.push({
      metric: 'changes.collisions', scope_kind: 'system', scope_id: id, period: 'all', value: list.length, unit: 'count',
      detail: list.length ? listText(list.map(pairText), '; ') : 'no overlapping planned windows',
    });
  }
  out.push({ metric: 'changes.collisions', scope_kind: 'all', scope_id: '*', period: 'all', value: pairs.length, unit: 'count', detail: `pairs of changes on the same system with overlapping planned windows` });
  return out;
}

/** Changes by current state in lifecycle order, every state included; `unknown` last when some have none. */
export function funnel(changes: readonly DatedChange[]): Array<{ state: string; changes: number }> {
  const counts = new Map<string, number>(CHANGE_STATES.map((s) => [s, 0]));
  for (const x of changes) counts.set(x.c.state ?? 'unknown', (counts.get(x.c.state ?? 'unknown') ?? 0) + 1);
  return [...counts].map(([state, n]) => ({ state, changes: n }));
}
