// The thread forecast-thread.ts starts: the open releases' forecasts and the backtest, posted back
// together (Maps and typed arrays cross intact: structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { backtest } from '../metrics/backtest.ts';
import { openForecasts } from '../metrics/forecast-release.ts';
import type { ForecastJob, ForecastRun } from './forecast-thread.ts';

const { history, asOf, settings } = workerData as ForecastJob;
const run: ForecastRun = { open: openForecasts(history, asOf, settings), backtest: backtest(history, asOf, settings) };
parentPort!.postMessage(run);
