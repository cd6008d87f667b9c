// Monte Carlo "when will it be done" (docs/metrics.md#forecasts): each trial draws a day's throughput
// from the window's days, day after day, until the remaining items are done, then adds a lag drawn from
// the teams' past releases. Pure and deterministic: the same inputs and stream give the same trials.
// Days are offsets from the as-of date: day 1 is the day after it.
import { quantileSorted } from 'd3-array';
import { addDays, daysBetween, isoWeekOf } from './periods.ts';
import type { Random } from './random.ts';

/** What the forecasts rest on: the same settings and exports give the same forecasts, byte for byte. */
export interface ForecastSettings {
  /** Config `forecast.seed`: with a forecast's stream name it fixes every random draw. */
  seed: number;
  /** Trials per forecast. */
  trials: number;
  /** Config `forecast.windowDays`: the days of throughput history each forecast samples. */
  windowDays: number;
  /** A trial stops after this many days; the dates it would reach later are reported as beyond it. */
  horizonDays: number;
  /** The backtest's forecasts are made every `backtestEveryDays` days back from the as-of date. */
  backtestEveryDays: number;
  /** Trials per backtest forecast, at most (see backtestTrialsEach). */
  backtestTrials: number;
  /** Trials of the whole backtest, at most, unless that leaves a forecast fewer than `backtestMinTrials`. */
  backtestTrialBudget: number;
  backtestMinTrials: number;
}

export const FORECAST_DEFAULTS: ForecastSettings = {
  seed: 1,
  windowDays: 90,
  trials: 10_000,
  // Two years: a trial still running then is reported as beyond it, never looped on.
  horizonDays: 730,
  backtestEveryDays: 14,
  // The backtest makes hundreds of forecasts: 2,000 trials place a P85 within about half a day (its
  // Monte Carlo error) at a fifth of the cost.
  backtestTrials: 2_000,
  // An enterprise's backtest makes ~19,000 forecasts: at 2,000 trials each they took ~15 s, the model
  // step's longest work. Its hit rates are shares of thousands of forecasts, and a forecast's Monte
  // Carlo error moves its own hit or miss as often one way as the other (docs/metrics.md#forecasts).
  backtestTrialBudget: 4_000_000,
  backtestMinTrials: 250,
};

/** Trials per backtest forecast when the backtest makes `forecasts` of them: the budget shared, within the bounds. */
export function backtestTrialsEach(forecasts: number, s: ForecastSettings): number {
  return Math.max(s.backtestMinTrials, Math.min(s.backtestTrials, Math.floor(s.backtestTrialBudget / Math.max(forecasts, 1))));
}

export interface TrialInput {
  /** Items of the release not done on the as-of date. */
  remaining: number;
  /** Items of the release known on the as-of date: the scope that grows. */
  known: number;
  /** Scope growth factors to draw from (known × factor items in all); none: the scope stays as known. */
  growth: readonly number[];
  /** Items the teams do first (other open releases planned to ship before it), when the release has work left. */
  ahead: number;
  /**
   * With nothing left to do: the offset (≤ 0) of the day the last item was resolved, from which the lag
   * counts. Ignored otherwise.
   */
  lastResolved: number;
  /** Items resolved on each day of the window. */
  daily: ArrayLike<number>;
  /** Lags of the teams' past releases, in days (≥ 0); none: a lag of 0. */
  lags: readonly number[];
  /**
   * A release goes out no earlier than its planned date (an offset) less a margin drawn from how early
   * the teams' past releases went out; null without a planned date.
   */
  notBefore: { planned: number; early: readonly number[] } | null;
}

export interface TrialOptions {
  trials: number;
  horizonDays: number;
}

/** Marks a trial not done by the horizon; it sorts after every real day. */
export const beyond = (horizonDays: number) => horizonDays + 1;

/**
 * The completion day of each trial, ascending; `beyond(horizonDays)` for trials not done by then. A
 * trial draws a growth factor, then a day's throughput day after day until the release's remaining
 * and added items (after those ahead of it) are done, then a lag.
 */
export function runTrials(input: TrialInput, opts: TrialOptions, random: Random): Int32Array {
  const { remaining, known, growth, ahead, daily, lags, notBefore } = input;
  const n = daily.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += daily[i]!;
  const out = new Int32Array(opts.trials);
  const cap = beyond(opts.horizonDays);
  // One 32-bit draw picks several days at once, as the digits of a number below n^perDraw ≤ 2^21: each
  // day is still any of the window's days alike and independently (to within one part in 2,000, as
  // any draw below 2^21), for a fraction of the draws.
  let perDraw = 1;
  while (n ** (perDraw + 1) <= 2 ** 21) perDraw++;
  const block = n ** perDraw;
  // The digits come by multiplying with 1/n instead of dividing (the division was most of a trial's
  // time): for whole k and n below 2^21, k × (1/n) lies within 2^-31 of k/n, which is whole or at
  // least 1/n from a whole number, so adding 2^-30 and truncating gives ⌊k/n⌋ exactly.
  const inverse = 1 / n;
  // Nothing left to do, yet the release had not shipped by the as-of date: only lags that put it after
  // that date are possible; when none is, it is taken as shipping the next day.
  const after = lags.filter((l) => input.lastResolved + l >= 1);
  const earliest = (day: number) =>
    notBefore === null ? day : Math.max(day, notBefore.planned - (notBefore.early.length ? notBefore.early[random.below(notBefore.early.length)]! : 0));
  for (let t = 0; t < opts.trials; t++) {
    const own = remaining + (growth.length ? Math.round(known * growth[random.below(growth.length)]!) - known : 0);
    if (own === 0) {
      out[t] = earliest(after.length ? input.lastResolved + after[random.below(after.length)]! : 1);
      continue;
    }
    const target = own + ahead;
    let day = 0;
    let done = 0;
    draws: while (done < target && day < cap && total > 0) {
      let k = random.below(block);
      for (let j = 1; j < perDraw; j++) {
        const q = (k * inverse + 2 ** -30) | 0;
        day++;
        done += daily[k - q * n]!;
        if (done >= target || day >= cap) break draws;
        k = q;
      }
      // The last digit is what is left.
      day++;
      done += daily[k]!;
    }
    out[t] = done >= target ? Math.min(earliest(day + (lags.length ? lags[random.below(lags.length)]! : 0)), cap) : cap;
  }
  return out.sort();
}

export interface TrialSummary {
  p50: string | null;
  p85: string | null;
  p95: string | null;
  /** The last day a trial can reach. */
  horizon: string;
  beyondHorizon: number;
  /** Null without a planned date. */
  onTimeProbability: number | null;
  histogram: Array<{ week: string; monday: string; trials: number }>;
}

/** The quantile of the sorted days as `d3.quantile`, rounded up to a whole day; null when it lies beyond the horizon. */
function quantileDate(days: Int32Array, p: number, asOf: string, horizonDays: number): string | null {
  // d3 reads any array-like; its typings only name arrays.
  const q = Math.ceil(quantileSorted(days as unknown as number[], p)!);
  return q > horizonDays ? null : addDays(asOf, q);
}

/** `histogram: false` leaves the histogram empty: the backtest reads only the quantiles, of thousands of forecasts. */
export function summarize(days: Int32Array, asOf: string, planned: string | null, horizonDays: number, { histogram = true } = {}): TrialSummary {
  const cap = beyond(horizonDays);
  let late = 0;
  const perWeek = new Map<string, number>();
  // Trials are sorted: count runs of equal days rather than converting each trial to a date.
  if (!histogram) {
    const first = days.indexOf(cap);
    late = first < 0 ? 0 : days.length - first;
  }
  for (let i = 0; histogram && i < days.length; ) {
    let j = i;
    while (j < days.length && days[j] === days[i]) j++;
    if (days[i] === cap) late += j - i;
    else {
      const week = isoWeekOf(addDays(asOf, days[i]!));
      perWeek.set(week, (perWeek.get(week) ?? 0) + j - i);
    }
    i = j;
  }
  let onTime: number | null = null;
  if (planned !== null) {
    const p = daysBetween(asOf, planned);
    const late = days.findIndex((d) => d > p);
    onTime = (late < 0 ? days.length : late) / days.length;
  }
  return {
    p50: quantileDate(days, 0.5, asOf, horizonDays),
    p85: quantileDate(days, 0.85, asOf, horizonDays),
    p95: quantileDate(days, 0.95, asOf, horizonDays),
    horizon: addDays(asOf, horizonDays),
    beyondHorizon: late / days.length,
    onTimeProbability: onTime,
    histogram: weeks(perWeek, days, asOf, cap),
  };
}

/** Every week from the first trial's to the last finished trial's, zero weeks included. */
function weeks(perWeek: Map<string, number>, days: Int32Array, asOf: string, cap: number): TrialSummary['histogram'] {
  if (perWeek.size === 0) return [];
  let last = days.length - 1;
  while (days[last] === cap) last--;
  const first = addDays(asOf, days[0]!);
  const monday = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
  const out: TrialSummary['histogram'] = [];
  for (let m = monday(first); m <= addDays(asOf, days[last]!); m = addDays(m, 7)) {
    const week = isoWeekOf(m);
    out.push({ week, monday: m, trials: perWeek.get(week) ?? 0 });
  }
  return out;
}
