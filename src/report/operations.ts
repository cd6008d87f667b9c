// Change management and delivery (DORA): loads the changes, incidents, deployments and freezes, attributes
// the incidents, and assembles both pages and their metric rows.
import type { Db } from '../db/duckdb.ts';
import type { Row } from '../model/catalog.ts';
import { attributeIncidents } from '../metrics/attribution.ts';
import { analyseChanges, changeMetrics, dateChanges } from '../metrics/changes.ts';
import { delivery, deploymentFacts } from '../metrics/delivery.ts';
import { deliveryMetrics } from '../metrics/delivery-metrics.ts';
import { tierTable } from '../metrics/dora-tiers.ts';
import type { MetricRow } from '../metrics/types.ts';
import { loadRows } from './load.ts';
import { slugs } from './slug.ts';
import { changesPage, type OperationRefs } from './changes-page.ts';
import { deliveryPage } from './delivery-page.ts';
import { itemStarts, rowSources } from './operations-inputs.ts';
import type { ChangesPage } from './model-changes.ts';
import type { DeliveryPage } from './model-delivery.ts';
import type { EnvironmentRef } from './model-environments.ts';
import type { ReleaseRef } from './model-releases.ts';

export interface OperationsInputs {
  timeZone: string;
  asOf: string;
  /** The DORA report year whose tier thresholds apply. */
  reportYear: number;
  systems: readonly Row<'system'>[];
  environments: readonly Row<'environment'>[];
  releases: readonly Row<'release'>[];
  incidents: readonly Row<'incident'>[];
  freezes: readonly Row<'freeze_window'>[];
  /** Releases and environments as the other pages link them. */
  releaseRefs: readonly ReleaseRef[];
  environmentRefs: readonly EnvironmentRef[];
}

export async function operations(db: Db, input: OperationsInputs): Promise<{ changes: ChangesPage; delivery: DeliveryPage; metrics: MetricRow[] }> {
  // Grouping the delivered work items is DuckDB's longest work here: a second connection does it
  // while this one loads the changes and deployments.
  const side = await db.connect();
  const starts = itemStarts(side).finally(() => side.close());
  starts.catch(() => {}); // handled where awaited
  const changeRows = await loadRows(db, 'change');
  const { incidents, freezes, releases } = input;
  // One fact per row, in the rows' (key) order.
  const deployments = deploymentFacts(await loadRows(db, 'deployment'), input.environments);
  const sources = await rowSources(db, {
    change: changeRows.map((c) => c.number), incident: incidents.map((i) => i.number), deployment: deployments.map((d) => d.id), release: releases.map((r) => r.id),
  });

  const systemName = new Map(input.systems.map((s) => [s.id, s.name ?? s.id]));
  // Only the reference: the rows these come from carry every column of their own pages.
  const release = new Map(input.releaseRefs.map((r): [string, ReleaseRef] => [r.id, { id: r.id, slug: r.slug, name: r.name }]));
  const changeSlug = slugs([...changeRows.map((c) => c.number), ...incidents.flatMap((i) => (i.caused_by_change ? [i.caused_by_change] : []))]);
  const incidentSlug = slugs(incidents.map((i) => i.number));
  const refs: OperationRefs = {
    system: (id) => (id ? { id, name: systemName.get(id) ?? id } : null),
    release: (id) => (id ? release.get(id) ?? null : null),
    change: (number) => ({ number, slug: changeSlug.get(number)! }),
    incident: (number) => ({ number, slug: incidentSlug.get(number)! }),
    source: (kind, id) => sources[kind].get(id) ?? { file: null, line: null, pointer: null },
  };

  const dated = dateChanges(changeRows, freezes, input.timeZone);
  const analysis = analyseChanges(dated);
  const attributions = attributeIncidents(incidents, changeRows, deployments);
  const emergencyReleases = new Map<string, string>();
  for (const c of changeRows) if (c.type === 'emergency' && c.release_id) emergencyReleases.set(c.release_id, `is named by the emergency change ${c.number}`);
  for (const r of releases) if (r.type === 'emergency') emergencyReleases.set(r.id, 'is of type emergency');
  const owners = new Map(input.systems.flatMap((s) => (s.owner ? [[s.id, s.owner] as const] : [])));
  const result = delivery({
    deployments, attributions, incidents, owners, emergencyReleases, items: await starts, timeZone: input.timeZone, asOf: input.asOf,
  });
  const table = tierTable(input.reportYear);
  return {
    changes: changesPage({ analysis, incidents, freezes, refs, timeZone: input.timeZone, asOf: input.asOf }),
    delivery: deliveryPage({
      delivery: result, attributions, incidents, changes: changeRows, deployments,
      environments: new Map(input.environmentRefs.map((e): [string, EnvironmentRef] => [e.id, { id: e.id, slug: e.slug, name: e.name }])), refs, table, reportYear: input.reportYear,
    }),
    metrics: [...changeMetrics(analysis, input.asOf), ...deliveryMetrics(result, attributions, table, input.reportYear)],
  };
}
