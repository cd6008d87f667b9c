// The forecasts and backtest pages' words and tables: every open release's dates, each forecast's
// basis, the backtest's hit rates by lead time, the forecasts it skipped and every forecast it made.
import type { ForecastSettings, ReleaseForecast, Backtest, BacktestForecast } from '../report/model-forecasts.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import { formatCount, formatDate, formatNumber, formatPercent, MISSING, plural } from './format.ts';
import { rel } from './links.ts';
import { stateLabel } from './release-states.ts';
import { releasePath } from './releases-table.ts';
import { countCell, dateCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

export const FORECASTS_PAGE = 'forecasts/';
export const BACKTEST_PAGE = 'forecasts/backtest/';
export const FORECASTS_CSS = 'assets/forecasts.css';
/** Histograms beyond this many would weigh the page down (an enterprise portfolio has hundreds of open releases). */
export const MAX_HISTOGRAMS = 30;


/** The anchor of a release's forecast (or of why it has none) on the forecasts page. */
export const forecastAnchor = (ref: ReleaseRef) => `forecast-${ref.slug}`;

/** What fixes every trial, for a reader who wants the same dates again: "10,000 trials, seed 1, 90-day window". */
export function settingsText(s: ForecastSettings, trials = s.trials): string {
  return `${plural(trials, 'trial', 'trials')}, seed ${s.seed}, ${s.windowDays}-day window`;
}

/**
 * A chance as a whole percentage that never rounds to a certainty it is not: 0.0012 reads `<1%`,
 * 0.9996 `>99%`.
 */
export function formatChance(ratio: number | null): string {
  if (ratio !== null && ratio > 0 && ratio < 0.005) return '<1%';
  if (ratio !== null && ratio < 1 && ratio >= 0.995) return '>99%';
  return formatPercent(ratio);
}

/** A quantile date, or where it went: past the horizon (a forecast's null quantile) or none made. */
export function quantileText(date: string | null, horizon: string | null): string {
  return date === null && horizon !== null ? `after ${horizon}` : formatDate(date);
}

/** A quantile date as a cell; `beyond` reads for a null one (past the horizon), sorting after every date. */
function quantileCell(date: string | null, beyond: string | null): Cell {
  if (date !== null) return { text: date };
  return beyond === null ? textCell(null) : { text: beyond, sort: '9999' };
}

/**
 * The backtest's dates and counts without `data-sort`: an ISO date and a count under 1,000 sort as
 * they read, and on hundreds of rows the attribute would add a third to the page.
 */
const plainDate = (iso: string): Cell => ({ text: iso });
const plainCount = (n: number): Cell => (n < 1000 ? { text: String(n) } : countCell(n));

const OUTCOME_WORDS: Record<ReleaseForecast['outcome'], string> = { forecast: 'Forecast', no_items: 'No forecast: no work items', no_throughput: 'No forecast: no throughput' };

export const SUMMARY_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'State' },
  { label: 'Planned release', kind: 'date' },
  { label: 'P50', kind: 'date' },
  { label: 'P85', kind: 'date' },
  { label: 'P95', kind: 'date' },
  { label: 'On time', kind: 'number' },
  { label: 'Remaining items', kind: 'number' },
  { label: 'Details' },
];

/** One row per open release, in the model's order; the last cell links to the release's section below. */
export function summaryRows(releases: readonly ReleaseForecast[], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return releases.map((f) => {
    const beyond = f.horizon === null ? null : quantileText(null, f.horizon);
    return [
      linkCell(label(f.release), rel(page, releasePath(f.release.slug))),
      { text: stateLabel(f.state), sort: f.state },
      dateCell(f.plannedRelease),
      ...[f.p50, f.p85, f.p95].map((date) => quantileCell(date, beyond)),
      { text: formatChance(f.onTimeProbability), sort: f.onTimeProbability },
      { text: f.items ? `${formatCount(f.remaining)} of ${formatCount(f.items)}` : MISSING, sort: f.items ? f.remaining : null },
      { text: OUTCOME_WORDS[f.outcome], href: `#${forecastAnchor(f.release)}` },
    ];
  });
}

const hundredths = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A sample's spread in words: "×1 to ×1.1 (median ×1.02), from 4 past releases", "0 to 3 days (median 1), …". */
function sample(s: { releases: number; days?: number[]; factors?: number[]; median: number | null } | null, none: string): string {
  const values = s?.days ?? s?.factors ?? [];
  if (s === null || values.length === 0) return none;
  const [lo, hi] = [values[0]!, values.at(-1)!];
  const n = (v: number) => (s.days ? hundredths.format(v) : `×${hundredths.format(v)}`);
  const unit = !s.days ? '' : lo === 1 && hi === 1 ? ' day' : ' days';
  const spread = lo === hi ? `${n(lo)}${unit}` : `${n(lo)} to ${n(hi)}${unit} (median ${n(s.median ?? lo)})`;
  return `${spread}, from ${plural(s.releases, 'past release', 'past releases')}`;
}

/** A forecast's dates, as label and words for a description list. */
export function headlineFacts(f: ReleaseForecast): Array<[string, string]> {
  return [
    ['P50', quantileText(f.p50, f.horizon)],
    ['P85', quantileText(f.p85, f.horizon)],
    ['P95', quantileText(f.p95, f.horizon)],
    ['Planned release', formatDate(f.plannedRelease)],
    ['On time', f.plannedRelease === null ? 'no plan' : formatChance(f.onTimeProbability)],
  ];
}

/** What a forecast rests on, as label and words for a description list. */
export function basisFacts(f: ReleaseForecast): Array<[string, string]> {
  const t = f.throughput;
  return [
    ['Remaining items', `${formatCount(f.remaining)} of ${formatCount(f.items)}`],
    ['Items ahead (same teams, due first)', formatCount(f.ahead)],
    ['Throughput window', t ? `${t.teams.join(', ')}: ${formatCount(t.resolved)} items resolved ${t.from} to ${t.to}, ${formatNumber(t.mean)} a day, ${plural(t.zeroDays, 'day', 'days')} with none` : MISSING],
    ['Scope growth', sample(f.growth, 'none drawn: the scope is taken as known')],
    ['Lag from work done to release', sample(f.lag, 'none known: released the day the work is done')],
    ['Early release margin', sample(f.early, 'none known: not before the planned date')],
  ];
}

export const LEAD_COLUMNS: Column[] = [
  { label: 'Made before the actual release' },
  { label: 'Forecasts', kind: 'number' },
  { label: 'Releases', kind: 'number' },
  { label: 'P50 hit rate', kind: 'number' },
  { label: 'P85 hit rate', kind: 'number' },
];

export function leadRows(byLeadTime: Backtest['byLeadTime']): Cell[][] {
  return byLeadTime.map((b) => [
    { text: b.label, sort: b.minDays }, countCell(b.forecasts), countCell(b.releases), percentCell(b.hitRateP50), percentCell(b.hitRateP85),
  ]);
}

export const SKIPPED_COLUMNS: Column[] = [{ label: 'Why no forecast was made' }, { label: 'Forecasts', kind: 'number' }];

export function skippedRows(skipped: Backtest['skipped']): Cell[][] {
  return skipped.map((s) => [textCell(s.reason), countCell(s.count)]);
}

export const BACKTEST_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'Made as of', kind: 'date' },
  { label: 'Days ahead', kind: 'number' },
  { label: 'Actual release', kind: 'date' },
  { label: 'P50', kind: 'date' },
  { label: 'P85', kind: 'date' },
  { label: 'P95', kind: 'date' },
  { label: 'Hit P50' },
  { label: 'Hit P85' },
  { label: 'Known', kind: 'number' },
  { label: 'Remaining', kind: 'number' },
  { label: 'Added later', kind: 'number' },
];

// "hit" sorts before "miss" as text.
const hitCell = (hit: boolean): Cell => ({ text: hit ? 'hit' : 'miss' });

/** A backtest quantile is null when it lies beyond its forecast's horizon. */
export function backtestRows(rows: readonly BacktestForecast[], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  return rows.map((r) => [
    linkCell(label(r.release), rel(page, releasePath(r.release.slug))),
    plainDate(r.asOf),
    plainCount(r.daysBefore),
    plainDate(r.actualRelease),
    ...[r.p50, r.p85, r.p95].map((date) => quantileCell(date, 'beyond')),
    hitCell(r.hitP50),
    hitCell(r.hitP85),
    plainCount(r.known),
    plainCount(r.remaining),
    plainCount(r.addedLater),
  ]);
}
