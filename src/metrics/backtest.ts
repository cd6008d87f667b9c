// The forecasts' backtest (docs/metrics.md#forecasts): forecasts made as of past dates, by the same
// method and with only what was known then, for releases that have shipped since; scored by the share
// whose actual release fell on or before their P50 and P85 dates.
import { backtestTrialsEach, type ForecastSettings } from './forecast.ts';
import { forecastAt } from './forecast-release.ts';
import { openAt, openIds, type History, type ReleasePlan } from './forecast-history.ts';
import { addDays, daysBetween } from './periods.ts';
import { ratio, round } from './stats.ts';
import type { MetricRow } from './types.ts';

/** One forecast of the backtest: made as of a past date, scored against what happened. */
export interface BacktestRow {
  releaseId: string;
  /** The past date the forecast was made as of. */
  asOf: string;
  actualRelease: string;
  plannedRelease: string | null;
  /** actualRelease − asOf. */
  daysBefore: number;
  /** Work items known on `asOf` (created by then), and those not done by then. */
  known: number;
  remaining: number;
  /** Items of the release created after `asOf` (unknown to the forecast: scope added later). */
  addedLater: number;
  p50: string | null;
  p85: string | null;
  p95: string | null;
  /** The actual release fell on or before the P50 / P85 date. */
  hitP50: boolean;
  hitP85: boolean;
}

export interface HitRates {
  forecasts: number;
  releases: number;
  hitRateP50: number | null;
  hitRateP85: number | null;
}

export interface BacktestResult {
  dates: string[];
  /** Trials per forecast (backtestTrialsEach). */
  trials: number;
  rows: BacktestRow[];
  /** Forecasts that could not be made, by reason. */
  skipped: Map<string, number>;
}

/**
 * Every `backtestEveryDays` days back from the as-of date (itself excluded: nothing open then has
 * shipped), as long as the whole throughput window lies after the first work item's creation.
 */
export function backtestDates(h: History, asOf: string, settings: ForecastSettings): string[] {
  if (h.firstDay === null) return [];
  const out: string[] = [];
  for (let d = addDays(asOf, -settings.backtestEveryDays); addDays(d, -settings.windowDays) >= h.firstDay; d = addDays(d, -settings.backtestEveryDays)) out.push(d);
  return out.reverse();
}

/** A quantile date beyond the horizon lies after any actual release the data can hold: a hit. */
const hit = (actual: string, date: string | null) => date === null || actual <= date;

export function backtest(h: History, asOf: string, settings: ForecastSettings): BacktestResult {
  const dates = backtestDates(h, asOf, settings);
  const rows: BacktestRow[] = [];
  const skipped = new Map<string, number>();
  // Only releases that have shipped since can be scored, and only those with work items forecast.
  type Scored = ReleasePlan & { actual_release: string };
  const scored = (r: ReleasePlan): r is Scored => r.actual_release !== null && r.actual_release <= asOf && h.items.has(r.id);
  const candidates = dates.map((date) => openIds(h, date).map((id) => h.releases.get(id)!).filter(scored));
  const each = backtestTrialsEach(candidates.reduce((n, rs) => n + rs.length, 0), settings);
  const trials = { ...settings, trials: each };
  for (const [i, date] of dates.entries()) {
    const open = openAt(h, date);
    for (const r of candidates[i]!) {
      const id = r.id;
      const f = forecastAt(h, id, trials, open, { histogram: false });
      if (!f.summary) {
        const why = f.outcome === 'no_items' ? 'no work items known yet' : 'its teams resolved nothing in the window';
        skipped.set(why, (skipped.get(why) ?? 0) + 1);
        continue;
      }
      const { p50, p85, p95 } = f.summary;
      rows.push({
        releaseId: id, asOf: date, actualRelease: r.actual_release, plannedRelease: r.planned_release,
        daysBefore: daysBetween(date, r.actual_release), known: f.scope.known, remaining: f.scope.remaining, addedLater: f.scope.addedLater,
        p50, p85, p95, hitP50: hit(r.actual_release, p50), hitP85: hit(r.actual_release, p85),
      });
    }
  }
  return { dates, trials: each, rows, skipped: new Map([...skipped].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

export function hitRates(rows: readonly BacktestRow[]): HitRates {
  return {
    forecasts: rows.length,
    releases: new Set(rows.map((r) => r.releaseId)).size,
    hitRateP50: ratio(rows.filter((r) => r.hitP50).length, rows.length),
    hitRateP85: ratio(rows.filter((r) => r.hitP85).length, rows.length),
  };
}

/** The lead times the backtest is broken down by, in days before the actual release (inclusive). */
export const LEAD_TIMES: ReadonlyArray<{ label: string; minDays: number; maxDays: number | null }> = [
  { label: '1–4 weeks', minDays: 1, maxDays: 28 },
  { label: '5–8 weeks', minDays: 29, maxDays: 56 },
  { label: '9–12 weeks', minDays: 57, maxDays: 84 },
  { label: '13 weeks or more', minDays: 85, maxDays: null },
];

export function byLeadTime(rows: readonly BacktestRow[]): Array<HitRates & (typeof LEAD_TIMES)[number]> {
  return LEAD_TIMES.map((l) => ({ ...l, ...hitRates(rows.filter((r) => r.daysBefore >= l.minDays && (l.maxDays === null || r.daysBefore <= l.maxDays))) }));
}

/** forecast.backtest_hit_rate_p50 and _p85 (all, period all), written when the backtest made a forecast. */
export function backtestMetrics(result: BacktestResult, settings: ForecastSettings): MetricRow[] {
  const s = hitRates(result.rows);
  if (s.forecasts === 0) return [];
  const basis = `forecasts of ${s.releases} shipped releases made every ${settings.backtestEveryDays} days from ${result.dates[0]} to ${result.dates[result.dates.length - 1]}`;
  const row = (p: 50 | 85, value: number | null, hits: number): MetricRow => ({
    metric: `forecast.backtest_hit_rate_p${p}`, scope_kind: 'all', scope_id: '*', period: 'all', value: round(value), unit: 'ratio',
    detail: `${hits} of ${s.forecasts} ${basis}: released on or before their P${p} date`,
  });
  return [
    row(50, s.hitRateP50, result.rows.filter((r) => r.hitP50).length),
    row(85, s.hitRateP85, result.rows.filter((r) => r.hitP85).length),
  ];
}
