// Delivery performance, DORA's measures (docs/metrics.md#delivery): deployment frequency, lead time for
// changes, change failure rate, failed deployment recovery time and rework rate, per month and overall,
// for all deployments, per system and per team (the system's owner). Pure: rows in, numbers out.
import type { Row } from '../model/catalog.ts';
import type { ScopeKind } from './types.ts';
import { daysInMonth, monthOf, monthRange } from './periods.ts';
import { quantileOf, ratio, round, weightedQuantileOf } from './stats.ts';
import { groupBy } from './group.ts';
import { localDay } from './calendar.ts';
import type { Attribution, DeploymentFacts } from './attribution.ts';
import { leadsByPeriod, leadTimes, NO_LEADS, type ItemStart, type PeriodLeads } from './delivery-lead-time.ts';

const HOUR_MS = 3_600_000;
const monthKey = (x: { month: string }) => [x.month];
const FINISHED = new Set(['success', 'failure', 'rolled_back']);

type EnvironmentFacts = Pick<Row<'environment'>, 'id' | 'production' | 'kind'>;

/** A deployment is to production by its own flag, else by its environment's (production, or of kind prod). */
export function deploymentFacts<D extends Omit<DeploymentFacts, 'production'> & Pick<Row<'deployment'>, 'environment_id' | 'production'>>(
  rows: readonly D[],
  environments: readonly EnvironmentFacts[],
): Array<Omit<D, 'production'> & { production: boolean }> {
  const env = new Map(environments.map((e) => [e.id, e]));
  return rows.map((d) => {
    const e = d.environment_id ? env.get(d.environment_id) : undefined;
    return { ...d, production: d.production ?? (e ? e.production === true || e.kind === 'prod' : false) };
  });
}

export interface DeliveryInputs {
  /** Every deployment, production settled. */
  deployments: readonly DeploymentFacts[];
  attributions: readonly Attribution[];
  incidents: ReadonlyArray<Pick<Row<'incident'>, 'number' | 'opened_at' | 'resolved_at'>>;
  /** System id → owner (the team). */
  owners: ReadonlyMap<string, string>;
  /** Releases of type emergency, and releases an emergency change names, with that reason in words. */
  emergencyReleases: ReadonlyMap<string, string>;
  items: readonly ItemStart[];
  timeZone: string;
  asOf: string;
}

/** A finished-or-not production deployment with what the measures read of it. */
export interface ProductionDeployment {
  d: DeploymentFacts;
  month: string;
  day: string;
  /** Has a finish time and ended in success, failure or rolled_back. */
  finished: boolean;
  /** Failed, rolled back, or an incident is attributed to it (finished ones only). */
  failed: boolean;
  /** Incidents attributed to it. */
  incidents: string[];
  /** Why it is rework, in words; null when it is not (finished ones only). */
  rework: string | null;
}

/** The five DORA measures of one scope and period, with the counts they rest on. */
export interface Measures {
  /** Finished production deployments (status success, failure or rolled_back, with a finish time). */
  deployments: number;
  /** Distinct days with at least one successful production deployment. */
  deploymentDays: number;
  /** delivery.deployment_frequency: deploymentDays ÷ (days ÷ 7), per week. */
  deploymentFrequency: number;
  /** Finished production deployments that failed, were rolled back, or caused an attributed incident. */
  failedDeployments: number;
  /** delivery.change_failure_rate; null without finished deployments. */
  changeFailureRate: number | null;
  /** delivery.lead_time_days_median over `leadTimeItems` work items; null without any. */
  leadTimeMedian: number | null;
  leadTimeItems: number;
  /** delivery.recovery_hours_median over `recoveries` resolved attributed incidents; null without any. */
  recoveryMedian: number | null;
  recoveries: number;
  /** Finished production deployments that were rework. */
  rework: number;
  /** delivery.rework_rate; null without finished deployments. */
  reworkRate: number | null;
}

export interface ScopeMeasures {
  kind: ScopeKind;
  id: string;
  months: Array<Measures & { period: string }>;
  total: Measures & { period: 'all' };
  /** The basis, for the metric rows' details. */
  basis: Map<string, { failed: ProductionDeployment[]; rework: ProductionDeployment[]; releases: number; recovered: string[] }>;
}

export interface Delivery {
  months: string[];
  scopes: ScopeMeasures[];
}

interface Recovery {
  incident: string;
  systemId: string | null;
  month: string;
  hours: number;
}

/** An incident attributed to a deployment, open from `from` to `to` (epoch ms, [from, to)). */
interface OpenIncident {
  incident: string;
  by: DeploymentFacts;
  byStart: number;
  from: number;
  to: number;
}

/** Why a deployment is rework: an emergency release, or it started while an incident of an earlier deployment of its system was open. */
function reworkReason(d: DeploymentFacts, emergency: ReadonlyMap<string, string>, open: ReadonlyMap<string, readonly OpenIncident[]>): string | null {
  const why = d.release_id ? emergency.get(d.release_id) : undefined;
  if (why) return `release ${d.release_id} ${why}`;
  const t = Date.parse(d.started_at);
  const hit = d.system_id ? open.get(d.system_id)?.find((o) => o.byStart < t && o.from <= t && t < o.to) : undefined;
  return hit ? `started while ${hit.incident} (attributed to ${hit.by.id}) was open` : null;
}

function measures(deploys: readonly ProductionDeployment[], leads: PeriodLeads, recoveries: readonly Recovery[], days: number): Measures {
  const finished = deploys.filter((x) => x.finished);
  const failed = finished.filter((x) => x.failed).length;
  const rework = finished.filter((x) => x.rework !== null).length;
  const deploymentDays = new Set(deploys.filter((x) => x.d.status === 'success').map((x) => x.day)).size;
  const hours = recoveries.map((r) => r.hours);
  return {
    deployments: finished.length,
    deploymentDays,
    deploymentFrequency: round(deploymentDays / (days / 7))!,
    failedDeployments: failed,
    changeFailureRate: round(ratio(failed, finished.length)),
    leadTimeMedian: round(weightedQuantileOf(leads.days, leads.items, 0.5), 2),
    leadTimeItems: leads.items.reduce((n, w) => n + w, 0),
    recoveryMedian: round(quantileOf(hours, 0.5), 2),
    recoveries: hours.length,
    rework,
    reworkRate: round(ratio(rework, finished.length)),
  };
}

/** The five measures for every scope and month, from the first month with a production deployment or a recovery to the as-of month. */
export function delivery(input: DeliveryInputs): Delivery {
  const local = (instant: string) => localDay(instant, input.timeZone);
  const lastMonth = monthOf(input.asOf);
  const byId = new Map(input.deployments.map((d) => [d.id, d]));
  const incident = new Map(input.incidents.map((i) => [i.number, i]));
  const caused = new Map<string, string[]>();
  // Incidents of each system's deployments, for rework.
  const open = new Map<string, OpenIncident[]>();
  for (const a of input.attributions) {
    const by = a.deploymentId ? byId.get(a.deploymentId) : undefined;
    if (!by) continue;
    caused.set(by.id, [...(caused.get(by.id) ?? []), a.incident]);
    if (!by.system_id) continue;
    const i = incident.get(a.incident)!;
    const list = open.get(by.system_id) ?? open.set(by.system_id, []).get(by.system_id)!;
    list.push({ incident: a.incident, by, byStart: Date.parse(by.started_at), from: Date.parse(i.opened_at), to: i.resolved_at ? Date.parse(i.resolved_at) : Infinity });
  }

  const deployments: ProductionDeployment[] = input.deployments
    .filter((d) => d.production)
    .map((d) => {
      const day = local(d.started_at);
      const finished = d.finished_at !== null && FINISHED.has(d.status);
      const incidents = caused.get(d.id) ?? [];
      return {
        d, day, month: monthOf(day), finished, incidents,
        failed: finished && (d.status !== 'success' || incidents.length > 0),
        rework: finished ? reworkReason(d, input.emergencyReleases, open) : null,
      };
    })
    .filter((x) => x.month <= lastMonth);
  const recoveries: Recovery[] = input.attributions.flatMap((a) => {
    const i = incident.get(a.incident)!;
    if (a.rule === null || !i.resolved_at) return [];
    const month = monthOf(local(i.resolved_at));
    const hours = (Date.parse(i.resolved_at) - Date.parse(i.opened_at)) / HOUR_MS;
    return month <= lastMonth ? [{ incident: a.incident, systemId: a.systemId, month, hours }] : [];
  });
  const first = [...deployments.map((x) => x.month), ...recoveries.map((r) => r.month)].sort()[0];
  if (!first) return { months: [], scopes: [] };
  const months = monthRange(first, lastMonth);
  const scopeKeys = (systemId: string | null): string[] => {
    const owner = systemId ? input.owners.get(systemId) : undefined;
    return ['all\u0000*', ...(systemId ? [`system\u0000${systemId}`] : []), ...(owner ? [`team\u0000${owner}`] : [])];
  };
  // Months of deployments up to the as-of month only, and so of lead times.
  const leads = leadTimes(deployments, input.items, scopeKeys);
  const leadMonth = new Map(leads.months.map((m, i) => [m, i]));

  const buckets = new Map<string, { deploys: ProductionDeployment[]; recoveries: Recovery[] }>();
  const bucket = (k: string) => buckets.get(k) ?? buckets.set(k, { deploys: [], recoveries: [] }).get(k)!;
  bucket('all\u0000*');
  for (const x of deployments) for (const k of scopeKeys(x.d.system_id)) bucket(k).deploys.push(x);
  for (const r of recoveries) for (const k of scopeKeys(r.systemId)) bucket(k).recoveries.push(r);

  const totalDays = months.reduce((n, m) => n + daysInMonth(m), 0);
  const order: Record<string, number> = { all: 0, system: 1, team: 2 };
  const scopes = [...buckets]
    .filter(([k, b]) => k === 'all\u0000*' || b.deploys.length > 0 || b.recoveries.length > 0)
    .map(([k, b]): ScopeMeasures => {
      const [kind, id] = k.split('\u0000') as [ScopeKind, string];
      const basis: ScopeMeasures['basis'] = new Map();
      const l = leads.scopes.get(k);
      const periods = l ? leadsByPeriod(l, leads) : null;
      const [deploysIn, recsIn] = [groupBy(b.deploys, monthKey), groupBy(b.recoveries, monthKey)];
      const period = (p: string, days: number) => {
        const deploys = p === 'all' ? b.deploys : deploysIn.get(p) ?? [];
        const leadsOf: PeriodLeads = (p === 'all' ? periods?.all : periods?.months[leadMonth.get(p) ?? -1]) ?? NO_LEADS;
        const recs = p === 'all' ? b.recoveries : recsIn.get(p) ?? [];
        const finished = deploys.filter((x) => x.finished);
        basis.set(p, {
          failed: finished.filter((x) => x.failed), rework: finished.filter((x) => x.rework !== null),
          releases: leadsOf.releases, recovered: recs.map((r) => r.incident),
        });
        return measures(deploys, leadsOf, recs, days);
      };
      return {
        kind, id,
        months: months.map((m) => ({ period: m, ...period(m, daysInMonth(m)) })),
        total: { period: 'all', ...period('all', totalDays) },
        basis,
      };
    })
    .sort((a, b) => order[a.kind]! - order[b.kind]! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { months, scopes };
}
