// The delivery (DORA) page: the five measures per month for all deployments, each system and each team,
// their tiers for the report year, and every incident's attribution with the rows behind it.
import type { Row } from '../model/catalog.ts';
import { ATTRIBUTION_RULES, type Attribution as Attributed, type DeploymentFacts } from '../metrics/attribution.ts';
import type { Delivery, ScopeMeasures } from '../metrics/delivery.ts';
import { measureTiers } from '../metrics/delivery-metrics.ts';
import { thresholdText, TIERED_MEASURES, type TierTable } from '../metrics/dora-tiers.ts';
import { round } from '../metrics/stats.ts';
import { latest, type OperationRefs } from './changes-page.ts';
import type { EnvironmentRef } from './model-environments.ts';
import type { Attribution, DeliveryPage, DeliveryScope, DeploymentRow } from './model-delivery.ts';

export interface DeliveryPageInputs {
  delivery: Delivery;
  attributions: readonly Attributed[];
  incidents: readonly Row<'incident'>[];
  changes: readonly Row<'change'>[];
  deployments: ReadonlyArray<Deployment>;
  environments: ReadonlyMap<string, EnvironmentRef>;
  refs: OperationRefs;
  table: TierTable;
  reportYear: number;
}

type Deployment = Omit<Row<'deployment'>, 'production'> & DeploymentFacts;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const HOUR_MS = 3_600_000;

export function deliveryPage(input: DeliveryPageInputs): DeliveryPage {
  const { refs, table } = input;
  const scope = (s: ScopeMeasures): DeliveryScope => {
    const name = s.kind === 'system' ? refs.system(s.id)!.name : s.kind === 'all' ? 'All systems' : s.id;
    return {
      kind: s.kind as DeliveryScope['kind'], id: s.id, name,
      months: s.months.map((m) => ({ ...m, tiers: measureTiers(table, m) })),
      total: { ...s.total, tiers: measureTiers(table, s.total) },
    };
  };
  const scopes = input.delivery.scopes.map(scope);
  const deployment = new Map(input.deployments.map((d) => [d.id, d]));
  const change = new Map(input.changes.map((c) => [c.number, c]));
  const incident = new Map(input.incidents.map((i) => [i.number, i]));

  const deploymentRow = (d: Deployment): DeploymentRow => ({
    id: d.id, system: refs.system(d.system_id),
    environment: d.environment_id ? input.environments.get(d.environment_id) ?? null : null, environmentId: d.environment_id,
    release: refs.release(d.release_id), releaseId: d.release_id, version: d.version,
    startedAt: d.started_at, finishedAt: d.finished_at, status: d.status, production: d.production,
    source: refs.source('deployment', d.id),
  });
  const attribution = (a: Attributed): Attribution => {
    const i = incident.get(a.incident)!;
    const c = a.changeNumber ? change.get(a.changeNumber) : undefined;
    const d = a.deploymentId ? deployment.get(a.deploymentId) : undefined;
    return {
      incident: {
        ...refs.incident(i.number), description: i.short_description, priority: i.priority, system: refs.system(i.system_id),
        openedAt: i.opened_at, resolvedAt: i.resolved_at,
        recoveryHours: i.resolved_at ? round((Date.parse(i.resolved_at) - Date.parse(i.opened_at)) / HOUR_MS, 2) : null,
        causedByChange: i.caused_by_change, causedByDeployment: i.caused_by_deployment, source: refs.source('incident', i.number),
      },
      rule: a.rule, reason: a.reason, system: refs.system(a.systemId),
      deployment: d ? deploymentRow(d) : null,
      change: c ? { ...refs.change(c.number), system: refs.system(c.system_id), releaseId: c.release_id, source: refs.source('change', c.number) } : null,
      release: a.releaseId ? { id: a.releaseId, release: refs.release(a.releaseId), source: refs.release(a.releaseId) ? refs.source('release', a.releaseId) : null } : null,
    };
  };
  // Sorted on the facts, so that only the listed ones are built.
  const incidentOrder = [...input.attributions].sort((a, b) => {
    const [x, y] = [incident.get(a.incident)!, incident.get(b.incident)!];
    return byText(x.opened_at, y.opened_at) || byText(x.number, y.number);
  });
  const attributions = latest(incidentOrder).map(attribution);

  return {
    tiers: {
      reportYear: input.reportYear, source: table.source, notes: [...table.notes],
      thresholds: TIERED_MEASURES.map((k) => {
        const m = table.measures[k];
        return { measure: k, metric: m.metric, unit: m.unit, elite: thresholdText(m, 'elite'), high: thresholdText(m, 'high'), medium: thresholdText(m, 'medium'), low: thresholdText(m, 'low') };
      }),
    },
    months: input.delivery.months,
    all: scopes.find((s) => s.kind === 'all') ?? null,
    systems: scopes.filter((s) => s.kind === 'system'),
    teams: scopes.filter((s) => s.kind === 'team'),
    attributions,
    listed: { attributions: attributions.length, total: input.attributions.length },
    attributionCounts: [...ATTRIBUTION_RULES, 'unattributed' as const].map((rule) => ({
      rule, incidents: input.attributions.filter((a) => (a.rule ?? 'unattributed') === rule).length,
    })),
  };
}
