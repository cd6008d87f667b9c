// The backtest is most of a big build's arithmetic (thousands of past forecasts of thousands of trials
// each) and needs nothing but the forecast history: it runs on a thread of its own while the rest of
// the model is built, so a two-core machine does both at once.
import { Worker } from 'node:worker_threads';
import type { ForecastSettings } from '../metrics/forecast.ts';
import type { History } from '../metrics/forecast-history.ts';
import type { BacktestResult } from '../metrics/backtest.ts';

export interface BacktestJob {
  history: History;
  asOf: string;
  settings: ForecastSettings;
}

export function backtestInThread(job: BacktestJob): Promise<BacktestResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./backtest-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (result: BacktestResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the backtest thread stopped (exit ${code})`));
    });
  });
}
