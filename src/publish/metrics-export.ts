// dist/data/metrics.csv and metrics.json: every number the site shows, one tidy row each (CONTRACT.md).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { MetricRow } from '../metrics/types.ts';
import { writeJsonFile } from './json-file.ts';

export const METRIC_COLUMNS = ['metric', 'scope_kind', 'scope_id', 'period', 'value', 'unit', 'detail'] as const;

/** CSV with text cells that start with = + - @ or a tab neutralised (numbers stay numbers). */
export function metricsCsv(rows: readonly MetricRow[], header = true): string {
  return Papa.unparse(
    { fields: [...METRIC_COLUMNS], data: rows.map((r) => METRIC_COLUMNS.map((c) => r[c] ?? '')) },
    { escapeFormulae: true, newline: '\n', header },
  ) + '\n';
}

/** Rows per piece of metrics.csv: the enterprise sample's 365,000 rows as one string held ~50 MB more. */
const CSV_BATCH = 20_000;

export function writeMetrics(dir: string, rows: readonly MetricRow[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(path.join(dir, 'metrics.csv'), 'w');
  try {
    fs.writeSync(fd, metricsCsv(rows.slice(0, CSV_BATCH)));
    for (let i = CSV_BATCH; i < rows.length; i += CSV_BATCH) fs.writeSync(fd, metricsCsv(rows.slice(i, i + CSV_BATCH), false));
  } finally {
    fs.closeSync(fd);
  }
  writeJsonFile(path.join(dir, 'metrics.json'), rows, { indent: 1, split: 1, end: '\n' });
}
