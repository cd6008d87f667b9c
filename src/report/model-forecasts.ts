// The report model of the forecasts page (docs/metrics.md#forecasts): a Monte Carlo forecast of each
// open release's completion date, and the backtest of the same method on releases that have shipped.
// Everything is precomputed: pages only render. Dates are `YYYY-MM-DD` (calendar days in the report's
// time zone); weeks are ISO weeks given as `YYYY-Www` and as their Monday.
import type { ForecastSettings } from '../metrics/forecast.ts';
import type { ForecastOutcome } from '../metrics/forecast-release.ts';
import type { BacktestRow } from '../metrics/backtest.ts';
import type { ReleaseRef, ReleaseState } from './model-releases.ts';

/** seed, trials, windowDays, horizonDays, backtestEveryDays, backtestTrials, backtestTrialBudget, backtestMinTrials (see metrics/forecast.ts). */
export type { ForecastSettings };

/** Daily throughput of the teams a forecast draws from, over its window. */
export interface ThroughputWindow {
  /** Team names; an item without a team counts as its project's (`project PAY`). */
  teams: string[];
  /** First and last day of the window (inclusive); `to` is the day before the forecast's as-of date. */
  from: string;
  to: string;
  /** Items resolved as done each day of the window, `from` first (zero days included). */
  daily: number[];
  /** Items resolved in the window, and per day on average. */
  resolved: number;
  mean: number;
  /** Days of the window on which nothing was resolved. */
  zeroDays: number;
}

/**
 * Days measured on each of the teams' past releases (shipped by the forecast's as-of date), that the
 * trials draw from: the lag from "the last work item resolved" to "released" (none known: 0), or how
 * many days before its planned date a release went out (0 when on or after it; none known: 0).
 */
export interface LagSample {
  /** Shipped releases of the teams it was measured on. */
  releases: number;
  /** Each release's value in days (≥ 0), ascending. */
  days: number[];
  median: number | null;
}

/** Scope growth seen on the teams' past releases of the same type, from the same stage of their plan. */
export interface GrowthSample {
  releases: number;
  /** Items created by each one's release ÷ items created by that stage (≥ 1), ascending; empty: the scope is taken as known. */
  factors: number[];
  median: number | null;
}

/**
 * Why a release has no forecast, or has one: `forecast` (every field filled in); `no_items` (no work
 * items belong to it: its scope is unknown); `no_throughput` (its teams resolved nothing in the window:
 * the work would never be done).
 */
export type { ForecastOutcome };

export interface ReleaseForecast {
  release: ReleaseRef;
  /** overdue, in_progress or planned: the states of a release that has not shipped. */
  state: ReleaseState;
  projectId: string | null;
  plannedRelease: string | null;
  outcome: ForecastOutcome;
  /** The outcome in words, with its basis ("12 of 18 items remain; …; Payments Core resolved 104 items from … to …; …"). */
  reason: string;
  /** Work items of the release (epics excluded), and those not done on the as-of date. */
  items: number;
  remaining: number;
  /** Items of the same teams, not done, in open releases planned to ship first: the trials do them first. */
  ahead: number;
  /** The random stream's name: `seed` and this name fix the trials (`forecast/<release id>/<as-of date>`). */
  stream: string;
  /** Null for `no_items`. */
  throughput: ThroughputWindow | null;
  growth: GrowthSample | null;
  lag: LagSample | null;
  /** How early the teams' past releases went out: a trial's date is never earlier than the plan less one of these. */
  early: LagSample | null;
  /**
   * forecast.p50_date, p85_date, p95_date: the quantile of the trials' completion dates, rounded up
   * to a whole day. Null without a forecast, or when the quantile lies beyond the horizon
   * (`beyondHorizon` then exceeds 1 − p).
   */
  p50: string | null;
  p85: string | null;
  p95: string | null;
  /** The last day a trial can reach; later completions count as beyond it. */
  horizon: string | null;
  /** Share of trials not done by the horizon (0 when all finished); null without a forecast. */
  beyondHorizon: number | null;
  /** forecast.on_time_probability: share of trials completing on or before the planned release date; null without a plan or a forecast. */
  onTimeProbability: number | null;
  /** Trials per ISO week of their completion date, from the first week any trial reached to the last (zero weeks included). */
  histogram: Array<{ week: string; monday: string; trials: number }>;
}

/** One forecast of the backtest (src/metrics/backtest.ts), naming its release for the page. */
export type BacktestForecast = Omit<BacktestRow, 'releaseId'> & { release: ReleaseRef };

export interface BacktestSummary {
  forecasts: number;
  /** Distinct releases the forecasts are of. */
  releases: number;
  /** forecast.backtest_hit_rate_p50 / _p85; null without forecasts. */
  hitRateP50: number | null;
  hitRateP85: number | null;
}

export interface Backtest extends BacktestSummary {
  /** The dates forecasts were made as of, oldest first. */
  dates: string[];
  /** Trials per forecast: settings.backtestTrials, fewer when the backtest makes more forecasts than its budget allows that many. */
  trials: number;
  /** By how far ahead the forecast was made: 1–4 weeks, 5–8 weeks, 9–12 weeks, 13 weeks or more. */
  byLeadTime: Array<BacktestSummary & { label: string; minDays: number; maxDays: number | null }>;
  /** Every forecast, by date then release id. */
  rows: BacktestForecast[];
  /** Forecasts that could not be made, counted by reason (e.g. "no work items known yet"). */
  skipped: Array<{ reason: string; count: number }>;
}

export interface ForecastsPage {
  settings: ForecastSettings;
  /** Open releases (not released by the as-of date, not cancelled): those with a forecast first, by P85 date, then the rest by id. */
  releases: ReleaseForecast[];
  backtest: Backtest;
}
