// The forecasts' thread (report/forecasts-thread.ts) gives what the same functions give on this thread,
// Maps and typed arrays intact, and a thread that cannot read its database fails the model.
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDb } from '../../src/db/duckdb.ts';
import { backtest } from '../../src/metrics/backtest.ts';
import { FORECAST_DEFAULTS } from '../../src/metrics/forecast.ts';
import { forecastHistory, openForecasts } from '../../src/report/forecasts-page.ts';
import { forecastsInThread } from '../../src/report/forecasts-thread.ts';
import { loadRows } from '../../src/report/load.ts';
import { FIXTURES, ingestFiles, tempDir } from '../helpers/ingest.ts';

const DIR = path.join(FIXTURES, 'metrics/forecast');
const asOf = '2026-03-31';
// The fixture's own settings (its almanac.config.json): a window short enough for past forecasts.
const settings = { ...FORECAST_DEFAULTS, seed: 7, windowDays: 14, backtestTrials: 500 };

it('forecasts on its thread exactly as on this one', async () => {
  const run = await ingestFiles(['releases.csv', 'work_items.csv'].map((f) => path.join(DIR, f)), { asOf });
  expect(run.summary.errors).toEqual([]);
  const db = await openDb(run.db, { readOnly: true });
  const history = await forecastHistory(db, await loadRows(db, 'release'), 'UTC').finally(() => db.close());
  const threaded = await forecastsInThread({ db: run.db, timeZone: 'UTC', asOf, settings });
  expect(threaded.open.some((f) => f.summary !== null)).toBe(true);
  expect(threaded.open).toEqual(openForecasts(history, asOf, settings));
  expect(threaded.throughput).toEqual(history.throughput);
  expect(threaded.backtest.rows.length).toBeGreaterThan(0);
  expect(threaded.backtest).toEqual(backtest(history, asOf, settings));
});

it('rejects when the thread cannot open the database', async () => {
  const missing = path.join(tempDir(), 'sub', 'none.duckdb');
  await expect(forecastsInThread({ db: missing, timeZone: 'UTC', asOf, settings })).rejects.toThrow(/none\.duckdb/);
});
