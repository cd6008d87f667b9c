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
import { operationsInThread, type OperationsRun } from './operations-thread.ts';
import { LATEST_REPORT_YEAR } from '../metrics/dora-tiers.ts';
import type { DataQuality, ReportModel } from './model.ts';
import { SITE_NAV } from './nav.ts';
import { forecastsPage, releaseForecasts } from './forecasts-page.ts';
import { forecastsInThread } from './forecasts-thread.ts';
import { FORECAST_DEFAULTS, type ForecastSettings } from '../metrics/forecast.ts';
import { portfolioModel } from './portfolio-page.ts';
import { portfolioChanges, portfolioItems } from './portfolio-inputs.ts';
import { previousSnapshot } from './status-history.ts';
import { incidentMetrics, utilizationByMonth } from '../metrics/monthly-kpis.ts';
import { monthlySection } from './monthly-snapshots.ts';
import { MONTHLY_DEFAULTS } from './model-monthly.ts';

export interface ModelOptions {
  /** Overrides the ingest's reference date. */
  asOf?: string;
  /** The DORA report year whose tier thresholds apply (config `delivery.reportYear`; default the latest known). */
  reportYear?: number;
  /** The forecasts' seed and throughput window (config `forecast.seed`, `forecast.windowDays`; default the ingest's). */
  forecastSeed?: number;
  forecastWindowDays?: number;
  /** Folder of the status snapshots compared with for "what changed" (status-history.ts); none: nothing to compare with. */
  statusDir?: string;
  /** Folder of the frozen monthly pages (monthly-snapshots.ts), the grace days before a month freezes (config `monthly.graceDays`; default the ingest's), and a closed month to recompute on purpose. */
  monthlyDir?: string;
  monthlyGraceDays?: number;
  refreeze?: string;
}

/** Sorted so that the export is stable whatever order the metric families ran in. */
function sortMetrics(rows: MetricRow[]): MetricRow[] {
  // Keys built once: hundreds of thousands of rows at enterprise scale.
  const keyed = rows.map((r) => ({ r, key: `${r.metric}\u0000${r.scope_kind}\u0000${r.scope_id}\u0000${r.period}` }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ r }) => r);
}

/** The parts of the model final before the model threads have finished (the largest, at enterprise scale). */
export type EarlyParts = Pick<ReportModel, 'releases' | 'dependencies' | 'environments' | 'quality'>;

/** `early`: given those parts while this thread would otherwise only wait for the others (model-child.ts writes them then). */
export async function buildModel(db: Db, opts: ModelOptions = {}, early?: (parts: EarlyParts) => void): Promise<ReportModel> {
  const quality = await dataQuality(db);
  const asOf = opts.asOf ?? quality.run?.asOf;
  if (!asOf) throw new Error('no reference date: the data has no dated events; pass --as-of YYYY-MM-DD');
  const timeZone = quality.run?.timeZone ?? 'UTC';
  const windowDays = opts.forecastWindowDays ?? quality.run?.forecastWindowDays ?? FORECAST_DEFAULTS.windowDays;
  const settings = { ...FORECAST_DEFAULTS, seed: opts.forecastSeed ?? quality.run?.forecastSeed ?? FORECAST_DEFAULTS.seed, windowDays };
  // First: the forecasts' thread works while the rest of the model is built.
  const forecastRun = forecastsInThread({ db: db.path, timeZone, asOf, settings });
  const opsRun = operationsInThread({ db: db.path, timeZone, asOf, reportYear: opts.reportYear ?? quality.run?.reportYear ?? LATEST_REPORT_YEAR });
  // A model that fails before the operations thread has its references would leave it waiting for them.
  return assemble(db, opts, { quality, asOf, timeZone, windowDays, settings }, forecastRun, opsRun, early).catch((err: unknown) => {
    opsRun.stop();
    throw err;
  });
}

async function assemble(
  db: Db,
  opts: ModelOptions,
  { quality, asOf, timeZone, windowDays, settings }: { quality: DataQuality; asOf: string; timeZone: string; windowDays: number; settings: ForecastSettings },
  forecastRun: ReturnType<typeof forecastsInThread>,
  opsRun: OperationsRun,
  early?: (parts: EarlyParts) => void,
): Promise<ReportModel> {
  const projects = await loadRows(db, 'project');
  const systems = await loadRows(db, 'system');
  const releases = await loadRows(db, 'release');
  const graph = dependencyGraph(releases, await loadRows(db, 'release_dependency'));
  const sizes = await releaseSizes(db);
  const releasesModel = await releasesPage(db, { releases, projects, systems, graph, sizes, slugs: slugs(releases.map((r) => r.id)) }, asOf, timeZone);
  const environmentRows = await loadRows(db, 'environment');
  const occ = occupancy(environmentRows, await loadRows(db, 'booking'), timeZone);
  const capacity = await loadRows(db, 'capacity');
  const phases = await loadRows(db, 'release_phase');
  const plan = demandPlan(occ, releases, phases, capacity, asOf);
  const cycles = await loadRows(db, 'test_cycle');
  const load = testLoad(cycles, capacity);
  const progress = testProgress(cycles, asOf);
  const items = await defectInputs(db, timeZone);
  const defects = { scopes: defectsByScope(items.groups, releases), flow: defectFlow(items.days, asOf) };
  const environments = environmentsPage({ occupancy: occ, plan, releases: releasesModel.rows, projects }, asOf);
  // Only what links to them: the rows these come from carry every column of their own pages.
  const ref = ({ id, slug, name }: { id: string; slug: string; name: string }) => ({ id, slug, name });
  opsRun.supply({ releaseRefs: releasesModel.rows.map(ref), environmentRefs: environments.environments.map(ref) });
  const incidents = await loadRows(db, 'incident');
  const freezes = await loadRows(db, 'freeze_window');
  const dependencies = dependenciesPage(releasesModel, graph);
  const qualityModel = qualityPage({ load, progress, ...defects, releases: releasesModel.rows, systems });
  early?.({ releases: releasesModel, dependencies, environments, quality: qualityModel });
  const { open, throughput, backtest } = await forecastRun;
  const ops = await opsRun.result;
  const openForecasts = releaseForecasts(open, releasesModel.rows, settings);
  const portfolio = portfolioModel({
    asOf, timeZone, windowDays, projects, releases, releasesPage: releasesModel, graph, forecasts: openForecasts.releases,
    items: await portfolioItems(db, timeZone, asOf), throughput,
    changes: await portfolioChanges(db), freezes, phases,
    lessons: await loadRows(db, 'lesson'), costs: await loadRows(db, 'cost'), environments, changeRows: ops.changes.rows,
    previous: opts.statusDir ? previousSnapshot(opts.statusDir, asOf) : null,
  });
  const forecasts = forecastsPage(openForecasts, backtest, releasesModel.rows, settings);
  const model: Omit<ReportModel, 'monthly'> = {
    meta: { title: 'Release Almanac', asOf, timeZone, toolVersion: TOOL_VERSION },
    nav: SITE_NAV,
    overview: {
      counts: await overviewCounts(db, projects, releases, asOf),
      releasesByMonth: releasesByMonth(releases, asOf),
      projects: projectSummaries(projects, releases, await workCounts(db), asOf),
    },
    releases: releasesModel,
    dependencies,
    environments,
    quality: qualityModel,
    changes: ops.changes,
    delivery: ops.delivery,
    forecasts: forecasts.page,
    portfolio: portfolio.model,
    dataQuality: quality,
    metrics: sortMetrics([
      ...releaseMetrics(releases, asOf), ...sizeMetrics(releases, totals(sizes), asOf), ...dependencyMetrics(graph),
      ...environmentMetrics(occ, asOf), ...demandMetrics(occ, plan),
      ...testLoadMetrics(load), ...progressMetrics(progress), ...defectMetrics(defects.scopes, defects.flow),
      ...ops.metrics,
      ...forecasts.metrics,
      ...portfolio.metrics,
      ...incidentMetrics(incidents, timeZone, asOf), ...utilizationByMonth(occ),
    ]),
  };
  // The monthly pages come last: their headline numbers are the finished model's metric rows.
  const monthly = monthlySection(
    { asOf, metrics: model.metrics, releases: model.releases.rows, statuses: model.portfolio.releases, lessons: model.portfolio.lessons }, model.portfolio,
    { asOf, graceDays: opts.monthlyGraceDays ?? quality.run?.monthlyGraceDays ?? MONTHLY_DEFAULTS.graceDays, monthlyDir: opts.monthlyDir, statusDir: opts.statusDir, refreeze: opts.refreeze },
  );
  return { ...model, monthly };
}
