// The forecasts are most of a big build's arithmetic: the history of every work item, a forecast of
// each open release, and the backtest (thousands of past forecasts of thousands of trials each). They
// need nothing else the model builds, so a thread of their own computes them from the start, with its
// own connection to the database, while this one builds the rest: a two-core machine does both at once.
import { modelThread } from './model-thread.ts';
import type { ForecastSettings } from '../metrics/forecast.ts';
import type { ForecastResult } from '../metrics/forecast-release.ts';
import type { History } from '../metrics/forecast-history.ts';
import type { BacktestResult } from '../metrics/backtest.ts';

export interface ForecastsJob {
  /** The database file. */
  db: string;
  timeZone: string;
  asOf: string;
  settings: ForecastSettings;
}

export interface Forecasts {
  /** The open releases' forecasts as of the report's date. */
  open: ForecastResult[];
  /** Work items resolved per team and day (what the portfolio's capacity reads too). */
  throughput: History['throughput'];
  backtest: BacktestResult;
}

export function forecastsInThread(job: ForecastsJob): Promise<Forecasts> {
  // A young generation of V8's default size, not the model process's 3 × 64 MB: what this thread
  // allocates is mostly the history, which lives to the end anyway, and it runs while the main
  // thread's heap is at its largest.
  return modelThread<Forecasts>(new URL('./forecasts-worker.ts', import.meta.url), job, { maxYoungGenerationSizeMb: 48 }).result;
}
