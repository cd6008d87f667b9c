// The report model: everything the pages show, computed before Astro runs (pages only read it).
import type { MetricRow } from '../metrics/types.ts';
import type { DependenciesPage, ReleasesPage } from './model-releases.ts';
import type { EnvironmentsPage, QualityPage } from './model-environments.ts';
import type { ChangesPage } from './model-changes.ts';
import type { DeliveryPage } from './model-delivery.ts';
import type { ForecastsPage } from './model-forecasts.ts';
import type { PortfolioModel } from './model-portfolio.ts';
import type { MonthlySection } from './model-monthly.ts';

export interface NavItem {
  /** Site-relative path with a trailing slash, e.g. `data/`; `''` is the overview. */
  path: string;
  label: string;
}

export interface ProjectSummary {
  id: string;
  name: string;
  portfolio: string | null;
  program: string | null;
  owner: string | null;
  releases: number;
  released: number;
  /** Share of released releases that shipped on or before their planned date; null when none shipped. */
  onTimeRate: number | null;
  /** Next planned release (earliest planned date not yet released). */
  nextRelease: { id: string; name: string; planned: string | null } | null;
  workItems: number;
  openWorkItems: number;
}

export interface MonthReleases {
  /** `YYYY-MM` */
  month: string;
  released: number;
  onTime: number;
  late: number;
  /** null when nothing was released that month. */
  onTimeRate: number | null;
  slipMedian: number | null;
  slipP85: number | null;
}

export interface DataQuality {
  run: {
    asOf: string | null;
    timeZone: string;
    /** The DORA report year the config chose at ingest (delivery.reportYear); null: the latest. */
    reportYear: number | null;
    /** The forecasts' seed and throughput window the config chose at ingest (forecast.seed, forecast.windowDays); null: the defaults. */
    forecastSeed: number | null;
    forecastWindowDays: number | null;
    /** The days of grace before a month is frozen (monthly.graceDays); null: the default. Absent from models made before monthly pages. */
    monthlyGraceDays?: number | null;
    files: number;
    rowsLoaded: number;
    rowsRejected: number;
    toolVersion: string;
    /** The person fields (`entity.field`) that hold pseudonyms, when the ingest ran with `--pseudonymize people`; null: names as exported. */
    pseudonymized: string[] | null;
  } | null;
  files: Array<{ path: string; adapter: string; format: string; entities: string[]; records: number; rows: number; rejected: number; encoding: string | null }>;
  warnings: Array<{ path: string; code: string; message: string; count: number }>;
  /** The first rejects (at most a few hundred); `rejectCount` says how many there are. */
  rejects: Array<{ path: string; line: number | null; pointer: string | null; entity: string; field: string | null; value: string | null; expected: string }>;
  rejectCount: number;
  /** Rows per canonical table. */
  tables: Array<{ table: string; label: string; rows: number }>;
}

export interface ReportModel {
  meta: {
    title: string;
    /** The reference date every "today" uses. */
    asOf: string;
    timeZone: string;
    toolVersion: string;
  };
  nav: NavItem[];
  overview: {
    counts: Array<{ label: string; value: number }>;
    releasesByMonth: MonthReleases[];
    projects: ProjectSummary[];
  };
  releases: ReleasesPage;
  dependencies: DependenciesPage;
  environments: EnvironmentsPage;
  quality: QualityPage;
  changes: ChangesPage;
  delivery: DeliveryPage;
  forecasts: ForecastsPage;
  /** Consolidated status, project and portfolio/program pages, staffing and spend, conflicts, lessons. */
  portfolio: PortfolioModel;
  /** Monthly status pages, closed months read from their frozen snapshots. */
  monthly: MonthlySection;
  dataQuality: DataQuality;
  metrics: MetricRow[];
}

/** What the pages read (read-model.ts): the metric rows go to data/metrics.csv only. */
export type SiteModel = Omit<ReportModel, 'metrics'>;
