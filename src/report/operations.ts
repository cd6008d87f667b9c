// Change management and delivery (DORA): loads the changes, incidents, deployments and freezes, attributes
// the incidents, and assembles both pages and their metric rows.
import type { Db } from '../db/duckdb.ts';
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

export interface OperationsJob {
  /** The database file: the operations thread opens its own connection (operations-thread.ts). */
  db: string;
  timeZone: string;
  asOf: string;
  /** The DORA report year whose tier thresholds apply. */
  reportYear: number;
}

/** Releases and environments as the other pages link them: known once the release and environment pages are built. */
export interface OperationsRefs {
  releaseRefs: readonly ReleaseRef[];
  environmentRefs: readonly EnvironmentRef[];
}

export interface Operations {
  changes: ChangesPage;
  delivery: DeliveryPage;
  metrics: MetricRow[];
}

/** Everything is read from `db`; the rows are loaded while `pageRefs` are still being worked out. */
export async function operations(db: Db, input: OperationsJob, pageRefs: Promise<OperationsRefs>): Promise<Operations> {
  // Grouping the delivered work items is DuckDB's longest work here: a second connection does it
  // while this one loads the changes and deployments.
  const side = await db.connect();
  const starts = itemStarts(side).finally(() => side.close());
  starts.catch(() => {}); // handled where awaited
  const changeRows = await loadRows(db, 'change');
  const [systems, environments, releases, incidents, freezes] = [
    await loadRows(db, 'system'), await loadRows(db, 'environment'), await loadRows(db, 'release'), await loadRows(db, 'incident'), await loadRows(db, 'freeze_window'),
  ];
  // One fact per row, in the rows' (key) order.
  const deployments = deploymentFacts(await loadRows(db, 'deployment'), environments);
  const sources = await rowSources(db, {
    change: changeRows.map((c) => c.number), incident: incidents.map((i) => i.number), deployment: deployments.map((d) => d.id), release: releases.map((r) => r.id),
  });
  const { releaseRefs, environmentRefs } = await pageRefs;

  const systemName = new Map(systems.map((s) => [s.id, s.name ?? s.id]));
  const release = new Map(releaseRefs.map((r) => [r.id, r]));
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
  const owners = new Map(systems.flatMap((s) => (s.owner ? [[s.id, s.owner] as const] : [])));
  const result = delivery({
    deployments, attributions, incidents, owners, emergencyReleases, items: await starts, timeZone: input.timeZone, asOf: input.asOf,
  });
  const table = tierTable(input.reportYear);
  return {
    changes: changesPage({ analysis, incidents, freezes, refs, timeZone: input.timeZone, asOf: input.asOf }),
    delivery: deliveryPage({
      delivery: result, attributions, incidents, changes: changeRows, deployments,
      environments: new Map(environmentRefs.map((e) => [e.id, e])), refs, table, reportYear: input.reportYear,
    }),
    metrics: [...changeMetrics(analysis, input.asOf), ...deliveryMetrics(result, attributions, table, input.reportYear)],
  };
}
