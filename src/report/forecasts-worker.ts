// The thread forecasts-thread.ts starts: the forecast history read from the database, the open
// releases' forecasts and the backtest, posted back (Maps and typed arrays cross intact: structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../db/duckdb.ts';
import { backtest } from '../metrics/backtest.ts';
import { loadRows } from './load.ts';
import { forecastHistory, openForecasts } from './forecasts-page.ts';
import type { Forecasts, ForecastsJob } from './forecasts-thread.ts';

const { db: file, timeZone, asOf, settings } = workerData as ForecastsJob;
// One DuckDB thread: with the model's main thread and the other model thread, this one's queries
// already have the machine's two cores to share.
const db = await openDb(file, { readOnly: true, threads: 1 });
const history = await loadRows(db, 'release').then((releases) => forecastHistory(db, releases, timeZone)).finally(() => db.close());
const forecasts: Forecasts = { open: openForecasts(history, asOf, settings), throughput: history.throughput, backtest: backtest(history, asOf, settings) };
parentPort!.postMessage(forecasts);
