// Release predictability (docs/metrics.md#releases): released count, on-time rate and schedule slip
// per month, overall, by project and by system. Pure: release rows in, metric rows out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow, ScopeKind } from './types.ts';
import { daysBetween, daysInMonth, monthOf, monthRange } from './periods.ts';
import { quantileOf, ratio, round } from './stats.ts';
import { groupBy } from './group.ts';

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

/** A month's count as a rate per week (releases.frequency). */
export function perWeek(count: number, month: string): number {
  return round(count / (daysInMonth(month) / 7))!;
}

function rows(kind: ScopeKind, id: string, period: string, s: PeriodStats): MetricRow[] {
  const out: MetricRow[] = [
    { metric: 'releases.count_released', scope_kind: kind, scope_id: id, period, value: s.released, unit: 'count', detail: 'releases whose actual release date falls in the period' },
  ];
  if (period !== 'all') {
    out.push({
      metric: 'releases.frequency', scope_kind: kind, scope_id: id, period, value: perWeek(s.released, period), unit: 'per_week',
      detail: `${s.released} released in ${daysInMonth(period)} days`,
    });
  }
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

/**
 * releases.size (release): work items planned for or delivered in the release, epics excluded; written
 * for releases with at least one. releases.size_median (month, all and project): the median size of
 * the releases shipped that month that have a size.
 */
export function sizeMetrics(releases: readonly ReleaseFacts[], sizes: ReadonlyMap<string, number>, asOf: string): MetricRow[] {
  const out: MetricRow[] = [];
  for (const r of [...releases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const n = sizes.get(r.id);
    if (n) out.push({ metric: 'releases.size', scope_kind: 'release', scope_id: r.id, period: 'all', value: n, unit: 'count', detail: 'work items in the release (epics excluded)' });
  }
  const { shipped, months } = shippedBy(releases, asOf);
  const sized = shipped.filter((r) => sizes.get(r.id));
  const scopes: Array<[ScopeKind, Map<string, ReleaseFacts[]>]> = [
    ['all', new Map([['*', sized]])],
    ['project', groupBy(sized, (r) => [r.project_id])],
  ];
  for (const [kind, groups] of scopes) {
    for (const [id, group] of groups) {
      for (const { month, values } of sizesByMonth(group, sizes, months)) {
        if (values.length) {
          out.push({
            metric: 'releases.size_median', scope_kind: kind, scope_id: id, period: month, value: round(quantileOf(values, 0.5), 2), unit: 'count',
            detail: `${values.length} released with work items`,
          });
        }
      }
    }
  }
  return out;
}

/** The sizes (sorted) of the releases shipped in each month that have one. */
export function sizesByMonth(shipped: readonly ReleaseFacts[], sizes: ReadonlyMap<string, number>, months: readonly string[]): Array<{ month: string; values: number[] }> {
  const byMonth = groupBy(shipped.filter((r) => sizes.get(r.id)), (r) => [monthOf(r.actual_release!)]);
  return months.map((month) => ({ month, values: (byMonth.get(month) ?? []).map((r) => sizes.get(r.id)!).sort((a, b) => a - b) }));
}
