// The two headline numbers of the monthly status pages that no other family writes per month for the
// whole estate (docs/metrics.md#monthly-status): incidents opened, and environment utilisation over
// every measured environment. Written as metric rows like any other, so that the pages read them from
// the metrics and the export holds every number they show. Pure: rows in, metric rows out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow } from './types.ts';
import { localDay } from './calendar.ts';
import { addDays, daysInMonth, monthOf, monthRange } from './periods.ts';
import { ratio, round } from './stats.ts';
import { plural } from './status.ts';
import type { Occupancy } from './environments.ts';

export type IncidentFacts = Pick<Row<'incident'>, 'number' | 'priority' | 'opened_at'>;

const ALL = { scope_kind: 'all', scope_id: '*' } as const;

/** "3 priority 1, 1 priority 2, 2 without a priority". */
function byPriority(incidents: readonly IncidentFacts[]): string {
  const counts = new Map<number | null, number>();
  for (const i of incidents) counts.set(i.priority, (counts.get(i.priority) ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => (a ?? 9) - (b ?? 9));
  return keys.map((k) => `${counts.get(k)} ${k === null ? 'without a priority' : `priority ${k}`}`).join(', ');
}

/** incidents.count (scope all): incidents opened per month of `opened_at`, from the first to the as-of month (0 included), and `all`. */
export function incidentMetrics(incidents: readonly IncidentFacts[], timeZone: string, asOf: string): MetricRow[] {
  const last = monthOf(asOf);
  const dated = incidents.map((i) => ({ i, day: localDay(i.opened_at, timeZone) })).filter((x) => x.day <= asOf);
  if (dated.length === 0) return [];
  const first = dated.reduce((m, x) => (x.day < m ? x.day : m), asOf);
  const out: MetricRow[] = [];
  const row = (period: string, list: IncidentFacts[]): MetricRow => ({
    metric: 'incidents.count', ...ALL, period, value: list.length, unit: 'count',
    detail: list.length ? `${plural(list.length, 'incident')} opened: ${byPriority(list)}` : 'no incident opened',
  });
  for (const m of monthRange(monthOf(first), last)) out.push(row(m, dated.filter((x) => monthOf(x.day) === m).map((x) => x.i)));
  out.push(row('all', dated.map((x) => x.i)));
  return out;
}

/**
 * environments.utilization (scope all, months): over every measured environment and day of the month,
 * Σ min(capacity, approved bookings covering the day) ÷ Σ capacity — the weekly definition, pooled.
 * Months run from the first to the last day an approved booking covers, as the weeks do.
 */
export function utilizationByMonth(occ: Occupancy): MetricRow[] {
  if (!occ.range) return [];
  const measured = occ.environments.filter((e) => e.measured);
  if (measured.length === 0) return [];
  return monthRange(monthOf(occ.range.first), monthOf(occ.range.last)).map((m) => {
    const days = daysInMonth(m);
    let booked = 0;
    let capacity = 0;
    for (const env of measured) {
      const covered = occ.approved.get(env.id);
      for (let i = 0; i < days; i++) booked += Math.min(env.capacity, covered?.get(addDays(`${m}-01`, i))?.length ?? 0);
      capacity += env.capacity * days;
    }
    return {
      metric: 'environments.utilization', ...ALL, period: m, value: round(ratio(booked, capacity)), unit: 'ratio',
      detail: `${booked} of ${capacity} capacity-days booked over ${plural(measured.length, 'environment')}`,
    };
  });
}
