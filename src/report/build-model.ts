// Assembles the report model from the database: the only place the site's numbers come from.
import type { Db } from '../db/duckdb.ts';
import { dependencyGraph, dependencyMetrics } from '../metrics/dependencies.ts';
import { releaseMetrics, sizeMetrics } from '../metrics/releases.ts';
import { environmentMetrics, occupancy } from '../metrics/environments.ts';
import { demandMetrics, demandPlan } from '../metrics/environment-demand.ts';
import { progressMetrics, testLoad, testLoadMetrics, testProgress } from '../metrics/quality.ts';
import { defectFlow, defectMetrics, defectsByScope } from '../metrics/quality-defects.ts';
import type { MetricRow } from '../metrics/types.ts';
import { TOOL_VERSION } from '../version.ts';
import { loadRows } from './load.ts';
import { dataQuality } from './data-quality.ts';
import { overviewCounts, projectSummaries, releasesByMonth, workCounts } from './overview.ts';
import { dependenciesPage, releaseSizes, releasesPage, totals } from './releases-page.ts';
import { environmentsPage } from './environments-page.ts';
import { defectInputs, qualityPage } from './quality-page.ts';
import { slugs } from './slug.ts';
import { operations } from './operations.ts';
import { LATEST_REPORT_YEAR } from '../metrics/dora-tiers.ts';
import type { ReportModel } from './model.ts';

export interface ModelOptions {
  /** Overrides the ingest's reference date. */
  asOf?: string;
  /** The DORA report year whose tier thresholds apply (config `delivery.reportYear`; default the latest known). */
  reportYear?: number;
}

/** Sorted so that the export is stable whatever order the metric families ran in. */
function sortMetrics(rows: MetricRow[]): MetricRow[] {
  const key = (r: MetricRow) => `${r.metric}\u0000${r.scope_kind}\u0000${r.scope_id}\u0000${r.period}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export async function buildModel(db: Db, opts: ModelOptions = {}): Promise<ReportModel> {
  const quality = await dataQuality(db);
  const asOf = opts.asOf ?? quality.run?.asOf;
  if (!asOf) throw new Error('no reference date: the data has no dated events; pass --as-of YYYY-MM-DD');
  const timeZone = quality.run?.timeZone ?? 'UTC';
  const projects = await loadRows(db, 'project');
  const systems = await loadRows(db, 'system');
  const releases = await loadRows(db, 'release');
  const graph = dependencyGraph(releases, await loadRows(db, 'release_dependency'));
  const sizes = await releaseSizes(db);
  const releasesModel = await releasesPage(db, { releases, projects, systems, graph, sizes, slugs: slugs(releases.map((r) => r.id)) }, asOf, timeZone);
  const environmentRows = await loadRows(db, 'environment');
  const occ = occupancy(environmentRows, await loadRows(db, 'booking'), timeZone);
  const capacity = await loadRows(db, 'capacity');
  const plan = demandPlan(occ, releases, await loadRows(db, 'release_phase'), capacity, asOf);
  const cycles = await loadRows(db, 'test_cycle');
  const load = testLoad(cycles, capacity);
  const progress = testProgress(cycles, asOf);
  const items = await defectInputs(db, timeZone);
  const defects = { scopes: defectsByScope(items.groups, releases), flow: defectFlow(items.days, asOf) };
  const environments = environmentsPage({ occupancy: occ, plan, releases: releasesModel.rows, projects }, asOf);
  const ops = await operations(db, {
    timeZone, asOf, reportYear: opts.reportYear ?? quality.run?.reportYear ?? LATEST_REPORT_YEAR, systems, environments: environmentRows,
    releaseRefs: releasesModel.rows, environmentRefs: environments.environments,
  });
  return {
    meta: { title: 'Release Almanac', asOf, timeZone, toolVersion: TOOL_VERSION },
    nav: [
      { path: '', label: 'Overview' },
      { path: 'releases/', label: 'Releases' },
      { path: 'dependencies/', label: 'Dependencies' },
      { path: 'environments/', label: 'Environments' },
      { path: 'quality/', label: 'Quality' },
      { path: 'data/', label: 'Data' },
    ],
    overview: {
      counts: await overviewCounts(db, projects, releases, asOf),
      releasesByMonth: releasesByMonth(releases, asOf),
      projects: projectSummaries(projects, releases, await workCounts(db), asOf),
    },
    releases: releasesModel,
    dependencies: dependenciesPage(releasesModel, graph),
    environments,
    quality: qualityPage({ load, progress, ...defects, releases: releasesModel.rows, systems }),
    changes: ops.changes,
    delivery: ops.delivery,
    dataQuality: quality,
    metrics: sortMetrics([
      ...releaseMetrics(releases, asOf), ...sizeMetrics(releases, totals(sizes), asOf), ...dependencyMetrics(graph),
      ...environmentMetrics(occ, asOf), ...demandMetrics(occ, plan),
      ...testLoadMetrics(load), ...progressMetrics(progress), ...defectMetrics(defects.scopes, defects.flow),
      ...ops.metrics,
    ]),
  };
}
