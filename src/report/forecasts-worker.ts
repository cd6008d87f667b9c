// The thread forecasts-thread.ts starts: the forecast history read from the database, the open
// releases' forecasts and the backtest, posted back (Maps and typed arrays cross intact: structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { openThreadDb } from './model-thread.ts';
import { backtest } from '../metrics/backtest.ts';
import { loadRows } from './load.ts';
import { forecastHistory, openForecasts } from './forecasts-page.ts';
import type { Forecasts, ForecastsJob } from './forecasts-thread.ts';

const { db: file, timeZone, asOf, settings } = workerData as ForecastsJob;
const db = await openThreadDb(file);
const history = await loadRows(db, 'release').then((releases) => forecastHistory(db, releases, timeZone)).finally(() => db.close());
const forecasts: Forecasts = { open: openForecasts(history, asOf, settings), throughput: history.throughput, backtest: backtest(history, asOf, settings) };
parentPort!.postMessage(forecasts);
