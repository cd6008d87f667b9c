// The forecasts are most of a big build's arithmetic (the open releases' forecasts of 10,000 trials
// each, and the backtest's thousands of past forecasts) and need nothing but the forecast history:
// they run on a thread of their own while the rest of the model is built, so a two-core machine does
// both at once, and the model's thread lets go of the history (every work item, grouped) at once.
import { Worker } from 'node:worker_threads';
import type { ForecastSettings } from '../metrics/forecast.ts';
import type { History } from '../metrics/forecast-history.ts';
import type { BacktestResult } from '../metrics/backtest.ts';
import type { ForecastResult } from '../metrics/forecast-release.ts';

export interface ForecastJob {
  history: History;
  asOf: string;
  settings: ForecastSettings;
}

export interface ForecastRun {
  /** The forecast of each release open on the as-of date (openForecasts). */
  open: ForecastResult[];
  backtest: BacktestResult;
}

export function forecastsInThread(job: ForecastJob): Promise<ForecastRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./forecast-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (result: ForecastRun) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the forecasts thread stopped (exit ${code})`));
    });
  });
}
