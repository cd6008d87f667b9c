// The delivery.* metric rows (docs/metrics.md#delivery): the five measures, their DORA tiers for the
// report year, and which incidents each attribution rule took.
import type { MetricRow } from './types.ts';
import { daysInMonth } from './periods.ts';
import { listText } from './detail.ts';
import { ATTRIBUTION_RULES, type Attribution } from './attribution.ts';
import type { Delivery, Measures, ProductionDeployment } from './delivery.ts';
import { lowestTier, thresholdText, tierOf, TIERED_MEASURES, type Tier, type TieredMeasure, type TierTable } from './dora-tiers.ts';

export interface MeasureTiers {
  deploymentFrequency: Tier | null;
  leadTime: Tier | null;
  changeFailureRate: Tier | null;
  recovery: Tier | null;
  overall: Tier | null;
}

const VALUE: Record<TieredMeasure, (m: Measures) => number | null> = {
  deployment_frequency: (m) => m.deploymentFrequency,
  lead_time: (m) => m.leadTimeMedian,
  change_failure_rate: (m) => m.changeFailureRate,
  recovery: (m) => m.recoveryMedian,
};

const TIER_METRIC: Record<TieredMeasure, string> = {
  deployment_frequency: 'delivery.deployment_frequency_tier',
  lead_time: 'delivery.lead_time_tier',
  change_failure_rate: 'delivery.change_failure_rate_tier',
  recovery: 'delivery.recovery_tier',
};

const tierList = (table: TierTable, m: Measures): Array<[TieredMeasure, Tier | null]> => TIERED_MEASURES.map((k) => [k, tierOf(table, k, VALUE[k](m))]);

export function measureTiers(table: TierTable, m: Measures): MeasureTiers {
  const t = new Map(tierList(table, m));
  return {
    deploymentFrequency: t.get('deployment_frequency')!, leadTime: t.get('lead_time')!, changeFailureRate: t.get('change_failure_rate')!, recovery: t.get('recovery')!,
    overall: lowestTier([...t.values()]),
  };
}

const failure = (x: ProductionDeployment) => (x.d.status !== 'success' ? `${x.d.id} (${x.d.status}${x.incidents.length ? `; ${x.incidents.join(', ')}` : ''})` : `${x.d.id} (${x.incidents.join(', ')})`);

function tierRows(scope: Pick<MetricRow, 'scope_kind' | 'scope_id' | 'period'>, m: Measures, table: TierTable, year: number): MetricRow[] {
  const out: MetricRow[] = [];
  const tiers = tierList(table, m);
  for (const [k, tier] of tiers) {
    if (tier === null) continue;
    const def = table.measures[k];
    out.push({
      metric: TIER_METRIC[k], ...scope, value: tier, unit: 'status',
      detail: `DORA ${year}: ${tier}${tier === 'low' ? '' : ` (${thresholdText(def, tier)})`}; ${def.metric} = ${VALUE[k](m)}`,
    });
  }
  const overall = lowestTier(tiers.map(([, t]) => t));
  if (overall !== null) {
    out.push({
      metric: 'delivery.tier', ...scope, value: overall, unit: 'status',
      detail: `DORA ${year}: the lowest of ${tiers.filter(([, t]) => t !== null).map(([k, t]) => `${k.replaceAll('_', ' ')} ${t}`).join(', ')}`,
    });
  }
  return out;
}

export function deliveryMetrics(result: Delivery, attributions: readonly Attribution[], table: TierTable, year: number): MetricRow[] {
  const out: MetricRow[] = [];
  const daysOf = (p: string) => (p === 'all' ? result.months : [p]).reduce((n, mo) => n + daysInMonth(mo), 0);
  for (const s of result.scopes) {
    for (const m of [...s.months, s.total]) {
      const scope = { scope_kind: s.kind, scope_id: s.id, period: m.period };
      const basis = s.basis.get(m.period)!;
      out.push({
        metric: 'delivery.deployment_frequency', ...scope, value: m.deploymentFrequency, unit: 'per_week',
        detail: `${m.deploymentDays} days with a successful production deployment in ${daysOf(m.period)} days`,
      });
      if (m.changeFailureRate !== null) {
        out.push({
          metric: 'delivery.change_failure_rate', ...scope, value: m.changeFailureRate, unit: 'ratio',
          detail: `${m.failedDeployments} of ${m.deployments} finished production deployments failed, were rolled back or caused an incident${basis.failed.length ? `: ${listText(basis.failed.map(failure))}` : ''}`,
        });
        out.push({
          metric: 'delivery.rework_rate', ...scope, value: m.reworkRate, unit: 'ratio',
          detail: `${m.rework} of ${m.deployments} finished production deployments were rework${basis.rework.length ? `: ${listText(basis.rework.map((x) => `${x.d.id} (${x.rework})`))}` : ''}`,
        });
      }
      if (m.leadTimeMedian !== null) {
        out.push({
          metric: 'delivery.lead_time_days_median', ...scope, value: m.leadTimeMedian, unit: 'days',
          detail: `${m.leadTimeItems} done work items of ${basis.releases} releases first deployed to production in the period, start of work → deployment finished`,
        });
      }
      if (m.recoveryMedian !== null) {
        out.push({
          metric: 'delivery.recovery_hours_median', ...scope, value: m.recoveryMedian, unit: 'hours',
          detail: `${m.recoveries} attributed incidents resolved, opened → resolved: ${listText(basis.recovered)}`,
        });
      }
      out.push(...tierRows(scope, m, table, year));
    }
  }
  if (attributions.length) {
    for (const rule of [...ATTRIBUTION_RULES, null]) {
      const taken = attributions.filter((a) => a.rule === rule);
      const target = (a: Attribution) => (a.deploymentId ? `${a.incident} → ${a.deploymentId}` : a.changeNumber && a.rule ? `${a.incident} → ${a.changeNumber}` : a.incident);
      out.push({
        metric: 'delivery.attributed_incidents', scope_kind: 'category', scope_id: rule ?? 'unattributed', period: 'all', value: taken.length, unit: 'count',
        detail: taken.length ? taken.map(target).join('; ') : `no incident ${rule ? `attributed by ${rule}` : 'left unattributed'}`,
      });
    }
  }
  return out;
}
