// Release predictability (docs/metrics.md#releases): released count, on-time rate and schedule slip
// per month, overall, by project and by system. Pure: release rows in, metric rows out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow, ScopeKind } from './types.ts';
import { daysBetween, monthOf, monthRange } from './periods.ts';
import { quantileOf, ratio, round } from './stats.ts';

export type ReleaseFacts = Pick<Row<'release'>, 'id' | 'project_id' | 'system_ids' | 'status' | 'planned_release' | 'actual_release'>;

/** A release counts as shipped when it has an actual release date and was not cancelled. */
export function isReleased(r: ReleaseFacts): r is ReleaseFacts & { actual_release: string } {
  return r.actual_release !== null && r.status !== 'cancelled';
}

/** Days late (negative when early); null when the plan is unknown. */
export function slipDays(r: ReleaseFacts): number | null {
  return r.actual_release && r.planned_release ? daysBetween(r.planned_release, r.actual_release) : null;
}

export interface PeriodStats {
  released: number;
  /** Releases with both dates, the basis of the rate and the slip. */
  planned: number;
  onTime: number;
  onTimeRate: number | null;
  slipMedian: number | null;
  slipP85: number | null;
}

export function periodStats(releases: readonly ReleaseFacts[]): PeriodStats {
  const shipped = releases.filter(isReleased);
  const slips = shipped.map(slipDays).filter((s): s is number => s !== null).sort((a, b) => a - b);
  const onTime = slips.filter((s) => s <= 0).length;
  return {
    released: shipped.length,
    planned: slips.length,
    onTime,
    onTimeRate: ratio(onTime, slips.length),
    slipMedian: quantileOf(slips, 0.5),
    slipP85: quantileOf(slips, 0.85),
  };
}

function rows(kind: ScopeKind, id: string, period: string, s: PeriodStats): MetricRow[] {
  const out: MetricRow[] = [
    { metric: 'releases.count_released', scope_kind: kind, scope_id: id, period, value: s.released, unit: 'count', detail: 'releases whose actual release date falls in the period' },
  ];
  if (s.planned > 0) {
    const basis = `${s.planned} released with a planned date`;
    out.push(
      { metric: 'releases.on_time_rate', scope_kind: kind, scope_id: id, period, value: round(s.onTimeRate), unit: 'ratio', detail: `${s.onTime} of ${s.planned} on or before plan` },
      { metric: 'releases.slip_days_median', scope_kind: kind, scope_id: id, period, value: round(s.slipMedian, 2), unit: 'days', detail: basis },
      { metric: 'releases.slip_days_p85', scope_kind: kind, scope_id: id, period, value: round(s.slipP85, 2), unit: 'days', detail: basis },
    );
  }
  return out;
}

/** Groups releases by a scope key; a release may belong to several scopes (its systems). */
function groupBy(releases: readonly ReleaseFacts[], keys: (r: ReleaseFacts) => readonly (string | null)[]): Map<string, ReleaseFacts[]> {
  const groups = new Map<string, ReleaseFacts[]>();
  for (const r of releases) {
    for (const k of keys(r)) {
      if (k === null) continue;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Releases shipped by `asOf`, and the months from the first of them to `asOf`'s month. */
export function shippedBy(releases: readonly ReleaseFacts[], asOf: string): { shipped: ReleaseFacts[]; months: string[] } {
  const shipped = releases.filter(isReleased).filter((r) => r.actual_release <= asOf);
  if (shipped.length === 0) return { shipped, months: [] };
  const first = shipped.map((r) => monthOf(r.actual_release)).sort()[0]!;
  return { shipped, months: monthRange(first, monthOf(asOf)) };
}

/** Stats of each month in `months` (empty months included). */
export function statsByMonth(releases: readonly ReleaseFacts[], months: readonly string[]): Array<{ month: string; stats: PeriodStats }> {
  const byMonth = groupBy(releases, (r) => [r.actual_release ? monthOf(r.actual_release) : null]);
  return months.map((month) => ({ month, stats: periodStats(byMonth.get(month) ?? []) }));
}

/**
 * Per month from the first release month to `asOf`'s month (counts written even when 0), and for the
 * whole period; overall, per project and per system.
 */
export function releaseMetrics(releases: readonly ReleaseFacts[], asOf: string): MetricRow[] {
  const { shipped, months } = shippedBy(releases, asOf);
  if (shipped.length === 0) return [];
  const scopes: Array<[ScopeKind, Map<string, ReleaseFacts[]>]> = [
    ['all', new Map([['*', shipped]])],
    ['project', groupBy(shipped, (r) => [r.project_id])],
    ['system', groupBy(shipped, (r) => r.system_ids ?? [])],
  ];
  const out: MetricRow[] = [];
  for (const [kind, groups] of scopes) {
    for (const [id, group] of groups) {
      for (const { month, stats } of statsByMonth(group, months)) out.push(...rows(kind, id, month, stats));
      out.push(...rows(kind, id, 'all', periodStats(group)));
    }
  }
  return out;
}
